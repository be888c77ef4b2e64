"""The run's record: the training position, the summary ("the three figures") and the files that describe a run.

:class:`RunRecorder` writes ``run.json``, ``images.json``, ``metrics.jsonl`` and ``rejected_batches.jsonl``
(docs/design/architecture.md §5) and owns the finish path (exactly one ``RunFinished``). It holds only what it was
given: the trainer hands it a :class:`RunFacts` snapshot whenever run.json or the summary is written. With several
processes only rank 0 writes (``is_main``); the other ranks' recorders write nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from badbatch_gui import __version__
from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.scoring.leave_out import LeftOutSummary
from badbatch_gui.core.training.methods.loss_reading import START_STEPS, loss_outcome
from badbatch_gui.core.training.run_folder import runs

log = logging.getLogger(__name__)

SCHEMA = 1


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
        start_loss: the loss of the untrained encoder (mean of the first trained steps, loss_reading.py).
        last_pass_loss: the mean per-step loss of the last completed pass.
        global_loss: the last pass's global loss over the folder, on the per-step scale (global_loss.py).
        collapsed_loss: what an encoder that sees every photo alike scores, log(2B - 2).
        loss_outcome: "learned", "collapsed", "flat" or "unknown" (loss_reading.loss_outcome).
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
    start_loss: float = float("nan")
    last_pass_loss: float = float("nan")
    global_loss: float = float("nan")
    collapsed_loss: float = float("nan")
    loss_outcome: str = "unknown"

    def headline(self) -> str:
        """The three figures in one plain sentence."""
        mem = f"{self.peak_memory_bytes / 2**20:.0f} MiB ({'GPU' if self.memory_kind == 'cuda' else 'process RSS'})"
        return (
            f"training time {self.train_time_s:.1f} s, peak memory {mem}, "
            f"data used {self.images_used} images ({self.samples_seen} samples seen)"
        )

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
    start_loss_sum: float = 0.0  # the first START_STEPS trained steps' monitor losses (the untrained encoder)
    start_loss_n: int = 0
    last_pass_loss: float = float("nan")  # mean monitor loss of the last completed pass
    last_global_loss: float = float("nan")  # its global loss over the folder, on the per-step scale

    def progress(self, batches_per_epoch: int, batch_size: int) -> float:
        """Epochs done as a float (2.25: a quarter into the third epoch); the learning-rate schedule reads it."""
        return self.epoch + self.images_in_epoch / max(1, batches_per_epoch * batch_size)

    def total_steps(self, batches_per_epoch: int, batch_size: int, epochs: int) -> int:
        """Planned batches of the whole run at the current batch size (skipped ones included)."""
        left_now = max(0, batches_per_epoch - self.images_in_epoch // batch_size)
        return self.step + left_now + (epochs - self.epoch - 1) * batches_per_epoch

    def trained(self, samples: int, loss: float) -> None:
        """An optimiser step on ``samples`` images with monitor loss ``loss``."""
        self.opt_steps += 1
        self.samples_seen += samples
        self.last_loss = loss
        self.epoch_loss_sum += loss
        self.epoch_loss_n += 1
        if self.start_loss_n < START_STEPS and math.isfinite(loss):
            self.start_loss_sum += loss
            self.start_loss_n += 1

    @property
    def start_loss(self) -> float:
        """The untrained encoder's loss: the mean of the first START_STEPS trained steps (NaN before any)."""
        return self.start_loss_sum / self.start_loss_n if self.start_loss_n else float("nan")

    def batch_done(self, batch_size: int, skipped: bool) -> None:
        """A planned batch was consumed (trained, or skipped by curation)."""
        self.images_in_epoch += batch_size
        self.step += 1
        self.epoch_batches += 1
        if skipped:
            self.rejected += 1
            self.epoch_rejected += 1

    def epoch_mean_loss(self) -> float:
        """Mean monitor loss of the epoch's trained steps (NaN when none)."""
        return self.epoch_loss_sum / self.epoch_loss_n if self.epoch_loss_n else float("nan")

    def next_epoch(self) -> None:
        """The epoch ended."""
        self.epoch += 1
        self.images_in_epoch = 0
        self.epoch_loss_sum, self.epoch_loss_n = 0.0, 0
        self.epoch_rejected = self.epoch_batches = 0


@dataclass(frozen=True)
class RunFacts:
    """The run as the trainer sees it at one moment: what run.json and the summary are made of.

    ``n_images`` and ``file_list_hash`` are None until the training data is known; ``images_used`` is 0 until the
    run is prepared; ``device_label`` is the device in words ("CPU", "CUDA:0 (name)").
    """

    config: TrainConfig
    device: str
    device_kind: str
    device_label: str
    precision: str
    batch_size: int
    position: TrainPosition
    peak_memory: int
    images_used: int
    n_images: int | None
    file_list_hash: str | None
    world_size: int
    nonfinite_batch: dict[str, Any] | None = None

    def summary(self, status: str, run_dir: Path) -> TrainSummary:
        """The summary of the run in this state."""
        pos = self.position
        collapsed = math.log(max(1, 2 * self.batch_size - 2))  # losses.chance_level, without importing torch
        outcome = loss_outcome(pos.start_loss, pos.last_pass_loss, collapsed)
        return TrainSummary(
            train_time_s=round(pos.train_time_s, 3),
            peak_memory_bytes=int(self.peak_memory),
            images_used=self.images_used,
            memory_kind="cuda" if self.device_kind == "cuda" else "cpu_rss",
            samples_seen=pos.samples_seen,
            rejected_batches=pos.rejected,
            final_loss=pos.last_loss,
            steps=pos.opt_steps,
            epochs_done=pos.epoch,
            batch_size=self.batch_size,
            batch_size_changes=tuple(pos.batch_size_changes),
            scaler_skipped_steps=pos.scaler_skipped,
            status=status,
            device=self.device,
            precision=self.precision,
            run_dir=str(run_dir),
            start_loss=pos.start_loss,
            last_pass_loss=pos.last_pass_loss,
            global_loss=pos.last_global_loss,
            collapsed_loss=collapsed,
            loss_outcome=outcome.kind,
        )


class LogWriter(Protocol):
    """An append-only JSON-lines log (:class:`runs.JsonlWriter`, or :class:`NullWriter` off rank 0)."""

    def write(self, record: dict[str, Any]) -> None:
        """Append one record."""

    def close(self) -> None:
        """Close the file."""


class NullWriter:
    """Stands in for a :class:`runs.JsonlWriter` on ranks other than 0 (only rank 0 writes files)."""

    def write(self, record: dict[str, Any]) -> None:
        """Drop the record."""

    def close(self) -> None:
        """Nothing to close."""


class RunRecorder:
    """The files that describe one run, and its one ``RunFinished``.

    Args:
        run_dir: the run folder.
        folder: the image folder (recorded in run.json).
        is_main: this process writes files (rank 0, or the only process).
        emit: sends an event to the run's client.
        left_out: how many photos the run leaves out and why (``leave_out.LeaveOut.summary``, computed by the
            caller); None: every photo of ``TrainConfig.exclude`` counts as left out by hand.
    """

    def __init__(
        self,
        run_dir: Path,
        folder: Path,
        is_main: bool,
        emit: Callable[[object], None],
        left_out: LeftOutSummary | None = None,
    ) -> None:
        self.run_dir = run_dir
        self.folder = folder
        self.left_out = left_out
        self.is_main = is_main
        self._emit = emit
        self._finished_sent = False
        self.metrics: LogWriter = NullWriter()
        self.rejected: LogWriter = NullWriter()

    # ------------------------------------------------------------------ the logs
    def open_logs(self) -> None:
        """Start appending to metrics.jsonl and rejected_batches.jsonl (rank 0 only)."""
        if self.is_main:
            self.metrics = runs.JsonlWriter(self.run_dir / runs.METRICS_JSONL)
            self.rejected = runs.JsonlWriter(self.run_dir / runs.REJECTED_JSONL)

    def close_logs(self) -> None:
        """Close the logs (idempotent)."""
        for writer in (self.metrics, self.rejected):
            writer.close()

    def step_line(
        self, metrics: ev.StepMetrics, batch_index: int, opt_step: int, indices: np.ndarray, scores: list[float]
    ) -> None:
        """One metrics.jsonl line per planned batch, trained or skipped (docs/design/architecture.md §5)."""
        record = dataclasses.asdict(metrics)
        record.update(
            event="step", batch=batch_index, opt_step=opt_step, indices_sha=indices_sha(indices), frd_scores=scores
        )
        self.metrics.write(record)

    def epoch_line(self, ended: ev.EpochEnded, step: int) -> None:
        """One metrics.jsonl line per epoch."""
        self.metrics.write(
            {
                "event": "epoch",
                **dataclasses.asdict(ended),
                "step": step,
                "rejected_fraction": ended.rejected / ended.batches if ended.batches else 0.0,
            }
        )

    def notice_line(self, notice: ev.Notice, step: int) -> None:
        """One metrics.jsonl line per health notice raised (``"event": "notice"``: code, message, level, data, step),
        so the run's report can list them (``runs.read_notices``).
        """
        self.metrics.write(
            {
                "event": "notice",
                "step": int(step),
                "code": notice.code,
                "message": notice.message,
                "level": notice.level,
                "data": dict(notice.data),
            }
        )

    def rejected_line(
        self,
        position: TrainPosition,
        batch_index: int,
        indices: np.ndarray,
        paths: Sequence[str],
        scores: list[float],
        tau: float | None,
        batch_size: int,
    ) -> None:
        """One rejected_batches.jsonl line per batch that curation skipped."""
        self.rejected.write(
            {
                "step": position.step + 1,
                "epoch": position.epoch,
                "batch": batch_index,
                "indices": [int(i) for i in indices],
                "paths": [paths[int(i)] for i in indices],
                "scores": scores,
                "threshold": tau,
                "batch_size": batch_size,
            }
        )

    def cut_logs(self, step: int) -> None:
        """Drop the log lines after ``step`` (a resumed run writes them again; 0: a restarted run)."""
        for name in (runs.METRICS_JSONL, runs.REJECTED_JSONL) if self.is_main else ():
            runs.truncate_jsonl(self.run_dir / name, step)

    # ------------------------------------------------------------------ images.json and run.json
    def write_images_json(self, root: str, paths: Sequence[str]) -> None:
        """The dataset-index order of the run's photos."""
        if self.is_main:
            write_json_atomic(self.run_dir / runs.IMAGES_JSON, {"root": root, "paths": list(paths)})

    def write_run_json(
        self, facts: RunFacts, status: str, message: str, started: bool = False, resumed: bool = False
    ) -> None:
        """Update run.json (keys it does not set are kept; ``left_out`` is fixed at the start)."""
        if not self.is_main:
            return
        path = self.run_dir / runs.RUN_JSON
        data = dict(runs.read_run_record(self.run_dir) or {})  # checked: a damaged field is dropped, not kept
        data.update(
            {
                "schema": SCHEMA,
                "config": facts.config.to_dict(),
                "folder": str(self.folder.resolve()),
                "file_list_hash": facts.file_list_hash,
                "n_images": facts.n_images,
                "status": status,
                "reason_message": message,
                "app_version": __version__,
                "device": facts.device_label,
                "precision": facts.precision,
                **runs.process_identity(),
                "world_size": facts.world_size,
                "summary": facts.summary(status, self.run_dir).to_dict(),
            }
        )
        data["trial"] = facts.config.is_trial  # a Quick check run: proves the chain works, not a model to use
        if not data.get("left_out"):  # photos the run leaves out, and why (fixed at the start)
            left = self.left_out or LeftOutSummary.all_by_hand(len(facts.config.exclude))
            data["left_out"] = left.to_json()
        if started or "started" not in data:
            data["started"] = runs.now_iso()
        if status == "running":
            data["finished"] = None
            if resumed:
                data["resumed"] = [*data.get("resumed", []), runs.now_iso()]
        else:
            data["finished"] = runs.now_iso()
        if facts.nonfinite_batch:
            data["nonfinite_batch"] = facts.nonfinite_batch
        write_json_atomic(path, data)

    # ------------------------------------------------------------------ the end
    def finish(
        self, facts: RunFacts, status: str, message: str | None, prepared: bool, error: bool = False
    ) -> TrainSummary:
        """Record how the run ended and send its one RunFinished; returns the summary.

        A failure before training began (e.g. a refused resume) leaves an existing run.json untouched.
        """
        self._emit(ev.StateChanged(ev.RunState.FINISHING))
        summary = facts.summary(status, self.run_dir)
        if message is None:
            message = "Training finished: " + summary.headline() + "."
        try:
            if prepared or not (self.run_dir / runs.RUN_JSON).exists():
                self.write_run_json(facts, status, message)
        except OSError as exc:  # the record is best effort when the disk is full
            log.error("could not update run.json: %s", exc)
        reason = {"completed": ev.FinishReason.COMPLETED, "canceled": ev.FinishReason.CANCELED}.get(
            status, ev.FinishReason.ERRORED
        )
        if not self._finished_sent:
            self._finished_sent = True
            self._emit(ev.RunFinished(reason=reason, message=message, result=summary))
        (log.error if error else log.info)("run %s: %s", status, message)
        return summary


def indices_sha(indices: np.ndarray) -> str:
    """Short fingerprint of a batch's dataset indices (metrics.jsonl ``indices_sha``: which batch was drawn)."""
    return hashlib.sha1(np.asarray(indices, dtype=np.int64).tobytes()).hexdigest()[:12]
