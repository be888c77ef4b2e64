"""Tiny synthetic image folders for training tests: four easy classes (shape + colour), seeded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

CLASSES = ("disk", "square", "stripes", "cross")
COLOURS = ((220, 40, 40), (40, 200, 60), (50, 80, 230), (230, 220, 60))


def draw(kind: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """One image of class ``kind``. Shape: returns (size, size, 3) uint8."""
    bg = rng.integers(10, 60, 3)
    img = np.empty((size, size, 3), dtype=np.float32)
    img[:] = bg
    yy, xx = np.mgrid[0:size, 0:size]
    cy, cx = rng.uniform(0.35, 0.65, 2) * size
    r = rng.uniform(0.2, 0.32) * size
    if kind == 0:
        mask = (yy - cy) ** 2 + (xx - cx) ** 2 < r**2
    elif kind == 1:
        mask = (abs(yy - cy) < r * 0.85) & (abs(xx - cx) < r * 0.85)
    elif kind == 2:
        mask = (yy // max(2, size // 8)) % 2 == 0
    else:
        mask = (
            ((abs(yy - cy) < r * 0.3) | (abs(xx - cx) < r * 0.3)) & (abs(yy - cy) < r * 1.2) & (abs(xx - cx) < r * 1.2)
        )
    colour = np.asarray(COLOURS[kind], dtype=np.float32) * rng.uniform(0.8, 1.1)
    img[mask] = colour
    img += rng.normal(0, 8, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def make_folder(
    root: Path, n: int = 48, size: int = 32, seed: int = 0, labelled: bool = False, classes: int = 4
) -> Path:
    """Write ``n`` PNGs (balanced over ``classes``) into ``root`` (in class sub-folders when ``labelled``)."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        k = i % classes
        folder = root / CLASSES[k] if labelled else root
        folder.mkdir(exist_ok=True)
        Image.fromarray(draw(k, size, rng)).save(folder / f"img_{i:04d}.png")
    return root
