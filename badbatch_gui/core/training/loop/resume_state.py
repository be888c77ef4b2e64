"""Pieces of training state that are not a module's own ``state_dict``: the learning-rate schedule and CPU copies
for the resume checkpoint (RNG states: checkpoint.py).

Everything here returns tensors and plain Python values only, so the checkpoint loads with
``torch.load(weights_only=True)`` (docs/design/reliability.md §5).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch


def to_cpu(obj: Any) -> Any:
    """A copy of a nested dict/list of tensors with every tensor detached on the CPU."""
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu().clone()
    if isinstance(obj, dict):
        return {k: to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_cpu(v) for v in obj)
    return obj


class WarmupCosine:
    """Learning-rate factor: linear warm-up over ``warmup_epochs`` then cosine decay to 0 at ``epochs``.

    Used as a ``LambdaLR`` lambda that ignores the scheduler's own counter and reads the data position
    from ``progress()`` (epochs done as a float, e.g. 2.25 = a quarter into the third epoch). So the
    schedule follows the data actually consumed: FRD-skipped batches do not stretch it, a batch-size
    change after an out-of-memory error does not shift it, and a resumed run gets the same factor.
    """

    def __init__(
        self, warmup_epochs: float, epochs: float, progress: Callable[[], float], first_step: Callable[[], float]
    ) -> None:
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
        """The factor at the data position ``progress()`` (the scheduler's own step count is ignored)."""
        return self.factor(self.progress())
