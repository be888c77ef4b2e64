"""Does the trained encoder find local defects in new photos? Inspect's patch check, side by side with baselines.

Data (``local_defects.py``, real photographs that install offline): per seed, a folder of normal surface photos
(scikit-image's brick, gravel, grass and tissue-slide photographs, varied like a hand-held camera) and a folder of new
photos: held-out normal ones, planted local defects (scratch, stain, foreign object, missing piece, occlusion) and a
few bad shots (dark, defocus, motion blur).

Per seed, in one run:

1. Train on the normal folder with the app's default recipe (``standard`` preset: EMC2, batch 32, 96 px, augmentation
   ``gentle``) for ``--epochs`` passes, on the CPU.
2. For each encoder — (a) the trained one, (b) the untrained twin with a standard initialisation and with the shipped
   (zero-initialised residual) one — index the normal folder, learn it (``fit_normal``, default ``InspectConfig``) and
   check the new folder (``check_photos``), timing each step; (c) the same encoders with whole-photo embeddings instead
   of patches (score = 1 − the largest cosine similarity to a normal photo, threshold from the normal photos'
   leave-one-out scores at the same false-alarm rate).
3. Report image-level AUROC (local defects against held-out normals), defects found at the default threshold (any
   verdict but "looks normal"), false alarms on held-out normals, bad shots named as bad shots, where the heat map
   points (the hottest patch inside the planted defect's box, widened by one patch), time per photo and memory.

Means over seeds with 95 % t-intervals; trained − untrained as paired per-seed differences with their interval.
A peer tool: none could be run offline (anomalib's PatchCore needs ImageNet weights from a hub; padim-ad and PyOD were
not evaluated) — the script says so.

    python benchmarks/bench_inspect.py [--seeds 3] [--epochs 30] [--quick] [--png docs/screenshots/inspect_heat_maps.png]

``--quick`` (a few minutes) checks that everything runs; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import local_defects as ld
import planted_defects as pd

ENCODERS = ("trained", "untrained_standard", "untrained_shipped")
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26}


def say(line: str = "", flush: bool = True) -> None:
    """One line of the benchmark's output."""
    print(line, flush=flush)


def auroc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a defect scores above a normal photo (ties count half)."""
    pos, neg = np.asarray(pos, float), np.asarray(neg, float)
    if not len(pos) or not len(neg):
        return math.nan
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def mean_ci(values: list[float]) -> tuple[float, float]:
    """Mean and the half-width of its 95 % t-interval (0 for one value)."""
    vals = [v for v in values if not math.isnan(v)]
    if not vals:
        return math.nan, math.nan
    if len(vals) == 1:
        return vals[0], 0.0
    return statistics.fmean(vals), T95.get(len(vals) - 1, 2.0) * statistics.stdev(vals) / math.sqrt(len(vals))


@dataclass
class Scores:
    """One pipeline's outcome on one seed's new folder."""

    score: dict[str, float]
    verdict: dict[str, str]
    peak: dict[str, tuple[float, float]] = field(default_factory=dict)
    times: dict[str, float] = field(default_factory=dict)
    memory_mb: float = math.nan
    grid: tuple[int, int] = (0, 0)


def metrics(s: Scores, manifest: dict[str, Any]) -> dict[str, float]:
    """AUROC, defects found, false alarms, bad shots named, heat-map hits (see the module docstring)."""
    new = manifest["new"]
    kind = {name: v["kind"] for name, v in new.items() if name in s.score}
    normals = [n for n, k in kind.items() if k == "normal"]
    defects = [n for n, k in kind.items() if k in ld.LOCAL_KINDS]
    bad = [n for n, k in kind.items() if k in ld.BAD_SHOT_KINDS]
    out = {
        "auroc": auroc(np.array([s.score[n] for n in defects]), np.array([s.score[n] for n in normals])),
        "found": float(np.mean([s.verdict[n] != "normal" for n in defects])),
        "found_unusual": float(np.mean([s.verdict[n] == "unusual" for n in defects])),
        "false_alarms": float(np.mean([s.verdict[n] != "normal" for n in normals])),
        "bad_named": float(np.mean([s.verdict[n] == "bad_shot" for n in bad])) if bad else math.nan,
    }
    for k in ld.LOCAL_KINDS:
        names = [n for n in defects if kind[n] == k]
        out[f"found_{k}"] = float(np.mean([s.verdict[n] != "normal" for n in names])) if names else math.nan
        out[f"auroc_{k}"] = auroc(np.array([s.score[n] for n in names]), np.array([s.score[n] for n in normals]))
    if s.peak:
        gh, gw = s.grid
        hits = []
        for n in defects:
            x0, y0, x1, y1 = new[n]["box"]
            px, py = s.peak[n]
            hits.append(x0 - 1 / gw <= px <= x1 + 1 / gw and y0 - 1 / gh <= py <= y1 + 1 / gh)
        out["heat_hits"] = float(np.mean(hits))
    return out


def train(normal: Path, run_dir: Path, epochs: int, seed: int, image_size: int) -> tuple[Path, float]:
    """Train with the default recipe (``standard`` preset, fewer passes); returns (run folder, seconds)."""
    from badbatch_gui.core.config import train_preset
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.training.loop.trainer import Trainer

    cfg = train_preset("standard", epochs=epochs, seed=seed, device="cpu", image_size=image_size)
    t0 = time.perf_counter()
    Trainer(cfg, normal, run_dir, cache_dir=app_paths().image_cache_dir).run()
    return run_dir, time.perf_counter() - t0


def patch_pipeline(model: Any, normal: Path, new: Path, cache: Path, config: Any) -> tuple[Scores, Any]:
    """Index + learn the normal folder, check the new one; (scores, the check result)."""
    from badbatch_gui.core.inspect.check import check_photos
    from badbatch_gui.core.inspect.index import build_index
    from badbatch_gui.core.inspect.normal_model import fit_normal

    t0 = time.perf_counter()
    index = build_index(model, normal, cache_dir=cache, device="cpu")
    t1 = time.perf_counter()
    nm = fit_normal(model, index, config, cache_dir=cache)
    t2 = time.perf_counter()
    result = check_photos(model, nm, new, device="cpu")
    t3 = time.perf_counter()
    s = Scores(
        {p.path: p.score for p in result.photos},
        {p.path: p.verdict for p in result.photos},
        {p.path: p.peak for p in result.photos},
        {
            "index_per_photo": (t1 - t0) / len(index),
            "learn_per_photo": (t2 - t1) / len(index),
            "check_per_photo": (t3 - t2) / len(result.photos),
        },
        nm.memory.nbytes / 1e6,
        nm.grid,
    )
    s.times["normal_photos"] = len(index)
    s.times["memory_patches"] = len(nm.memory.features)
    return s, (result, index)


def global_pipeline(
    model: Any, normal_index: Any, new: Path, cache: Path, rate: float, verdicts: dict[str, str]
) -> Scores:
    """Whole-photo embeddings: score = 1 − the largest cosine similarity to a normal photo (leave-one-out threshold).
    Bad-shot verdicts are taken from the patch pipeline (the same pixel checks).
    """
    from badbatch_gui.core.inspect.calibration import threshold_for
    from badbatch_gui.core.inspect.index import build_index

    t0 = time.perf_counter()
    new_index = build_index(model, new, cache_dir=cache, device="cpu")
    sims = normal_index.embeddings @ normal_index.embeddings.T
    np.fill_diagonal(sims, -np.inf)
    tau = threshold_for(1.0 - sims.max(axis=1), rate)
    score = 1.0 - (new_index.embeddings @ normal_index.embeddings.T).max(axis=1)
    elapsed = time.perf_counter() - t0
    verdict = {
        p: ("bad_shot" if verdicts.get(p) == "bad_shot" else "unusual" if sc > tau.value else "normal")
        for p, sc in zip(new_index.paths, score, strict=True)
    }
    return Scores(
        dict(zip(new_index.paths, map(float, score), strict=True)),
        verdict,
        times={"check_per_photo": elapsed / len(new_index)},
    )


def run_seed(
    seed: int, args: argparse.Namespace, work: Path, data: Path
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Every pipeline on one seed's folders: {pipeline: metrics}, and what the picture needs."""
    from badbatch_gui.core.config import InspectConfig
    from badbatch_gui.core.inspect.model import load_model, untrained_twin

    folder = work / f"seed{seed}"
    if args.reuse_runs and (folder / "manifest.json").is_file() and (folder / "run" / "checkpoint.pt").is_file():
        manifest = json.loads((folder / "manifest.json").read_text())
        run_dir, train_s = folder / "run", math.nan
        say(f"seed {seed}: folders and trained run reused from {folder}")
    else:
        manifest = ld.write_folders(folder, data, args.normal, args.held_out, args.per_kind, args.per_bad, seed)
        run_dir, train_s = train(folder / "normal", folder / "run", args.epochs, seed, args.image_size)
    trained = load_model(run_dir)
    models = {
        "trained": trained,
        "untrained_standard": untrained_twin(trained, "standard", seed),
        "untrained_shipped": untrained_twin(trained, "shipped", seed),
    }
    config = InspectConfig(image_size=args.inspect_size, seed=seed, device="cpu")
    out: dict[str, dict[str, float]] = {}
    keep: dict[str, Any] = {"manifest": manifest, "folder": folder, "train_s": train_s}
    for name in ENCODERS:
        s, (result, index) = patch_pipeline(models[name], folder / "normal", folder / "new", work / "cache", config)
        out[f"patch/{name}"] = {**metrics(s, manifest), **s.times, "memory_mb": s.memory_mb}
        g = global_pipeline(models[name], index, folder / "new", work / "cache", config.false_alarm_rate, s.verdict)
        out[f"global/{name}"] = {**metrics(g, manifest), **g.times}
        keep[name] = result
        say(
            f"seed {seed} {name}: patch AUROC {out[f'patch/{name}']['auroc']:.3f}, found "
            f"{out[f'patch/{name}']['found']:.2f}, false alarms {out[f'patch/{name}']['false_alarms']:.3f}; "
            f"global AUROC {out[f'global/{name}']['auroc']:.3f}",
            flush=True,
        )
    out["training"] = {"train_s": train_s}
    return out, keep


def _fmt(values: list[float], pct: bool = False) -> str:
    m, h = mean_ci(values)
    if math.isnan(m):
        return "–"
    return f"{100 * m:.1f} ± {100 * h:.1f} %" if pct else f"{m:.3f} ± {h:.3f}"


def report(per_seed: list[dict[str, dict[str, float]]], args: argparse.Namespace) -> dict[str, Any]:
    """Print the tables; return the summary written to JSON."""

    def col(pipe: str, key: str) -> list[float]:
        return [r[pipe][key] for r in per_seed if pipe in r and key in r[pipe]]

    pipes = [f"{k}/{e}" for k in ("patch", "global") for e in ENCODERS]
    say(
        f"\n## Inspect benchmark: {len(per_seed)} seeds, {args.normal} normal photos, {args.held_out} held-out "
        f"normals, {args.per_kind} per local defect kind, {args.per_bad} per bad-shot kind; mean ± 95 % interval\n"
    )
    say(
        "| pipeline | AUROC | defects found | false alarms (held-out normals) | bad shots named | heat map on the "
        "defect |"
    )
    say("|---|---|---|---|---|---|")
    for p in pipes:
        say(
            f"| {p} | {_fmt(col(p, 'auroc'))} | {_fmt(col(p, 'found'), True)} | {_fmt(col(p, 'false_alarms'), True)}"
            f" | {_fmt(col(p, 'bad_named'), True)} | {_fmt(col(p, 'heat_hits'), True)} |"
        )
    say("\n| defect kind | " + " | ".join(f"{e}: found / AUROC" for e in ENCODERS) + " |")
    say("|---|" + "---|" * len(ENCODERS))
    for k in ld.LOCAL_KINDS:
        cells = [
            f"{_fmt(col(f'patch/{e}', f'found_{k}'), True)} / {_fmt(col(f'patch/{e}', f'auroc_{k}'))}" for e in ENCODERS
        ]
        say(f"| {k} | " + " | ".join(cells) + " |")
    summary: dict[str, Any] = {"seeds": len(per_seed), "pipelines": {}}
    for p in pipes:
        summary["pipelines"][p] = {k: mean_ci(col(p, k)) for k in per_seed[0][p]}
    stronger = max(("untrained_standard", "untrained_shipped"), key=lambda e: mean_ci(col(f"patch/{e}", "auroc"))[0])
    summary["stronger_untrained"] = stronger
    say(f"\nStronger untrained initialisation (patch AUROC): {stronger}")
    say("\nPaired per-seed differences, trained − " + stronger + " (mean ± 95 % interval; per seed):")
    for key in ("auroc", "found", "false_alarms"):
        for kind in ("patch", "global"):
            d = [a - b for a, b in zip(col(f"{kind}/trained", key), col(f"{kind}/{stronger}", key), strict=True)]
            m, h = mean_ci(d)
            summary[f"diff_{kind}_{key}"] = {"mean": m, "ci": h, "per_seed": d}
            say(f"  {kind} {key}: {m:+.3f} ± {h:.3f}  ({', '.join(f'{x:+.3f}' for x in d)})")
    t = (
        col("patch/trained", "index_per_photo"),
        col("patch/trained", "learn_per_photo"),
        col("patch/trained", "check_per_photo"),
    )
    say(
        f"\nTimes per photo (trained, 2-core CPU): index {1e3 * statistics.median(t[0]):.1f} ms, learn the normal "
        f"photos {1e3 * statistics.median(t[1]):.1f} ms, check {1e3 * statistics.median(t[2]):.1f} ms; training "
        f"{statistics.median(col('training', 'train_s')):.0f} s per seed"
    )
    mem = col("patch/trained", "memory_mb")
    n = col("patch/trained", "normal_photos")
    say(
        f"Patch memory: {statistics.median(mem):.1f} MB for {int(statistics.median(n))} normal photos "
        f"({statistics.median(col('patch/trained', 'memory_patches')):.0f} patches)"
    )
    say(
        "\nPeer tool: none could be run. anomalib's PatchCore needs ImageNet-pretrained backbones fetched from a hub "
        "at run time (no download is possible here, and with random weights it is row (b)); padim-ad and PyOD were not "
        "evaluated."
    )
    return summary


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--epochs", type=int, default=30, help="training passes over the normal folder")
    p.add_argument("--normal", type=int, default=240, help="normal photos to train on")
    p.add_argument("--held-out", type=int, default=200, help="held-out normal photos among the new ones")
    p.add_argument("--per-kind", type=int, default=12, help="new photos per local defect kind")
    p.add_argument("--per-bad", type=int, default=4, help="new photos per bad-shot kind")
    p.add_argument("--image-size", type=int, default=96, help="training resolution")
    p.add_argument("--inspect-size", type=int, default=None, help="InspectConfig.image_size (default: the model's)")
    p.add_argument("--bench-python", default=".venv-bench/bin/python", help="interpreter with scikit-image")
    p.add_argument("--png", default=None, help="write a picture of heat maps (seed 0) to this PNG")
    p.add_argument("--json", default=None, help="write the per-seed figures and summary to this JSON file")
    p.add_argument("--quick", action="store_true", help="tiny folders and 2 passes: proves it runs")
    p.add_argument("--work", default=None, help="keep the folders here (default: a temporary folder)")
    p.add_argument(
        "--reuse-runs",
        action="store_true",
        help="where --work already holds a seed's folders and trained run, use them instead of training "
        "again (to compare inspection settings on the same encoders)",
    )
    p.add_argument("--threads", type=int, default=2, help="torch threads")
    p.add_argument("--only-seed", type=int, default=None, help="run this one seed (seeds can run side by side)")
    p.add_argument(
        "--merge",
        nargs="+",
        default=None,
        metavar="JSON",
        help="report the seeds of these --json files together (nothing is run)",
    )
    args = p.parse_args()
    if args.quick:
        args.seeds, args.epochs, args.normal, args.held_out, args.per_kind, args.per_bad = 1, 2, 48, 20, 3, 1
    import torch

    torch.set_num_threads(max(1, min(args.threads, os.cpu_count() or 2)))
    from badbatch_gui.core.config import InspectConfig

    say(f"Inspection settings: {InspectConfig(image_size=args.inspect_size)}")
    data = pd.skimage_data_dir(args.bench_python if Path(args.bench_python).exists() else None)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench_inspect_"))
    os.environ.setdefault("BADBATCH_HOME", str(work / "home"))
    per_seed, first = [], None
    t0 = time.perf_counter()
    if args.merge:
        per_seed = [r for f in args.merge for r in json.loads(Path(f).read_text())["per_seed"]]
    for seed in [] if args.merge else [args.only_seed] if args.only_seed is not None else range(args.seeds):
        res, keep = run_seed(seed, args, work, data)
        per_seed.append(res)
        first = first or keep
    summary = report(per_seed, args)
    say(f"\nTotal {time.perf_counter() - t0:.0f} s; folders in {work}")
    if args.png and first is not None:
        import inspect_picture

        inspect_picture.render(first, Path(args.png))
        say(f"Heat maps written to {args.png}")
    if args.json:
        Path(args.json).write_text(json.dumps({"per_seed": per_seed, "summary": summary}, indent=1, default=str))


if __name__ == "__main__":
    main()
