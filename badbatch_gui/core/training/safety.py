"""Reliability paths of the Trainer (docs/design/reliability.md §2-4): checkpoints and exact resume, the non-finite
loss stop, and out-of-memory batch halving.

:class:`SafetyMixin` is part of :class:`~badbatch_gui.core.training.trainer.Trainer` (split out to keep modules
short); it uses the trainer's attributes (model, optimizer, scheduler, sampler, gate, pos, ...).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import math
import time
from typing import Any

import numpy as np
import torch

from badbatch_gui import __version__
from badbatch_gui.core import events as ev
from badbatch_gui.core.errors import CheckpointError, TrainingError
from badbatch_gui.core.nets.models import encoder_config
from badbatch_gui.core.training import checkpoint as ckpt
from badbatch_gui.core.training import runs
from badbatch_gui.core.training.record import SCHEMA, TrainPosition
from badbatch_gui.core.training.state import to_cpu

log = logging.getLogger(__name__)


class SafetyMixin:
    """Checkpoint save/load/restore, the NaN stop and the OOM recovery of the Trainer."""

    def _stop_non_finite(self, value: float, batch_index: int, indices: np.ndarray, scores: list[float]) -> None:
        names = [self.paths[int(i)] for i in indices]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        frd_txt = f"{scores[-1]:.4g}" if scores and math.isfinite(scores[-1]) else "not a number"
        self._nonfinite = {"step": self.pos.step + 1, "epoch": self.pos.epoch, "batch": batch_index,
                           "indices": [int(i) for i in indices], "paths": names, "frd": scores, "loss": str(value)}
        raise TrainingError(
            f"Training stopped: the loss became {'NaN' if math.isnan(value) else 'infinite'} at step "
            f"{self.pos.step + 1} (epoch {self.pos.epoch + 1}, batch {batch_index + 1}, batch FRD {frd_txt}). "
            f"Images in that batch: {shown}. The last good checkpoint was kept; try a lower learning rate "
            "and resume, or check these images.")

    def _recover_from_oom(self) -> None:
        """Halve the batch size after an out-of-memory error and continue from the step boundary.

        Called outside the ``except`` block. The epoch's permutation does not depend on the batch size
        (``plan_batches`` cuts the same seeded permutation into batches), so training re-plans the current
        epoch at the new size and continues at batch ``images_in_epoch // new_size``: with a halved
        (even) size this is exactly the first image not yet consumed, so no image of the epoch is skipped
        or repeated. The FRD window restarts with a new warm-up, because FRD values depend on the batch
        size (docs/design/frd.md §4) and must not be compared across sizes.
        """
        self.optimizer.zero_grad(set_to_none=True)
        self._current = {}
        gc.collect()
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
        old, new = self.batch_size, self.batch_size // 2
        if self.dist is not None:  # the ranks cannot agree on a new size in the middle of a collective
            raise TrainingError(f"A graphics card ran out of memory at batch size {old} ({old // self.dist.world_size} "
                                "per process); training stopped and the last checkpoint was kept. Start a new run "
                                "with a smaller batch size or image size.")
        if new < 2:
            raise TrainingError(f"The device ran out of memory even at batch size {old}; training cannot "
                                "continue. Use a smaller image size or close other programs using the GPU.")
        self.batch_size = new
        change = {"step": self.pos.step, "epoch": self.pos.epoch, "from": old, "to": new,
                  "reason": "out_of_memory", "time": runs.now_iso()}
        self.pos.batch_size_changes.append(change)
        self.gate.reset(self._warmup_batches(new))
        msg = (f"The device ran out of memory at batch size {old}; training continues with batch size {new}. "
               "This is recorded in the run's summary" + (" (SimCLR's results depend on the batch size)."
                                                          if self.config.method == "simclr" else "."))
        log.warning(msg)
        self._notice("oom_batch_halved", msg, "warning", {"from": old, "to": new, "step": self.pos.step})

    def _checkpoint_dict(self) -> dict[str, Any]:
        pos = dataclasses.asdict(self.pos)
        return {
            "schema": SCHEMA, "app_version": __version__, "kind": "badbatch-train-checkpoint",
            "model": to_cpu(self.model.state_dict()), "architecture": encoder_config(self.model),
            "image_size": int(self.config.image_size),
            "optimizer": to_cpu(self.optimizer.state_dict()), "scheduler": self.scheduler.state_dict(),
            "scaler": self.scaler.state_dict() if self.scaler is not None else None,
            "sampler": to_cpu(self.sampler.state_dict()) if self.sampler is not None else None,
            "curation": self.gate.state_dict(), "rng": ckpt.rng_state(),
            "epoch": self.pos.epoch, "batch_in_epoch": self.pos.images_in_epoch // self.batch_size,
            "images_in_epoch": self.pos.images_in_epoch, "step": self.pos.step, "batch_size": self.batch_size,
            "config": self.config.to_dict(), "file_list_hash": self.file_list_hash,
            "dataset_hash": self.dataset_hash, "n_images": self.n, "position": pos,
            "world_size": self.dist.world_size if self.dist is not None else 1,
        }

    def _save_checkpoint(self) -> None:
        self._add_train_time()
        self.pos.peak_memory = max(self.pos.peak_memory, self.peak.peak)
        if self.dist is not None:  # every rank is here (same step); rank 0 writes, its outcome is shared
            self.pos.peak_memory = self.dist.max_int(self.pos.peak_memory)
        self._on_main(self._write_checkpoint)
        self._last_ckpt_time = time.monotonic()

    def _write_checkpoint(self) -> None:
        path = self.run_dir / runs.CHECKPOINT
        try:
            ckpt.save_atomic(self._checkpoint_dict(), path)
        except CheckpointError as exc:
            raise TrainingError(f"Training stopped: {exc} Free some space, then resume the run.") from exc
        except OSError as exc:
            raise TrainingError(f"Training stopped: the checkpoint could not be written to {self.run_dir} "
                                f"({exc.strerror or exc}); the previous checkpoint is kept.") from exc
        self._write_run_json("running", "")
        self._emit(ev.CheckpointSaved(path=str(path), epoch=self.pos.epoch, step=self.pos.step))

    def _load_resume_state(self) -> dict[str, Any]:
        """The checkpoint, plus "image_paths" from images.json (rank 0 reads; shared by _on_main)."""
        path = self.run_dir / runs.CHECKPOINT
        if not path.exists() and not path.with_name(path.name + ".prev").exists():
            # Stopped before its first checkpoint: start the same run again from the beginning, with its settings.
            saved = (runs.read_json(self.run_dir / runs.RUN_JSON) or {}).get("config")
            if isinstance(saved, dict):
                return {"restart": True, "config": saved}
            raise CheckpointError(f"{self.run_dir} has no checkpoint to resume from.")
        state = ckpt.load_checkpoint(path)
        if int(state.get("schema", 0)) != SCHEMA:
            raise CheckpointError("The checkpoint was written by another version of the app and cannot be resumed.")
        state["image_paths"] = (runs.read_json(self.run_dir / runs.IMAGES_JSON) or {}).get("paths")
        return state

    def _restore(self, state: dict[str, Any]) -> None:
        self.batch_size = int(state["batch_size"])
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        if self.scaler is not None and state.get("scaler"):
            self.scaler.load_state_dict(state["scaler"])
        if self.sampler is not None:
            self.sampler.load_state_dict(state["sampler"])
        pos = dict(state["position"])
        self.pos = TrainPosition(**{k: v for k, v in pos.items()
                                     if k in {f.name for f in dataclasses.fields(TrainPosition)}})
        self.gate.load_state_dict(state["curation"])
        if state.get("rng"):
            ckpt.set_rng_state(state["rng"])
        for name in (runs.METRICS_JSONL, runs.REJECTED_JSONL) if self._is_main else ():
            runs.truncate_jsonl(self.run_dir / name, self.pos.step)
        self._notice("resumed", f"Resumed at epoch {self.pos.epoch + 1}, step {self.pos.step}.", "info",
                     {"epoch": self.pos.epoch, "step": self.pos.step})

