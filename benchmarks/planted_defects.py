"""A folder of real surface photographs with planted bad shots, for ``bench_bad_shots.py``.

Source photographs: the images that ship inside the ``scikit-image`` package (``skimage/data/*.png``; no
download), read with Pillow from the package's data folder, so neither the app nor this module imports
scikit-image. Normal photos are crops of four surface photographs (``brick``, ``gravel``, ``grass`` and the
``ihc`` stained-tissue slide) with the ordinary variation of a hand-held camera at a work station: position,
scale, a quarter turn or a flip, exposure ±25 %, a slight colour cast, a touch of softness, sensor noise and
JPEG quality 85-95.

Nine kinds of bad shot are planted into fresh crops of the same photographs:

| kind            | what is done                                                                          |
|-----------------|---------------------------------------------------------------------------------------|
| dark            | exposure × 0.08-0.2 in linear light                                                   |
| overexposed     | exposure × 3-6 in linear light, clipped                                               |
| defocus         | Gaussian blur, σ = 2.5-4 px (on 320 × 240)                                            |
| motion          | straight motion blur, 12-20 px at a random angle                                      |
| noise           | sensor noise, σ = 0.06-0.10 (per pixel and channel, on a 0-1 scale)                   |
| fog             | contrast squeezed to 25-40 % towards a light grey (haze, a fogged lens)               |
| half_out        | the sample shifted 40-60 % out of the frame; the table shows (smooth, plain)          |
| foreign_object  | a piece of another photograph (astronaut, coffee, cat, rocket, coins) on the surface  |
| occlusion       | an out-of-focus finger-like blob entering from an edge, covering 20-35 %              |

Deterministic for a seed. ``manifest.json`` (next to the ``photos`` folder) lists the normal photos and, per kind, the planted ones.
"""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

SURFACES = ("brick", "gravel", "grass", "ihc")
FOREIGN = ("astronaut", "coffee", "chelsea", "rocket", "coins")
KINDS = ("dark", "overexposed", "defocus", "motion", "noise", "fog", "half_out", "foreign_object", "occlusion")
WIDTH, HEIGHT = 320, 240
#: The finding codes that name each kind correctly (the app's reason codes).
EXPECTED_REASONS = {
    "dark": ("dark",),
    "overexposed": ("overexposed",),
    "defocus": ("blurry",),
    "motion": ("blurry",),
    "noise": ("noisy",),
    "fog": ("low_contrast",),
    "half_out": ("cut_off",),
    "foreign_object": ("unusual",),
    "occlusion": ("cut_off", "unusual"),
}


def skimage_data_dir(python: str | None = None) -> Path:
    """The ``skimage/data`` folder of an installed scikit-image, found without importing it.

    Args:
        python: the interpreter whose site-packages hold scikit-image (default: this one).
    """
    code = (
        "import importlib.util,sys; s=importlib.util.find_spec('skimage'); "
        "sys.stdout.write(list(s.submodule_search_locations)[0] if s else '')"
    )
    if python is None:
        import importlib.util

        spec = importlib.util.find_spec("skimage")
        found = list(spec.submodule_search_locations)[0] if spec and spec.submodule_search_locations else ""
    else:
        found = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    if not found or not (Path(found) / "data" / "brick.png").exists():
        raise SystemExit("scikit-image is not installed (pip install scikit-image into the benchmark's venv)")
    return Path(found) / "data"


def _load(data: Path, name: str) -> np.ndarray:
    """A bundled photograph as float32 RGB in [0, 1]. Shape: (H, W, 3)."""
    file = next(data.glob(f"{name}.*"))  # .png, or .jpg for rocket
    im = Image.open(file).convert("RGB")
    return np.asarray(im, dtype=np.float32) / 255.0


def _to_linear(a: np.ndarray) -> np.ndarray:
    return np.where(a <= 0.04045, a / 12.92, ((a + 0.055) / 1.055) ** 2.4)


def _to_srgb(a: np.ndarray) -> np.ndarray:
    a = np.clip(a, 0.0, 1.0)
    return np.where(a <= 0.0031308, a * 12.92, 1.055 * a ** (1 / 2.4) - 0.055)


def _expose(img: np.ndarray, factor: float) -> np.ndarray:
    return _to_srgb(_to_linear(img) * factor).astype(np.float32)


def _pil(img: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8))


def _arr(im: Image.Image) -> np.ndarray:
    return np.asarray(im, dtype=np.float32) / 255.0


def _crop(src: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A random 4:3 crop (45-70 % of the short side), a quarter turn or flip, resized to 320 × 240."""
    h, w = src.shape[:2]
    side = rng.uniform(0.45, 0.7) * min(h, w)
    cw, ch = side, side * HEIGHT / WIDTH
    x, y = rng.uniform(0, w - cw), rng.uniform(0, h - ch)
    im = _pil(src).transform((WIDTH, HEIGHT), Image.Transform.EXTENT, (x, y, x + cw, y + ch), Image.Resampling.BICUBIC)
    if rng.random() < 0.5:
        im = im.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if rng.random() < 0.5:
        im = im.transpose(Image.Transpose.ROTATE_180)
    return _arr(im)


def _camera(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Ordinary shot-to-shot variation: exposure, colour cast, softness, sensor noise."""
    img = _expose(img, rng.uniform(0.8, 1.25))
    img = img * (1.0 + rng.normal(0, 0.03, 3)).astype(np.float32)
    sigma = rng.uniform(0.0, 0.7)
    if sigma > 0.2:
        img = _arr(_pil(img).filter(ImageFilter.GaussianBlur(sigma)))
    return img + rng.normal(0, rng.uniform(0.003, 0.012), img.shape).astype(np.float32)


def _motion_blur(img: np.ndarray, length: int, angle: float) -> np.ndarray:
    dx, dy = math.cos(angle), math.sin(angle)
    pad = length + 1
    p = np.pad(img, ((pad, pad), (pad, pad), (0, 0)), mode="reflect")
    h, w = img.shape[:2]
    acc = np.zeros_like(img)
    for i in range(length):
        t = i - (length - 1) / 2
        ox, oy = int(round(t * dx)), int(round(t * dy))
        acc += p[pad + oy : pad + oy + h, pad + ox : pad + ox + w]
    return acc / length


def _smooth_background(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    grey = rng.uniform(0.2, 0.5)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    ramp = 0.08 * ((x / w - 0.5) * math.cos(a) + (y / h - 0.5) * math.sin(a))
    tint = np.array([1.0, 0.98, 0.95], np.float32) * rng.uniform(0.95, 1.05, 3).astype(np.float32)
    return ((grey + ramp)[..., None] * tint).astype(np.float32)


def _half_out(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    h, w = img.shape[:2]
    out = _smooth_background(h, w, rng)
    frac = rng.uniform(0.4, 0.6)
    edge = int(rng.integers(4))
    if edge in (0, 1):
        d = int(frac * w)
        if edge == 0:  # the sample slid out to the left: the right part shows the table
            out[:, : w - d] = img[:, d:]
        else:
            out[:, d:] = img[:, : w - d]
    else:
        d = int(frac * h)
        if edge == 2:
            out[: h - d] = img[d:]
        else:
            out[d:] = img[: h - d]
    return out


def _foreign_object(img: np.ndarray, data: Path, rng: np.random.Generator) -> np.ndarray:
    h, w = img.shape[:2]
    src = _load(data, FOREIGN[int(rng.integers(len(FOREIGN)))])
    area = rng.uniform(0.10, 0.20) * h * w
    ph = int(math.sqrt(area * rng.uniform(0.6, 1.4)))
    pw = int(area / max(ph, 1))
    ph, pw = min(ph, h - 8), min(pw, w - 8)
    sh, sw = src.shape[:2]
    cs = rng.uniform(0.3, 0.6)
    cw, ch = int(sw * cs), int(sw * cs * ph / pw)
    ch = min(ch, sh)
    x0, y0 = int(rng.integers(0, sw - cw + 1)), int(rng.integers(0, sh - ch + 1))
    patch = _arr(_pil(src[y0 : y0 + ch, x0 : x0 + cw]).resize((pw, ph), Image.Resampling.BICUBIC))
    x, y = int(rng.integers(4, w - pw - 3)), int(rng.integers(4, h - ph - 3))
    out = img.copy()
    out[y : y + ph, x : x + pw] = patch
    return out


def _occlusion(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    h, w = img.shape[:2]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = int(rng.integers(4))
    cx, cy = [
        (0.0, rng.uniform(0.2, 0.8) * h),
        (w, rng.uniform(0.2, 0.8) * h),
        (rng.uniform(0.2, 0.8) * w, 0.0),
        (rng.uniform(0.2, 0.8) * w, h),
    ][edge]
    ax, ay = rng.uniform(0.25, 0.4) * w, rng.uniform(0.3, 0.5) * h
    r = ((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2
    mask = np.clip((1.2 - r) / 0.4, 0.0, 1.0)  # soft, out-of-focus rim
    colour = (
        np.array([0.78, 0.58, 0.47], np.float32)
        if rng.random() < 0.6
        else np.full(3, rng.uniform(0.08, 0.2), np.float32)
    )
    shade = (0.85 + 0.15 * np.clip(1.0 - r, 0.0, 1.0))[..., None]
    blob = colour * shade
    return img * (1 - mask[..., None]) + blob * mask[..., None]


def plant(img: np.ndarray, kind: str, data: Path, rng: np.random.Generator) -> np.ndarray:
    """Turn a normal shot (after :func:`_camera`) into a bad one. Shape: (240, 320, 3) -> same."""
    if kind == "dark":
        return _expose(np.clip(img, 0, 1), rng.uniform(0.08, 0.2)) + rng.normal(0, 0.004, img.shape)
    if kind == "overexposed":
        return _expose(np.clip(img, 0, 1), rng.uniform(3.0, 6.0))
    if kind == "defocus":
        return _arr(_pil(img).filter(ImageFilter.GaussianBlur(rng.uniform(2.5, 4.0))))
    if kind == "motion":
        return _motion_blur(img, int(rng.integers(12, 21)), rng.uniform(0, math.pi))
    if kind == "noise":
        return img + rng.normal(0, rng.uniform(0.06, 0.10), img.shape).astype(np.float32)
    if kind == "fog":
        a = rng.uniform(0.25, 0.4)
        return a * img + (1 - a) * rng.uniform(0.7, 0.85)
    if kind == "half_out":
        return _half_out(img, rng) + rng.normal(0, 0.006, img.shape).astype(np.float32)
    if kind == "foreign_object":
        return _foreign_object(img, data, rng)
    if kind == "occlusion":
        return _occlusion(img, rng)
    raise ValueError(f"unknown kind {kind!r}")


def write_planted_folder(
    out: Path, data: Path, n_normal: int = 300, per_kind: int = 5, seed: int = 0
) -> dict[str, Any]:
    """Write ``n_normal`` normal photos and ``per_kind`` of each bad kind as JPEGs into ``out/photos``.

    Returns:
        The manifest ({"normal": [...], "planted": {kind: [...]}, "seed": ..., "source": ...}); also written
        to ``out/manifest.json`` (outside the photo folder). File names do not reveal the kind.
    """
    out = Path(out)
    photos = out / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sources = {name: _load(data, name) for name in SURFACES}
    labels = ["normal"] * n_normal + [k for k in KINDS for _ in range(per_kind)]
    order = rng.permutation(len(labels))
    manifest: dict[str, Any] = {
        "seed": seed,
        "source": "scikit-image bundled data: " + ", ".join(SURFACES),
        "normal": [],
        "planted": {k: [] for k in KINDS},
    }
    for i, j in enumerate(order):
        label = labels[int(j)]
        surface = SURFACES[int(rng.integers(len(SURFACES)))]
        img = _camera(_crop(sources[surface], rng), rng)
        if label != "normal":
            img = plant(img, label, data, rng)
        name = f"IMG_{i:04d}.jpg"
        _pil(np.asarray(img, dtype=np.float32)).save(photos / name, "JPEG", quality=int(rng.integers(85, 96)))
        (manifest["normal"] if label == "normal" else manifest["planted"][label]).append(name)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest
