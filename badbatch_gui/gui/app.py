"""The desktop app's entry point: QApplication, translators, exception hooks, settings, controller, window.

Nothing here imports torch: the window is shown first and torch loads in a background thread after the first
paint (docs/design/gui.md §8; tests/test_architecture.py checks it).

Options (``badbatch-gui --help``): ``--self-test`` opens the window, loads and scans the demo folder, closes and
exits 0 (used by packaging checks and CI; it also fails when a garbage collection ran outside the GUI thread,
gc_on_gui_thread.py); ``--lang en|ja`` overrides the language for this start.
"""

from __future__ import annotations

import argparse
import collections
import datetime as _dt
import faulthandler
import gc
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from badbatch_gui import __version__
from badbatch_gui.core.logs import setup_logging
from badbatch_gui.core.paths import HOME_ENV, AppPaths, app_paths
from badbatch_gui.core.session_marker import FAULT_LOG_NAME, LastSession, SessionMarker
from badbatch_gui.core.settings import AppSettings, load_settings
from badbatch_gui.core.write_errors import write_failure
from badbatch_gui.gui import gc_on_gui_thread, resources, startup_notes
from badbatch_gui.gui.controller import AppController
from badbatch_gui.gui.main_window import MainWindow
from badbatch_gui.gui.text.error_text import error_text
from badbatch_gui.gui.translators import choose_language, install_translators

log = logging.getLogger(__name__)
__all__ = ["build_window", "choose_language", "install_translators", "main"]
SELF_TEST_TIMEOUT_MS = 25000
HOOK_BUDGET, HOOK_WINDOW_S = 5, 10.0  # at most 5 error dialogs from uncaught exceptions per 10 s
_keep: list[object] = []  # objects that must outlive main() (fault log file, translators)


class _ExceptionRelay(QObject):
    """Carries an uncaught exception from any thread to the GUI thread's error dialog."""

    raised = Signal(str, str)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="badbatch-gui", description="BadBatch Studio desktop app.")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, scan the demo folder, close and exit 0 (no display needed with "
        "QT_QPA_PLATFORM=offscreen)",
    )
    parser.add_argument("--lang", choices=("en", "ja"), help="language for this start (overrides the setting)")
    parser.add_argument("--folder", help="open this folder at start")
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)  # first-paint benchmark
    args, _qt_args = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return args


class ExceptionHook:
    """``sys.excepthook`` / ``threading.excepthook`` of the window: log the exception with its traceback and show
    the operator one translated sentence (``relay.raised``, connected queued to ``AppController.show_error``).

    It can neither re-enter itself nor loop: an exception raised while it runs (in the same thread) is only
    logged; a failure inside it is logged, never re-raised; and past :data:`HOOK_BUDGET` exceptions in
    :data:`HOOK_WINDOW_S` seconds (an error that repeats on every event) the rest are only logged.
    """

    def __init__(self, relay: _ExceptionRelay) -> None:
        self.relay = relay
        self._state = threading.local()
        self._recent: collections.deque[float] = collections.deque(maxlen=HOOK_BUDGET)
        self._lock = threading.Lock()

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        """Log the exception and hand its sentence to the relay (once per thread at a time, within the budget)."""
        if getattr(self._state, "active", False):
            _log_quietly("an exception while reporting another one: %s: %s", exc_type.__name__, exc)
            return
        self._state.active = True
        try:
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            log.critical("uncaught exception\n%s", details)
            if self._within_budget():
                self.relay.raised.emit(error_text(exc), details)
            else:
                log.error("too many errors in a short time; only logging them until it calms down")
        except BaseException as hook_error:  # noqa: BLE001 - the hook must never raise
            _log_quietly("the exception hook failed: %r", hook_error)
        finally:
            self._state.active = False

    def thread_hook(self, hook_args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: the same, for an exception that ended a Python thread."""
        if hook_args.exc_value is not None:
            self(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback)

    def _within_budget(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if len(self._recent) == HOOK_BUDGET and now - self._recent[0] < HOOK_WINDOW_S:
                return False
            self._recent.append(now)
            return True


def _log_quietly(message: str, *args: object) -> None:
    try:
        log.error(message, *args)
    except Exception:  # noqa: BLE001 - even logging may fail while the process is going down
        pass


def _install_hooks(relay: _ExceptionRelay) -> ExceptionHook:
    hook = ExceptionHook(relay)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    return hook


def _apply_pyside_fixes() -> None:
    """PySide6 6.12 workarounds (gui/pyside_fixes.py), before any QApplication or thread exists."""
    try:
        from badbatch_gui.gui import pyside_fixes
    except ImportError:
        return
    pyside_fixes.apply()


def _guard_streams() -> None:
    """Windowed (frozen) builds have no stdout/stderr; writes to None would crash."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; returns the exit code."""
    started = time.perf_counter()
    _guard_streams()
    _apply_pyside_fixes()
    args = _parse(argv)
    paths = app_paths()
    logs = setup_logging(paths.log_dir)
    if logs.problem:
        sys.stderr.write(f"badbatch-gui: warning: {logs.problem}\n")
    storage = prepare_folders(paths)  # the window says so too
    marker = SessionMarker(paths.log_dir)
    last_session = marker.previous()  # the last session did not end cleanly (crash, killed, power cut)
    marker.begin(_dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    _enable_fault_log(paths)
    settings = load_settings(paths.settings_file)

    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    # instance() is typed as the QCoreApplication base; here it is always the QApplication (a GUI app)
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "badbatch-gui"]))
    app.setApplicationName("BadBatch Studio")
    app.setOrganizationName("BadBatch")
    app.setApplicationVersion(__version__)
    gc_on_gui_thread.install(app)  # before any worker thread: Qt objects are freed on this thread only
    _keep.extend(install_translators(app, choose_language(settings.language, args.lang)))
    app.setWindowIcon(resources.icon("app"))

    controller, window = build_window(settings, paths)
    if storage is not None:
        window.show_storage_problem(*storage)
    if args.exit_after_paint:
        window.first_painted.connect(lambda: _report_first_paint(app, started))
    else:
        window.first_painted.connect(lambda: _after_first_paint(window, controller, args, last_session))
    if args.self_test:
        _arm_self_test(app, window, controller)
    window.show()
    rc = app.exec()
    log.info("app exited with %s", rc)
    marker.end()
    return int(rc)


def prepare_folders(paths: AppPaths) -> tuple[str, str] | None:
    """Create the app's folders. When that is impossible (a read-only place, a full disk, ``BADBATCH_HOME`` under
    a file) the app still starts: returns the folder and the kind of problem (``write_errors``) for the window's
    warning, else None.
    """
    try:
        paths.ensure()
    except OSError as exc:
        failure = write_failure(exc)
        folder = os.environ.get(HOME_ENV, "").strip() or str(exc.filename or paths.data_dir)
        log.warning("the app's folders cannot be created (%s: %s); starting without them", folder, failure.reason)
        return folder, failure.kind
    return None


def _enable_fault_log(paths: AppPaths) -> None:
    """Crash stacks go to ``faults.log`` in the log folder, or to stderr when that cannot be written."""
    try:
        fault_log = open(paths.log_dir / FAULT_LOG_NAME, "a", encoding="utf-8")  # noqa: SIM115 - kept open
    except OSError:
        faulthandler.enable()
        return
    faulthandler.enable(file=fault_log)
    _keep.append(fault_log)


def build_window(
    settings: AppSettings, paths: AppPaths, install_hooks: bool = True
) -> tuple[AppController, MainWindow]:
    """The controller and the main window (not shown yet); with ``install_hooks`` uncaught exceptions from any
    thread are logged and shown in the error dialog.

    Needs a QApplication with its translators already installed. Tests build the app through this too (without
    the hooks, so pytest-qt still sees exceptions).
    """
    controller = AppController(settings, paths)
    if install_hooks:
        relay = _ExceptionRelay(controller)
        # queued: the dialog is built from the event loop, never inside the hook (or the code that failed)
        relay.raised.connect(controller.show_error, Qt.ConnectionType.QueuedConnection)
        _install_hooks(relay)
    return controller, MainWindow(controller)


def _report_first_paint(app: QApplication, started: float) -> None:
    sys.stdout.write(
        f"FIRST_PAINT {time.time():.6f} in_main_s={time.perf_counter() - started:.4f} "
        f"torch_loaded={'torch' in sys.modules}\n"
    )
    sys.stdout.flush()
    app.quit()


def _after_first_paint(
    window: MainWindow, controller: AppController, args: argparse.Namespace, last_session: LastSession | None = None
) -> None:
    """Build the other pages, start loading torch, open the starting folder; then say if the app closed
    unexpectedly last time and offer to resume an interrupted training run.
    """
    window.build_remaining_pages()
    controller.start_device_probe()
    settings = controller.settings
    if args.folder:
        controller.open_folder(args.folder)
    elif args.self_test:
        controller.open_demo()
    elif settings.last_folder and Path(settings.last_folder).is_dir():
        controller.open_folder(settings.last_folder)
    elif settings.show_first_run_demo:
        settings.show_first_run_demo = False
        controller.save_settings()
        controller.open_demo()
    if not args.self_test:
        startup_notes.show(window, controller, last_session)


class _SelfTestState(TypedDict):
    rc: int
    scanned: int | None  # usable images once the scan completed
    device: dict[str, Any] | None  # the device dict once the ML runtime has loaded


def _arm_self_test(app: QApplication, window: MainWindow, controller: AppController) -> None:
    """Exit 0 once the demo folder is scanned AND the ML runtime (torch) has loaded; exit 1 on an error, when
    torch cannot load (a broken bundle), or after the timeout.
    """
    state: _SelfTestState = {"rc": 1, "scanned": None, "device": None}

    def finish(rc: int, message: str) -> None:
        collector = gc_on_gui_thread.installed(app)
        if collector is None or collector.elsewhere or gc.isenabled():
            rc = 1
        if collector is not None:
            message += (
                f"; garbage collection: automatic {'on' if gc.isenabled() else 'off'}, "
                f"{collector.on_gui_thread} passes on the GUI thread, {collector.elsewhere} elsewhere"
            )
        state["rc"] = rc
        sys.stdout.write(f"self-test: {message}\n")
        sys.stdout.flush()
        window.close()
        app.exit(rc)

    def check_done() -> None:
        scanned, device = state["scanned"], state["device"]
        if scanned is None or device is None:
            return
        if device.get("kind") == "none":
            QTimer.singleShot(0, lambda: finish(1, f"the ML runtime did not load: {device.get('name')}"))
            return
        QTimer.singleShot(
            0,
            lambda: finish(
                0 if scanned else 1,
                f"scanned {scanned} usable images in {controller.folder}; device: {device.get('name')}",
            ),
        )

    def on_ended(name: str, how: str) -> None:
        if name == "scan" and how == "completed" and controller.scan is not None:
            state["scanned"] = len(controller.scan.images)
            check_done()
        elif how != "completed":
            QTimer.singleShot(0, lambda: finish(1, f"{name} {how}: {controller.last_error}"))

    def on_device(info: dict[str, Any]) -> None:
        state["device"] = dict(info)
        check_done()

    controller.task_ended.connect(on_ended)
    controller.device_ready.connect(on_device)
    QTimer.singleShot(SELF_TEST_TIMEOUT_MS, lambda: finish(1, "timed out"))
