"""Normal surface photos and new photos with planted *local* defects, for ``bench_inspect.py``.

The photographs are the surface photos that ship inside scikit-image (brick, gravel, grass and a stained tissue
slide; read by path, never imported: ``planted_defects.skimage_data_dir``), cropped and varied like a hand-held camera
at a work station by ``planted_defects`` (position, scale, a quarter turn or flip, exposure, colour cast, softness,
sensor noise, JPEG 85-95). Local defects are planted into fresh crops of the same photographs; each also returns the
mask of the pixels it changed, so a benchmark can ask whether the heat map points there.

| kind           | what is done (on 320 × 240)                                                              |
|----------------|------------------------------------------------------------------------------------------|
| scratch        | a gently curved line 2-3 px wide and 50-110 px long, much lighter or darker than the surface |
| stain          | a soft-edged blob (radius 10-20 px) darkened and tinted brown or blue, 50-75 % opaque      |
| foreign_object | a small piece of another photograph (astronaut, coffee, cat, rocket, coins), 2-5 % of the frame |
| missing_piece  | an irregular hole (2-5 % of the frame) showing the plain table underneath, with a thin rim |
| occlusion      | ``planted_defects``' out-of-focus finger-like blob entering from an edge (20-35 %)         |

Bad shots (``planted_defects.plant``): ``dark``, ``defocus`` and ``motion``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import planted_defects as pd
from PIL import Image, ImageDraw, ImageFilter

LOCAL_KINDS = ("scratch", "stain", "foreign_object", "missing_piece", "occlusion")
BAD_SHOT_KINDS = ("dark", "defocus", "motion")


def _blend(img: np.ndarray, overlay: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    a = alpha[..., None]
    return (img * (1 - a) + overlay * a).astype(np.float32)


def _soft_mask(h: int, w: int, draw: Any, blur: float) -> np.ndarray:
    im = Image.new("L", (w, h), 0)
    draw(ImageDraw.Draw(im))
    if blur > 0:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(im, dtype=np.float32) / 255.0


def _scratch(img: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    h, w = img.shape[:2]
    length, angle = rng.uniform(50, 110), rng.uniform(0, math.pi)
    x0, y0 = rng.uniform(30, w - 30), rng.uniform(30, h - 30)
    bend = rng.uniform(-12, 12)
    pts = []
    for t in np.linspace(-0.5, 0.5, 12):
        x = x0 + t * length * math.cos(angle) - bend * (1 - 4 * t * t) * math.sin(angle)
        y = y0 + t * length * math.sin(angle) + bend * (1 - 4 * t * t) * math.cos(angle)
        pts.append((float(np.clip(x, 2, w - 3)), float(np.clip(y, 2, h - 3))))
    width = int(rng.integers(2, 4))
    alpha = _soft_mask(h, w, lambda d: d.line(pts, fill=255, width=width), 0.6)
    light = rng.random() < 0.6
    tone = np.full(3, rng.uniform(0.85, 0.97) if light else rng.uniform(0.03, 0.12), np.float32)
    return _blend(img, np.broadcast_to(tone, img.shape), alpha), alpha > 0.2


def _stain(img: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    h, w = img.shape[:2]
    r = rng.uniform(10, 20)
    cx, cy = rng.uniform(r + 10, w - r - 10), rng.uniform(r + 10, h - r - 10)
    angles = np.linspace(0, 2 * math.pi, 14, endpoint=False)
    radii = r * rng.uniform(0.7, 1.3, len(angles))
    poly = [(float(cx + q * math.cos(a)), float(cy + q * math.sin(a))) for a, q in zip(angles, radii, strict=True)]
    alpha = _soft_mask(h, w, lambda d: d.polygon(poly, fill=255), 2.5) * rng.uniform(0.5, 0.75)
    tint = np.array([0.55, 0.35, 0.15] if rng.random() < 0.6 else [0.15, 0.25, 0.5], np.float32)
    return _blend(img, img * 0.35 + tint * 0.4, alpha), alpha > 0.15


def _foreign_object(img: np.ndarray, data: Path, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    h, w = img.shape[:2]
    src = pd._load(data, pd.FOREIGN[int(rng.integers(len(pd.FOREIGN)))])
    area = rng.uniform(0.02, 0.05) * h * w
    ph = int(math.sqrt(area * rng.uniform(0.6, 1.4)))
    pw = int(area / max(ph, 1))
    sh, sw = src.shape[:2]
    cs = rng.uniform(0.2, 0.4)
    cw, ch = int(sw * cs), min(int(sw * cs * ph / pw), sh)
    x0, y0 = int(rng.integers(0, sw - cw + 1)), int(rng.integers(0, sh - ch + 1))
    patch = pd._arr(pd._pil(src[y0 : y0 + ch, x0 : x0 + cw]).resize((pw, ph), Image.Resampling.BICUBIC))
    x, y = int(rng.integers(8, w - pw - 8)), int(rng.integers(8, h - ph - 8))
    out, mask = img.copy(), np.zeros((h, w), bool)
    out[y : y + ph, x : x + pw], mask[y : y + ph, x : x + pw] = patch, True
    return out, mask


def _missing_piece(img: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    h, w = img.shape[:2]
    r = math.sqrt(rng.uniform(0.02, 0.05) * h * w / math.pi)
    cx, cy = rng.uniform(r + 8, w - r - 8), rng.uniform(r + 8, h - r - 8)
    angles = np.sort(rng.uniform(0, 2 * math.pi, 9))
    poly = [
        (float(cx + r * q * math.cos(a)), float(cy + r * q * math.sin(a)))
        for a, q in zip(angles, rng.uniform(0.6, 1.4, len(angles)), strict=True)
    ]
    hole = _soft_mask(h, w, lambda d: d.polygon(poly, fill=255), 0.8)
    rim = np.clip(_soft_mask(h, w, lambda d: d.line([*poly, poly[0]], fill=255, width=3), 1.0) - 0.3 * hole, 0, 1)
    table = pd._smooth_background(h, w, rng)
    out = _blend(img, table, hole)
    out = _blend(out, out * 0.45, rim * 0.8)  # the broken edge casts a thin shadow
    return out, (hole > 0.2) | (rim > 0.3)


def _occlusion(img: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    out = pd._occlusion(img, rng).astype(np.float32)
    return out, np.abs(out - img).max(axis=2) > 0.05


def plant_local(img: np.ndarray, kind: str, data: Path, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A local defect planted into a normal shot: (photo, mask of the changed pixels).

    Shape: img (240, 320, 3) float32 in [0, 1] -> ((240, 320, 3) float32, (240, 320) bool).
    """
    if kind == "scratch":
        return _scratch(img, rng)
    if kind == "stain":
        return _stain(img, rng)
    if kind == "foreign_object":
        return _foreign_object(img, data, rng)
    if kind == "missing_piece":
        return _missing_piece(img, rng)
    if kind == "occlusion":
        return _occlusion(img, rng)
    raise ValueError(f"unknown kind {kind!r}")


def _save(img: np.ndarray, path: Path, rng: np.random.Generator) -> None:
    pd._pil(np.asarray(img, dtype=np.float32)).save(path, "JPEG", quality=int(rng.integers(85, 96)))


def write_folders(
    out: Path, data: Path, n_normal: int, n_held_out: int, per_kind: int, per_bad: int, seed: int
) -> dict[str, Any]:
    """Write ``out/normal`` (the training folder) and ``out/new`` (held-out normals, local defects, bad shots).

    Returns the manifest (also ``out/manifest.json``): {"normal": [...], "new": {name: {"kind", "box"}}} where
    ``kind`` is "normal", a local kind or a bad-shot kind and ``box`` the defect mask's bounding box as fractions
    (x0, y0, x1, y1) of the frame (None for normals and bad shots). File names do not reveal the kind.
    """
    out = Path(out)
    rng = np.random.default_rng(seed)
    sources = {name: pd._load(data, name) for name in pd.SURFACES}
    (out / "normal").mkdir(parents=True, exist_ok=True)
    (out / "new").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "seed": seed,
        "source": "scikit-image bundled data: " + ", ".join(pd.SURFACES),
        "normal": [],
        "new": {},
    }
    for i in range(n_normal):
        surface = pd.SURFACES[int(rng.integers(len(pd.SURFACES)))]
        name = f"IMG_{i:04d}.jpg"
        _save(pd._camera(pd._crop(sources[surface], rng), rng), out / "normal" / name, rng)
        manifest["normal"].append(name)
    labels = (
        ["normal"] * n_held_out
        + [k for k in LOCAL_KINDS for _ in range(per_kind)]
        + [k for k in BAD_SHOT_KINDS for _ in range(per_bad)]
    )
    for i, j in enumerate(rng.permutation(len(labels))):
        kind = labels[int(j)]
        surface = pd.SURFACES[int(rng.integers(len(pd.SURFACES)))]
        img = pd._camera(pd._crop(sources[surface], rng), rng)
        box = None
        if kind in LOCAL_KINDS:
            img, mask = plant_local(img, kind, data, rng)
            ys, xs = np.nonzero(mask)
            h, w = mask.shape
            box = [float(xs.min()) / w, float(ys.min()) / h, float(xs.max() + 1) / w, float(ys.max() + 1) / h]
        elif kind in BAD_SHOT_KINDS:
            img = pd.plant(img, kind, data, rng)
        name = f"NEW_{i:04d}.jpg"
        _save(img, out / "new" / name, rng)
        manifest["new"][name] = {"kind": kind, "box": box}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest
