"""What the scorer saw for one batch (each photo's original, view 1 and view 2), rebuilt beside the long task.

The Batch check's review shows them for the selected batch, also while a training runs, so this is a short pool
job (gui/tasks/pool_jobs.py), not a task. The newest request wins: a running job is asked to stop and the last
batch asked for starts when it has ended.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.gui.tasks.pool_jobs import PoolJob, wait_for_pool
from badbatch_gui.gui.tasks.runner import Worker

log = logging.getLogger(__name__)

#: (relative path, score, original, view 1, view 2) for each photo of a batch
BatchViews = list[tuple[str, float, QImage, QImage, QImage]]


class BatchViewsWorker(Worker):
    """Rebuilds what the scorer saw for one batch: each image's original, view 1 and view 2 as QImages.

    The result is a list of ``(relative path, score, original, view1, view2)`` in the order given.
    """

    def __init__(self, root: Path, items: list[tuple[str, int, float]], config: ScoreConfig) -> None:
        """``items`` holds (relative path, dataset index, per-image score) for each image of the batch."""
        super().__init__()
        self.root, self.items, self.config = Path(root), list(items), config

    def work(self) -> Any:
        """Decode and augment the batch's images exactly as scoring did."""
        from badbatch_gui.core.scoring.batch_views import batch_views

        return [
            (rel, score, *(_to_qimage(a) for a in arrays))
            for rel, score, arrays in batch_views(self.root, self.items, self.config, self.control)
        ]


def _to_qimage(array: np.ndarray) -> QImage:
    """(H, W, 3) uint8 -> an independent QImage copy (safe to send across threads)."""
    a = np.ascontiguousarray(array, dtype=np.uint8)
    h, w = a.shape[:2]
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class BatchViewsLoader(QObject):
    """Builds the views of one batch at a time in a private one-thread pool; lives in the GUI thread.

    Signals:
        loaded(int, list): the batch index and its :data:`BatchViews`.
    """

    loaded = Signal(int, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._worker: BatchViewsWorker | None = None
        self._batch = -1
        self._pending: tuple[int, Path, list[tuple[str, int, float]], ScoreConfig] | None = None

    @property
    def busy(self) -> bool:
        """True while a job runs or its last signals have not arrived yet."""
        return self._worker is not None

    def request(self, batch_index: int, root: Path, items: list[tuple[str, int, float]], config: ScoreConfig) -> None:
        """Build the views of batch ``batch_index``; a job still running for an older request is stopped first."""
        if self._worker is not None:
            self._pending = (batch_index, root, items, config)
            self._worker.control.request_stop()
            return
        worker = BatchViewsWorker(root, items, config)
        worker.done.connect(self._on_done)
        worker.ended.connect(self._on_ended)
        self._worker, self._batch = worker, batch_index
        self.pool.start(PoolJob(worker))

    @Slot(object)
    def _on_done(self, views: BatchViews) -> None:
        self.loaded.emit(self._batch, views)

    @Slot()
    def _on_ended(self) -> None:
        self._worker = None
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.request(*pending)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Forget the pending request, stop the running job and wait for it. True when nothing runs."""
        self._pending = None
        if self._worker is None:
            return True
        self._worker.control.request_stop()
        return wait_for_pool(self.pool, timeout_ms)
