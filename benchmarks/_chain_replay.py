"""The stationary-chain replay that ``tests/core/training/test_emc2.py`` and ``bench_chain_scores.py`` share.

One fixed anchor, frozen embeddings (n photos of width d, both views identical), random batches of B photos that
always hold the anchor: the kept states of the anchor's chain should follow the global contrastive loss's target,
softmax(β·s(x, ·)) over all other photos (docs/design/emc2.md §8). Kept steps at the chain's out-of-batch state
(``stored``, ``paper``) count for the state the chain held before the step; ``paper`` gets that state's exact
similarity (its frozen embedding), as its re-embedding would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from badbatch_gui.core.training.methods.emc2 import EMC2Sampler


@dataclass(frozen=True)
class ChainReplay:
    """What the replay found.

    Attributes:
        tv: total-variation distance between the kept states and the target.
        anchor_mass: weight kept on the anchor itself (must be 0).
        entropy_kept: entropy of the kept histogram. entropy_target: the target's.
        empty_rows: share of the anchor's rows left without any kept negative.
    """

    tv: float
    anchor_mass: float
    entropy_kept: float
    entropy_target: float
    empty_rows: float


def unit_embeddings(n: int, d: int, seed: int) -> torch.Tensor:
    """``n`` seeded random unit vectors of width ``d``. Shape: (n, d)."""
    g = torch.Generator().manual_seed(seed)
    return F.normalize(torch.randn(n, d, generator=g), dim=1)


def _entropy(p: np.ndarray) -> float:
    return float(-(p[p > 0] * np.log(p[p > 0])).sum())


def replay_fixed_anchor(
    n_steps: int, beta: float, variant: str = "official", seed: int = 0, n: int = 60, b: int = 8
) -> ChainReplay:
    """Run the anchor (photo 0) through ``n_steps`` random batches of ``b`` photos (module docstring)."""
    anchor, e = 0, unit_embeddings(n, 6, 11)
    s = EMC2Sampler(n, beta=beta, burn_in=0.5, seed=seed, variant=variant)
    rng = np.random.default_rng(seed)
    others = np.arange(1, n)
    hist = np.zeros(n)
    empty = rows = 0
    for _ in range(n_steps):
        idx = np.concatenate([[anchor], rng.choice(others, size=b - 1, replace=False)])
        rng.shuffle(idx)
        idx_t = torch.from_numpy(idx)
        z = torch.cat([e[idx_t], e[idx_t]])
        before = int(s.last_idx[anchor])
        state_sim = None
        if variant == "paper":
            req = s.state_request(idx_t)
            photo = np.where(req.rows >= 0, req.photos[np.maximum(req.rows, 0)] if len(req.photos) else 0, 0)
            state_sim = torch.where(
                torch.from_numpy(req.rows >= 0), (z * e[torch.from_numpy(photo)]).sum(1), torch.tensor(float("nan"))
            )
        draw = s.draw(z @ z.T, idx_t, z, state_sim)
        w, old = draw.weights.numpy(), draw.old_weights.numpy()
        pos = int(np.flatnonzero(idx == anchor)[0])
        full = np.concatenate([idx, idx])
        for r in (pos, pos + b):
            np.add.at(hist, full, w[r])
            if old[r] > 0:
                hist[before] += old[r]
        empty += s.last_stats["rows_without_kept"]
        rows += 2 * b
    target = torch.softmax(beta * (e[1:] @ e[anchor]), dim=0).numpy().astype(np.float64)
    kept = hist[1:] / hist[1:].sum()
    return ChainReplay(
        0.5 * float(np.abs(kept - target).sum()), float(hist[anchor]), _entropy(kept), _entropy(target), empty / rows
    )
