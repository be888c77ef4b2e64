"""EMC2 chain scores: stale (the official code) vs fresh vs fresh + out-of-batch states, measured side by side.

A chain's current state is compared with each new proposal. The official code compares with the score the
state had when it was accepted (under an older network and another anchor): "stale". This script measures the
variants of ``core.training.methods.emc2.EMC2Sampler(variant=...)`` that score a chain's state without a forward pass (their
old names in brackets; the ``paper`` variant, which re-embeds the state, is measured by ``bench_gradient_error.py``)
and a fourth option that the product does not ship:

- ``official`` (stale): the stored score (official code).
- ``stored_scores`` (fresh): re-scored against the current anchor: in-batch states from the batch's similarities, the chain's
  out-of-batch state from a stored float16 embedding of its photo (2·d bytes per photo).
- ``stored`` (fresh_old): fresh, and kept steps at the out-of-batch state count as negatives through that stored
  embedding (gradient through the anchor only) instead of being dropped.
- ``re-forward`` (cost only): a no-gradient forward pass of the chain states' photos every step, the exact
  way to get fresh scores. The ``paper`` variant ships a re-forward *with* gradient (its cost:
  ``bench_emc2_overhead.py``; its gradient bias: ``bench_gradient_error.py``).

Figures:
1. Stationary bias: one fixed anchor, frozen embeddings (n = 60, d = 6, B = 8), 8,000 random batches;
   total-variation distance between the kept states and softmax(β·s(x, ·)) over all other photos, at β = 2,
   5 and 14.28 (the training value); also the share of anchor rows left without a negative.
2. Drift replay: n = 512 embeddings whose mean pairwise similarity falls from about 0.9 to 0.2 over 8 passes
   (what happens while a network learns), B = 16, β = 14.28: rows without a negative per pass.
3. Cost: sampler milliseconds per step at B = 16/32/64, persistent bytes per photo, and the no-gradient
   forward of B photos as a share of a training step (ResNet-18, GroupNorm, 32 and 96 px, CPU).

Usage: ``.venv/bin/python benchmarks/bench_chain_scores.py [--quick]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from badbatch_gui.core.training.methods.emc2 import EMC2Sampler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _chain_replay import replay_fixed_anchor

CHAIN_SCORES = ("official", "stored_scores", "stored")  # the paper variant is measured by bench_gradient_error.py


def _unit(n: int, d: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return F.normalize(torch.randn(n, d, generator=g), dim=1)


def stationary(mode: str, beta: float, steps: int) -> tuple[float, float]:
    """(TV distance of the kept states to softmax(beta*s), share of anchor rows without a negative): the replay
    the EMC2 tests run too (``_chain_replay.py``).
    """
    r = replay_fixed_anchor(steps, beta, mode)
    return r.tv, r.empty_rows


def drift(mode: str, passes: int = 8, n: int = 512, b: int = 16, d: int = 64) -> list[float]:
    """Rows without a negative per pass while the embeddings spread out."""
    g = torch.Generator().manual_seed(0)
    common = F.normalize(torch.randn(d, generator=g), dim=0)
    own = F.normalize(torch.randn(n, d, generator=g), dim=1)
    s = EMC2Sampler(n, beta=14.28, seed=0, variant=mode)
    rng = np.random.default_rng(0)
    out = []
    for p in range(passes):
        perm = rng.permutation(n)
        per_pass = []
        for k in range(n // b):
            a = 0.95 - 0.5 * (p + k / (n // b)) / passes  # weight of the shared direction: cos ~0.9 -> ~0.2
            e = F.normalize(a * common + (1 - a) * own, dim=1)
            it = torch.from_numpy(perm[k * b : (k + 1) * b])
            v1 = F.normalize(e[it] + 0.04 * torch.randn(b, d, generator=g), dim=1)
            v2 = F.normalize(e[it] + 0.04 * torch.randn(b, d, generator=g), dim=1)
            z = torch.cat([v1, v2])
            s.draw(z @ z.T, it, z)
            per_pass.append(s.last_stats["rows_without_negative"])
        out.append(float(np.mean(per_pass)))
    return out


def sampler_ms(mode: str, b: int, n: int = 5000, d: int = 128, reps: int = 200) -> float:
    s = EMC2Sampler(n, seed=0, variant=mode)
    g = torch.Generator().manual_seed(0)
    times = []
    for _ in range(reps):
        it = torch.randperm(n, generator=g)[:b]
        z = F.normalize(torch.randn(2 * b, d, generator=g), dim=1)
        sim = z @ z.T
        t = time.perf_counter()
        s.draw(sim, it, z)
        times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times[reps // 4 :]))


def reforward_share(size: int, b: int = 16, reps: int = 6) -> float:
    """No-gradient forward of B photos ÷ one training step (2B views, forward + backward + AdamW)."""
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.nets.models import build_model
    from badbatch_gui.core.training.methods.losses import simclr_loss

    model = build_model("resnet18", "group", stem=TrainConfig().stem).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    x = torch.rand(2 * b, 3, size, size).contiguous(memory_format=torch.channels_last)
    step_t, fwd_t = [], []
    for _ in range(reps):
        t = time.perf_counter()
        z = model(x)
        loss = simclr_loss(z[:b], z[b:], 14.28)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        with torch.no_grad():
            model(x[:b])
        fwd_t.append(time.perf_counter() - t)
    return float(np.median(fwd_t[1:]) / np.median(step_t[1:]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer batches (a rough version in about a minute)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    steps = 2000 if args.quick else 8000
    print(f"1. Stationary bias (n=60, B=8, {steps} batches): TV to softmax(beta*s) | rows without a negative")
    print("| chain scores | β = 2 | β = 5 | β = 14.28 |")
    print("|---|---|---|---|")
    for mode in CHAIN_SCORES:
        cells = [stationary(mode, beta, steps) for beta in (2.0, 5.0, 14.28)]
        print(f"| {mode} | " + " | ".join(f"{tv:.3f} · {empty:.1%}" for tv, empty in cells) + " |")
    print("\n2. Drift replay (n=512, B=16, beta=14.28): rows without a negative, per pass")
    for mode in CHAIN_SCORES:
        print(f"| {mode} | " + " | ".join(f"{v:.1%}" for v in drift(mode, passes=4 if args.quick else 8)) + " |")
    print("\n3. Cost per step and per photo")
    print("| chain scores | sampler ms, B=16 | B=32 | B=64 | bytes per photo (d = 128) |")
    print("|---|---|---|---|---|")
    for mode in CHAIN_SCORES:
        s = EMC2Sampler(10, variant=mode)
        if s.uses_bank:
            s.draw(torch.eye(4), torch.tensor([0, 1]), F.normalize(torch.randn(4, 128), dim=1))
        per_photo = s.nbytes / 10
        ms = [sampler_ms(mode, b, reps=60 if args.quick else 200) for b in (16, 32, 64)]
        print(f"| {mode} | " + " | ".join(f"{v:.2f}" for v in ms) + f" | {per_photo:.0f} |")
    shares = {size: reforward_share(size, reps=4 if args.quick else 8) for size in (32, 96)}
    print(
        "| no-gradient re-forward (cost only; EMC2 (paper) re-embeds with gradient, see bench_emc2_overhead.py) | "
        + " · ".join(f"{100 * v:.0f} % of a step at {k} px" for k, v in shares.items())
        + " | | | 12 + decode |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
