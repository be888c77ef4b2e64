"""Reliability paths of a training run (docs/design/reliability.md §2-4): writing checkpoints with plain errors and on
schedule, the non-finite loss stop, and halving the batch size after an out-of-memory error.

:class:`TrainingSafety` holds its own state (when the last checkpoint was written, the batch that stopped the run)
and is given everything else as arguments; the trainer owns one.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from badbatch_gui.core.errors import CheckpointError, TrainingError
from badbatch_gui.core.training.run_folder import checkpoint as ckpt
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.core.training.run_folder.run_recorder import TrainPosition

log = logging.getLogger(__name__)

NoticeFn = Callable[[str, str, str, dict[str, Any]], None]  # (code, message, level, data)


class TrainingSafety:
    """Checkpoint writing and scheduling, the NaN stop and the OOM halving of one run.

    Args:
        run_dir: the run folder (the checkpoint goes there).
        world_size: processes training together (an out-of-memory error cannot be recovered with several).
        notice: sends a Notice to the run's client.
    """

    def __init__(self, run_dir: Path, world_size: int, notice: NoticeFn) -> None:
        self.run_dir = run_dir
        self.world_size = world_size
        self._notice = notice
        self.last_checkpoint = time.monotonic()
        self.nonfinite_batch: dict[str, Any] | None = None  # the batch that stopped the run (run.json)

    # ------------------------------------------------------------------ checkpoints
    @property
    def checkpoint_path(self) -> Path:
        """``<run_dir>/checkpoint.pt``."""
        return self.run_dir / runs.CHECKPOINT

    def checkpoint_due(self, step: int, every_steps: int | None, minutes: float) -> bool:
        """True every ``every_steps`` batches and once ``minutes`` passed since the last checkpoint."""
        due_steps = bool(every_steps) and step % int(every_steps or 1) == 0
        return due_steps or time.monotonic() - self.last_checkpoint >= minutes * 60.0

    def write_checkpoint(self, state: dict[str, Any]) -> Path:
        """Write the checkpoint atomically (the previous one is kept as ``.prev``); returns its path.

        Raises:
            TrainingError: the disk is full or the folder cannot be written; the previous checkpoint (if any) is
                kept, and the message says whether there is one.
        """
        path = self.checkpoint_path
        previous_kept = path.is_file() or ckpt.prev_path(path).is_file()
        try:
            ckpt.save_atomic(state, path)
        except CheckpointError as exc:
            error = exc
        except OSError as exc:  # save_atomic words its own errors; this is only a safety net
            error = ckpt.write_error(path, exc, previous_kept)
            error.__cause__ = exc
        else:
            return path
        todo = (
            "Free some space, then resume the run."
            if error.code == "checkpoint_disk_full"
            else "Make the run folder writable (or free some space), then resume the run."
        )
        raise TrainingError(f"Training stopped: {error} {todo}", code=error.code, **error.values) from error

    def checkpoint_written(self) -> None:
        """Restart the checkpoint clock."""
        self.last_checkpoint = time.monotonic()

    # ------------------------------------------------------------------ the non-finite loss stop
    def stop_non_finite(
        self,
        value: float,
        pos: TrainPosition,
        batch_index: int,
        indices: np.ndarray,
        paths: Sequence[str],
        scores: list[float],
    ) -> NoReturn:
        """Stop the run, naming the batch whose loss became NaN or infinite (kept for run.json)."""
        names = [paths[int(i)] for i in indices]
        shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
        frd_txt = f"{scores[-1]:.4g}" if scores and math.isfinite(scores[-1]) else "not a number"
        self.nonfinite_batch = {
            "step": pos.step + 1,
            "epoch": pos.epoch,
            "batch": batch_index,
            "indices": [int(i) for i in indices],
            "paths": names,
            "frd": scores,
            "loss": str(value),
        }
        raise TrainingError(
            f"Training stopped: the loss became {'NaN' if math.isnan(value) else 'infinite'} at step "
            f"{pos.step + 1} (epoch {pos.epoch + 1}, batch {batch_index + 1}, batch FRD {frd_txt}). "
            f"Images in that batch: {shown}. The last good checkpoint was kept; try a lower learning rate "
            "and resume, or check these images.",
            code="non_finite_loss",
            step=pos.step + 1,
            epoch=pos.epoch + 1,
            batch=batch_index + 1,
            paths=names,
        )

    # ------------------------------------------------------------------ out of memory
    def halved_batch_size(self, old: int, pos: TrainPosition, method: str) -> int:
        """The batch size after an out-of-memory error at ``old``; the change is recorded in ``pos``.

        The epoch's permutation does not depend on the batch size (``plan_batches`` cuts the same seeded
        permutation into batches), so training re-plans the current epoch at the new size and continues at batch
        ``images_in_epoch // new_size``: with a halved (even) size this is exactly the first image not yet consumed,
        so no image of the epoch is skipped or repeated. The caller restarts the FRD window with a new warm-up,
        because FRD values depend on the batch size (docs/design/frd.md §4) and must not be compared across sizes.

        Raises:
            TrainingError: several processes train together (they cannot agree on a new size in the middle of a
                collective), or the batch size would drop below 2.
        """
        new = old // 2
        if self.world_size > 1:
            raise TrainingError(
                f"A graphics card ran out of memory at batch size {old} ({old // self.world_size} "
                "per process); training stopped and the last checkpoint was kept. Start a new run "
                "with a smaller batch size or image size.",
                code="oom_several_gpus",
                batch_size=old,
            )
        if new < 2:
            raise TrainingError(
                f"The device ran out of memory even at batch size {old}; training cannot "
                "continue. Use a smaller image size or close other programs using the GPU.",
                code="oom_smallest_batch",
                batch_size=old,
            )
        pos.batch_size_changes.append(
            {
                "step": pos.step,
                "epoch": pos.epoch,
                "from": old,
                "to": new,
                "reason": "out_of_memory",
                "time": runs.now_iso(),
            }
        )
        msg = (
            f"The device ran out of memory at batch size {old}; training continues with batch size {new}. "
            "This is recorded in the run's summary"
            + (" (SimCLR's results depend on the batch size)." if method == "simclr" else ".")
        )
        log.warning(msg)
        self._notice("oom_batch_halved", msg, "warning", {"from": old, "to": new, "step": pos.step})
        return new
