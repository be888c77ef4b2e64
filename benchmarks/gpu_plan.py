"""The plan and time estimate of ``gpu_small_batch.sh`` (``--dry-run``, on any machine, no network), and its report
afterwards (``--report OUT.json``: images/s, peak GPU memory, the global loss per pass and where the time went).

The estimate is a model, stated so it can be checked once a GPU has run it:
- per step, the GPU's forward and backward of the 2B views: :data:`LAUNCH_MS` of kernel launches plus
  :data:`GFLOP_PER_IMAGE` per 96-px view at :data:`EFFECTIVE_TFLOPS` (ResNet-18: 1.8 GFLOP forward at 224 px, so about
  0.33 at 96 px, x3 with the backward pass; bf16 on an H100 at a small batch's efficiency);
- the CPU's augmentation of the 2B views, **measured here** per view and overlapped with the GPU by the loader thread:
  a step takes the longer of the two;
- EMC2 (paper): up to B more photos forward and backward, and their views re-drawn on the training thread (measured);
- per run: a fresh process (:data:`START_S`) and the evaluation of the trained and an untrained network.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

LAUNCH_MS = 6.0
GFLOP_PER_IMAGE = 1.0
EFFECTIVE_TFLOPS = 40.0
START_S = 8.0
EVAL_IMAGES_PER_S = 2000.0
#: bench_small_batch.py's configurations: (key, method, batch, passes factor); SimCLR@128 at equal steps takes 8x the
#: passes of the others.
CONFIGS = (
    ("emc2@16", "emc2", 16, 1),
    ("simclr@16", "simclr", 16, 1),
    ("sogclr@16", "sogclr", 16, 1),
    ("simclr@128", "simclr", 128, 1),
    ("simclr@128 steps", "simclr", 128, 8),
)


def _augment_ms_per_view(size: int) -> float:
    """The app's augmentation per view, 32 views of size-px photos at a time, one thread, in processor time (so other
    jobs on a shared machine do not inflate it); the smallest of 5 repeats.
    """
    import torch

    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.data.augment import TwoViewAugment

    torch.set_num_threads(1)
    aug = TwoViewAugment(TrainConfig().augment, size)
    rng = np.random.default_rng(0)
    images = [
        torch.from_numpy(rng.integers(0, 256, (size, size, 3), dtype=np.uint8)).permute(2, 0, 1) for _ in range(32)
    ]
    aug.views(images, [(0, 9, i, 0, 0) for i in range(32)])  # warm-up
    times = []
    for rep in range(5):
        t0 = time.process_time()
        aug.views(images, [(0, rep, i, 0, 0) for i in range(32)])
        times.append((time.process_time() - t0) / 32)
    return 1000 * min(times)


def plan(args: argparse.Namespace) -> int:
    """Print the runs, their steps and the estimated time on one H100."""
    extra = json.loads(args.set) if args.set else {}
    from badbatch_gui.core.config import TrainConfig

    variant = extra.get("emc2_variant", TrainConfig().emc2_variant)
    aug_ms = _augment_ms_per_view(args.image_size)
    scale = (args.image_size / 96) ** 2
    print(
        f"Plan: {args.seeds} seeds x {len(CONFIGS)} configurations ({', '.join(k for k, *_ in CONFIGS)}; "
        f"EMC2 as variant '{variant}'), data '{args.dataset}', {args.images} training photos, {args.epochs} passes, "
        f"{args.image_size} px, {args.eval_per_class} labelled photos per class, checkpoints "
        f"{'only at the end of a run' if extra.get('checkpoint_every_passes', 1) >= args.epochs else 'every pass'}."
    )
    print(
        f"Measured here: the augmentation costs {aug_ms:.2f} ms of processor time per {args.image_size}-px view (one "
        "thread); the loader thread does this work while the GPU computes, so a step takes the longer of the two."
    )
    total = 0.0
    print("\n| run | steps | GPU ms/step (model) | augmentation ms/step | expected s per run |\n|---|---|---|---|---|")
    for key, method, b, factor in CONFIGS:
        steps = args.images // b * args.epochs * factor
        gpu = LAUNCH_MS + 2 * b * GFLOP_PER_IMAGE * scale / EFFECTIVE_TFLOPS
        cpu = 2 * b * aug_ms
        extra_ms = 0.0
        if method == "emc2" and variant == "paper":
            extra_ms = LAUNCH_MS + b * GFLOP_PER_IMAGE * scale / EFFECTIVE_TFLOPS + b * aug_ms
        step = max(gpu, cpu) + extra_ms + 1.0  # + sampler, monitor, bookkeeping
        labelled = args.eval_per_class * 10
        run_s = START_S + steps * step / 1000 + 2 * labelled / EVAL_IMAGES_PER_S
        total += args.seeds * run_s
        print(
            f"| {key} | {steps} | {gpu + (extra_ms - b * aug_ms if extra_ms else 0):.1f} | "
            f"{cpu + (b * aug_ms if extra_ms else 0):.1f} | {run_s:.0f} |"
        )
    data_s = 30.0 if args.dataset == "parts" else 10.0
    total += data_s
    print(
        f"\nExpected on one H100: about {total / 60:.1f} minutes ({total:.0f} s, of which {data_s:.0f} s writing the "
        f"data). The model behind this figure is in benchmarks/gpu_plan.py; the real run prints where the time went."
    )
    return 0


def report(path: Path, total_s: float) -> int:
    """Images/s, peak GPU memory, the global loss per pass and where the time went, from bench_small_batch's JSON."""
    data = json.loads(path.read_text(encoding="utf-8"))
    results = data.get("results", [])
    print(
        "\n| configuration | images/s (median) | peak GPU memory | training s (all seeds) | global loss per pass "
        "(seed 0) |\n|---|---|---|---|---|"
    )
    trained = 0.0
    for key, method, b, _factor in CONFIGS:
        rows = [r for r in results if r.get("key", f"{method}@{b}") == key]
        if not rows:
            continue
        ips = statistics.median(r["images_per_s"] for r in rows if math.isfinite(r.get("images_per_s", math.nan)))
        peak = max(r.get("peak_bytes") or 0 for r in rows) / 2**30
        train = sum(r.get("train_time_s") or 0.0 for r in rows)
        trained += train
        curve = rows[0].get("global_loss_per_pass")
        shown = (
            ", ".join(f"{v:.2f}" for v in curve[:: max(1, len(curve) // 6)])
            if curve
            else "not reported by this bench_small_batch.py"
        )
        print(f"| {key} | {ips:.0f} | {peak:.2f} GiB | {train:.0f} | {shown} |")
    print(
        f"\nWhere the time went: {trained:.0f} s training, {max(0.0, total_s - trained):.0f} s everything else "
        f"(writing the data, starting a process per run, evaluating the trained and untrained networks), "
        f"{total_s:.0f} s in all."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--report", metavar="JSON", help="report a finished run's JSON instead of planning")
    p.add_argument("--total-seconds", type=float, default=math.nan)
    p.add_argument("--dataset", default="mnist")
    p.add_argument("--device", default="cuda")
    p.add_argument("--image-size", type=int, default=96)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--images", type=int, default=640)
    p.add_argument("--eval-per-class", type=int, default=100)
    p.add_argument("--threads", type=int, default=16)
    p.add_argument("--set", default="")
    p.add_argument("--json", default="")
    args, _ = p.parse_known_args(argv)
    if args.report:
        return report(Path(args.report), args.total_seconds)
    return plan(args)


if __name__ == "__main__":
    raise SystemExit(main())
