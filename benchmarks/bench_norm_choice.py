"""Which normalisation trains best at small batch sizes? GroupNorm vs none (zero-init vs default init).

Tiny synthetic set, ResNet-18 (ImageNet stem), SimCLR loss, Adam; prints the training loss after N steps
(mean of the last 5) per variant and seed, and 1-NN accuracy of the hidden features on the (un-augmented)
images. A loss of log(2B-1) (3.43 at B=16) means the embeddings collapsed to one point.
Run: ``.venv/bin/python benchmarks/bench_norm_choice.py [--steps 30] [--seeds 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _synthetic import augment, synthetic_images

from badbatch_gui.core.nets.models import build_model
from badbatch_gui.core.training.methods.losses import simclr_loss


def _default_init_last_convs(model: nn.Module) -> None:
    """Undo the zero-init of the residual branches (torchvision's default Kaiming init)."""
    import torchvision

    for m in model.modules():
        if isinstance(m, torchvision.models.resnet.BasicBlock):
            nn.init.kaiming_normal_(m.conv2.weight, mode="fan_out", nonlinearity="relu")


def _one_nn(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        f = F.normalize(model.backbone(x), dim=1)
    s = f @ f.T
    s.fill_diagonal_(-2)
    return float((y[s.argmax(1)] == y).float().mean())


def run(
    variant: str, seed: int, steps: int, batch: int, size: int, data: tuple, lr: float = 1e-3
) -> tuple[float, float, float, float]:
    imgs, labels = data
    torch.manual_seed(seed)
    model = build_model("resnet18", norm="group" if variant == "group" else "none")
    if variant == "none-default-init":
        _default_init_last_convs(model)
    small = F.interpolate(imgs, size=size)
    model.eval()
    acc0 = _one_nn(model, small, labels)
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=1e-4)
    g = torch.Generator().manual_seed(seed)
    losses = []
    t0 = time.perf_counter()
    for _ in range(steps):
        idx = torch.randperm(len(imgs), generator=g)[:batch]
        v1, v2 = augment(imgs[idx], g, size), augment(imgs[idx], g, size)
        loss = simclr_loss(model(v1), model(v2), 14.28)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    dt = (time.perf_counter() - t0) / steps
    model.eval()
    return statistics.mean(losses[-5:]), _one_nn(model, small, labels), dt, acc0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--size", type=int, default=48)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    data = synthetic_images(64, 64, seed=0)
    variants = ("group", "none", "none-default-init")
    res: dict[str, list] = {v: [] for v in variants}
    for seed in range(args.seeds):
        for v in variants:  # interleaved
            res[v].append(run(v, seed, args.steps, args.batch, args.size, data, args.lr))
            print(
                f"seed {seed} {v:18s} loss {res[v][-1][0]:.3f}  1-NN {res[v][-1][1]:.3f}  "
                f"{res[v][-1][2] * 1000:.0f} ms/step  (1-NN at init {res[v][-1][3]:.3f})",
                flush=True,
            )
    print(
        f"\nResNet-18, {args.size} px, 64 synthetic images (8 classes), B={args.batch}, SimCLR beta 14.28, "
        f"Adam lr {args.lr:g}, {args.steps} steps, {args.seeds} seeds"
    )
    for v in variants:
        ls, accs, dts, acc0 = zip(*res[v], strict=True)
        print(
            f"{v:18s} loss(last 5) mean {statistics.mean(ls):.3f} [{min(ls):.3f}, {max(ls):.3f}]  "
            f"1-NN mean {statistics.mean(accs):.3f} (init {statistics.mean(acc0):.3f})  median {statistics.median(dts) * 1000:.0f} ms/step"
        )


if __name__ == "__main__":
    main()
