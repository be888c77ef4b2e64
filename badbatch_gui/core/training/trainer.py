"""The training loop: EMC2 / SimCLR / SogCLR with in-loop FRD curation, run control, checkpoints, resume.

One loop serves the three methods (same model, data, optimiser and schedule; only the loss differs,
docs/design/emc2.md §2, §9). Per planned batch (``dataset.plan_batches``, the plan the Batch check page previewed):

1. ``control.check()`` (pause / stop at the step boundary).
2. Forward both views once as a (2B) batch; FRD of the detached embeddings (``frd.frechet_distance`` in
   float64). :class:`~badbatch_gui.core.training.curation.CurationGate` accepts, asks for a re-draw (the same images,
   ``draw = attempt``), or rejects; a rejected batch gets no optimiser step and no sampler update
   (docs/design/frd.md §7, docs/design/emc2.md §5) and is logged to ``rejected_batches.jsonl``.
3. Loss (fp32 similarities), NaN/inf check, backward, AdamW step, LR schedule step.

Reliability (docs/design/reliability.md §2-4): atomic checkpoints at each epoch end, every ``checkpoint_minutes``
and every ``checkpoint_every_steps``; resume restores model, optimiser, scheduler, scaler, sampler, FRD
window, RNG states and the data position (the plan is a pure function of seed/epoch, so resuming skips
exactly the batches already consumed); a non-finite loss stops with the batch named; an out-of-memory
error halves the batch size and continues (see :meth:`Trainer._recover_from_oom`).

Split for size: the reliability paths live in ``safety.SafetyMixin``, the run record (run.json,
images.json, :class:`TrainSummary`, the finish path) in ``record.RunRecordMixin``; tests replace
``_forward_views``, ``_compute_loss`` and ``_batch_frd`` to simulate out-of-memory, NaN and FRD outliers.

Several processes (``badbatch train --nproc N``, torchrun): ``self.dist`` is a
:class:`~badbatch_gui.core.training.distributed.DistContext` (None in a single process, where nothing below
changes). Each rank trains on its slice of every planned batch, the views are all-gathered so the loss,
the EMC2/SogCLR table updates and the FRD verdict are those of the global batch, and rank 0 alone writes
files; see distributed.py for the design.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.data.dataset import BatchLoader, ImageCache, TwoViewDataset, plan_batches, training_paths
from badbatch_gui.core.data.scan import ScanResult, scan_folder
from badbatch_gui.core.devices import autocast, device_label, pick_device, pick_precision, uses_channels_last
from badbatch_gui.core.errors import CheckpointError, ConfigError, FolderError, TrainingError
from badbatch_gui.core.nets.models import build_model, optimizer_groups
from badbatch_gui.core.paths import app_paths, file_list_hash, is_inside
from badbatch_gui.core.scoring import frd
from badbatch_gui.core.training import distributed, losses, runs
from badbatch_gui.core.training.curation import CurationGate, Verdict
from badbatch_gui.core.training.debug import StepDebugLog
from badbatch_gui.core.training.emc2 import EMC2Sampler
from badbatch_gui.core.training.health import HealthWatch
from badbatch_gui.core.training.memory import PeakMemory, cuda_memory, process_rss
from badbatch_gui.core.training.record import SCHEMA, NullWriter, RunRecordMixin, TrainPosition, TrainSummary
from badbatch_gui.core.training.safety import SafetyMixin
from badbatch_gui.core.training.sogclr import SogCLRState
from badbatch_gui.core.training.state import WarmupCosine

__all__ = ["SCHEMA", "TrainSummary", "Trainer"]

log = logging.getLogger(__name__)

HEALTH_KEYS = ("mean_cosine", "positive_similarity", "acceptance_rate", "rows_without_negative", "old_fraction")
OOM_ERRORS: tuple[type[BaseException], ...] = (getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError),)


class Trainer(SafetyMixin, RunRecordMixin):
    """Trains one encoder on an image folder into a run folder.

    Args:
        config: the run's settings (ignored on resume, where the checkpoint's settings are used).
        folder: the image folder (only read, never written).
        run_dir: the run folder (created if missing); must not be inside ``folder``.
        scan: a scan of ``folder`` already made (else it is scanned at the start of :meth:`run`).

    Raises:
        ConfigError: ``run_dir`` is inside the image folder, or a setting is out of range.
    """

    def __init__(self, config: TrainConfig, folder: Path, run_dir: Path, scan: ScanResult | None = None) -> None:
        config.validate()
        self.config = config
        self.folder = Path(folder).expanduser()
        self.run_dir = Path(run_dir).expanduser()
        if is_inside(self.run_dir, self.folder):
            raise ConfigError("The run folder is inside the image folder; choose a run folder elsewhere, "
                              "nothing is ever written into the image folder.")
        self.scan = scan
        self.dist = distributed.from_env(config.device)  # None unless launched by torchrun with WORLD_SIZE > 1
        self.device = self.dist.device if self.dist is not None else pick_device(config.device)
        self.precision = pick_precision(config.precision, self.device)
        self.pos = TrainPosition()
        self.batch_size = config.batch_size
        self._on_event: ev.EventCallback | None = None
        self._finished_sent = False
        rank, world = (self.dist.rank, self.dist.world_size) if self.dist is not None else (0, 1)
        self._debug = StepDebugLog.from_env(rank, world)  # per-step fingerprints when BADBATCH_DEBUG_STEPS is set

    # ------------------------------------------------------------------ public entry point
    def run(self, control: RunControl | None = None, on_event: ev.EventCallback | None = None,
            resume: bool = False) -> TrainSummary:
        """Train (or continue a run with ``resume=True``); blocks until done. Sends exactly one RunFinished.

        Returns the summary also when stopped (status "canceled", after a checkpoint was written).

        Raises:
            TrainingError: non-finite loss, out of memory at batch size 2, disk full, run already running.
            CheckpointError: ``resume`` without a usable checkpoint, or the folder's file list changed.
            FolderError: the folder is missing or holds fewer usable images than one batch.
        """
        self._on_event = on_event
        self._finished_sent = False
        lock = runs.RunLock(self.run_dir)
        self._on_main(lambda: self._take_lock(lock))
        self._emit(ev.StateChanged(ev.RunState.PREPARING))
        self._prepared = False
        self._writers: list[runs.JsonlWriter] = []
        try:
            self._prepare(control, resume)
            self._prepared = True
            self._emit(ev.StateChanged(ev.RunState.RUNNING))
            self._train(control)
            return self._finish("completed", None)
        except Cancelled:
            if self._prepared:
                self._save_checkpoint()
            return self._finish("canceled", "Training stopped; a checkpoint was saved, so the run can be resumed."
                                if self._prepared else "Training stopped before it began.")
        except BaseException as exc:
            message = str(exc) if str(exc) else exc.__class__.__name__
            self._finish("errored", message, error=True)
            raise
        finally:
            for w in self._writers:
                w.close()
            lock.release()
            self._emit(ev.StateChanged(ev.RunState.IDLE))

    def _take_lock(self, lock: runs.RunLock) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if not lock.acquire():
            raise TrainingError(f"The run in {self.run_dir} is already training in another window or process.")

    # ------------------------------------------------------------------ preparation
    def _prepare(self, control: RunControl | None, resume: bool) -> None:
        state = self._on_main(self._load_resume_state) if resume else None
        restart = state is not None and bool(state.get("restart"))
        if state is not None:
            saved = TrainConfig.from_record(state["config"])
            if saved != self.config:
                self._notice("resume_uses_saved_settings", "Resuming with the run's saved settings.", "info")
            self.config = saved
            self.device = self.dist.device if self.dist is not None else pick_device(saved.device)
            self.precision = pick_precision(saved.precision, self.device)
        if restart:
            self._notice("restarted", "The run was stopped before its first checkpoint, so it starts again from "
                         "the beginning with its saved settings.", "info")
            for name in (runs.METRICS_JSONL, runs.REJECTED_JSONL) if self._is_main else ():
                runs.truncate_jsonl(self.run_dir / name, 0)
            state = None
        cfg = self.config
        torch.manual_seed(cfg.seed)
        if self.scan is None:
            if not self.folder.is_dir():
                raise FolderError(f"The image folder {self.folder} does not exist or is not a folder.")
            self.scan = scan_folder(self.folder, control=control, on_event=self._forward_progress)
        self.scan.require_usable()
        folder_hash = self.scan.file_list_hash()
        all_paths = [r.path for r in self.scan.training_images()]
        if state is not None:
            if state.get("file_list_hash") != folder_hash:
                raise CheckpointError("The images in the folder changed since this run was saved (files were "
                                      "added, removed or renamed), so it cannot resume. Start a new run instead.")
            paths = tuple(state.get("image_paths") or training_paths(all_paths, cfg.exclude, cfg.max_images))
        else:
            paths = training_paths(all_paths, cfg.exclude, cfg.max_images)

        def build() -> ImageCache:
            return ImageCache.build(self.scan.root, paths, cfg.image_size, cache_dir=app_paths().image_cache_dir,
                                    control=control, on_event=self._on_event)

        cache = self.dist.in_turns(build) if self.dist is not None else build()  # one writer per cache file
        for f in cache.failed:
            self._notice("skipped_file", f"{f.path} could not be read and is left out: {f.message}", "warning",
                         {"path": f.path, "reason": f.reason})
        self.paths = cache.paths
        self.n = len(cache)
        self.dataset_hash = file_list_hash(self.paths)
        if self.dist is not None:
            self.dist.check_same(self.dataset_hash, "The processes read different images: the image folder must "
                                                    "be the same, at the same path, on every machine.")
        if state is not None and state.get("dataset_hash") != self.dataset_hash:
            raise CheckpointError("Some images of this run can no longer be read, so it cannot resume exactly. "
                                  "Start a new run instead.")
        if self.n < cfg.batch_size and state is None:
            raise FolderError(f"The folder has {self.n} usable images, fewer than one batch of {cfg.batch_size}; "
                              "lower the batch size or add images.")
        self.file_list_hash = folder_hash
        self.dataset = TwoViewDataset(cache, cfg.augment, cfg.image_size, cfg.seed)
        self._build_training_objects()
        self.peak = PeakMemory(self.device)
        self.peak.reset()
        if state is not None:
            self._restore(state)
        else:
            self.batch_size = cfg.batch_size
            self.pos = TrainPosition()
            self._write_images_json()
        self.health = HealthWatch(self._batches_per_epoch())
        self.net: torch.nn.Module = self.model
        if self.dist is not None:
            self.dist.check_batch_size(self.batch_size)
            self.net = self.dist.wrap(self.model)  # DDP; checkpoints keep saving the bare self.model
        self._write_run_json("running", "", started=state is None, resumed=state is not None)
        if self._is_main:
            self.metrics = runs.JsonlWriter(self.run_dir / runs.METRICS_JSONL)
            self.rejected_log = runs.JsonlWriter(self.run_dir / runs.REJECTED_JSONL)
            self._writers += [self.metrics, self.rejected_log]
        else:
            self.metrics = self.rejected_log = NullWriter()  # type: ignore[assignment]
        log.info("training %s on %d images (%s, %s), batch %d, %d epochs, run %s", cfg.method, self.n,
                 device_label(self.device), self.precision, self.batch_size, cfg.epochs, self.run_dir)

    def _build_training_objects(self) -> None:
        cfg = self.config
        model = build_model(cfg.backbone, cfg.norm, cfg.proj_dim, stem=cfg.stem).to(self.device)
        self.channels_last = uses_channels_last(self.device)
        if self.channels_last:
            model = model.to(memory_format=torch.channels_last)
        self.model = model
        self.optimizer = torch.optim.AdamW(optimizer_groups(model, cfg.weight_decay, cfg.decay_scope), lr=cfg.lr)
        self.schedule = WarmupCosine(cfg.warmup_epochs, cfg.epochs, self._progress, self._one_batch_in_epochs)
        # A plain function (not the callable object) so the scheduler's state_dict holds no Python objects.
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, lambda s: self.schedule(s))
        self.scaler = torch.amp.GradScaler("cuda") if self.precision == "fp16" else None
        self.sampler: EMC2Sampler | SogCLRState | None = None
        if cfg.method == "emc2":
            self.sampler = EMC2Sampler(self.n, beta=cfg.beta, burn_in=cfg.burn_in, seed=cfg.seed,
                                       dataset_hash=file_list_hash(self.paths), chain_scores=cfg.chain_scores)
        elif cfg.method == "sogclr":
            self.sampler = SogCLRState(self.n, gamma=cfg.sogclr_gamma)
        self.gate = CurationGate(cfg.curate, cfg.frd_window, cfg.frd_k, self._warmup_batches(cfg.batch_size),
                                 cfg.frd_redraws)

    def _warmup_batches(self, batch_size: int) -> int:
        """FRD warm-up length: frd_warmup_batches, but at most one epoch (see curation.py)."""
        return min(self.config.frd_warmup_batches, max(1, self.n // batch_size))

    # ------------------------------------------------------------------ the loop
    def _batches_per_epoch(self) -> int:
        return self.n // self.batch_size

    def _progress(self) -> float:
        per_epoch = max(1, self._batches_per_epoch() * self.batch_size)
        return self.pos.epoch + self.pos.images_in_epoch / per_epoch

    def _one_batch_in_epochs(self) -> float:
        return 1.0 / max(1, self._batches_per_epoch())

    def _total_steps(self) -> int:
        left_now = max(0, self._batches_per_epoch() - self.pos.images_in_epoch // self.batch_size)
        return self.pos.step + left_now + (self.config.epochs - self.pos.epoch - 1) * self._batches_per_epoch()

    def _train(self, control: RunControl | None) -> None:
        cfg = self.config
        self._segment_start = time.perf_counter()
        self._last_ckpt_time = time.monotonic()
        self._ema_step_s: float | None = None
        self._steps_timed = 0
        while self.pos.epoch < cfg.epochs:
            self.dataset.set_epoch(self.pos.epoch)
            while True:
                plan = plan_batches(self.n, self.batch_size, cfg.seed, self.pos.epoch)
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
                    self._one_batch(start + j, plan[start + j], batch)
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
        if self.dist is not None:  # every rank stops / pauses at the same step
            self.dist.step_boundary(control, self.run_dir, self._pause_began, lambda: self._pause_ended(emit=True))
            return
        if control is None:
            return
        if control.pause_requested:
            self._pause_began(emit=False)
            try:
                control.check(on_pause=lambda: self._emit(ev.StateChanged(ev.RunState.PAUSED)))
            finally:
                self._pause_ended(emit=False)
            self._emit(ev.StateChanged(ev.RunState.RUNNING))
        else:
            control.check()

    def _pause_began(self, emit: bool = True) -> None:
        self._paused_at = time.perf_counter()
        self._add_train_time()
        if emit:
            self._emit(ev.StateChanged(ev.RunState.PAUSED))

    def _pause_ended(self, emit: bool) -> None:
        self._segment_start = time.perf_counter()
        log.info("paused for %.1f s", self._segment_start - self._paused_at)
        if emit:
            self._emit(ev.StateChanged(ev.RunState.RUNNING))

    def _add_train_time(self) -> None:
        now = time.perf_counter()
        self.pos.train_time_s += now - self._segment_start
        self._segment_start = now

    def _one_batch(self, batch_index: int, indices: np.ndarray, batch: Any) -> None:
        """Curate, then train on one planned batch (or skip it)."""
        tau = self.gate.begin_batch()
        scores: list[float] = []
        verdict = Verdict.ACCEPT
        z: tuple[torch.Tensor, torch.Tensor] | None = None
        idx = batch[0]
        for attempt in range(self.gate.redraws + 1):
            z = None  # free the previous draw's graph before the next forward
            idx, _orig, v1, v2 = batch if attempt == 0 else self.dataset.batch(self._local(indices), draw=attempt)
            z = self._forward_views(v1, v2)
            if self.dist is not None:  # the global batch's views on every rank; FRD scored once, on rank 0
                z = self.dist.gather_views(*z)
                s = self.dist.main_float(lambda: self._batch_frd(*z))  # noqa: B023 - called at once
            else:
                s = self._batch_frd(*z)
            scores.append(s)
            verdict = self.gate.decide(s, attempt)
            if verdict is not Verdict.REDRAW:
                break
        self.peak.sample()
        self._current = {"batch_index": batch_index, "indices": indices, "scores": scores, "tau": tau,
                         "lr": float(self.optimizer.param_groups[0]["lr"])}
        if verdict is Verdict.REJECT or z is None:
            z = None
            self._log_rejected(batch_index, indices, scores, tau)
            self._current["loss"] = float("nan")
            self._current["skipped"] = True
            return
        if self.dist is not None:
            idx = torch.from_numpy(np.asarray(indices, dtype=np.int64))  # the gathered rows' dataset indices
        table = self.sampler.snapshot(idx) if self.sampler is not None else None
        self._step_stats: dict[str, float] = {}
        loss = self._compute_loss(z[0], z[1], idx)
        if not bool(torch.isfinite(loss.detach())):
            self._stop_non_finite(float(loss.detach()), batch_index, indices, scores)
        if not self._optimise(loss) and table is not None:
            self.sampler.restore(table)  # the GradScaler skipped the step: the tables do not advance either
        if self.dist is not None:
            self.dist.sync_table(self.sampler, idx)
        stats = self._step_stats
        self.pos.opt_steps += 1
        self.pos.samples_seen += len(indices)
        self.pos.last_loss = float(stats.get("loss", float("nan")))
        self.pos.epoch_loss_sum += self.pos.last_loss
        self.pos.epoch_loss_n += 1
        self._current.update(stats)
        self._current["surrogate"] = float(loss.detach())
        for notice in self.health.observe(self.pos.step + 1, stats, losses.chance_level(self.batch_size)):
            log.warning("health: %s", notice.message)
            self._emit(notice)
        self._current["skipped"] = False
        self._current["frd_attempts"] = len(scores)

    def _forward_views(self, v1: torch.Tensor, v2: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Embeddings of both views in one (2B) forward pass (tests replace this to simulate OOM).

        Shape:
            v1, v2: (B, 3, S, S) -> z1, z2 (B, proj_dim) unit rows.
        """
        b = v1.shape[0]
        x = torch.cat([v1, v2]).to(self.device, non_blocking=True)
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        with autocast(self.device, self.precision):
            z = self.net(x)
        return z[:b], z[b:]

    @staticmethod
    def _batch_frd(z1: torch.Tensor, z2: torch.Tensor) -> float:
        """FRD between the two views' embeddings (float64, detached; docs/design/frd.md §4, §7)."""
        x = z1.detach().float().cpu().double().numpy()
        y = z2.detach().float().cpu().double().numpy()
        return float(frd.frechet_distance(x, y))

    def _compute_loss(self, z1: torch.Tensor, z2: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        """The method's objective (updates the EMC2 chains / SogCLR table); the step's monitor figures
        (``losses.monitor`` and the sampler's health) go to ``self._step_stats``.

        Shape: z (B, d), idx (B,) -> scalar.
        """
        cfg = self.config
        out = losses.method_loss(cfg.method, z1, z2, idx, self.sampler, cfg.beta)
        self._step_stats = {**out.stats, **losses.monitor(out.sim, cfg.beta)}
        return out.loss

    def _optimise(self, loss: torch.Tensor) -> bool:
        """Backward and optimiser step; False when the fp16 GradScaler skipped the step (inf/NaN gradients)."""
        self.optimizer.zero_grad(set_to_none=True)
        if self.scaler is not None:
            scale = self.scaler.get_scale()
            self.scaler.scale(loss).backward()
            self.scaler.step(self.optimizer)
            self.scaler.update()
            if self.scaler.get_scale() < scale:
                self.pos.scaler_skipped += 1
                return False
            return True
        loss.backward()
        self.optimizer.step()
        return True

    def _after_batch(self, step_s: float) -> None:
        cfg = self.config
        cur = self._current
        self.pos.images_in_epoch += self.batch_size
        self.pos.step += 1
        self.pos.epoch_batches += 1
        if cur.get("skipped"):
            self.pos.rejected += 1
            self.pos.epoch_rejected += 1
        self.scheduler.step()
        self._steps_timed += 1
        if self._steps_timed > 1:  # the first step includes warm-up costs
            self._ema_step_s = step_s if self._ema_step_s is None else 0.9 * self._ema_step_s + 0.1 * step_s
        self.peak.sample()
        total = self._total_steps()
        eta = self._ema_step_s * (total - self.pos.step) if self._ema_step_s and self._steps_timed >= 3 else None
        cuda = cuda_memory(self.device)
        m = ev.StepMetrics(
            step=self.pos.step, total_steps=total, epoch=self.pos.epoch, epochs=cfg.epochs,
            loss=float(cur.get("loss", float("nan"))), lr=float(cur["lr"]),
            images_per_s=self.batch_size / (self._ema_step_s or step_s or 1e-9),
            batch_frd=float(cur["scores"][0]), frd_threshold=cur["tau"], rejected_batches=self.pos.rejected,
            batch_size=self.batch_size, eta_s=eta, elapsed_s=self.pos.train_time_s + time.perf_counter()
            - self._segment_start, cuda_allocated=cuda[0] if cuda else None,
            cuda_reserved=cuda[1] if cuda else None, cuda_total=cuda[2] if cuda else None,
            rss_bytes=None if cuda else process_rss(), skipped=bool(cur.get("skipped")),
            surrogate=cur.get("surrogate"), chance_loss=losses.chance_level(self.batch_size),
            **{k: cur.get(k) for k in HEALTH_KEYS})
        record = dataclasses.asdict(m)
        record.update(event="step", batch=cur["batch_index"], opt_step=self.pos.opt_steps,
                      indices_sha=_indices_sha(cur["indices"]), frd_scores=cur["scores"])
        self.metrics.write(record)
        self._emit(m)
        if self._debug is not None:
            self._debug.record(self.pos.step, m.loss, m.skipped, self.batch_size, self.sampler, self.model)
        due_steps = cfg.checkpoint_every_steps and self.pos.step % cfg.checkpoint_every_steps == 0
        due = bool(due_steps) or time.monotonic() - self._last_ckpt_time >= cfg.checkpoint_minutes * 60.0
        if self.dist is not None:
            (due,) = self.dist.any_flag(due)  # clocks differ between ranks: save together
        if due:
            self._save_checkpoint()

    def _end_epoch(self) -> None:
        cfg = self.config
        mean = self.pos.epoch_loss_sum / self.pos.epoch_loss_n if self.pos.epoch_loss_n else float("nan")
        e = ev.EpochEnded(epoch=self.pos.epoch, epochs=cfg.epochs, mean_loss=mean, rejected=self.pos.epoch_rejected,
                          batches=self.pos.epoch_batches, chance_loss=losses.chance_level(self.batch_size))
        self.metrics.write({"event": "epoch", "step": self.pos.step, **dataclasses.asdict(e),
                            "rejected_fraction": e.rejected / e.batches if e.batches else 0.0})
        self._emit(e)
        self.pos.epoch += 1
        self.pos.images_in_epoch = 0
        self.pos.epoch_loss_sum, self.pos.epoch_loss_n = 0.0, 0
        self.pos.epoch_rejected = self.pos.epoch_batches = 0
        self._save_checkpoint()

    def _log_rejected(self, batch_index: int, indices: np.ndarray, scores: list[float], tau: float | None) -> None:
        self.rejected_log.write({"step": self.pos.step + 1, "epoch": self.pos.epoch, "batch": batch_index,
                                 "indices": [int(i) for i in indices], "paths": [self.paths[int(i)] for i in indices],
                                 "scores": scores, "threshold": tau, "batch_size": self.batch_size})


def _indices_sha(indices: np.ndarray) -> str:
    """Short fingerprint of a batch's dataset indices (metrics.jsonl: which batch was drawn)."""
    return hashlib.sha1(np.asarray(indices, dtype=np.int64).tobytes()).hexdigest()[:12]

