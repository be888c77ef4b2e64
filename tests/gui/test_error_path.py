"""The error path cannot take the window down: errors in a row (the real dialogs, closed and deleted in between),
an exception hook that cannot re-enter or loop, and a note on the next start after a crash.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from argparse import Namespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

TASK_MS = 180_000  # generous: 2 shared CPU cores; never reached when things work


def _dialogs(cls_name: str) -> list:
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == cls_name and w.isVisible()]


def _close_and_delete(dialog) -> None:
    dialog.close()  # WA_DeleteOnClose: Qt deletes it with the next deferred deletions
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def real_gui(make_app, monkeypatch):
    """The app window with the real ``show_error`` (dialogs) and the real exception hook."""
    from badbatch_gui.gui import app as app_module

    gui = make_app()
    del gui.controller.show_error  # the fixture's stand-in; back to AppController.show_error
    relay = app_module._ExceptionRelay(gui.controller)
    relay.raised.connect(gui.controller.show_error, app_module.Qt.ConnectionType.QueuedConnection)
    hook = app_module.ExceptionHook(relay)
    monkeypatch.setattr(sys, "excepthook", hook)
    monkeypatch.setattr(threading, "excepthook", hook.thread_hook)
    gui.hook = hook
    yield gui
    for dialog in _dialogs("ErrorDialog"):
        _close_and_delete(dialog)


def _raise_in_the_event_loop(message: str) -> None:
    def boom() -> None:
        raise RuntimeError(message)

    QTimer.singleShot(0, boom)


@pytest.mark.qt_no_exception_capture
@pytest.mark.parametrize("errors", [2, 3])
def test_errors_in_a_row_leave_the_window_alive(real_gui, qtbot, tmp_path, errors):
    """The issue's path: an error dialog is closed (Qt deletes it), then the next error comes; before the fix the
    controller touched the deleted dialog, the hook re-entered itself and the process died.
    """
    empty = tmp_path / "empty folder"
    empty.mkdir()
    real_gui.open_and_scan(empty)
    controller = real_gui.controller
    for i in range(errors):
        _raise_in_the_event_loop(f"failure number {i}")
        qtbot.waitUntil(lambda: controller.open_error_dialogs == 1, timeout=10_000)
        (dialog,) = _dialogs("ErrorDialog")
        shown = " ".join(w.text() for w in dialog.findChildren(QLabel))
        assert "RuntimeError" in shown
        assert "Traceback" not in shown
        assert "failure number" in dialog.details
        assert "Traceback" in dialog.details
        _close_and_delete(dialog)
        qtbot.waitUntil(lambda: controller.open_error_dialogs == 0, timeout=10_000)
    # a coded error from a real task, said in plain words with what to do
    with qtbot.waitSignal(controller.task_ended, timeout=TASK_MS):
        assert controller.start_scoring(__import__("badbatch_gui.core.config", fromlist=["x"]).ScoreConfig())
    qtbot.waitUntil(lambda: controller.open_error_dialogs == 1, timeout=10_000)
    (dialog,) = _dialogs("ErrorDialog")
    assert "no photos the app can use" in dialog.message
    assert "Choose another folder" in dialog.message
    assert str(empty) in dialog.message
    _close_and_delete(dialog)
    real_gui.wait_idle()
    assert real_gui.window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_errors_while_dialogs_are_open_are_bounded_and_never_repeat_a_dialog(real_gui, qtbot):
    controller = real_gui.controller
    for i in range(6):
        controller.show_error(f"problem {i % 4}", "")  # 4 different messages, two of them twice
    assert controller.open_error_dialogs == 3  # MAX_ERROR_DIALOGS; the same message raises its dialog
    for dialog in _dialogs("ErrorDialog"):
        _close_and_delete(dialog)
    assert controller.open_error_dialogs == 0
    controller.show_error("after closing", "")
    assert controller.open_error_dialogs == 1


@pytest.mark.qt_no_exception_capture
def test_the_hook_cannot_reenter_itself_or_loop(real_gui, qtbot, monkeypatch):
    from badbatch_gui.gui import app as app_module

    calls = []

    class FailingRelay(QObject):
        """A relay whose emit raises, as a deleted C++ object would."""

        class _Signal:
            def emit(self, *args):
                calls.append(args)
                sys.excepthook(RuntimeError, RuntimeError("while reporting"), None)  # re-enters: only logged
                raise RuntimeError("Internal C++ object already deleted")

        raised = _Signal()

    hook = app_module.ExceptionHook(FailingRelay())
    hook(ValueError, ValueError("first"), None)  # does not raise, does not recurse
    assert len(calls) == 1
    for _ in range(3 * app_module.HOOK_BUDGET):
        hook(ValueError, ValueError("again"), None)
    assert len(calls) == app_module.HOOK_BUDGET  # the rest are only logged


def _simulate_a_crash(log_dir) -> None:
    """A process that starts a session and dies without ending it (its pid is gone afterwards)."""
    code = (
        "import sys, os\nfrom badbatch_gui.core.session_marker import SessionMarker\n"
        "SessionMarker(sys.argv[1]).begin('2026-12-07T17:00:00+09:00')\nos._exit(9)\n"
    )
    res = subprocess.run([sys.executable, "-c", code, str(log_dir)], timeout=120)
    assert res.returncode == 9


def test_a_crash_leaves_a_note_for_the_next_start(gui, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from badbatch_gui.core.session_marker import SessionMarker
    from badbatch_gui.gui import app as app_module

    marker = SessionMarker(gui.paths.log_dir)
    marker.begin("2026-12-07T09:00:00+09:00")
    marker.end()
    assert marker.previous() is None  # a clean exit leaves nothing
    _simulate_a_crash(gui.paths.log_dir)
    last = marker.previous()
    assert last is not None
    assert last.started.startswith("2026-12-07")
    monkeypatch.setattr(gui.controller, "start_device_probe", lambda: None)
    gui.controller.settings.show_first_run_demo = False
    app_module._after_first_paint(gui.window, gui.controller, Namespace(folder=None, self_test=False), last)
    (note,) = _dialogs("CrashNoteDialog")
    assert "closed unexpectedly" in note.text.text()
    assert str(gui.paths.log_dir) in note.text.text()
    # no file manager on this computer: the path is shown to copy instead of nothing happening
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    note.open_button.click()
    (fallback,) = _dialogs("FolderPathDialog")
    assert fallback.path.text() == str(gui.paths.log_dir)
    _close_and_delete(fallback)
    _close_and_delete(note)
    # the next start after a clean session says nothing
    app_module._after_first_paint(gui.window, gui.controller, Namespace(folder=None, self_test=False), None)
    assert _dialogs("CrashNoteDialog") == []


def test_a_running_window_is_not_mistaken_for_a_crash(tmp_path):
    from badbatch_gui.core.session_marker import SessionMarker

    code = (
        "import sys, time\nfrom badbatch_gui.core.session_marker import SessionMarker\n"
        "SessionMarker(sys.argv[1]).begin('now'); print('up', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "up"
        assert SessionMarker(tmp_path).previous() is None  # another window of the app is running
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert SessionMarker(tmp_path).previous() is not None  # now it is gone without ending its session


def test_every_code_the_core_raises_has_a_sentence():
    """Every ``code="..."`` literal in the core becomes a translated sentence in the window."""
    import ast
    from pathlib import Path

    import badbatch_gui
    from badbatch_gui.gui.text.error_text import has_sentence

    core = Path(badbatch_gui.__file__).parent / "core"
    codes = set()
    for path in core.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "code"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                codes.add(node.value.value)
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "_check"
                and len(node.args) >= 3
                and isinstance(node.args[2], ast.Constant)
            ):
                codes.add(node.args[2].value)
    codes |= {
        "config_range",
        "config_choice",
        "config_positive",
        "export_name_reserved",
        "export_name_too_long",
        "export_name_characters",
        "checkpoint_missing",
        "checkpoint_unusable",
        "checkpoint_disk_full",
        "checkpoint_not_written",
        "export_disk_full",
        "export_write_failed",
        "run_exists",
    }
    assert len(codes) > 50
    assert sorted(c for c in codes if not has_sentence(c)) == [], "add a sentence in gui/text/error_text.py"


def test_error_sentences_use_the_values_and_fall_back_with_what_to_do(qapp):
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.errors import BadBatchError, ConfigError, FolderError
    from badbatch_gui.gui.text.error_text import error_text, what_to_do

    text = error_text(FolderError("No usable image in /p.", code="folder_all_unusable", folder="/p", count=7))
    assert "/p" in text
    assert "7" in text
    assert "Problems tab" in text
    with pytest.raises(ConfigError) as info:
        TrainConfig(batch_size=1).validate()
    assert info.value.code == "config_range"
    assert error_text(info.value) == "“Batch size” must be between 2 and 4096."
    unknown = error_text(BadBatchError("A brand-new problem.", code="not_known_yet"))
    assert unknown.startswith("A brand-new problem.")
    assert what_to_do() in unknown
    broken = error_text(FolderError("Only 1 image.", code="fewer_photos_than_batch"))  # values missing
    assert broken.startswith("Only 1 image.")
    assert what_to_do() in broken
    assert "ValueError" in error_text(ValueError("x"))
    assert "Copy details" in error_text(ValueError("x"))
