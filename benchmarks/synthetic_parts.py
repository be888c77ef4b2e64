"""Synthetic "part photos" with planted bad shots, for the preview-feature experiment and the scoring benchmark.

Ordinary photos: a metal part (washer, hex nut, bolt or bracket) on a grey, unevenly lit background, with a
soft shadow, a highlight and sensor noise; position, size, rotation, lighting and tint vary. Planted bad shots
(:data:`BAD_KINDS`): a black frame (lens cap), saturated colour stripes (a corrupted frame), an overexposed
frame, a heavily blurred photo (focus failure) and an empty background (the part is missing).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

BAD_KINDS = ("black", "stripes", "white", "blur", "empty")


def _background(rng: np.random.Generator, s: int) -> np.ndarray:
    base = rng.uniform(95, 165)
    ang = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:s, 0:s] / s - 0.5
    grad = (np.cos(ang) * xx + np.sin(ang) * yy) * rng.uniform(-50, 50)
    tint = rng.uniform(-6, 6, size=3)
    return base + grad[..., None] + tint


PART_KINDS = ("washer", "hex nut", "bolt", "bracket")


def _part_polygons(
    rng: np.random.Generator, s: int, kind: int | None = None
) -> tuple[list[list[tuple[float, float]]], float, float, float]:
    cx, cy = s * (0.5 + rng.uniform(-0.12, 0.12)), s * (0.5 + rng.uniform(-0.12, 0.12))
    r = s * rng.uniform(0.2, 0.33)
    rot = rng.uniform(0, 2 * math.pi)
    drawn = int(rng.integers(4))
    kind = drawn if kind is None else int(kind)

    def poly(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        c, si = math.cos(rot), math.sin(rot)
        return [(cx + x * c - y * si, cy + x * si + y * c) for x, y in points]

    if kind == 0:  # washer: 32-gon
        shapes = [poly([(r * math.cos(t), r * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 33)[:-1]])]
    elif kind == 1:  # hex nut
        shapes = [poly([(r * math.cos(t), r * math.sin(t)) for t in np.linspace(0, 2 * math.pi, 7)[:-1]])]
    elif kind == 2:  # bolt: shank + head
        w = r * 0.28
        shapes = [
            poly([(-r * 1.2, -w), (r * 0.9, -w), (r * 0.9, w), (-r * 1.2, w)]),
            poly([(r * 0.6, -w * 2.2), (r * 1.1, -w * 2.2), (r * 1.1, w * 2.2), (r * 0.6, w * 2.2)]),
        ]
    else:  # bracket: L shape
        t = r * 0.35
        shapes = [poly([(-r, -r), (r, -r), (r, -r + t), (-r + t, -r + t), (-r + t, r), (-r, r)])]
    return shapes, cx, cy, r if kind in (0, 1) else 0.0


def part_photo(rng: np.random.Generator, size: int, with_part: bool = True, kind: int | None = None) -> np.ndarray:
    """One ordinary photo (of part ``kind``, an index into :data:`PART_KINDS`; None: drawn at random).

    Shape: returns (size, size, 3) uint8.
    """
    s = size * 2
    img = Image.fromarray(np.clip(_background(rng, s), 0, 255).astype(np.uint8))
    if with_part:
        shapes, cx, cy, hole = _part_polygons(rng, s, kind)
        shadow = Image.new("L", (s, s), 0)
        d = ImageDraw.Draw(shadow)
        off = s * 0.03
        for p in shapes:
            d.polygon([(x + off, y + off) for x, y in p], fill=90)
        shadow = shadow.filter(ImageFilter.GaussianBlur(s * 0.03))
        arr = np.asarray(img).astype(np.float64) * (1 - np.asarray(shadow)[..., None] / 255.0)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        metal = rng.uniform(150, 215) + rng.uniform(-10, 10, size=3)
        d = ImageDraw.Draw(img)
        for p in shapes:
            d.polygon(p, fill=tuple(int(v) for v in metal))
        if hole:
            hr = hole * rng.uniform(0.3, 0.45)
            bgc = tuple(int(v) for v in np.asarray(img)[int(cy), int(min(s - 1, cx + hole * 1.3))])
            d.ellipse([cx - hr, cy - hr, cx + hr, cy + hr], fill=bgc)
        hx, hy = cx + rng.uniform(-0.3, 0.3) * s * 0.2, cy + rng.uniform(-0.3, 0.3) * s * 0.2
        hl = Image.new("L", (s, s), 0)
        ImageDraw.Draw(hl).ellipse([hx - s * 0.06, hy - s * 0.03, hx + s * 0.06, hy + s * 0.03], fill=70)
        hl = hl.filter(ImageFilter.GaussianBlur(s * 0.02))
        arr = np.asarray(img).astype(np.float64) + np.asarray(hl)[..., None]
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = img.resize((size, size), Image.LANCZOS)
    arr = np.asarray(img).astype(np.float64) + rng.normal(0, 3, size=(size, size, 3))
    return np.clip(arr, 0, 255).astype(np.uint8)


def bad_photo(rng: np.random.Generator, size: int, kind: str) -> np.ndarray:
    """One planted bad shot of ``kind`` (see :data:`BAD_KINDS`). Shape: returns (size, size, 3) uint8."""
    if kind == "black":
        arr = rng.uniform(3, 18) + rng.normal(0, 2, size=(size, size, 3))
    elif kind == "stripes":
        period = int(rng.integers(4, 10))
        idx = (np.arange(size) // period) % 3
        colours = np.array([[255, 0, 0], [0, 255, 0], [255, 0, 255]], dtype=np.float64)[rng.permutation(3)]
        arr = colours[idx][None, :, :].repeat(size, axis=0)
        if rng.random() < 0.5:
            arr = arr.transpose(1, 0, 2)
    elif kind == "white":
        arr = part_photo(rng, size).astype(np.float64) * 0.15 + 225
    elif kind == "blur":
        img = Image.fromarray(part_photo(rng, size)).filter(ImageFilter.GaussianBlur(size / 10))
        arr = np.asarray(img).astype(np.float64)
    elif kind == "empty":
        arr = part_photo(rng, size, with_part=False).astype(np.float64)
    else:
        raise ValueError(kind)
    return np.clip(arr, 0, 255).astype(np.uint8)


def labelled_parts(n: int, size: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` ordinary part photos, the four kinds in turn, and their kind (a label for frozen-feature evaluation).

    Shape: returns (n, size, size, 3) uint8, (n,) int64.
    """
    rng = np.random.default_rng([seed, 4])
    labels = np.arange(n, dtype=np.int64) % len(PART_KINDS)
    return np.stack([part_photo(rng, size, kind=int(k)) for k in labels]), labels


def make_arrays(
    n_good: int, bad_per_kind: int, size: int, seed: int = 0, kinds: tuple[str, ...] = BAD_KINDS
) -> tuple[np.ndarray, list[str]]:
    """A shuffled set of photos and their labels ("good" or the bad kind). Shape: (n, size, size, 3) uint8."""
    rng = np.random.default_rng(seed)
    labels = ["good"] * n_good + [k for k in kinds for _ in range(bad_per_kind)]
    order = rng.permutation(len(labels))
    labels = [labels[i] for i in order]
    arrs = np.stack([part_photo(rng, size) if lab == "good" else bad_photo(rng, size, lab) for lab in labels])
    return arrs, labels


def write_folder(
    root: Path, n_good: int, bad_per_kind: int, size: int, seed: int = 0, kinds: tuple[str, ...] = BAD_KINDS
) -> dict[str, str]:
    """Write PNGs under ``root``; bad shots are named ``bad_<kind>_*.png``. Returns relative path -> label."""
    arrs, labels = make_arrays(n_good, bad_per_kind, size, seed, kinds)
    root.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (a, lab) in enumerate(zip(arrs, labels, strict=True)):
        name = f"img_{i:05d}.png" if lab == "good" else f"bad_{lab}_{i:05d}.png"
        Image.fromarray(a).save(root / name)
        out[name] = lab
    return out
