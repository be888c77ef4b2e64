"""How often the Batch check's τ rejects a batch holding only photos that look fine (reference mode).

For one folder (default: the demo folder, written to a temporary folder) this computes the preview features and
findings exactly as ``scoring.score_folder`` does, then draws

- 3,000 batches of photos that look fine (not flagged): the *null* batches; a good τ rejects about 1 % of them;
- 1,000 batches with one flagged photo among fine ones: how many a τ still finds;

and sets τ, for 15 calibration seeds each, by three rules on the calibration batches of
``core/scoring/clean_threshold.py``:

- ``robust``: median + 3·1.4826·MAD of 50 calibration batches (the rule before issue 19);
- ``robust on log``: the same rule on the logarithm of 400 calibration scores;
- ``99th percentile``: the 99th percentile of 400 calibration scores (the rule now).

It prints, per rule, the median (and worst) share of null batches rejected, the share of one-flagged batches
rejected, and the share of the folder's real first-pass batches rejected with every photo in the plan and with
the flagged photos left out. What it cannot tell: whether a batch a human would call unusual is rejected (there
is no ground truth for a batch), only how the rule treats batches built from the findings' two groups.

Usage::

    python benchmarks/bench_clean_threshold.py [--folder DIR] [--batch-size 12]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def say(line: str = "") -> None:
    """Print one line (benchmarks report on stdout)."""
    sys.stdout.write(line + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, default=None, help="image folder (default: a fresh demo folder)")
    ap.add_argument("--batch-size", type=int, default=12)
    ap.add_argument("--seeds", type=int, default=15)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-clean-tau-"))
    os.environ.setdefault("BADBATCH_HOME", str(work / "home"))

    from badbatch_gui.core.config import ScoreConfig
    from badbatch_gui.core.data.dataset import ImageCache, plan_batches, select_paths
    from badbatch_gui.core.data.demo import write_demo_folder
    from badbatch_gui.core.data.scan import scan_folder
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.scoring import frd, frd_per_photo
    from badbatch_gui.core.scoring.features import load_feature_network, pick_device
    from badbatch_gui.core.scoring.findings import judge
    from badbatch_gui.core.scoring.folder_features import original_features
    from badbatch_gui.core.scoring.scoring import Standardiser, typical_photos

    folder = args.folder
    if folder is None:
        folder = work / "demo"
        write_demo_folder(folder)
    cfg = ScoreConfig()
    scan = scan_folder(folder)
    paths = select_paths(r.path for r in scan.training_images())
    net, source = load_feature_network(cfg.backbone, cfg.weights, pick_device("cpu"))
    base = app_paths().cache_dir
    cache = ImageCache.build(scan.root, paths, cfg.image_size, cache_dir=base / "images", measure=True)
    raw, _ = original_features(net, source, cache, 64, base / "features", None, None)
    feats = Standardiser(raw, source.normalisation == "standardise")(raw)
    odd = frd_per_photo.per_image_against_folder(feats)
    found = judge(cache.paths, cache.stats, odd)
    ref = frd.reference_stats(feats[typical_photos(odd, cfg.reference_trim) & ~found.flagged])
    clean, bad = np.flatnonzero(~found.flagged), np.flatnonzero(found.flagged)
    bs = args.batch_size

    def score(idx: np.ndarray) -> float:
        return frd.frechet_details(feats[idx], ref).value

    rng = np.random.default_rng(123)
    null = np.array([score(rng.choice(clean, bs, replace=False)) for _ in range(3000)])
    one = np.array([score(np.r_[rng.choice(clean, bs - 1, replace=False), rng.choice(bad, 1)]) for _ in range(1000)])
    real_all = np.array([score(b) for b in plan_batches(len(feats), bs, 0, 0)])
    real_clean = np.array([score(clean[b]) for b in plan_batches(len(clean), bs, 0, 0)])

    def robust(cal: np.ndarray) -> float:
        med = float(np.median(cal))
        return med + 3 * 1.4826 * float(np.median(np.abs(cal - med)))

    rules = {
        "robust (50 batches)": (50, robust),
        "robust on log (400)": (400, lambda c: float(np.exp(robust(np.log(c))))),
        "99th percentile (400)": (400, lambda c: float(np.percentile(c, 99))),
    }
    say(
        f"{folder}: {len(feats)} photos, {len(bad)} flagged; batches of {bs}; null median {np.median(null):.3g}, "
        f"99th percentile / median {np.percentile(null, 99) / np.median(null):.2f}"
    )
    say(
        "| rule | fine batches rejected (median, worst) | batches with 1 flagged photo rejected | "
        "real batches rejected (all / flagged left out) |"
    )
    say("|---|---|---|---|")
    for name, (n_cal, rule) in rules.items():
        fine, found_one, r_all, r_clean = [], [], [], []
        for seed in range(args.seeds):
            draw = np.random.default_rng([seed, 0xCA1B])
            tau = rule(np.array([score(draw.choice(clean, bs, replace=False)) for _ in range(n_cal)]))
            fine.append(np.mean(null > tau))
            found_one.append(np.mean(one > tau))
            r_all.append(np.mean(real_all > tau))
            r_clean.append(np.mean(real_clean > tau))
        say(
            f"| {name} | {np.median(fine):.2%} ({max(fine):.2%}) | {np.median(found_one):.0%} | "
            f"{np.median(r_all):.0%} / {np.median(r_clean):.0%} |"
        )


if __name__ == "__main__":
    main()
