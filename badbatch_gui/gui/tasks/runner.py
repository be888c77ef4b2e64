"""Background tasks: a Worker QObject runs one core entry point in a QThread; TaskRunner owns one at a time.

Threading rules (docs/design/gui.md §1):
- A worker is created without a parent, moved to its own QThread and started from the thread's ``started``
  signal. The runner keeps Python references to both so PySide does not collect them.
- The core's ``on_event`` callback is the worker's ``event.emit``: events cross to the GUI thread as queued
  signals. Connect them only to methods of GUI-thread QObjects (never lambdas: those run in the worker thread).
- Pause and Stop call the worker's :class:`RunControl` directly (thread-safe); a queued request would never be
  processed by the busy worker thread.
- :meth:`TaskRunner.shutdown` (used by the window's closeEvent) requests a stop and waits while pumping events;
  ``QThread.terminate()`` is never called.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal, Slot

from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import BadBatchError

log = logging.getLogger(__name__)


class Worker(QObject):
    """Base worker. Subclasses implement :meth:`work`, calling one core function with
    ``control=self.control, on_event=self.event.emit`` and returning its result.

    Signals:
        event(object): every core event, unchanged (frozen dataclasses).
        done(object): the result, when :meth:`work` returned normally.
        canceled(): the work stopped because a stop was requested.
        failed(str, str): a plain-language message and the technical details (traceback) for "Copy details".
        ended(): always sent last, whatever happened.
    """

    event = Signal(object)
    done = Signal(object)
    canceled = Signal()
    failed = Signal(str, str)
    ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.control = RunControl()

    def work(self) -> Any:  # pragma: no cover - abstract
        """Do the job in the worker thread; return the result."""
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        """Entry point, called in the worker thread."""
        try:
            result = self.work()
        except Cancelled:
            self.canceled.emit()
        except BadBatchError as exc:
            log.warning("%s failed: %s", type(self).__name__, exc)
            self.failed.emit(str(exc), traceback.format_exc())
        except MemoryError:
            log.exception("%s ran out of memory", type(self).__name__)
            self.failed.emit(QCoreApplication.translate(
                "Worker", "The computer ran out of memory. Close other programs or choose smaller settings."),
                traceback.format_exc())
        except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed
            log.exception("%s crashed", type(self).__name__)
            self.failed.emit(QCoreApplication.translate("Worker", "Something went wrong: {0}").format(exc),
                             traceback.format_exc())
        else:
            self.done.emit(result)
        finally:
            self.ended.emit()


class TaskRunner(QObject):
    """Runs at most one :class:`Worker` at a time in its own QThread.

    Signals:
        busy_changed(bool): a task started (True) or fully ended and its thread finished (False).
    """

    busy_changed = Signal(bool)

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
        thread = QThread()
        thread.setObjectName(f"task-{name}")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.ended.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker, self.name = thread, worker, name
        thread.start()
        self.busy_changed.emit(True)
        return True

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
