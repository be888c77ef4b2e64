"""EMC2 step overhead against SimCLR (and SogCLR) at the same batch size, measured side by side.

Times full training steps (forward of both views, loss, backward, AdamW step) of ResNet-18 GroupNorm for
each method, interleaved (simclr, sogclr, emc2 stored, emc2 paper, simclr, ...; the order alternates) after warm-up,
and prints the medians, each method's median paired ratio to SimCLR, the sampler's own time per step and the
persistent state per image. Augmentation and data loading of the batch's views are excluded (identical for all
methods). The EMC2 paper variant's extra work is included: re-drawing its chain states' views (the app's
augmentation of cached uint8 photos), their forward and backward (core/training/methods/chain_states.py). Its chains are
warmed up first (``--warmup``), so most of them hold a state, as after the first pass of a run.

Run: ``.venv/bin/python benchmarks/bench_emc2_overhead.py [--configs 16x64 32x96] [--repeats 7]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import torch

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.data.dataset import TwoViewDataset
from badbatch_gui.core.nets.models import build_model
from badbatch_gui.core.training.methods.chain_states import chain_views
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
from badbatch_gui.core.training.methods.losses import ChainStates, emc2_loss, monitor, simclr_loss, sogclr_loss
from badbatch_gui.core.training.methods.sogclr import SogCLRState

METHODS = ("simclr", "sogclr", "emc2_stored", "emc2_paper")
BETA = 14.28


class _Cache:
    """Stands in for the decoded image cache: random uint8 photos of the training size."""

    def __init__(self, n: int, size: int) -> None:
        self.array = np.random.default_rng(0).integers(0, 256, size=(n, size, size, 3), dtype=np.uint8)

    def __len__(self) -> int:
        return len(self.array)


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class _Runner:
    def __init__(self, method: str, n_images: int, device: torch.device, size: int, dataset: TwoViewDataset) -> None:
        torch.manual_seed(0)  # identical initial weights for every method
        self.method, self.device, self.dataset = method, device, dataset
        self.model = (
            build_model("resnet18", norm="group", stem=TrainConfig().stem)
            .to(device)
            .to(memory_format=torch.channels_last)
        )
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=1e-4, weight_decay=1e-4)
        variant = method.split("_")[1] if method.startswith("emc2_") else "official"
        self.sampler = EMC2Sampler(n_images, beta=BETA, seed=0, variant=variant)
        self.u = SogCLRState(n_images)
        self.state_views = 0  # views re-embedded by the paper variant (summed over the timed steps)

    def step(self, v1: torch.Tensor, v2: torch.Tensor, idx: torch.Tensor) -> float:
        z1, z2 = self.model(v1), self.model(v2)
        if self.method == "simclr":
            loss = simclr_loss(z1, z2, BETA)
        elif self.method == "sogclr":
            loss = sogclr_loss(z1, z2, idx, self.u, BETA)
        else:
            states = None
            views = chain_views(self.sampler, self.dataset, idx)  # the paper variant's re-drawn state views
            if views is not None:
                self.state_views += views.images.shape[0]
                x = views.images.to(self.device).contiguous(memory_format=torch.channels_last)
                z_states = self.model(x) if x.shape[0] else z1.new_zeros((0, z1.shape[1]))
                states = ChainStates(z_states, views.rows)
            loss, _ = emc2_loss(z1, z2, idx, self.sampler, BETA, states)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        return float(loss.detach())


def bench_config(batch: int, size: int, repeats: int, warmup: int, n_images: int, device: torch.device) -> None:
    g = torch.Generator().manual_seed(1)
    dataset = TwoViewDataset(_Cache(n_images, size), TrainConfig().augment, size, seed=0)  # type: ignore[arg-type]  # _Cache has the cache's interface
    runners = {m: _Runner(m, n_images, device, size, dataset) for m in METHODS}
    for m in ("emc2_stored", "emc2_paper"):  # chains with states, as after the first pass (sampler only: cheap)
        warm_chains(runners[m].sampler, n_images, batch, g)
    times: dict[str, list[float]] = {m: [] for m in METHODS}
    for r in range(warmup + repeats):
        if r == warmup:
            runners["emc2_paper"].state_views = 0
        idx = torch.randperm(n_images, generator=g)[:batch]
        v1 = torch.rand(batch, 3, size, size, generator=g).to(device).contiguous(memory_format=torch.channels_last)
        v2 = torch.rand(batch, 3, size, size, generator=g).to(device).contiguous(memory_format=torch.channels_last)
        order = METHODS if r % 2 == 0 else METHODS[::-1]  # interleave and alternate the order (paired per repeat)
        for m in order:
            _sync(device)
            t0 = time.perf_counter()
            runners[m].step(v1, v2, idx)
            _sync(device)
            if r >= warmup:
                times[m].append(time.perf_counter() - t0)
    med = {m: statistics.median(times[m]) for m in METHODS}
    print(
        f"\nB={batch}, {size} px, ResNet-18 GroupNorm ({TrainConfig().stem} stem), {device.type}, {torch.get_num_threads()} thread(s), "
        f"{repeats} repeats after {warmup} warm-up"
    )
    for m in METHODS:
        spread = f"[{min(times[m]) * 1000:.0f}, {max(times[m]) * 1000:.0f}]"
        paired = statistics.median(t / s for t, s in zip(times[m], times["simclr"], strict=True))
        print(
            f"  {m:11s} median step {med[m] * 1000:8.1f} ms  range {spread} ms  ratio of medians "
            f"{med[m] / med['simclr']:.3f}  median paired ratio to SimCLR {paired:.3f}"
        )
    paired = statistics.median(t / s for t, s in zip(times["emc2_paper"], times["emc2_stored"], strict=True))
    per_step = runners["emc2_paper"].state_views / max(1, repeats)
    t0 = time.perf_counter()
    for _ in range(20):
        chain_views(runners["emc2_paper"].sampler, dataset, torch.randperm(n_images, generator=g)[:batch])
    aug = (time.perf_counter() - t0) / 20
    print(
        f"  EMC2 (paper) / EMC2 with stored embeddings: median paired ratio {paired:.3f}; {per_step:.1f} state "
        f"views re-embedded per step (of at most {batch}); re-drawing them costs {aug * 1000:.1f} ms per step "
        f"({100 * aug / med['emc2_paper']:.1f} % of a paper step), the rest is their forward and backward"
    )

    # The sampler's own cost and the loss monitor's (same shapes, random similarities), many repetitions.
    sampler = EMC2Sampler(n_images, beta=BETA, seed=0, variant="stored")
    z = torch.nn.functional.normalize(torch.randn(2 * batch, 128, generator=g), dim=1)
    sim = z @ z.T
    st, mt = [], []
    for _ in range(200):
        idx = torch.randperm(n_images, generator=g)[:batch]
        t0 = time.perf_counter()
        sampler.step(sim, idx, z)
        t1 = time.perf_counter()
        monitor(sim, BETA)
        st.append(t1 - t0)
        mt.append(time.perf_counter() - t1)
    s_med, m_med = statistics.median(st), statistics.median(mt)
    print(
        f"  sampler.step alone (stored embeddings): median {s_med * 1000:.3f} ms "
        f"({100 * s_med / med['simclr']:.2f} % of a SimCLR step); acceptance {sampler.acceptance_rate:.2f} "
        f"on random embeddings"
    )
    print(
        f"  loss monitor alone: median {m_med * 1000:.3f} ms ({100 * m_med / med['emc2_paper']:.2f} % of an EMC2 (paper) step)"
    )


def warm_chains(sampler: EMC2Sampler, n_images: int, batch: int, g: torch.Generator) -> None:
    """Run the sampler alone over one pass of random embeddings so most chains hold a state."""
    for _ in range(max(1, n_images // batch)):
        idx = torch.randperm(n_images, generator=g)[:batch]
        z = torch.nn.functional.normalize(torch.randn(2 * batch, 128, generator=g), dim=1)
        state_sim = torch.rand(2 * batch, generator=g) * 0.5
        sampler.draw(z @ z.T, idx, z, state_sim if sampler.variant == "paper" else None)


def bench_loss_only(batch: int, n_images: int, repeats: int = 300) -> None:
    """Loss + backward on embeddings alone (no network): isolates each method's own per-step cost."""
    g = torch.Generator().manual_seed(2)
    sampler, u = EMC2Sampler(n_images, beta=BETA, seed=0, variant="stored"), SogCLRState(n_images)
    methods = ("simclr", "sogclr", "emc2")
    times: dict[str, list[float]] = {m: [] for m in methods}
    for r in range(repeats + 10):
        idx = torch.randperm(n_images, generator=g)[:batch]
        z1 = torch.nn.functional.normalize(torch.randn(batch, 128, generator=g), dim=1).requires_grad_()
        z2 = torch.nn.functional.normalize(torch.randn(batch, 128, generator=g), dim=1).requires_grad_()
        for m in methods:
            t0 = time.perf_counter()
            if m == "simclr":
                loss = simclr_loss(z1, z2, BETA)
            elif m == "sogclr":
                loss = sogclr_loss(z1, z2, idx, u, BETA)
            else:
                loss, _ = emc2_loss(z1, z2, idx, sampler, BETA)
            loss.backward()
            if r >= 10:
                times[m].append(time.perf_counter() - t0)
    med = {m: statistics.median(times[m]) for m in methods}
    print(
        f"\nLoss + backward only (EMC2 with stored embeddings), B={batch}, d=128, {repeats} interleaved repeats: "
        + ", ".join(f"{m} {med[m] * 1000:.3f} ms" for m in methods)
        + f"; EMC2 - SimCLR = {(med['emc2'] - med['simclr']) * 1000:.3f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", nargs="+", default=["16x64", "32x96"], help="BATCHxPIXELS")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--n-images", type=int, default=10000)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--loss-only", action="store_true", help="skip the full-step timings")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    for cfg in args.configs:
        b, s = (int(v) for v in cfg.lower().split("x"))
        if not args.loss_only:
            bench_config(b, s, args.repeats, args.warmup, args.n_images, device)
        bench_loss_only(b, args.n_images)
    paper, stored = EMC2Sampler(args.n_images, variant="paper"), EMC2Sampler(args.n_images, variant="stored")
    u = SogCLRState(args.n_images)
    z = torch.nn.functional.normalize(torch.randn(4, 128), dim=1)
    stored.step(z @ z.T, torch.tensor([0, 1]), z)  # allocates the stored embeddings
    print(
        f"\nPersistent state per image: EMC2 (paper) {paper.nbytes / args.n_images:.0f} bytes, EMC2 with stored "
        f"embeddings {stored.nbytes / args.n_images:.0f} bytes, SogCLR {u.nbytes / args.n_images:.0f} bytes, "
        "SimCLR 0 bytes; every method also keeps 513 bytes per photo for the per-pass global loss"
    )


if __name__ == "__main__":
    main()
