"""End-to-end folder scoring on the CPU vs the bare feature-network forward pass (issue 3).

Target: ``score_folder`` pushes images through the feature network at >= 80 % of the rate of the bare forward
pass on already decoded and augmented tensors (same resolution, batch size and network), because decoding and
augmentation run in the batch loader's thread, overlapped with compute.

Measured side by side, interleaved, ``--repeats`` times (medians printed):

- ``bare``: ``features.extract`` on pre-built (view 1 ‖ view 2) batches: forwarded images / s;
- ``loop``: the scoring loop of ``score_folder`` (views mode, folder features cached): the two views of every
  planned image / ``scoring_s`` (augmentation + forward + FRD + per-image scores);
- ``end-to-end``: a cold ``score_folder`` (decode, originals pass, views, FRD): all forwarded images (originals
  + 2 views) / (total - network build), and folder images / s;
- ``augment``: building the batches alone (``TwoViewDataset.batch``), no forward: images / s.

Usage: ``python benchmarks/bench_scoring.py [--images 512] [--size 96] [--batch 64] [--repeats 5]
[--threads 2] [--features default|full|layer1|layer2|layer3]``; ``full`` = final block, L2 (what a trained
encoder or ImageNet weights cost), ``default`` = the untrained preview's layer.
Figures are noisy when other processes share the CPU.

Measured on the 2-core development VM shared with other jobs (load 3-4, so single repeats swing by +-30 %;
96 px, batch 64, 2 torch threads, medians of 5):

| features                    | images | bare forward | scoring loop      | end-to-end (cold)           |
|-----------------------------|--------|--------------|-------------------|-----------------------------|
| untrained default (layer1)  | 512    | 282 img/s    | 279 img/s (0.99)  | 271 img/s (0.96), 90 photos/s |
| untrained default (layer1)  | 1023   | 299 img/s    | 323 img/s (1.08)  | 280 img/s (0.94), 91 photos/s |
| full network (layer4, L2)   | 512    | 107 img/s    |  96 img/s (0.90)  |  88 img/s (0.82), 29 photos/s |

The loop waited for the loader 2-3 % of its time. Augmentation costs about 0.6 ms per view with one torch thread
on an idle core (1.2 ms with two: intra-op threads do not pay on 96 px tensors; ``adjust_hue``, 0.66 ms when drawn, is the largest part),
against 3.4 ms (layer1) to 9 ms (full) per forwarded image, so the loader thread keeps ahead of the network.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_parts
from PIL import Image

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.data.dataset import ImageCache, TwoViewDataset, plan_batches
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.scoring import features
from badbatch_gui.core.scoring.features import extract, load_feature_network
from badbatch_gui.core.scoring.scoring import score_folder


def write_jpegs(root: Path, n: int, size: int, seed: int = 0) -> None:
    """``n`` synthetic part photos as JPEGs, a little larger than ``size`` so decoding also resizes."""
    arrs, _ = synthetic_parts.make_arrays(n - n // 50 * 5, n // 50, size + size // 3, seed)
    root.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(arrs):
        Image.fromarray(a).save(root / f"shot_{i:05d}.jpg", quality=90)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--images", type=int, default=512)
    ap.add_argument("--size", type=int, default=96)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--features", choices=("default", "full", "layer1", "layer2", "layer3"), default="default")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.features == "full":
        features.UNTRAINED_LAYER, features.UNTRAINED_NORMALISATION = "backbone", "l2"
    elif args.features != "default":
        features.UNTRAINED_LAYER = args.features

    tmp = Path(tempfile.mkdtemp(prefix="bench_scoring_"))
    try:
        folder, cache_dir = tmp / "pics", tmp / "cache"
        write_jpegs(folder, args.images, args.size)
        scan = scan_folder(folder)
        cfg = ScoreConfig(batch_size=args.batch, image_size=args.size, mode="views", device="cpu", seed=0)
        net, src = load_feature_network(cfg.backbone, None, "cpu")
        cache = ImageCache.build(scan.root, tuple(r.path for r in scan.training_images()), args.size)
        ds = TwoViewDataset(cache, cfg.augment, args.size, cfg.seed)
        plan = plan_batches(len(cache), args.batch, cfg.seed, 0)
        prebuilt = [torch.cat(ds.batch(b)[2:]) for b in plan]  # (2B, 3, S, S) per batch, decoded and augmented
        n_views = sum(len(x) for x in prebuilt)
        print(
            f"{len(cache)} JPEGs -> {args.size} px, batch {args.batch}, {len(plan)} batches, {args.threads} torch "
            f"threads; features: {src.name}, {src.layer}, {src.normalisation}"
        )

        res: dict[str, list[float]] = {k: [] for k in ("bare", "loop", "e2e_fwd", "e2e_img", "augment", "wait")}
        score_folder(scan, cfg, cache_dir=cache_dir)  # warm-up, fills the feature cache
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            for x in prebuilt:
                extract(net, x)
            res["bare"].append(n_views / (time.perf_counter() - t0))

            rep = score_folder(scan, cfg, cache_dir=cache_dir)  # originals cached: the loop alone
            res["loop"].append(n_views / rep.timings["scoring_s"])
            res["wait"].append(rep.timings["loader_wait_s"] / rep.timings["scoring_s"])

            shutil.rmtree(cache_dir / "features", ignore_errors=True)
            rep = score_folder(scan, cfg, cache_dir=cache_dir)  # cold: decode + originals + views
            run_s = rep.timings["total_s"] - rep.timings["network_s"]
            res["e2e_fwd"].append((n_views + len(cache)) / run_s)
            res["e2e_img"].append(len(plan) * args.batch / run_s)

            t0 = time.perf_counter()
            for b in plan:
                ds.batch(b)
            res["augment"].append(n_views / (time.perf_counter() - t0))
        med = {k: statistics.median(v) for k, v in res.items()}
        print(f"bare forward        : {med['bare']:8.1f} images/s (median of {args.repeats})")
        print(
            f"scoring loop        : {med['loop']:8.1f} images/s through the network, "
            f"ratio {med['loop'] / med['bare']:.2f} (target >= 0.80); waiting for the loader "
            f"{med['wait']:.0%} of the loop"
        )
        print(
            f"end-to-end (cold)   : {med['e2e_fwd']:8.1f} images/s through the network, "
            f"ratio {med['e2e_fwd'] / med['bare']:.2f}; {med['e2e_img']:.1f} folder images/s"
        )
        print(
            f"augmentation alone  : {med['augment']:8.1f} views/s "
            f"({1000 / med['augment']:.2f} ms per view vs {1000 / med['bare']:.2f} ms per forwarded image)"
        )
        print("per repeat (bare, loop):", [f"{a:.0f}/{b:.0f}" for a, b in zip(res["bare"], res["loop"], strict=True)])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    np.seterr(all="ignore")
    main()
