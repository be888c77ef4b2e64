"""Fixtures for the GUI tests: the real main window and controller, a small demo folder, clean teardown.

Helpers that are not fixtures (tiny training settings, waits) are in ``tests.helpers.gui_training``.

Every wait has a timeout; every worker thread and thread pool is joined at teardown (a QThread still running
when the test ends aborts the process, pytest-dev/pytest-qt#276).
"""

from __future__ import annotations

from pathlib import Path

import pytest

try:  # PySide6 6.12 on Python 3.11 workarounds (gui/pyside_fixes.py), before any QApplication exists
    from badbatch_gui.gui import pyside_fixes

    pyside_fixes.apply()
except ImportError:  # pragma: no cover
    pass

TASK_MS = 180_000  # generous: 2 shared CPU cores; never reached when things work


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Once the test function returned, collect nothing until teardown: pytest-qt then closes the test's widgets
    and Qt deletes them (see :func:`gc_on_gui_thread`). A collection in between would clear the Python side of
    widgets Qt still draws (pyqtgraph's LabelItem then fails in ``sizeHint``).
    """
    try:
        return (yield)
    finally:
        from badbatch_gui.gui import gc_on_gui_thread as collector_module

        collector = collector_module.installed()
        if collector is not None:
            collector.pause()


@pytest.fixture(autouse=True)
def gc_on_gui_thread(qapp):
    """Garbage is collected on the GUI thread only, as in the app (``app.main`` installs the same collector);
    at teardown, once the test's threads are joined, one last collection runs here and CPython's automatic
    collection is switched back on for the tests that follow. A collection in any other thread fails the test.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    from badbatch_gui.gui import gc_on_gui_thread as collector_module

    collector = collector_module.install(qapp)
    yield collector
    elsewhere = collector.elsewhere
    # pytest-qt has closed the test's widgets and asked Qt to delete them later: delete them now, so the last
    # collection never clears the Python side of a Qt object that is still alive (pyqtgraph items then fail
    # in the next test's event loop with "'LabelItem' object has no attribute ...")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector.uninstall()
    assert elsewhere == 0, "a garbage collection ran outside the GUI thread"


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory) -> Path:
    """The demo folder generator at a small size: 96 pictures + broken files + a copy (shared, read-only)."""
    from badbatch_gui.core.data.demo import write_demo_folder

    folder = tmp_path_factory.mktemp("gui") / "デモ photos"
    write_demo_folder(folder, n_images=96, seed=3)
    return folder


@pytest.fixture
def torch_one_thread():
    """Keep torch to one thread while the test runs (shared 2-core machine)."""
    import torch

    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """The built-in demo folder, 32 pictures (+ broken files and a copy that the scan leaves out)."""
    from badbatch_gui.core.data.demo import write_demo_folder

    folder = tmp_path / "demo photos"
    write_demo_folder(folder, n_images=32, seed=1)
    return folder


@pytest.fixture
def controller(qtbot, demo_folder: Path):
    """An AppController with the demo folder opened and scanned; every task joined at teardown."""
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.controller import AppController

    ctl = AppController(AppSettings(), app_paths().ensure())
    ctl.show_error = lambda message, details: setattr(ctl, "last_error", (message, details))  # no dialogs
    assert ctl.open_folder(demo_folder)
    qtbot.waitUntil(lambda: ctl.scan is not None and not ctl.tasks.busy, timeout=60_000)
    yield ctl
    assert ctl.shutdown(120_000), "a worker thread did not stop"


class AppUnderTest:
    """The app as ``app.main`` builds it (without ``exec``): settings, controller, main window."""

    def __init__(self, qtbot) -> None:
        from badbatch_gui.core.paths import app_paths
        from badbatch_gui.core.settings import load_settings
        from badbatch_gui.gui.app import build_window

        self.qtbot = qtbot
        self.paths = app_paths().ensure()
        settings = load_settings(self.paths.settings_file)
        self.controller, self.window = build_window(settings, self.paths, install_hooks=False)
        self.errors: list[tuple[str, str]] = []
        self.controller.show_error = lambda m, d: self.errors.append((m, d))  # no dialogs in tests
        qtbot.addWidget(self.window)
        self.window.resize(1200, 800)
        self.window.show()
        self.window.build_remaining_pages()

    @property
    def images_page(self):
        return self.window.page(0)

    @property
    def batch_page(self):
        return self.window.page(1)

    def open_and_scan(self, folder: Path) -> None:
        """Open ``folder`` and wait for its scan."""
        with self.qtbot.waitSignal(
            self.controller.scan_changed, timeout=TASK_MS, check_params_cb=lambda s: s is not None
        ):
            assert self.controller.open_folder(folder)
        self.wait_idle()

    def score(self, batch_size: int = 8, mode: str = "views") -> None:
        """Run the Batch check on 64-px images and wait for the report."""
        page = self.batch_page
        page.image_size = 64
        page.settings_row.batch_size.setValue(batch_size)
        page.settings_row.set_mode(mode)
        with self.qtbot.waitSignal(
            self.controller.report_changed, timeout=TASK_MS, check_params_cb=lambda r: r is not None
        ):
            page.settings_row.start_button.click()
        self.wait_idle()

    def wait_idle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.controller.tasks.busy, timeout=TASK_MS)

    def close(self) -> None:
        """Close the window as the operator would (stops and joins every worker)."""
        if self.window.isVisible():
            self.window.close()
        assert not self.controller.tasks.busy
        assert not self.controller.probing
        assert not self.batch_page.views.busy


@pytest.fixture(autouse=True)
def _closing_during_training_stops(monkeypatch):
    """Closing the window while training asks a modal question; tests answer "Stop and keep progress" (a test that
    asks about the question replaces this).
    """
    from badbatch_gui.gui.dialogs import close_question

    monkeypatch.setattr(close_question, "ask", lambda parent: close_question.STOP)


@pytest.fixture
def gui(qtbot):
    """A fresh app window; closed (workers joined) at teardown."""
    app = AppUnderTest(qtbot)
    yield app
    app.close()
    assert app.controller.shutdown(60_000)


@pytest.fixture
def make_app(qtbot):
    """``make_app()`` builds another app window (a test of "the next start" needs two); all are closed, and their
    workers joined, at teardown.
    """
    made: list[AppUnderTest] = []

    def make() -> AppUnderTest:
        made.append(AppUnderTest(qtbot))
        return made[-1]

    yield make
    for app in made:
        app.close()
        assert app.controller.shutdown(60_000)
