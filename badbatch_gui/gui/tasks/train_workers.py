"""Workers for the Train and Export pages: the only GUI code that calls the trainer, the memory forecast and
the exporter. Each runs as the controller's task (``AppController.start_task``, gui/tasks/runner.py).

The heavy core modules (torch) are imported inside :meth:`work`, in the worker thread, so the window never
waits for them. Training steps can be faster than the screen: a :class:`TrainingWorker` collects StepMetrics and
sends them on ``metrics`` as a list at most :data:`EMIT_INTERVAL_S` apart (≤ 10 signals per second); every other
event goes out at once on its own signal, after the steps collected before it, so the order is kept.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ExportConfig, TrainConfig
from badbatch_gui.core.control import Cancelled
from badbatch_gui.core.errors import BadBatchError, TrainingError
from badbatch_gui.gui.tasks.runner import Worker
from badbatch_gui.gui.text.error_text import SAID
from badbatch_gui.gui.text.plain_messages import failure_text

log = logging.getLogger(__name__)

EMIT_INTERVAL_S = 0.1


class _RewordedError(BadBatchError):
    """A failure re-worded for the operator (the original stays in the traceback's details)."""

    default_code = SAID  # already in the operator's language


def _reword(exc: Exception, folder: Path | None, save_to: Path | None) -> None:
    """Raise a :class:`_RewordedError` from ``exc`` when a plain sentence exists for it."""
    text = failure_text(exc, folder=folder, save_to=save_to)
    if text is not None:
        raise _RewordedError(text) from exc


class StepBatcher:
    """Collects StepMetrics in the worker thread and hands them on in lists, ≤ 1 list per interval."""

    def __init__(self, send: Callable[[list[ev.StepMetrics]], None], interval_s: float = EMIT_INTERVAL_S) -> None:
        self._send = send
        self._interval = interval_s
        self._pending: list[ev.StepMetrics] = []
        self._last = 0.0
        self._lock = threading.Lock()

    def add(self, step: ev.StepMetrics) -> None:
        """Collect one step; send the list when the interval has passed."""
        with self._lock:
            self._pending.append(step)
            due = time.monotonic() - self._last >= self._interval
        if due:
            self.flush()

    def flush(self) -> None:
        """Send what is collected now."""
        with self._lock:
            batch, self._pending = self._pending, []
            self._last = time.monotonic()
        if batch:
            self._send(batch)


class TrainingWorker(Worker):
    """Base of the workers that train (in this process, or in one process per GPU).

    Signals, besides :class:`Worker`'s:
        metrics(list): the ``list[StepMetrics]`` of the steps since the last list (also sets ``progressed`` to
            the last step of the list).
    ``phase`` carries the preparation's Progress events without moving the status bar (it follows the steps).
    ``done`` carries the TrainSummary.
    """

    metrics = Signal(list)

    def __init__(self, config: TrainConfig, folder: Path, run_dir: Path, resume: bool = False) -> None:
        super().__init__()
        self.config, self.folder, self.run_dir, self.resume = config, Path(folder), Path(run_dir), resume
        self.steps = StepBatcher(self._send_steps)
        self._add_step = self.steps.add
        self._routes[ev.StepMetrics] = self._add_step
        self._routes[ev.Progress] = self.phase.emit

    def on_event(self, event: object) -> None:
        """Route ``event``; the steps collected before any other event are sent first (order kept)."""
        route = self._routes.get(type(event))
        if route is not self._add_step:
            self.steps.flush()
        if route is not None:
            route(event)

    def _send_steps(self, steps: list[ev.StepMetrics]) -> None:
        self.metrics.emit(steps)
        self.progressed.emit(steps[-1].step, steps[-1].total_steps)


class TrainWorker(TrainingWorker):
    """Runs ``Trainer(config, folder, run_dir, scan, cache_dir=, left_out=).run(control, on_event, resume)`` in this
    process (``cache_dir``: the app's decoded-image cache; ``left_out``: the run's ``LeftOutSummary``).
    """

    def __init__(
        self,
        config: TrainConfig,
        folder: Path,
        run_dir: Path,
        scan: Any = None,
        resume: bool = False,
        *,
        cache_dir: Path | None = None,
        left_out: Any = None,
    ) -> None:
        super().__init__(config, folder, run_dir, resume)
        self.scan, self.cache_dir, self.left_out = scan, cache_dir, left_out

    def work(self) -> Any:
        """Train (or resume) in this thread."""
        from badbatch_gui.core.training.loop.trainer import Trainer

        try:
            trainer = Trainer(
                self.config, self.folder, self.run_dir, scan=self.scan, cache_dir=self.cache_dir, left_out=self.left_out
            )
            return trainer.run(control=self.control, on_event=self.on_event, resume=self.resume)
        except Cancelled:
            raise
        except Exception as exc:  # re-worded when we can, else shown as is
            _reword(exc, self.folder, self.run_dir)
            raise
        finally:
            self.steps.flush()


class ForecastWorker(Worker):
    """Runs ``memory.forecast(config, probe=True, n_images=n)``; ``done`` gets a dict with ``forecast``
    (MemoryForecast), ``device_label`` and ``cuda_count``.
    """

    def __init__(self, config: TrainConfig, n_images: int | None, probe: bool = True) -> None:
        super().__init__()
        self.config, self.n_images, self.probe = config, n_images, probe

    def work(self) -> Any:
        """Measure in this thread (the one-batch trial uses the device)."""
        import torch

        from badbatch_gui.core.devices import device_label, pick_device
        from badbatch_gui.core.training import memory

        self.control.check()
        device = pick_device(self.config.device)
        try:
            fc = memory.forecast(self.config, device, probe=self.probe, n_images=self.n_images)
        except Exception as exc:
            if "out of memory" in str(exc).lower():
                raise TrainingError(
                    "Even one trial batch did not fit in memory. Choose a smaller batch size or image size.",
                    code="oom_trial_batch",
                ) from exc
            raise
        return {
            "forecast": fc,
            "device_label": device_label(device),
            "cuda_count": torch.cuda.device_count() if torch.cuda.is_available() else 0,
        }


class ExportWorker(Worker):
    """Runs ``export.export_encoder(run_dir, out_dir, config, control, on_event)``; ``done`` gets ExportResult."""

    def __init__(self, run_dir: Path, out_dir: Path, config: ExportConfig) -> None:
        super().__init__()
        self.run_dir, self.out_dir, self.config = Path(run_dir), Path(out_dir), config

    def work(self) -> Any:
        """Export in this thread."""
        from badbatch_gui.core.export.export import export_encoder

        try:
            return export_encoder(self.run_dir, self.out_dir, self.config, control=self.control, on_event=self.on_event)
        except Cancelled:
            raise
        except Exception as exc:
            _reword(exc, None, self.out_dir)
            raise


def onnx_available() -> bool:
    """True when the optional ONNX exporter dependencies are installed (checked without importing them)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("onnx", "onnxscript"))
