"""Pieces of training state that are not a module's own ``state_dict``: the learning-rate schedule, the
training file list and its hash, and CPU copies for the resume checkpoint (RNG states: checkpoint.py).

Everything here returns tensors and plain Python values only, so the checkpoint loads with
``torch.load(weights_only=True)`` (docs/design/reliability.md §5).

Layer 3 (imports layers 0-2).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.data.dataset import select_paths
from badbatch_gui.core.paths import file_list_hash


def to_cpu(obj: Any) -> Any:
    """A copy of a nested dict/list of tensors with every tensor detached on the CPU."""
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu().clone()
    if isinstance(obj, dict):
        return {k: to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_cpu(v) for v in obj)
    return obj


def paths_hash(paths: Sequence[str]) -> str:
    """The dataset's identity (``paths.file_list_hash``; dataset-index order is sorted order, so it is the same)."""
    return file_list_hash(paths)


def training_paths(all_paths: Sequence[str], exclude: Sequence[str] = (), max_images: int | None = None
                   ) -> tuple[str, ...]:
    """The relative paths a run trains on, in dataset-index order.

    Sorted and minus the operator's rejections (``dataset.select_paths``); with ``max_images`` an evenly
    spaced subset over the sorted list (so every sub-folder stays represented), independent of the seed.
    """
    paths = select_paths(all_paths, exclude)
    if max_images is not None and len(paths) > max_images:
        pick = np.unique(np.linspace(0, len(paths) - 1, int(max_images)).round().astype(np.int64))
        paths = tuple(paths[i] for i in pick)
    return paths


class WarmupCosine:
    """Learning-rate factor: linear warm-up over ``warmup_epochs`` then cosine decay to 0 at ``epochs``.

    Used as a ``LambdaLR`` lambda that ignores the scheduler's own counter and reads the data position
    from ``progress()`` (epochs done as a float, e.g. 2.25 = a quarter into the third epoch). So the
    schedule follows the data actually consumed: FRD-skipped batches do not stretch it, a batch-size
    change after an out-of-memory error does not shift it, and a resumed run gets the same factor.
    """

    def __init__(self, warmup_epochs: float, epochs: float, progress: Callable[[], float],
                 first_step: Callable[[], float]) -> None:
        self.warmup = max(0.0, float(warmup_epochs))
        self.epochs = float(epochs)
        self.progress = progress
        self.first_step = first_step  # one batch, in epochs (so the first step's LR is not 0)

    def factor(self, p: float) -> float:
        """The factor at progress ``p`` (epochs)."""
        warm = min(self.warmup, self.epochs)
        if warm > 0 and p < warm:
            return min(1.0, (p + self.first_step()) / warm)
        span = self.epochs - warm
        if span <= 0:
            return 1.0
        t = min(1.0, max(0.0, (p - warm) / span))
        return 0.5 * (1.0 + math.cos(math.pi * t))

    def __call__(self, _scheduler_step: int) -> float:
        return self.factor(self.progress())
