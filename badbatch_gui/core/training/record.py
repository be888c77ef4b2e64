"""The run's record: the training position, the summary ("the three figures") and run.json / images.json.

:class:`RunRecordMixin` is part of :class:`~badbatch_gui.core.training.trainer.Trainer` (split out to keep modules
short); it uses the trainer's attributes (config, run_dir, pos, device, ...).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from badbatch_gui import __version__
from badbatch_gui.core import events as ev
from badbatch_gui.core.devices import device_label
from badbatch_gui.core.scoring.decisions import left_out_summary
from badbatch_gui.core.training import runs

log = logging.getLogger(__name__)

SCHEMA = 1
T = TypeVar("T")


@dataclass(frozen=True)
class TrainSummary:
    """What a run achieved. The first three fields are "the three figures": time, memory, data used.

    Attributes:
        train_time_s: wall-clock training time, pauses and image decoding excluded, summed over resumes.
        peak_memory_bytes: peak CUDA allocation, or peak process RSS on CPU/MPS (``memory_kind``).
        images_used: images in the training set (after exclusions, the image limit and decode failures).
        samples_seen: images passed through optimiser steps (steps × batch size).
        rejected_batches: batches skipped by FRD curation.
        final_loss: loss of the last optimiser step (NaN when none).
        steps: optimiser steps taken; epochs_done: epochs completed.
        batch_size_changes: one dict per out-of-memory halving (step, epoch, from, to, time).
        scaler_skipped_steps: fp16 steps the GradScaler skipped (inf/NaN gradients).
        status: "completed", "canceled" or "errored".
    """

    train_time_s: float
    peak_memory_bytes: int
    images_used: int
    memory_kind: str
    samples_seen: int
    rejected_batches: int
    final_loss: float
    steps: int
    epochs_done: int
    batch_size: int
    batch_size_changes: tuple[dict[str, Any], ...] = ()
    scaler_skipped_steps: int = 0
    status: str = "completed"
    device: str = "cpu"
    precision: str = "fp32"
    run_dir: str = ""

    def headline(self) -> str:
        """The three figures in one plain sentence."""
        mem = f"{self.peak_memory_bytes / 2**20:.0f} MiB ({'GPU' if self.memory_kind == 'cuda' else 'process RSS'})"
        return (f"training time {self.train_time_s:.1f} s, peak memory {mem}, "
                f"data used {self.images_used} images ({self.samples_seen} samples seen)")

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (run.json "summary"), with ``headline``."""
        d = dataclasses.asdict(self)
        d["batch_size_changes"] = [dict(c) for c in self.batch_size_changes]
        d["headline"] = self.headline()
        return d


@dataclass
class TrainPosition:
    """Where training stands; everything here goes into the checkpoint."""

    epoch: int = 0
    images_in_epoch: int = 0  # images consumed (trained or skipped) in the current epoch
    step: int = 0  # batches consumed since the start of the run (including FRD-skipped ones)
    opt_steps: int = 0
    samples_seen: int = 0  # images passed through optimiser steps
    rejected: int = 0
    epoch_loss_sum: float = 0.0
    epoch_loss_n: int = 0
    epoch_rejected: int = 0
    epoch_batches: int = 0
    train_time_s: float = 0.0
    last_loss: float = float("nan")
    scaler_skipped: int = 0
    peak_memory: int = 0
    batch_size_changes: list[dict[str, Any]] = field(default_factory=list)


class NullWriter:
    """Stands in for a :class:`runs.JsonlWriter` on ranks other than 0 (only rank 0 writes files)."""

    def write(self, record: dict[str, Any]) -> None:
        """Drop the record."""

    def close(self) -> None:
        """Nothing to close."""


class RunRecordMixin:
    """run.json, images.json, the summary, the finish path and event helpers of the Trainer.

    With several processes only rank 0 (``_is_main``) writes; ``_on_main`` runs a step there and shares
    its result or error with every rank (distributed.DistContext.on_main).
    """

    _on_event: ev.EventCallback | None
    _finished_sent: bool
    _prepared: bool

    @property
    def _is_main(self) -> bool:
        dist = getattr(self, "dist", None)
        return dist is None or dist.is_main

    def _on_main(self, fn: Callable[[], T]) -> T:
        dist = getattr(self, "dist", None)
        return fn() if dist is None else dist.on_main(fn)

    def _write_images_json(self) -> None:
        if not self._is_main:
            return
        runs.write_json_atomic(self.run_dir / runs.IMAGES_JSON, {"root": str(self.scan.root) if self.scan else "",
                                                                 "paths": list(self.paths)})

    def _summary(self, status: str) -> TrainSummary:
        prepared = getattr(self, "_prepared", False) or hasattr(self, "peak")
        peak = max(self.pos.peak_memory, self.peak.peak) if hasattr(self, "peak") else 0
        return TrainSummary(
            train_time_s=round(self.pos.train_time_s, 3), peak_memory_bytes=int(peak),
            images_used=int(getattr(self, "n", 0)) if prepared else 0,
            memory_kind="cuda" if self.device.type == "cuda" else "cpu_rss",
            samples_seen=self.pos.samples_seen, rejected_batches=self.pos.rejected,
            final_loss=self.pos.last_loss, steps=self.pos.opt_steps, epochs_done=self.pos.epoch,
            batch_size=self.batch_size, batch_size_changes=tuple(self.pos.batch_size_changes),
            scaler_skipped_steps=self.pos.scaler_skipped, status=status, device=str(self.device),
            precision=self.precision, run_dir=str(self.run_dir))

    def _write_run_json(self, status: str, message: str, started: bool = False, resumed: bool = False) -> None:
        if not self._is_main:
            return
        path = self.run_dir / runs.RUN_JSON
        old = runs.read_json(path) or {}
        data = dict(old)
        data.update({
            "schema": SCHEMA, "config": self.config.to_dict(), "folder": str(self.folder.resolve()),
            "file_list_hash": getattr(self, "file_list_hash", None), "n_images": getattr(self, "n", None),
            "status": status, "reason_message": message, "app_version": __version__,
            "device": device_label(self.device), "precision": self.precision, **runs.process_identity(),
            "world_size": self.dist.world_size if getattr(self, "dist", None) is not None else 1,
            "summary": self._summary(status).to_dict(),
        })
        if "left_out" not in data:  # photos the operator's decisions leave out, and why (fixed at the start)
            data["left_out"] = left_out_summary(self.folder, self.config.exclude)
        if started or "started" not in data:
            data["started"] = runs.now_iso()
        if status == "running":
            data["finished"] = None
            if resumed:
                data["resumed"] = [*data.get("resumed", []), runs.now_iso()]
        else:
            data["finished"] = runs.now_iso()
        if getattr(self, "_nonfinite", None):
            data["nonfinite_batch"] = self._nonfinite
        runs.write_json_atomic(path, data)

    def _finish(self, status: str, message: str | None, error: bool = False) -> TrainSummary:
        if hasattr(self, "_segment_start"):
            self._add_train_time()
        self._emit(ev.StateChanged(ev.RunState.FINISHING))
        summary = self._summary(status)
        if message is None:
            message = "Training finished: " + summary.headline() + "."

        try:
            # A failure before training began (e.g. a refused resume) leaves an existing record untouched.
            if self._prepared or not (self.run_dir / runs.RUN_JSON).exists():
                self._write_run_json(status, message)
        except OSError as exc:  # the record is best effort when the disk is full
            log.error("could not update run.json: %s", exc)
        reason = {"completed": ev.FinishReason.COMPLETED, "canceled": ev.FinishReason.CANCELED}.get(
            status, ev.FinishReason.ERRORED)
        if not self._finished_sent:
            self._finished_sent = True
            self._emit(ev.RunFinished(reason=reason, message=message, result=summary))
        (log.error if error else log.info)("run %s: %s", status, message)
        return summary

    def _emit(self, event: object) -> None:
        ev.emit(self._on_event, event)

    def _forward_progress(self, event: object) -> None:
        """Relay a sub-task's progress, but not its own life-cycle events (one RunFinished per run)."""
        if not isinstance(event, (ev.RunFinished, ev.StateChanged)):
            self._emit(event)

    def _notice(self, code: str, message: str, level: str = "warning", data: dict[str, Any] | None = None) -> None:
        self._emit(ev.Notice(code=code, message=message, level=level, data=data or {}))

