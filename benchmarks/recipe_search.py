r"""Recipe search: the training settings that make an encoder clearly better than an untrained one.

Each *variant* is a set of ``TrainConfig`` overrides on top of a base recipe. Every variant trains on the same
offline real image sets (``offline_data``: MNIST-5k digits, animal-mnist silhouettes), with the same seeds, in
a fresh process each (so its peak memory is its own), interleaved seed by seed; then its frozen backbone
features are evaluated (``core.training.evaluation``: k-NN k=20 cosine and linear probe on a labelled, disjoint
folder), next to an **untrained network of the same architecture** (same stem and image size) on the same
split. The table prints the differences to the untrained network, which is the figure an operator cares
about ("did the hours of training buy anything?").

Variants are written ``name:key=value,key=value`` (values parsed as Python literals), e.g.::

    .venv/bin/python benchmarks/recipe_search.py --dataset mnist animals --seeds 0 1 \
        --variant "old:stem='imagenet',augment='gentle',decay_scope='all'" --variant "new:"

Results are appended to ``--out`` (JSON lines), one line per run, so a long search can be inspected while
it runs and resumed with ``--skip-done``.
"""

from __future__ import annotations

import argparse
import ast
import json
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import offline_data

BASE: dict[str, Any] = dict(
    method="emc2", batch_size=16, image_size=32, epochs=10, curate=False, checkpoint_minutes=1e6
)


def parse_variant(text: str) -> tuple[str, dict[str, Any]]:
    """``"name:key=value,key2=value2"`` -> (name, overrides)."""
    name, _, rest = text.partition(":")
    overrides: dict[str, Any] = {}
    for item in filter(None, _split_top(rest)):
        key, _, value = item.partition("=")
        overrides[key.strip()] = ast.literal_eval(value.strip())
    return name.strip(), overrides


def _split_top(text: str) -> list[str]:
    """Split on commas outside brackets (so tuples survive)."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [s.strip() for s in out]


def train_and_evaluate(
    overrides: dict[str, Any], seed: int, train: Path, labelled: Path, work: Path, threads: int, device: str
) -> dict[str, Any]:
    """One run in this (fresh) process: train, then evaluate it and an untrained twin of its architecture."""
    import torch

    torch.set_num_threads(threads)
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.nets.models import build_model
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.training.evaluation import evaluate
    from badbatch_gui.core.training.loop.trainer import Trainer
    from badbatch_gui.core.training.run_folder import runs

    cfg = TrainConfig(**{**BASE, "device": device, **overrides, "seed": seed})
    run_dir = work / f"run_{os.getpid()}_{time.time_ns()}"
    t0 = time.perf_counter()
    summary = Trainer(cfg, train, run_dir, cache_dir=app_paths().image_cache_dir).run()
    wall = time.perf_counter() - t0
    steps = [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]
    trained = evaluate(run_dir, labelled, seed=0, device=device)
    torch.manual_seed(seed)
    twin = build_model(cfg.backbone, cfg.norm, cfg.proj_dim, stem=cfg.stem)
    untrained = evaluate(twin, labelled, image_size=cfg.image_size, seed=0, device=device)

    def tail_mean(key: str) -> float | None:
        vals = [r[key] for r in steps[-max(1, len(steps) // 10) :] if isinstance(r.get(key), (int, float))]
        return float(np.mean(vals)) if vals else None

    return {
        "config": cfg.to_dict(),
        "knn": trained.knn_accuracy,
        "linear": trained.linear_accuracy,
        "nn1": trained.knn1_accuracy,
        "knn_untrained": untrained.knn_accuracy,
        "linear_untrained": untrained.linear_accuracy,
        "nn1_untrained": untrained.knn1_accuracy,
        "train_time_s": summary.train_time_s,
        "wall_s": round(wall, 1),
        "steps": summary.steps,
        "peak_bytes": summary.peak_memory_bytes,
        "final_loss_tail": tail_mean("loss"),
        "rows_without_negative_tail": tail_mean("rows_without_negative"),
        "spread_tail": tail_mean("mean_cosine"),
    }


def summarise(rows: list[dict[str, Any]]) -> str:
    """Markdown table: one line per (dataset, variant), means over seeds."""
    lines = [
        "| data | variant | seeds | k-NN | Δ untrained | linear | Δ untrained | train s | steps |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    keys = sorted({(r["dataset"], r["variant"]) for r in rows}, key=lambda k: (k[0], k[1]))
    for ds, name in keys:
        rs = [r for r in rows if (r["dataset"], r["variant"]) == (ds, name)]

        def m(key: str, rs: list[dict[str, Any]] = rs) -> float:
            return float(np.mean([r[key] for r in rs]))

        lines.append(
            f"| {ds} | {name} | {len(rs)} | {m('knn'):.3f} | {m('knn') - m('knn_untrained'):+.3f} | "
            f"{m('linear'):.3f} | {m('linear') - m('linear_untrained'):+.3f} | {m('train_time_s'):.0f} | "
            f"{rs[0]['steps']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", nargs="+", default=["mnist"], choices=offline_data.DATASETS)
    p.add_argument("--variant", action="append", default=[], help="name:key=value,... (repeatable)")
    p.add_argument("--seeds", nargs="+", type=int, default=[0])
    p.add_argument("--train-images", type=int, default=3000)
    p.add_argument("--eval-per-class", type=int, default=200)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--device", default="auto")
    p.add_argument("--out", default="recipe_results.jsonl", help="JSON lines, appended")
    p.add_argument("--skip-done", action="store_true", help="skip (dataset, variant, seed) already in --out")
    p.add_argument("--summary-only", action="store_true", help="print the table of --out and stop")
    args = p.parse_args(argv)
    out = Path(args.out)
    done = [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else []
    if args.summary_only:
        print(summarise(done))
        return 0
    variants = [parse_variant(v) for v in args.variant] or [("default", {})]
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="recipe_search_") as tmp:
        os.environ["BADBATCH_HOME"] = str(Path(tmp) / "home")
        folders = {
            ds: offline_data.write_folders(ds, Path(tmp) / ds, args.train_images, args.eval_per_class)
            for ds in args.dataset
        }
        for seed in args.seeds:
            for ds in args.dataset:
                for name, overrides in variants:
                    if args.skip_done and any(
                        (r["dataset"], r["variant"], r["seed"]) == (ds, name, seed) for r in done
                    ):
                        continue
                    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
                        r = pool.submit(
                            train_and_evaluate,
                            overrides,
                            seed,
                            *folders[ds],
                            Path(tmp) / "runs",
                            args.threads,
                            args.device,
                        ).result()
                    r.update(dataset=ds, variant=name, seed=seed, overrides=repr(overrides))
                    done.append(r)
                    with out.open("a", encoding="utf-8") as f:
                        f.write(json.dumps(r) + "\n")
                    print(
                        f"{ds} {name} seed {seed}: k-NN {r['knn']:.3f} (untrained {r['knn_untrained']:.3f}), "
                        f"linear {r['linear']:.3f} (untrained {r['linear_untrained']:.3f}), "
                        f"{r['train_time_s']:.0f} s, loss tail {r['final_loss_tail']}",
                        flush=True,
                    )
    print(summarise(done))
    return 0


if __name__ == "__main__":
    sys.exit(main())
