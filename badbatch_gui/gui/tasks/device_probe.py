"""The start-up device probe: import torch after the first paint and describe the compute device
(docs/design/gui.md §8).

It runs as a pool job beside the tasks (gui/tasks/pool_jobs.py), so opening and scanning a folder never waits
for torch to load; it cannot be stopped (an import is not interruptible), only waited for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from badbatch_gui.gui.tasks.pool_jobs import PoolJob, wait_for_pool
from badbatch_gui.gui.tasks.runner import Worker


class DeviceProbeWorker(Worker):
    """Imports torch (after the first paint) and describes the compute device as a small dict.

    Keys: ``kind`` ("cuda" or "cpu"), ``name``, ``total_memory`` (bytes, GPU only), ``cuda_count`` (number of CUDA
    devices; the Train page offers "Use all GPUs" above 1), ``torch`` (version), ``threads``.
    """

    def work(self) -> Any:
        """Import torch and torchvision; read the device."""
        import torch
        import torchvision  # noqa: F401 - warm the import the first scoring run needs

        info: dict[str, Any] = {
            "torch": torch.__version__,
            "kind": "cpu",
            "name": "CPU",
            "threads": torch.get_num_threads(),
        }
        if torch.cuda.is_available():
            props = torch.cuda.get_device_properties(0)
            info.update(
                kind="cuda",
                name=props.name,
                total_memory=int(props.total_memory),
                cuda_count=int(torch.cuda.device_count()),
            )
        return info


class DeviceProbe(QObject):
    """Runs :class:`DeviceProbeWorker` once in a private pool; lives in the GUI thread.

    Signals:
        found(object): the device dict.
        failed(str, str): torch could not be loaded: a plain message and the details.
        ended(): the probe is over (after found or failed).
    """

    found = Signal(object)
    failed = Signal(str, str)
    ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self._worker: DeviceProbeWorker | None = None

    @property
    def running(self) -> bool:
        """True while torch is being imported (until ``ended``)."""
        return self._worker is not None

    def start(self) -> None:
        """Start the probe (nothing happens while one runs)."""
        if self._worker is not None:
            return
        worker = DeviceProbeWorker()
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.ended.connect(self._on_ended)
        self._worker = worker
        self.pool.start(PoolJob(worker))

    def wait(self, timeout_ms: int) -> bool:
        """Wait for a running probe while pumping events. True when none runs any more."""
        if self._worker is None:
            return True
        wait_for_pool(self.pool, timeout_ms)
        return self._worker is None

    @Slot(object)
    def _on_done(self, info: dict[str, Any]) -> None:
        self.found.emit(info)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.failed.emit(message, details)

    @Slot()
    def _on_ended(self) -> None:
        self._worker = None
        self.ended.emit()
