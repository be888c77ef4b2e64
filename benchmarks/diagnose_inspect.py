"""Where does the patch check lose small defects? One seed, small folders, many variants of the pipeline side by side.

The folders are ``bench_inspect.py``'s (``local_defects.py``: scikit-image surface photos, planted scratch, stain,
foreign object, missing piece, occlusion; 320 × 240). For each network (the untrained shipped start, and a trained run
with ``--run``) and each inspection size (the shorter side), the stages ``layer1``-``layer3`` are computed once per
photo, each averaged over its 3 × 3 neighbourhood and brought to one grid of stride 8 (``layer1`` averaged 2 × 2,
``layer3`` upsampled), and then every variant is scored from these maps:

- which stages make a patch's description;
- how the stages are put on one scale: ``length`` (each stage divided by its mean description length, the shipped
  pipeline) or ``zscore`` (each channel standardised over the normal patches, each stage then divided by the square
  root of its channel count so the stages count alike), or ``whiten`` (a shrunk whitening of the whole description);
- a random projection to fewer values (``proj``), and how many patches the memory keeps (``memory``);
- how the heat map becomes one score: its maximum, the mean of its top 1 %, or the maximum after a 3 × 3 blur;
- ``colour``: each patch's local mean colour and colour spread appended (a description the network cannot lose).

Per variant: AUROC per defect kind against held-out normals, and the share of defects above the held-out normals'
99th percentile (an oracle threshold at 1 % false alarms: this script diagnoses, it does not calibrate; the
calibrated figures come from ``bench_inspect.py``). Seconds per variant are printed so that cost is seen with quality.

    python benchmarks/diagnose_inspect.py [--sizes 96 160 240] [--run RUN_FOLDER] [--work DIR] [--variants 0 3 ...]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import local_defects as ld
import planted_defects as pd
from bench_inspect import auroc

STAGES = ("layer1", "layer2", "layer3")


def say(line: str = "") -> None:
    """One line of the script's output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def stage_maps(backbone: Any, pixels: np.ndarray, batch: int = 8) -> dict[str, np.ndarray]:
    """Every stage, 3 × 3-averaged, on the stride-8 grid. Shape: (n, H, W, 3) -> {stage: (n, C, H/8, W/8) float16}."""
    import torch
    import torch.nn.functional as F

    from badbatch_gui.core.inspect.model import as_float_batch
    from badbatch_gui.core.inspect.network_features import _stages

    out: dict[str, list[np.ndarray]] = {s: [] for s in STAGES}
    with torch.no_grad():
        for start in range(0, len(pixels), batch):
            maps = _stages(backbone, as_float_batch(pixels[start : start + batch]), STAGES)
            grid = maps["layer2"].shape[-2:]
            for s in STAGES:
                f = F.avg_pool2d(maps[s].float(), 3, 1, 1, count_include_pad=False)
                if s == "layer1":
                    f = F.avg_pool2d(f, 2)
                elif f.shape[-2:] != grid:
                    f = F.interpolate(f, size=grid, mode="bilinear", align_corners=False)
                out[s].append(f.numpy().astype(np.float16))
    return {s: np.concatenate(v) for s, v in out.items()}


def colour_maps(pixels: np.ndarray) -> np.ndarray:
    """Local mean colour and colour spread over 24 × 24-pixel windows on the stride-8 grid.

    Shape: (n, H, W, 3) uint8 -> (n, 6, H/8, W/8) float16.
    """
    import torch
    import torch.nn.functional as F

    x = torch.from_numpy(pixels).permute(0, 3, 1, 2).float() / 255.0
    mean = F.avg_pool2d(x, 24, 8, 8, count_include_pad=False)
    sq = F.avg_pool2d(x * x, 24, 8, 8, count_include_pad=False)
    std = (sq - mean * mean).clamp(min=0).sqrt()
    gh, gw = pixels.shape[1] // 8, pixels.shape[2] // 8
    return torch.cat([mean, std], 1)[:, :, :gh, :gw].numpy().astype(np.float16)


def describe(maps: dict[str, np.ndarray], stages: tuple[str, ...]) -> np.ndarray:
    """The chosen stages, concatenated. Shape: (n, D, gh, gw) float32."""
    return np.concatenate([maps[s].astype(np.float32) for s in stages], axis=1)


def cells(desc: np.ndarray) -> np.ndarray:
    """Shape: (n, D, gh, gw) -> (n, gh * gw, D)."""
    n, d, gh, gw = desc.shape
    return desc.transpose(0, 2, 3, 1).reshape(n, gh * gw, d)


def scale_fit(normal: np.ndarray, channels: list[int], how: str, rng: np.random.Generator) -> Any:
    """A function mapping (m, D) cell rows to the comparison space, fitted on normal rows (m, D)."""
    sample = normal[rng.choice(len(normal), size=min(len(normal), 50_000), replace=False)].astype(np.float64)
    bounds = np.cumsum([0, *channels])
    if how == "length":
        div = np.concatenate(
            [
                np.full(c, np.linalg.norm(sample[:, a:b], axis=1).mean())
                for a, b, c in zip(bounds[:-1], bounds[1:], channels, strict=True)
            ]
        )
        return lambda x: x / div.astype(np.float32)
    mu, sd = sample.mean(0), sample.std(0) + 1e-6
    if how == "zscore":
        w = np.concatenate([np.full(c, math.sqrt(c)) for c in channels])
        return lambda x: ((x - mu) / (sd * w)).astype(np.float32)
    if how == "whiten":
        z = (sample - mu) / sd
        cov = np.cov(z, rowvar=False)
        cov += 0.01 * np.trace(cov) / len(cov) * np.eye(len(cov))
        vals, vecs = np.linalg.eigh(cov)
        t = (vecs / np.sqrt(vals)) @ vecs.T
        return lambda x: (((x - mu) / sd) @ t).astype(np.float32)
    raise ValueError(how)


def knn(memory: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Distance of every query row to its nearest memory row. Shape: (m, D), (q, D) -> (q,)."""
    import torch

    from badbatch_gui.core.inspect.patch_memory import PatchMemory, nearest_distances

    mem = PatchMemory(np.ascontiguousarray(memory, np.float32), np.zeros(len(memory), np.int32), ("x",))
    q = torch.from_numpy(np.ascontiguousarray(queries, np.float32)).T.reshape(1, -1, 1, len(queries))
    return nearest_distances(mem, q).reshape(-1)


def aggregate(heat: np.ndarray) -> dict[str, np.ndarray]:
    """Photo scores from heat maps. Shape: (n, gh, gw) -> {rule: (n,)}."""
    import torch
    import torch.nn.functional as F

    flat = heat.reshape(len(heat), -1)
    k = max(1, int(round(0.01 * flat.shape[1])))
    blurred = F.avg_pool2d(torch.from_numpy(heat[:, None]), 3, 1, 1, count_include_pad=False)[:, 0].numpy()
    return {
        "max": flat.max(1),
        "top1%": np.sort(flat, axis=1)[:, -k:].mean(1),
        "blur3": blurred.reshape(len(heat), -1).max(1),
    }


def evaluate(score: np.ndarray, kinds: list[str]) -> dict[str, float]:
    """AUROC and oracle recall at 1 % per kind."""
    kinds_a = np.array(kinds)
    neg = score[kinds_a == "normal"]
    cut = np.quantile(neg, 0.99)
    out = {}
    defect = np.isin(kinds_a, ld.LOCAL_KINDS)
    out["all"] = auroc(score[defect], neg)
    out["rec"] = float((score[defect] > cut).mean())
    for k in ld.LOCAL_KINDS:
        out[k] = auroc(score[kinds_a == k], neg)
    return out


def run_variant(
    normal_maps: dict[str, np.ndarray], new_maps: dict[str, np.ndarray], v: dict[str, Any], kinds: list[str], seed: int
) -> tuple[dict[str, dict[str, float]], float]:
    """Score one variant: {aggregation: metrics}, seconds."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    stages = tuple(v["stages"])
    channels = [normal_maps[s].shape[1] for s in stages]
    normal = cells(describe(normal_maps, stages))
    new = cells(describe(new_maps, stages))
    n, per, d = normal.shape
    keep = min(per, max(1, v["memory"] // n)) if v["memory"] else per
    rows = np.concatenate([normal[i, np.sort(rng.choice(per, size=keep, replace=False))] for i in range(n)])
    fit = scale_fit(rows, channels, v["scale"], rng)
    mem, q = fit(rows), fit(new.reshape(-1, d))
    if v.get("proj"):
        p = rng.normal(0, 1 / math.sqrt(v["proj"]), (mem.shape[1], v["proj"])).astype(np.float32)
        mem, q = mem @ p, q @ p
    gh, gw = new_maps["layer2"].shape[-2:]
    heat = knn(mem, q).reshape(len(new), gh, gw)
    return {a: evaluate(s, kinds) for a, s in aggregate(heat).items()}, time.perf_counter() - t0


VARIANTS: list[dict[str, Any]] = [
    {"stages": ("layer2", "layer3"), "scale": "length", "memory": 40_000},
    {"stages": ("layer2", "layer3"), "scale": "zscore", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "length", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "zscore", "memory": 40_000},
    {"stages": ("layer1", "layer2"), "scale": "zscore", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "whiten", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "zscore", "memory": 40_000, "proj": 128},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "zscore", "memory": 0},
    {"stages": ("layer1", "layer2", "layer3", "colour"), "scale": "zscore", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "length", "memory": 20_000},
    {"stages": ("layer1", "layer2", "layer3", "colour"), "scale": "length", "memory": 40_000},
    {"stages": ("layer1", "layer2", "layer3"), "scale": "length", "memory": 40_000, "proj": 192},
    {"stages": ("layer1", "layer2"), "scale": "length", "memory": 40_000},
]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[96, 160, 240])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--normal", type=int, default=120)
    p.add_argument("--held-out", type=int, default=80)
    p.add_argument("--per-kind", type=int, default=10)
    p.add_argument("--run", default=None, help="a trained run or export to diagnose as well")
    p.add_argument("--variants", type=int, nargs="*", default=None, help="indices into VARIANTS (default: all)")
    p.add_argument("--bench-python", default=".venv-bench/bin/python")
    p.add_argument("--work", default="/tmp/diagnose_inspect")
    p.add_argument("--threads", type=int, default=1, help="torch threads (the shared 2-core VM: 1)")
    args = p.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core.inspect.frames import frame_shape, load_frames
    from badbatch_gui.core.inspect.model import InspectModel, load_model, untrained_twin, weights_fingerprint
    from badbatch_gui.core.nets.models import build_model, encoder_config

    work = Path(args.work) / f"seed{args.seed}"
    if not (work / "manifest.json").exists():
        data = pd.skimage_data_dir(args.bench_python if Path(args.bench_python).exists() else None)
        ld.write_folders(work, data, args.normal, args.held_out, args.per_kind, 0, args.seed)
    import json

    manifest = json.loads((work / "manifest.json").read_text())
    new_names = sorted(manifest["new"])
    kinds = [manifest["new"][n]["kind"] for n in new_names]
    nets: dict[str, InspectModel] = {}
    if args.run:
        nets["trained"] = load_model(args.run)
        base = nets["trained"]
    else:
        net = build_model()
        base = InspectModel(
            net.backbone.eval(), 96, weights_fingerprint(net.backbone, 96), "random", "file", encoder_config(net)
        )
    nets = {"untrained_shipped": untrained_twin(base, "shipped", args.seed), **nets}
    chosen = [VARIANTS[i] for i in args.variants] if args.variants is not None else VARIANTS
    say("| net | size | variant | agg | AUROC | recall@1% (oracle) | " + " | ".join(ld.LOCAL_KINDS) + " | s |")
    say("|---" * (7 + len(ld.LOCAL_KINDS)) + "|")
    for size in args.sizes:
        frame = frame_shape(np.array([[320, 240]]), size)
        normal = load_frames(work / "normal", manifest["normal"], frame)
        new = load_frames(work / "new", new_names, frame)
        for name, model in nets.items():
            t0 = time.perf_counter()
            nm, wm = stage_maps(model.backbone, normal.pixels), stage_maps(model.backbone, new.pixels)
            nm["colour"], wm["colour"] = colour_maps(normal.pixels), colour_maps(new.pixels)
            feat_s = time.perf_counter() - t0
            say(f"<!-- {name} {size}px frame {frame}: features {feat_s:.1f} s -->")
            for v in chosen:
                res, secs = run_variant(nm, wm, v, kinds, args.seed)
                label = (
                    "+".join(s.replace("layer", "l") for s in v["stages"])
                    + f" {v['scale']}"
                    + (f" proj{v['proj']}" if v.get("proj") else "")
                    + (f" mem{v['memory'] // 1000}k" if v["memory"] else " mem-all")
                )
                for agg, m in res.items():
                    say(
                        f"| {name} | {size} | {label} | {agg} | {m['all']:.3f} | {100 * m['rec']:.0f} % | "
                        + " | ".join(f"{m[k]:.2f}" for k in ld.LOCAL_KINDS)
                        + f" | {secs:.0f} |"
                    )


if __name__ == "__main__":
    main()
