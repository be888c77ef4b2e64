"""The training loop: EMC2 / SimCLR / SogCLR with in-loop FRD curation, run control, checkpoints, resume.

One loop serves the three methods (same model, data, optimiser and schedule; only the loss differs,
docs/design/emc2.md §2, §9).
Per planned batch (``dataset.plan_batches``, the plan the Batch check previewed): ``control.check()`` at the step
boundary; both views forward as one (2B) batch and the FRD of their detached embeddings (float64) goes to the
:class:`~.curation.CurationGate`, which accepts, asks for a re-draw (same images, ``draw = attempt``) or rejects (no
optimiser step, no sampler update, a line in ``rejected_batches.jsonl``; docs/design/frd.md §7); then the loss (fp32
similarities), the NaN/inf check, backward, the AdamW step and the schedule step.

The trainer owns its helpers, each built with what it needs: the :class:`~.training_parts.TrainingParts` a checkpoint saves and
restores, a :class:`~..run_folder.run_recorder.RunRecorder` (run.json, images.json, the logs, the summary, the one RunFinished), a
:class:`~.safety.TrainingSafety` (checkpoints, the NaN stop, out-of-memory halving; docs/design/reliability.md
§2-4), a :class:`~.clock.TrainClock` and a :class:`~.step_model.StepModel` (the network side of a step: forward
pass, FRD, loss); ``run_folder.run_photos`` chooses and decodes the photos. An optional :class:`AroundStep` wraps each training
step (tests watch or interrupt steps through it).

Several processes (torchrun): ``self.dist`` is a :class:`~..distributed.DistContext` (None in one process). Each rank
trains on its slice of every planned batch; the views are all-gathered so the loss, the table updates and the FRD
verdict are those of the global batch; rank 0 alone writes files (distributed.py).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import numpy as np
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.data.dataset import Batch, BatchLoader, TwoViewDataset, plan_batches
from badbatch_gui.core.data.scan import ScanResult
from badbatch_gui.core.devices import device_label, pick_device, pick_precision, uses_channels_last
from badbatch_gui.core.errors import ConfigError, OutputError, TrainingError
from badbatch_gui.core.paths import is_inside
from badbatch_gui.core.scoring.leave_out import LeftOutSummary
from badbatch_gui.core.training import distributed
from badbatch_gui.core.training.loop.clock import TrainClock, step_boundary
from badbatch_gui.core.training.loop.curation import curate
from badbatch_gui.core.training.loop.safety import TrainingSafety
from badbatch_gui.core.training.loop.step_fingerprints import StepDebugLog
from badbatch_gui.core.training.loop.step_model import StepModel
from badbatch_gui.core.training.loop.step_report import step_metrics
from badbatch_gui.core.training.loop.trainable import check_trainable
from badbatch_gui.core.training.loop.training_parts import (
    RunIdentity,
    TrainingParts,
    build_parts,
    checkpoint_state,
    guarded_step,
    load_resume_state,
    restore,
)
from badbatch_gui.core.training.memory import PeakMemory
from badbatch_gui.core.training.methods import global_loss, losses
from badbatch_gui.core.training.methods.chain_states import chain_views
from badbatch_gui.core.training.methods.health import HealthWatch
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.core.training.run_folder.run_photos import check_data, prepare_data
from badbatch_gui.core.training.run_folder.run_recorder import (
    SCHEMA,
    RunFacts,
    RunRecorder,
    TrainPosition,
    TrainSummary,
)
from badbatch_gui.core.training.run_folder.run_target import refuse_earlier_run
from badbatch_gui.core.write_errors import write_failure

__all__ = ["SCHEMA", "AroundStep", "TrainSummary", "Trainer", "TrainingParts"]

log = logging.getLogger(__name__)

T = TypeVar("T")
OOM_ERRORS: tuple[type[BaseException], ...] = (getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError),)


class AroundStep(Protocol):
    """Wraps each training step: called with the trainer, the planned batch's number in its pass, the batch's dataset
    indices (shape (B,), int) and ``step``, which takes the step (curation, loss, optimiser step) when called.

    A wrapper calls ``step`` exactly once, or raises: raising ends the run as an error in the step would (an
    out-of-memory error halves the batch size and plans the batch again). Tests use it to watch the trainer's
    ``parts`` and ``pos`` around a step, or to interrupt a run at a chosen step; the product passes none.
    """

    def __call__(self, trainer: Trainer, batch_index: int, indices: np.ndarray, step: Callable[[], None]) -> None:
        """Take (or wrap) one step by calling ``step()``."""


class Trainer:
    """Trains one encoder on an image folder (only read) into a run folder (created if missing, never inside it).

    ``config`` is ignored on resume, where the run's saved settings are used; ``scan`` is a scan of ``folder`` already
    made (else :meth:`run` scans it); ``cache_dir`` keeps the decoded photos for later runs and checks (the app's
    ``AppPaths.image_cache_dir``; None: nothing is kept); ``left_out`` says how many photos ``config.exclude`` leaves
    out and why, for run.json (``LeaveOut.summary``; None: all by hand); ``around_step`` wraps each training
    step (:class:`AroundStep`). Raises ConfigError for a run folder inside
    the image folder or a bad setting.
    """

    def __init__(
        self,
        config: TrainConfig,
        folder: Path,
        run_dir: Path,
        scan: ScanResult | None = None,
        *,
        cache_dir: Path | None = None,
        left_out: LeftOutSummary | None = None,
        around_step: AroundStep | None = None,
    ) -> None:
        config.validate()
        self.config = config
        self.folder = Path(folder).expanduser()
        self.run_dir = Path(run_dir).expanduser()
        if is_inside(self.run_dir, self.folder):
            raise ConfigError(
                "The run folder is inside the image folder; choose a run folder elsewhere, "
                "nothing is ever written into the image folder.",
                code="run_inside_folder",
                run_dir=str(self.run_dir),
                folder=str(self.folder),
            )
        self.scan = scan
        self.cache_dir = cache_dir
        self.left_out = left_out
        self.around_step = around_step
        self.dist = distributed.from_env(config.device)  # None unless launched by torchrun with WORLD_SIZE > 1
        self.device = self.dist.device if self.dist is not None else pick_device(config.device)
        self.precision = pick_precision(config.precision, self.device)
        self.world_size = self.dist.world_size if self.dist is not None else 1
        self.pos = TrainPosition()
        self.batch_size = config.batch_size
        self.n: int | None = None  # photos in the training set, once known
        self.paths: tuple[str, ...] = ()
        self.file_list_hash: str | None = None
        self.dataset_hash = ""
        self.peak: PeakMemory | None = None  # set once the run is prepared
        self.clock = TrainClock()  # started by the loop
        self._on_event: ev.EventCallback | None = None
        self._prepared = False
        self._current: dict[str, Any] = {}
        self.recorder = RunRecorder(self.run_dir, self.folder, self._is_main, self._emit, self.left_out)
        self.safety = TrainingSafety(self.run_dir, self.world_size, self._notice)
        self._debug = StepDebugLog.from_env(self.dist.rank if self.dist is not None else 0, self.world_size)

    # ------------------------------------------------------------------ public entry point
    def run(
        self, control: RunControl | None = None, on_event: ev.EventCallback | None = None, resume: bool = False
    ) -> TrainSummary:
        """Train (or continue a run with ``resume=True``); blocks until done. Sends exactly one RunFinished and
        returns the summary, also when stopped (status "canceled", after a checkpoint was written).

        Raises:
            TrainingError: non-finite loss, out of memory at batch size 2, disk full, run already running.
            CheckpointError: ``resume`` without a usable checkpoint, or the folder's file list changed.
            FolderError: the folder is missing or holds fewer usable images than one batch.
        """
        self._on_event = on_event
        if not resume and self.scan is not None:
            check_trainable(self.scan, self.config)  # before the run folder is touched: no empty failed runs
        self.recorder = RunRecorder(self.run_dir, self.folder, self._is_main, self._emit, self.left_out)
        lock = runs.RunLock(self.run_dir)
        self._on_main(lambda: self._take_lock(lock, resume))
        self._emit(ev.StateChanged(ev.RunState.PREPARING))
        self._prepared = False
        try:
            self._prepare(control, resume)
            self._prepared = True
            self._emit(ev.StateChanged(ev.RunState.RUNNING))
            self._train(control)
            return self._finish("completed", None)
        except Cancelled:
            if self._prepared:
                self._save_checkpoint()
            return self._finish(
                "canceled",
                "Training stopped; a checkpoint was saved, so the run can be resumed."
                if self._prepared
                else "Training stopped before it began.",
            )
        except BaseException as exc:
            message = str(exc) if str(exc) else exc.__class__.__name__
            self._finish("errored", message, error=True)
            raise
        finally:
            self.recorder.close_logs()
            lock.release()
            self._emit(ev.StateChanged(ev.RunState.IDLE))

    def _take_lock(self, lock: runs.RunLock, resume: bool) -> None:
        """Create the run folder and hold its lock; a new run never starts over an earlier one (run_target.py)."""
        try:
            self.run_dir.mkdir(parents=True, exist_ok=True)
            acquired = lock.acquire()
        except OSError as exc:
            failure = write_failure(exc)
            raise OutputError(
                f"The run folder {self.run_dir} cannot be written ({failure.reason}). {failure.advice}",
                code="run_dir_unwritable",
                run_dir=str(self.run_dir),
                reason=failure.reason,
                kind=failure.kind,
            ) from exc
        if not acquired:
            raise TrainingError(
                f"The run in {self.run_dir} is already training in another window or process.",
                code="run_already_training",
                run_dir=str(self.run_dir),
            )
        if not resume:
            try:
                refuse_earlier_run(self.run_dir)
            except BaseException:
                lock.release()
                raise

    # ------------------------------------------------------------------ preparation
    def _prepare(self, control: RunControl | None, resume: bool) -> None:
        state = self._on_main(lambda: load_resume_state(self.run_dir)) if resume else None
        if state is not None:
            self._use_saved_settings(TrainConfig.from_record(state["config"]))
            if state.get("restart"):
                self._notice(
                    "restarted",
                    "The run was stopped before its first checkpoint, so it starts again from "
                    "the beginning with its saved settings.",
                    "info",
                )
                self.recorder.cut_logs(0)
                state = None
        cfg = self.config
        torch.manual_seed(cfg.seed)
        data = prepare_data(
            self.folder, self.scan, cfg, state, self.dist, control, self._on_event, self._notice, self.cache_dir
        )
        self.scan, self.paths, self.n, self.dataset_hash = data.scan, data.paths, data.n, data.dataset_hash
        check_data(data, cfg, state, self.dist)
        self.file_list_hash = data.file_list_hash
        self.dataset = TwoViewDataset(data.cache, cfg.augment, cfg.image_size, cfg.seed)
        self._build_training_objects()
        self.peak = PeakMemory(self.device)
        self.peak.reset()
        if state is not None:
            self.pos, self.batch_size = restore(self.parts, state)
            self.recorder.cut_logs(self.pos.step)
            self._notice(
                "resumed",
                f"Resumed at epoch {self.pos.epoch + 1}, step {self.pos.step}.",
                "info",
                {"epoch": self.pos.epoch, "step": self.pos.step},
            )
        else:
            self.batch_size = cfg.batch_size
            self.pos = TrainPosition()
            self.recorder.write_images_json(str(data.scan.root), self.paths)
        self.health = HealthWatch(self._batches_per_epoch())
        net: torch.nn.Module = self.parts.model
        if self.dist is not None:
            self.dist.check_config(cfg)
            self.dist.check_batch_size(self.batch_size)
            net = self.dist.wrap(self.parts.model)  # DDP; checkpoints keep saving the bare model
        self.step_model = StepModel(net, self.device, self.precision, self.channels_last, cfg.method, cfg.beta)
        self.recorder.write_run_json(self._facts(), "running", "", started=state is None, resumed=state is not None)
        self.recorder.open_logs()
        log.info(
            "training %s on %d images (%s, %s), batch %d, %d epochs, run %s",
            cfg.method,
            data.n,
            device_label(self.device),
            self.precision,
            self.batch_size,
            cfg.epochs,
            self.run_dir,
        )

    def _use_saved_settings(self, saved: TrainConfig) -> None:
        if saved != self.config:
            self._notice("resume_uses_saved_settings", "Resuming with the run's saved settings.", "info")
        self.config = saved
        self.device = self.dist.device if self.dist is not None else pick_device(saved.device)
        self.precision = pick_precision(saved.precision, self.device)

    def _build_training_objects(self) -> None:
        self.channels_last = uses_channels_last(self.device)
        self.parts = build_parts(
            self.config,
            self.device,
            self.precision,
            self.n or 0,
            self.dataset_hash,
            self._progress,
            self._one_batch_in_epochs,
            self._warmup_batches(self.config.batch_size),
            self.channels_last,
        )

    def _warmup_batches(self, batch_size: int) -> int:
        """FRD warm-up length: frd_warmup_batches, but at most one epoch (see curation.py)."""
        return min(self.config.frd_warmup_batches, max(1, (self.n or 0) // batch_size))

    # ------------------------------------------------------------------ the loop
    def _batches_per_epoch(self) -> int:
        return (self.n or 0) // self.batch_size

    def _progress(self) -> float:
        return self.pos.progress(self._batches_per_epoch(), self.batch_size)

    def _one_batch_in_epochs(self) -> float:
        return 1.0 / max(1, self._batches_per_epoch())

    def _train(self, control: RunControl | None) -> None:
        cfg = self.config
        self.clock.start()
        self.safety.checkpoint_written()
        while self.pos.epoch < cfg.epochs:
            self.dataset.set_epoch(self.pos.epoch)
            while True:
                plan = plan_batches(self.n or 0, self.batch_size, cfg.seed, self.pos.epoch)
                start = self.pos.images_in_epoch // self.batch_size
                if start >= len(plan):
                    break
                if self._run_batches(plan, start, control):
                    self._recover_from_oom()
                    continue
                break
            self._end_epoch()

    def _run_batches(self, plan: list[np.ndarray], start: int, control: RunControl | None) -> bool:
        """Train on ``plan[start:]``; returns True when an out-of-memory error interrupted it."""
        oom = False
        with BatchLoader(self.dataset, [self._local(b) for b in plan[start:]], prefetch=2) as loader:
            for j, batch in enumerate(loader):
                self._step_boundary(control)
                t0 = time.perf_counter()
                try:
                    self._take_step(start + j, plan[start + j], batch)
                except OOM_ERRORS:
                    oom = True  # recover outside the except block: the traceback pins tensors (pytorch#18853)
                if oom:
                    break
                self._after_batch(time.perf_counter() - t0)
        return oom

    def _local(self, indices: np.ndarray) -> np.ndarray:
        """This process's part of a planned batch (all of it in a single process)."""
        return self.dist.shard(indices) if self.dist is not None else indices

    def _step_boundary(self, control: RunControl | None) -> None:
        step_boundary(control, self.dist, self.run_dir, self.clock, self.pos, self._emit)

    def _take_step(self, batch_index: int, indices: np.ndarray, batch: Batch) -> None:
        """One planned batch, through ``around_step`` when one was given."""
        if self.around_step is None:
            self._one_batch(batch_index, indices, batch)
        else:
            self.around_step(
                self, batch_index, indices, functools.partial(self._one_batch, batch_index, indices, batch)
            )

    def _one_batch(self, batch_index: int, indices: np.ndarray, batch: Batch) -> None:
        """Curate, then train on one planned batch (or skip it)."""
        cur = curate(
            self.parts.gate,
            batch,
            lambda attempt: self.dataset.batch(self._local(indices), draw=attempt),
            self._embed,
            self._score,
        )
        assert self.peak is not None
        self.peak.sample()
        self._current = {
            "batch_index": batch_index,
            "indices": indices,
            "scores": cur.scores,
            "tau": cur.tau,
            "lr": float(self.parts.optimizer.param_groups[0]["lr"]),
        }
        if cur.views is None:
            self.recorder.rejected_line(
                self.pos, batch_index, indices, self.paths, cur.scores, cur.tau, self.batch_size
            )
            self._current.update(loss=float("nan"), skipped=True)
            return
        z1, z2 = cur.views
        # the rows' dataset indices: the gathered global batch's with several processes, else this draw's
        idx = torch.from_numpy(np.asarray(indices, dtype=np.int64)) if self.dist is not None else cur.draw[0]
        stats: dict[str, float] = {}
        states = chain_views(self.parts.sampler, self.dataset, idx)  # the EMC2 paper variant's extra views
        stamp = (self.pos.epoch, len(cur.scores) - 1)  # the pass and re-draw attempt these views were drawn in

        def compute_loss() -> torch.Tensor:
            loss, figures = self.step_model.loss(z1, z2, idx, self.parts.sampler, states, stamp)
            stats.update(figures)
            return loss

        def check(loss: torch.Tensor) -> None:
            if not bool(torch.isfinite(loss.detach())):
                self.safety.stop_non_finite(
                    float(loss.detach()), self.pos, batch_index, indices, self.paths, cur.scores
                )

        loss, taken = guarded_step(self.parts, idx, compute_loss, check)
        if not taken:
            self.pos.scaler_skipped += 1
        if self.dist is not None:
            self.dist.sync_table(self.parts.sampler, idx)
        self.parts.bank.store(idx, z1, z2)
        self.pos.trained(len(indices), float(stats.get("loss", float("nan"))))
        self._current.update(stats, surrogate=float(loss.detach()), skipped=False, frd_attempts=len(cur.scores))
        for notice in self.health.observe(self.pos.step + 1, stats, losses.chance_level(self.batch_size)):
            log.warning("health: %s", notice.message)
            self.recorder.notice_line(notice, self.pos.step + 1)  # the run report lists the health notices
            self._emit(notice)

    def _embed(self, draw: Batch) -> tuple[torch.Tensor, torch.Tensor]:
        """Both views' embeddings; with several processes, the global batch's (gathered on every rank)."""
        z = self.step_model.forward_views(draw[2], draw[3])
        return self.dist.gather_views(*z) if self.dist is not None else z

    def _score(self, z: tuple[torch.Tensor, torch.Tensor]) -> float:
        """The draw's FRD (scored once, on rank 0, with several processes)."""
        return (
            self.dist.main_float(functools.partial(self.step_model.batch_frd, *z))
            if self.dist is not None
            else self.step_model.batch_frd(*z)
        )

    def _after_batch(self, step_s: float) -> None:
        cfg, cur, clock = self.config, self._current, self.clock
        self.pos.batch_done(self.batch_size, bool(cur.get("skipped")))
        self.parts.scheduler.step()
        clock.step_done(step_s)
        assert self.peak is not None
        self.peak.sample()
        total = self.pos.total_steps(self._batches_per_epoch(), self.batch_size, cfg.epochs)
        m = step_metrics(cur, self.pos, cfg.epochs, total, self.batch_size, step_s, clock, self.device)
        self.recorder.step_line(m, cur["batch_index"], self.pos.opt_steps, cur["indices"], cur["scores"])
        self._emit(m)
        if self._debug is not None:
            self._debug.record(self.pos.step, m.loss, m.skipped, self.batch_size, self.parts.sampler, self.parts.model)
        due = self.safety.checkpoint_due(self.pos.step, cfg.checkpoint_every_steps, cfg.checkpoint_minutes)
        if self.dist is not None:
            (due,) = self.dist.any_flag(due)  # clocks differ between ranks: save together
        if due:
            self._save_checkpoint()

    def _end_epoch(self) -> None:
        cfg = self.config
        gl = self.parts.bank.global_loss(cfg.beta, self.device, seed=cfg.seed * 100003 + self.pos.epoch)
        if gl is not None:
            self.pos.last_global_loss = global_loss.on_step_scale(gl.value, gl.photos, self.batch_size)
        self.pos.last_pass_loss = self.pos.epoch_mean_loss()
        e = ev.EpochEnded(
            epoch=self.pos.epoch,
            epochs=cfg.epochs,
            mean_loss=self.pos.epoch_mean_loss(),
            rejected=self.pos.epoch_rejected,
            batches=self.pos.epoch_batches,
            chance_loss=losses.chance_level(self.batch_size),
            global_loss=None if gl is None else gl.value,
            global_photos=None if gl is None else gl.photos,
            global_loss_on_step_scale=self.pos.last_global_loss if gl is not None else None,
            step=self.pos.step,
        )
        self.recorder.epoch_line(e, self.pos.step)
        self._emit(e)
        self.pos.next_epoch()
        if self.pos.epoch % cfg.checkpoint_every_passes == 0 or self.pos.epoch >= cfg.epochs:
            self._save_checkpoint()  # every N passes (default 1) and always after the last one (the export reads it)

    # ------------------------------------------------------------------ reliability
    def _save_checkpoint(self) -> None:
        self.clock.add_to(self.pos)
        assert self.peak is not None
        self.pos.peak_memory = max(self.pos.peak_memory, self.peak.peak)
        if self.dist is not None:  # every rank is here (same step); rank 0 writes, its outcome is shared
            self.pos.peak_memory = self.dist.max_int(self.pos.peak_memory)
        self._on_main(self._write_checkpoint)
        self.safety.checkpoint_written()

    def _write_checkpoint(self) -> None:
        identity = RunIdentity(self.config, self.file_list_hash or "", self.dataset_hash, self.n or 0, self.world_size)
        path = self.safety.write_checkpoint(checkpoint_state(self.parts, self.pos, self.batch_size, identity))
        self.recorder.write_run_json(self._facts(), "running", "")
        self._emit(ev.CheckpointSaved(path=str(path), epoch=self.pos.epoch, step=self.pos.step))

    def _recover_from_oom(self) -> None:
        """Halve the batch size after an out-of-memory error and continue from the step boundary (called outside
        the ``except`` block; see :meth:`TrainingSafety.halved_batch_size`). The FRD window restarts.

        The failed step's tensors are freed by dropping their references (the gradients, the step's state; the
        traceback that pinned them is gone once the ``except`` block is left). No ``gc.collect()`` here: a
        collection in this thread could free Qt objects of the window off its GUI thread and freeze it
        (gui/gc_on_gui_thread.py); the window collects on its own thread.
        """
        self.parts.optimizer.zero_grad(set_to_none=True)
        self._current = {}
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        self.batch_size = self.safety.halved_batch_size(self.batch_size, self.pos, self.config.method)
        self.parts.gate.reset(self._warmup_batches(self.batch_size))

    # ------------------------------------------------------------------ the record and the end
    def _facts(self) -> RunFacts:
        prepared = self._prepared or self.peak is not None
        peak = max(self.pos.peak_memory, self.peak.peak) if self.peak is not None else 0
        return RunFacts(
            config=self.config,
            device=str(self.device),
            device_kind=self.device.type,
            device_label=device_label(self.device),
            precision=self.precision,
            batch_size=self.batch_size,
            position=self.pos,
            peak_memory=int(peak),
            images_used=int(self.n or 0) if prepared else 0,
            n_images=self.n,
            file_list_hash=self.file_list_hash,
            world_size=self.world_size,
            nonfinite_batch=self.safety.nonfinite_batch,
        )

    def _finish(self, status: str, message: str | None, error: bool = False) -> TrainSummary:
        self.clock.add_to(self.pos)
        return self.recorder.finish(self._facts(), status, message, self._prepared, error)

    def _emit(self, event: object) -> None:
        ev.emit(self._on_event, event)

    def _notice(self, code: str, message: str, level: str = "warning", data: dict[str, Any] | None = None) -> None:
        self._emit(ev.Notice(code=code, message=message, level=level, data=data or {}))

    @property
    def _is_main(self) -> bool:
        return self.dist is None or self.dist.is_main

    def _on_main(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on rank 0 and share its result or error with every rank (``DistContext.on_main``)."""
        return fn() if self.dist is None else self.dist.on_main(fn)
