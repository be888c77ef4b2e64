"""Short jobs that run beside the one long task, in a QThreadPool (docs/design/gui.md §1, "Short independent jobs").

The long task (scan, scoring, training, export...) is the controller's alone, one at a time. A few light jobs must
not wait for it: the start-up device probe (the window may scan a folder meanwhile) and the views of the batch
under review (the operator may look at batches while training runs). Such a job is a
:class:`~badbatch_gui.gui.tasks.runner.Worker` run by a :class:`PoolJob` in a pool thread. The worker is not moved
to another thread: it stays in the GUI thread and is the job's signal carrier (a QRunnable is not a QObject), so
its signals reach GUI-thread slots queued, exactly as a task's do. Its owner keeps a reference to it until
``ended``; the job hands its own reference to the GUI thread when it is done (gc_on_gui_thread.py), so the
worker QObject is never freed in the pool thread, whichever of the two lets go last.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QRunnable, QThreadPool

from badbatch_gui.gui.gc_on_gui_thread import release_on_gui_thread
from badbatch_gui.gui.tasks.runner import Worker


class PoolJob(QRunnable):
    """Runs one :class:`Worker`'s :meth:`~Worker.run` in a pool thread."""

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.worker: Worker | None = worker

    def run(self) -> None:
        """Called in a pool thread."""
        worker, self.worker = self.worker, None
        if worker is None:
            return
        try:
            worker.run()
        finally:
            release_on_gui_thread(worker)  # this thread's last reference goes to the GUI thread


def wait_for_pool(pool: QThreadPool, timeout_ms: int) -> bool:
    """Wait for the pool's running jobs while pumping events (their queued signals are delivered).
    True when the pool is idle.
    """
    deadline = QDeadlineTimer(timeout_ms)
    while pool.activeThreadCount() > 0 and not deadline.hasExpired():
        QCoreApplication.processEvents()
        pool.waitForDone(20)
    QCoreApplication.processEvents()
    return pool.activeThreadCount() == 0
