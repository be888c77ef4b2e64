"""Which layer and normalisation should the UNTRAINED preview network use? A planted-outlier measurement.

docs/design/frd.md §9: final-layer L2-normalised features of a random-init ResNet nearly collapse to one point, so the
choice is made by measurement. Folders of ordinary synthetic part photos (``synthetic_parts.py``) get planted
bad shots (black frame, colour stripes, overexposed, heavy blur, empty background). For every network
variant (stock torchvision ResNet-18 whose BatchNorm is the identity before training; this app's training
backbone with norm "none" or "group"), ResNet stage and normalisation we measure, in ``reference`` mode with
batches of 16 planned by ``dataset.plan_batches``:

- ``batch>med``: batches holding a bad shot that score above the median clean batch;
- ``batch>max``: ... above every clean batch (what a threshold could catch);
- ``top1``: bad shots ranked first in their batch by the leave-one-out score (docs/design/frd.md §5) (a batch with two
  bad shots counts a bad shot as found when it is among the top two);
- ``folder@P``: bad shots among the top P of the folder-wide ranking (``frd_per_photo.per_image_against_folder``),
  P = number of bad shots.

Usage: ``python benchmarks/choose_preview_features.py [--size 64] [--folders 2] [--plans 3] [--threads 1]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_parts

from badbatch_gui.core.data.augment import TwoViewAugment
from badbatch_gui.core.data.dataset import plan_batches
from badbatch_gui.core.nets.models import LAYERS, backbone_layer_features
from badbatch_gui.core.scoring import frd, frd_per_photo
from badbatch_gui.core.scoring.features import random_network

ARCHS = ("torchvision", "none", "group")
NORMS = ("l2", "raw", "standardise")


def layer_features(arch: str, images: np.ndarray | torch.Tensor, seed: int) -> dict[str, np.ndarray]:
    """Raw pooled features of every stage. Shape: images (n, S, S, 3) uint8 or (n, 3, S, S) float -> {layer: (n, C)}."""
    net = random_network("resnet18", seed, arch)
    if isinstance(images, np.ndarray):
        x = torch.from_numpy(images).permute(0, 3, 1, 2).float().div(255.0)
    else:
        x = images
    out: dict[str, list[np.ndarray]] = {name: [] for name in LAYERS}
    with torch.inference_mode():
        for i in range(0, len(x), 64):
            for name in LAYERS:
                out[name].append(backbone_layer_features(net, x[i : i + 64], name).double().numpy())
    return {k: np.concatenate(v) for k, v in out.items()}


def normalise(f: np.ndarray, how: str, folder: np.ndarray | None = None) -> np.ndarray:
    """Shape: (n, D) -> (n, D); "standardise" uses the statistics of ``folder`` (the originals) when given."""
    if how == "l2":
        return f / np.maximum(np.linalg.norm(f, axis=1, keepdims=True), 1e-12)
    base = f if folder is None else folder
    if how == "standardise":
        sd = base.std(axis=0)
        return (f - base.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    if how == "robust":  # median / 1.4826·MAD per dimension: a group of bad photos cannot shift it
        med = np.median(base, axis=0)
        mad = 1.4826 * np.median(np.abs(base - med), axis=0)
        return (f - med) / np.where(mad > 0, mad, np.where(base.std(axis=0) > 0, base.std(axis=0), 1.0))
    return f


def reference(f: np.ndarray, trim: float | None) -> frd.ReferenceStats:
    """Folder statistics of all photos, or (``trim`` = k) of those whose folder-wide oddness is at most
    median + k·1.4826·MAD of the oddness scores (the typical photos).
    """
    if trim is None:
        return frd.reference_stats(f)
    odd = frd_per_photo.per_image_against_folder(f)
    med = np.median(odd)
    keep = odd <= med + trim * 1.4826 * np.median(np.abs(odd - med))
    return frd.reference_stats(f[keep])


def evaluate_views(
    v1: np.ndarray, v2: np.ndarray, bad: np.ndarray, plans: list[list[np.ndarray]]
) -> dict[str, tuple[int, int]]:
    """Views mode: bad batches above the clean median, and bad shots ranked first by e_i (docs/design/frd.md §5)."""
    res = {"views>med": [0, 0], "views top1": [0, 0]}
    for plan in plans:
        scores = np.array([frd.frechet_distance(v1[b], v2[b]) for b in plan])
        has_bad = np.array([bad[b].any() for b in plan])
        res["views>med"][0] += int(np.sum(scores[has_bad] > np.median(scores[~has_bad])))
        res["views>med"][1] += int(has_bad.sum())
        for b in np.array(plan)[has_bad]:
            e = frd_per_photo.per_image_paired(v1[b], v2[b])
            k = int(bad[b].sum())
            top = set(np.argsort(-e)[:k].tolist())
            res["views top1"][0] += sum(1 for j in np.flatnonzero(bad[b]) if j in top)
            res["views top1"][1] += k
    return {k: (v[0], v[1]) for k, v in res.items()}


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """ROC AUC of ``scores`` for the ``positive`` labels (ties averaged); nan without both classes."""
    from scipy.stats import rankdata

    pos = int(positive.sum())
    neg = len(positive) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    r = rankdata(scores)
    return float((r[positive].sum() - pos * (pos + 1) / 2) / (pos * neg))


def demo_arrays(n_images: int, size: int, seed: int) -> tuple[np.ndarray, list[str]]:
    """The app's demo folder (``core.data.demo``), decoded as training decodes it; labels "good" or the bad kind."""
    import tempfile

    from badbatch_gui.core.data.demo import write_demo_folder
    from badbatch_gui.core.data.imageio import load_rgb_array

    with tempfile.TemporaryDirectory() as tmp:
        manifest = write_demo_folder(Path(tmp), n_images=n_images, seed=seed)
        label = {p: "good" for p in manifest["good"]}
        label.update({p: kind for kind, paths in manifest["bad_shots"].items() for p in paths})
        paths = sorted(label)
        arrs = np.stack([load_rgb_array(Path(tmp) / p, size) for p in paths])
    return arrs, [label[p] for p in paths]


def evaluate(
    f: np.ndarray, bad: np.ndarray, plans: list[list[np.ndarray]], trim: float | None = None
) -> dict[str, tuple[int, int]]:
    """Counts (hits, total) for the four criteria. Shape: f (n, D), bad (n,) bool."""
    ref = reference(f, trim)
    res = {"batch>med": [0, 0], "batch>max": [0, 0], "top1": [0, 0], "folder@P": [0, 0]}
    for plan in plans:
        scores = np.array([frd.frechet_to_reference(f[b], ref) for b in plan])
        has_bad = np.array([bad[b].any() for b in plan])
        clean = scores[~has_bad]
        if clean.size:  # (a demo folder with big batches may have no clean batch at all)
            res["batch>med"][0] += int(np.sum(scores[has_bad] > np.median(clean)))
            res["batch>max"][0] += int(np.sum(scores[has_bad] > clean.max()))
            res["batch>med"][1] += int(has_bad.sum())
            res["batch>max"][1] += int(has_bad.sum())
        for b in np.array(plan)[has_bad]:
            loo = frd_per_photo.per_image_loo_reference(f[b], ref)
            k = int(bad[b].sum())
            top = set(np.argsort(-loo)[:k].tolist())
            res["top1"][0] += sum(1 for j in np.flatnonzero(bad[b]) if j in top)
            res["top1"][1] += k
    folder = frd_per_photo.per_image_against_folder(f)
    p = int(bad.sum())
    res["folder@P"] = [int(bad[np.argsort(-folder)[:p]].sum()), p]
    out = {k: (v[0], v[1]) for k, v in res.items()}
    # Rank statistics (x1000 so they sum like counts): batch score vs number of bad shots (Spearman), bad vs good
    # photos by the leave-one-out score within batches, and by the folder-wide score.
    from scipy.stats import spearmanr

    rho, in_batch = [], []
    for plan in plans:
        scores = np.array([frd.frechet_to_reference(f[b], ref) for b in plan])
        counts = np.array([bad[b].sum() for b in plan])
        if counts.std() > 0:
            rho.append(spearmanr(scores, counts).statistic)
        for b in plan:
            a = auc(frd_per_photo.per_image_loo_reference(f[b], ref), bad[b])
            if np.isfinite(a):
                in_batch.append(a)
    out["rho(batch,#bad)"] = (int(round(1000 * np.mean(rho))) if rho else 0, 1000)
    out["AUC in batch"] = (int(round(1000 * np.mean(in_batch))) if in_batch else 0, 1000)
    out["AUC folder"] = (int(round(1000 * auc(folder, bad))), 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=64)
    ap.add_argument("--good", type=int, default=246)
    ap.add_argument("--bad-per-kind", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--folders", type=int, default=2)
    ap.add_argument("--plans", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--views", action="store_true", help="also measure views mode (slower)")
    ap.add_argument("--augment", default="simclr")
    ap.add_argument(
        "--demo",
        type=int,
        default=0,
        metavar="N",
        help="use N-picture demo folders (core.data.demo) instead of synthetic_parts",
    )
    ap.add_argument("--norms", default=",".join(NORMS), help="comma-separated: l2, raw, standardise, robust")
    ap.add_argument(
        "--trim",
        type=float,
        default=None,
        metavar="K",
        help="reference statistics from the typical photos only (oddness <= median + K·MAD)",
    )
    ap.add_argument("--archs", default=",".join(ARCHS), help="comma-separated network variants")
    ap.add_argument("--folder-seed", type=int, default=100, help="first folder seed")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    totals: dict[tuple[str, str, str], dict[str, list[int]]] = {}
    per_kind: dict[tuple[str, str, str], dict[str, list[int]]] = {}
    dims: dict[str, int] = {}
    t0 = time.perf_counter()
    for folder_seed in range(args.folders):
        if args.demo:
            images, labels = demo_arrays(args.demo, args.size, seed=args.folder_seed + folder_seed)
        else:
            images, labels = synthetic_parts.make_arrays(
                args.good, args.bad_per_kind, args.size, seed=args.folder_seed + folder_seed
            )
        bad = np.array([lab != "good" for lab in labels])
        plans = [plan_batches(len(labels), args.batch, seed, 0) for seed in range(args.plans)]
        if args.views:
            aug = TwoViewAugment(args.augment, args.size)
            views = [torch.stack([aug(img, (folder_seed, 0, i, 0, v)) for i, img in enumerate(images)]) for v in (0, 1)]
        for arch in args.archs.split(","):
            feats = layer_features(arch, images, seed=folder_seed)
            vfeats = [layer_features(arch, v, seed=folder_seed) for v in views] if args.views else None
            for layer, raw in feats.items():
                dims[layer] = raw.shape[1]
                for how in args.norms.split(","):
                    f = normalise(raw, how)
                    key = (arch, layer, how)
                    acc = totals.setdefault(key, {})
                    found = evaluate(f, bad, plans, args.trim)
                    if vfeats is not None:
                        v1, v2 = (normalise(vf[layer], how, raw) for vf in vfeats)
                        found.update(evaluate_views(v1, v2, bad, plans))
                    for crit, (hit, tot) in found.items():
                        acc.setdefault(crit, [0, 0])
                        acc[crit][0] += hit
                        acc[crit][1] += tot
                    folder = frd_per_photo.per_image_against_folder(f)
                    top = np.argsort(-folder)[: int(bad.sum())]
                    pk = per_kind.setdefault(key, {})
                    for kind in sorted(set(labels) - {"good"}):
                        idx = [i for i, lab in enumerate(labels) if lab == kind]
                        pk.setdefault(kind, [0, 0])
                        pk[kind][0] += sum(1 for i in idx if i in set(top.tolist()))
                        pk[kind][1] += len(idx)
    crits = ("batch>med", "batch>max", "top1", "folder@P", "rho(batch,#bad)", "AUC in batch", "AUC folder") + (
        ("views>med", "views top1") if args.views else ()
    )
    what = (
        f"{args.demo}-picture demo folders (core.data.demo)"
        if args.demo
        else f"({args.good} good + {args.bad_per_kind} x {len(synthetic_parts.BAD_KINDS)} bad) synthetic_parts"
    )
    header = (
        f"{args.folders} folders x {what} "
        f"at {args.size} px, batches of {args.batch}, {args.plans} batch plans each, reference mode"
        f"{'' if args.trim is None else f' (reference from typical photos, k={args.trim:g})'}; "
        f"{time.perf_counter() - t0:.0f} s"
    )
    print(header)
    print(f"| network | layer (D) | normalisation | {' | '.join(crits)} | score |")
    print("|---|---|---|" + "---|" * (len(crits) + 1))
    ranked = []
    for key, acc in totals.items():
        fr = [acc[c][0] / max(acc[c][1], 1) for c in crits[:4]]  # the score ranks the four count criteria only
        ranked.append((sum(fr) / len(fr), key, acc))
    for score, (arch, layer, how), acc in sorted(ranked, key=lambda r: -r[0]):
        cells = " | ".join(
            f"{acc[c][0]}/{acc[c][1]}" if acc[c][1] != 1000 * args.folders else f"{acc[c][0] / acc[c][1]:.2f}"
            for c in crits
        )
        print(f"| {arch} | {layer} ({dims[layer]}) | {how} | {cells} | {score:.2f} |")
    print("\nfolder-wide ranking, bad shots found in the top P, per kind (best 6 rows):")
    for _, key, _ in sorted(ranked, key=lambda r: -r[0])[:6]:
        pk = per_kind[key]
        print(f"{'/'.join(key)}: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in pk.items()))


if __name__ == "__main__":
    main()
