"""The Inspect step's quick jobs, run beside the long task in a thread pool (docs/design/gui.md §1, "Short
independent jobs"): photos like a chosen one (with the untrained twin's answer beside it), near-duplicate groups, and
a check judged again at another false-alarm rate.

``similar_photos`` takes about a millisecond on 10,000 indexed photos, but a photo dropped from outside the folder
is decoded and embedded first, and near-duplicate groups compare every pair of photos (seconds at 10,000), so
neither runs on the GUI thread. :class:`LatestJob` runs one job at a time; a newer request replaces the one
waiting, so dragging a slider or clicking through photos never queues up stale work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from badbatch_gui.gui.tasks.pool_jobs import PoolJob, wait_for_pool
from badbatch_gui.gui.tasks.runner import Worker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SimilarAnswer:
    """Photos like ``photo``: the trained network's ``SimilarPhotos`` and, when asked, the untrained twin's."""

    photo: str
    trained: Any
    untrained: Any | None


@dataclass(frozen=True)
class DuplicateGroups:
    """Near-duplicate groups (tuples of relative paths, largest first) at a similarity threshold."""

    threshold: float
    groups: tuple[tuple[str, ...], ...]


class SimilarWorker(Worker):
    """``similar_photos`` under the network and, when given, under its untrained twin -> :class:`SimilarAnswer`."""

    def __init__(
        self, model: Any, index: Any, photo: str | Path, k: int, twin: Any = None, twin_index: Any = None
    ) -> None:
        super().__init__()
        self.model, self.index, self.photo, self.k = model, index, str(photo), int(k)
        self.twin, self.twin_index = twin, twin_index

    def work(self) -> Any:
        """Ask both networks."""
        from badbatch_gui.core.inspect.neighbours import similar_photos

        trained = similar_photos(self.model, self.index, self.photo, self.k)
        untrained = None
        if self.twin is not None and self.twin_index is not None:
            untrained = similar_photos(self.twin, self.twin_index, self.photo, self.k)
        return SimilarAnswer(self.photo, trained, untrained)


class DuplicatesWorker(Worker):
    """``near_duplicate_groups`` of an index at a threshold -> :class:`DuplicateGroups`."""

    def __init__(self, index: Any, threshold: float) -> None:
        super().__init__()
        self.index, self.threshold = index, float(threshold)

    def work(self) -> Any:
        """Group the photos."""
        from badbatch_gui.core.inspect.duplicates import near_duplicate_groups

        return DuplicateGroups(self.threshold, near_duplicate_groups(self.index, self.threshold))


class RejudgeWorker(Worker):
    """The same check judged at another false-alarm rate (``CheckResult.with_false_alarm_rate``: nothing is
    recomputed, but it re-makes every photo's record, about 0.1 s at 10,000 photos) -> the new ``CheckResult``.
    """

    def __init__(self, result: Any, false_alarm_rate: float) -> None:
        super().__init__()
        self.result, self.false_alarm_rate = result, float(false_alarm_rate)

    def work(self) -> Any:
        """Re-judge."""
        return self.result.with_false_alarm_rate(self.false_alarm_rate)


class LatestJob(QObject):
    """Runs one :class:`Worker` at a time in a private one-thread pool; lives in the GUI thread.

    A request while a job runs waits; a later request replaces the waiting one (the newest wins).

    Signals:
        ready(object): the finished job's result.
        failed(str, str): a plain message and the details.
    """

    ready = Signal(object)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: Worker | None = None
        self._waiting: Worker | None = None

    @property
    def busy(self) -> bool:
        """True while a job runs, waits, or its last signals have not arrived yet."""
        return self._running is not None or self._waiting is not None

    def request(self, worker: Worker) -> None:
        """Run ``worker`` now, or after the running job (replacing a job that waits)."""
        if self._running is not None:
            self._waiting = worker
            return
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.ended.connect(self._on_ended)
        self._running = worker
        self.pool.start(PoolJob(worker))

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        if self._waiting is None:  # a newer request makes this answer stale
            self.ready.emit(result)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        if self._waiting is None:
            self.failed.emit(message, details)

    @Slot()
    def _on_ended(self) -> None:
        self._running = None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.request(waiting)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Forget the waiting job and wait for the running one. True when nothing runs."""
        self._waiting = None
        if self._running is not None:
            self._running.control.request_stop()
        return wait_for_pool(self.pool, timeout_ms)
