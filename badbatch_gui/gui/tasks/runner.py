"""Background tasks: a Worker QObject runs one core entry point in a QThread; TaskRunner owns one at a time.

Threading rules (docs/design/gui.md §1):
- A worker is created without a parent, moved to its own QThread and started from the thread's ``started``
  signal. The runner keeps Python references to both so PySide does not collect them.
- The core's ``on_event`` callback is the worker's :meth:`Worker.on_event`, which sends each event on the typed
  signal for its kind (state, phase, progress, notice...): the events cross to the GUI thread as queued signals,
  and no slot has to ask what type it got. Connect them only to methods of GUI-thread QObjects (never lambdas:
  those run in the worker thread).
- Only :class:`~badbatch_gui.gui.controller.AppController` starts tasks (``start_task``): the one runner is
  its ``tasks``. Short jobs beside the task (thumbnails, a batch's views, the device probe) run in a
  QThreadPool instead (gui/tasks/pool_jobs.py).
- Pause and Stop call the worker's :class:`RunControl` directly (thread-safe); a queued request would never be
  processed by the busy worker thread.
- :meth:`TaskRunner.shutdown` (used by the window's closeEvent) requests a stop and waits while pumping events;
  ``QThread.terminate()`` is never called.
"""

from __future__ import annotations

import dataclasses
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal, Slot

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.gui.text.error_text import error_text
from badbatch_gui.gui.text.plain_messages import notice_text
from badbatch_gui.gui.text.progress_text import progress_text

log = logging.getLogger(__name__)


def failure_message(worker_name: str, exc: BaseException) -> str:
    """The operator's sentence for an exception that ended a worker, in their language with what to do next
    (``gui/text/error_text.py``); logged here, with its traceback unless the core raised a planned error.
    """
    if isinstance(exc, BadBatchError):
        log.warning("%s failed (%s): %s", worker_name, exc.code, exc)
    else:
        log.exception("%s crashed", worker_name)
    return error_text(exc)


class Worker(QObject):
    """Base worker. Subclasses implement :meth:`work`, calling one core function with
    ``control=self.control, on_event=self.on_event`` and returning its result.

    Signals (typed: each carries one kind of core event):
        state_changed(object): the job's new :class:`~badbatch_gui.core.events.RunState`.
        phase(object): a :class:`~badbatch_gui.core.events.Progress` (phase name, counts, plain line).
        progressed(int, int): done and total for the status bar (total 0 = busy, amount unknown).
        notice(object): a :class:`~badbatch_gui.core.events.Notice` for the operator.
        epoch_ended(object): an :class:`~badbatch_gui.core.events.EpochEnded` (training).
        checkpoint_saved(object): a :class:`~badbatch_gui.core.events.CheckpointSaved` (training).
        done(object): the result, when :meth:`work` returned normally.
        canceled(): the work stopped because a stop was requested.
        failed(str, str): a plain-language message and the technical details (traceback) for "Copy details".
        ended(): always sent last, whatever happened.

    The core's RunFinished is not forwarded: done / canceled / failed say how the work ended.
    """

    state_changed = Signal(object)
    phase = Signal(object)
    progressed = Signal(int, int)
    notice = Signal(object)
    epoch_ended = Signal(object)
    checkpoint_saved = Signal(object)
    done = Signal(object)
    canceled = Signal()
    failed = Signal(str, str)
    ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.control = RunControl()
        # event type -> what sends it (called in the worker thread); the one place that looks at event types
        self._routes: dict[type, Callable[[Any], None]] = {
            ev.StateChanged: self._send_state,
            ev.Progress: self._send_progress,
            ev.ScanProgress: self._send_scan_progress,
            ev.BatchScored: self._send_batch_scored,
            ev.Notice: self._send_notice,
            ev.EpochEnded: self.epoch_ended.emit,
            ev.CheckpointSaved: self.checkpoint_saved.emit,
        }

    def work(self) -> Any:  # pragma: no cover - abstract
        """Do the job in the worker thread; return the result."""
        raise NotImplementedError

    def on_event(self, event: object) -> None:
        """The core's ``on_event`` callback: send ``event`` on the signal for its kind (events without one are
        dropped).
        """
        route = self._routes.get(type(event))
        if route is not None:
            route(event)

    def _send_state(self, event: ev.StateChanged) -> None:
        self.state_changed.emit(event.state)

    def _send_progress(self, event: ev.Progress) -> None:
        self.phase.emit(dataclasses.replace(event, message=progress_text(event)))  # in the operator's language
        self.progressed.emit(event.done, event.total or 0)

    def _send_scan_progress(self, event: ev.ScanProgress) -> None:
        self.progressed.emit(event.done, event.total or 0)

    def _send_notice(self, event: ev.Notice) -> None:
        self.notice.emit(dataclasses.replace(event, message=notice_text(event.code, event.message, event.data)))

    def _send_batch_scored(self, event: ev.BatchScored) -> None:
        self.progressed.emit(event.index + 1, event.total)

    @Slot()
    def run(self) -> None:
        """Entry point, called in the worker thread."""
        try:
            result = self.work()
        except Cancelled:
            self.canceled.emit()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed
            self.failed.emit(failure_message(type(self).__name__, exc), traceback.format_exc())
        else:
            self.done.emit(result)
        finally:
            self.ended.emit()


class TaskRunner(QObject):
    """Runs at most one :class:`Worker` at a time in its own QThread (the controller's ``tasks``), and says what
    any task does, with its name, for every page to follow.

    Signals:
        busy_changed(bool): a task started (True) or fully ended and its thread finished (False).
        progress(str, int, int): task name, done, total (total 0 = busy, amount unknown).
        phase(str, str): task name and the core's phase name ("decode", "features", "scoring"...).
        ended(str, str): task name and how it ended ("completed", "canceled", "errored").
    """

    busy_changed = Signal(bool)
    progress = Signal(str, int, int)
    phase = Signal(str, str)
    ended = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: Worker | None = None
        self.name = ""

    @property
    def busy(self) -> bool:
        """True while a task runs (or its thread has not finished yet)."""
        return self._thread is not None

    @property
    def worker(self) -> Worker | None:
        """The running worker, if any (its ``control`` pauses/stops it)."""
        return self._worker

    def start(self, worker: Worker, name: str) -> bool:
        """Start ``worker`` in a new thread; returns False (and starts nothing) while another task runs.

        Connect the worker's signals to GUI-thread slots BEFORE calling this.
        """
        if self.busy:
            log.info("refused to start %s: %s is running", name, self.name)
            return False
        worker.progressed.connect(self._on_progressed)
        worker.phase.connect(self._on_phase)
        worker.done.connect(self._on_completed)
        worker.canceled.connect(self._on_canceled)
        worker.failed.connect(self._on_failed)
        thread = QThread()
        thread.setObjectName(f"task-{name}")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.ended.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker, self.name = thread, worker, name
        thread.start()
        self.busy_changed.emit(True)
        self.progress.emit(name, 0, 0)
        return True

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.emit(self.name, done, total)

    @Slot(object)
    def _on_phase(self, progress: ev.Progress) -> None:
        self.phase.emit(self.name, progress.phase)

    @Slot(object)
    def _on_completed(self, _result: object) -> None:
        self.ended.emit(self.name, "completed")

    @Slot()
    def _on_canceled(self) -> None:
        self.ended.emit(self.name, "canceled")

    @Slot(str, str)
    def _on_failed(self, _message: str, _details: str) -> None:
        self.ended.emit(self.name, "errored")

    @Slot()
    def _on_thread_finished(self) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.deleteLater()
        self.name = ""
        self.busy_changed.emit(False)

    def request_stop(self) -> None:
        """Ask the running task to stop at its next step boundary."""
        if self._worker is not None:
            self._worker.control.request_stop()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop the running task and wait for its thread, pumping events meanwhile. True when it ended."""
        thread = self._thread
        if thread is None:
            return True
        self.request_stop()
        deadline = QDeadlineTimer(timeout_ms)
        while thread.isRunning() and not deadline.hasExpired():
            QCoreApplication.processEvents()
            thread.wait(20)
        ended = not thread.isRunning()
        if not ended:
            log.error("task %s did not stop within %d ms", self.name, timeout_ms)
        QCoreApplication.processEvents()
        return ended
