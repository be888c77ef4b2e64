"""How often an augmentation preset's two views of a photo share less than half of what they show.

For close-up part photos the part fills the middle of the frame; a view pair whose crops barely overlap asks
the encoder to match two different regions (often one without the part at all), which teaches nothing
useful. For every preset of ``core.data.augment`` this draws view pairs exactly as training does (the preset's
crop rule, the project's per-view generators) on a square photo and reports:

- ``overlap < 1/2``: the share of pairs whose crops overlap on less than half of the smaller crop;
- ``centre lost``: the share of pairs where at least one view shows less than half of the photo's central
  region (the middle 50 % × 50 %, where a centred part sits).

Usage: ``.venv/bin/python benchmarks/bench_augment_overlap.py [--pairs 20000] [--size 96]``
"""

from __future__ import annotations

import argparse
import sys

from badbatch_gui.core.data.augment import PRESETS, _crop_box, view_rng


def _inter(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    """Intersection area of two (top, left, height, width) boxes."""
    h = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    w = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, h) * max(0, w)


def measure(preset: str, size: int, pairs: int) -> tuple[float, float]:
    """(share of pairs with overlap < 1/2, share of pairs losing half of the centre region)."""
    p = PRESETS[preset]
    centre = (size // 4, size // 4, size // 2, size // 2)
    low = lost = 0
    for i in range(pairs):
        a = _crop_box(view_rng(0, 0, i, 0, 0), size, size, p)
        b = _crop_box(view_rng(0, 0, i, 0, 1), size, size, p)
        if _inter(a, b) < 0.5 * min(a[2] * a[3], b[2] * b[3]):
            low += 1
        area = centre[2] * centre[3]
        if min(_inter(a, centre), _inter(b, centre)) < 0.5 * area:
            lost += 1
    return low / pairs, lost / pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--size", type=int, default=96)
    args = ap.parse_args(argv)
    print("| preset | crop scale | overlap < 1/2 | centre lost |")
    print("|---|---|---|---|")
    for name, p in PRESETS.items():
        low, lost = measure(name, args.size, args.pairs)
        print(f"| {name} | {p.crop_scale[0]:.2f}–{p.crop_scale[1]:.2f} | {low:.1%} | {lost:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
