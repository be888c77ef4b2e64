"""Per-step fingerprints of training state, for tests and for debugging multi-process runs.

Off unless the environment variable ``BADBATCH_DEBUG_STEPS`` names a folder. Then every process appends
one JSON line per step (trained or skipped) to ``<folder>/steps_rank<RANK>.jsonl``::

    {"step", "rank", "world_size", "loss", "skipped", "table_sha", "params_sha", "grad_norm", "batch_size"}

``table_sha`` fingerprints the EMC2 chain table (state indices and log-scores) or SogCLR's u table,
``params_sha`` the model's parameters (DDP replicas must agree), ``grad_norm`` the L2 norm of the
gradient of the step (after DDP's average; None for a skipped batch). Hashing the parameters costs a
copy of the model per step, so this is a debugging aid only.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any, cast

import torch

ENV = "BADBATCH_DEBUG_STEPS"


def table_sha(sampler: Any) -> str | None:
    """sha1 of the per-image table (EMC2: state indices + log-scores; SogCLR: log u); None without one."""
    if sampler is None:
        return None
    h = hashlib.sha1()
    if hasattr(sampler, "last_idx"):
        h.update(sampler.last_idx.tobytes())
        h.update(sampler.log_score.tobytes())
    else:
        h.update(sampler.log_u.numpy().tobytes())
    return h.hexdigest()


def params_sha(model: torch.nn.Module) -> str:
    """sha1 of every parameter's bytes in state_dict order."""
    h = hashlib.sha1()
    for p in model.parameters():
        h.update(p.detach().float().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


def grad_norm(model: torch.nn.Module) -> float | None:
    """L2 norm of the parameters' current gradients (None when there are none)."""
    grads = [p.grad.detach().float() for p in model.parameters() if p.grad is not None]
    if not grads:
        return None
    squares = cast(torch.Tensor, sum((g * g).sum() for g in grads))  # grads is not empty: never sum()'s start 0
    return float(torch.sqrt(squares).cpu())


class StepDebugLog:
    """Appends the fingerprint lines described in the module docstring."""

    def __init__(self, folder: Path, rank: int, world_size: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"steps_rank{rank}.jsonl"
        self.rank, self.world_size = rank, world_size

    @classmethod
    def from_env(cls, rank: int, world_size: int) -> StepDebugLog | None:
        """A log when ``BADBATCH_DEBUG_STEPS`` is set, else None (the normal case)."""
        folder = os.environ.get(ENV)
        return cls(Path(folder), rank, world_size) if folder else None

    def record(
        self, step: int, loss: float, skipped: bool, batch_size: int, sampler: Any, model: torch.nn.Module
    ) -> None:
        """Append one line for the step just finished."""
        line = {
            "step": int(step),
            "rank": self.rank,
            "world_size": self.world_size,
            "loss": loss if math.isfinite(loss) else None,
            "skipped": bool(skipped),
            "batch_size": int(batch_size),
            "table_sha": table_sha(sampler),
            "params_sha": params_sha(model),
            "grad_norm": None if skipped else grad_norm(model),
        }
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
