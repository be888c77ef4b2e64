"""Small photo folders for the Inspect tests: striped "normal" surfaces drawn from a seed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def surface(rng: np.random.Generator, h: int = 48, w: int = 64) -> np.ndarray:
    """A normal photo: diagonal stripes with a random phase, slight brightness change and noise. Shape (h, w, 3)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0.6, 0.9)
    stripes = 0.5 + 0.25 * np.sin((xx * np.cos(angle) + yy * np.sin(angle)) / 2.5 + rng.uniform(0, 6.3))
    img = np.stack([stripes * 0.9, stripes * 0.8, stripes * 0.6], axis=-1) * rng.uniform(0.9, 1.1)
    img += rng.normal(0, 0.02, img.shape)
    return np.clip(img * 255, 0, 255).astype(np.uint8)


def write_photos(folder: Path, images: list[np.ndarray], prefix: str = "img") -> list[str]:
    """Save PNGs ``<prefix>_<i>.png``; returns their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, img in enumerate(images):
        name = f"{prefix}_{i:04d}.png"
        Image.fromarray(img).save(folder / name)
        names.append(name)
    return names


def normal_folder(folder: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` normal photos in ``folder``."""
    rng = np.random.default_rng(seed)
    return write_photos(folder, [surface(rng) for _ in range(n)])
