"""Cheap pixel measurements of one photo, taken while it is decoded (the raw material of the findings).

Every photo gets a few numbers computed on a small copy of the whole picture (the decoder's reduced JPEG draft,
reduced further to a shorter side of :data:`CHECK_SIDE` to twice that, never enlarged; no centre crop, so an
empty edge stays visible). Each number is chosen so that the ordinary differences between photos of one folder move it little and
one kind of bad shot moves it a lot; :mod:`badbatch_gui.core.scoring.findings` judges them against the folder's own
typical values. Grey values are the luma of the picture; colour enters the noise level and the cell summaries.

| index | name        | what it measures (grey values in [0, 1])                                               |
|-------|-------------|-----------------------------------------------------------------------------------------|
| 0     | brightness  | mean grey value                                                                         |
| 1     | shadows     | fraction of pixels at or below 0.03 (crushed blacks)                                    |
| 2     | highlights  | fraction of pixels at or above 0.97 (clipped whites)                                    |
| 3     | contrast    | (p95 − p5) / (mean + 0.05): a uniform dimming changes it little, haze or fog lowers it  |
| 4     | blur        | Crete et al.'s no-reference blur (2007): how little a 9-pixel box blur changes the      |
|       |             | neighbour differences, worst of x, y and the two diagonals (0 sharp … 1 featureless);   |
|       |             | content and exposure largely cancel, and a motion blur in any direction counts          |
| 5     | noise       | sensor-noise level: the colour speckle (Immerkær's 1996 estimate, √(π/2)·mean|g∗M|/6   |
|       |             | with his 3×3 mask M, on the red − green difference, where surface texture is weak)     |
|       |             | combined with the grey white noise whose texture is cancelled by comparing full and    |
|       |             | half resolution (2×2 averaging halves noise but not texture): σ̂² = 4/3 (e₁² − e₂²)     |
| 6     | empty_edge  | an edge with (almost) no detail: max over the four sides of                             |
|       |             | 1 − (detail energy in the outer third / all detail energy) × 3 (a sample slid out of    |
|       |             | the frame, a finger over the lens)                                                      |
| 7     | off_centre  | how far the strongest detail (squared gradient) sits from the centre: offset of its     |
|       |             | centroid, 0 (centred) … 0.5 (on an edge); a part cut by the frame moves it              |

After these :data:`N_STATS` numbers come :data:`N_CELLS` cell summaries (an 8 × 8 grid over the picture, each
cell: mean grey, two mean colour differences, log grey spread, log detail), from which
:mod:`badbatch_gui.core.scoring.local_oddness` finds a patch unlike anything in similar photos (a foreign object).

Numbers are float32; the vector costs a few milliseconds at 256 px (see ``benchmarks/bench_bad_shots.py``).
"""

from __future__ import annotations

from typing import cast

import numpy as np
from PIL import Image

#: The copy the measurements are taken on has a shorter side between this and twice this (pixels; smaller
#: pictures are used as they are): a camera picture's 1/8 JPEG draft (256 px for 2048) is halved to 128.
CHECK_SIDE = 128
STAT_NAMES = ("brightness", "shadows", "highlights", "contrast", "blur", "noise", "empty_edge", "off_centre")
N_STATS = len(STAT_NAMES)
GRID = 8
CELL_NAMES = ("grey", "red_green", "yellow_blue", "log_spread", "log_detail")
N_CELLS = GRID * GRID
#: Length of one photo's measurement vector: the statistics, then the cells row by row.
VECTOR_LEN = N_STATS + N_CELLS * len(CELL_NAMES)
#: Measurements of a picture that could not be measured (too small): the findings treat them as typical.
MISSING = np.full(VECTOR_LEN, np.nan, dtype=np.float32)
_EPS = 1e-6


def check_image(im: Image.Image) -> np.ndarray:
    """The copy the measurements use: ``im`` reduced by a whole factor (a box filter, cheap) until its shorter
    side is below twice :data:`CHECK_SIDE` (so 128-255 px for large pictures; smaller ones are used as they are).

    Args:
        im: an 8-bit RGB picture (EXIF orientation already applied), usually the decoder's JPEG draft.

    Returns:
        float32 RGB values in [0, 1]. Shape: (H, W, 3).
    """
    factor = min(im.size) // CHECK_SIDE
    if factor >= 2:
        im = im.reduce(factor)
    return np.asarray(im.convert("RGB"), dtype=np.float32) * np.float32(1.0 / 255.0)


def _half(g: np.ndarray) -> np.ndarray:
    """2×2 mean pooling. Shape: (H, W) -> (H // 2, W // 2)."""
    h, w = (g.shape[0] // 2) * 2, (g.shape[1] // 2) * 2
    g = g[:h, :w]
    return cast(np.ndarray, 0.25 * (g[0::2, 0::2] + g[1::2, 0::2] + g[0::2, 1::2] + g[1::2, 1::2]))


def _blur(g: np.ndarray, n: int = 9) -> float:
    """Crete et al. 2007, along x, y and both diagonals (a motion blur leaves edges across its own direction):
    the largest 1 − (what a box blur removes from the neighbour differences) / (the differences), over the
    picture's interior (``n // 2`` pixels from the edge, so the box never leaves the picture).
    """
    p = n // 2
    h, w = g.shape
    core = g[p : h - p, p : w - p]
    worst = 0.0
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        box = np.zeros_like(core)
        for t in range(-p, p + 1):  # the mean of n pixels along the direction, centred on each interior pixel
            box += g[p + t * dy : h - p + t * dy, p + t * dx : w - p + t * dx]
        box *= 1.0 / n
        if dx >= 0:
            d = np.abs(core[dy:, dx:] - core[: core.shape[0] - dy, : core.shape[1] - dx])
            db = np.abs(box[dy:, dx:] - box[: box.shape[0] - dy, : box.shape[1] - dx])
        else:
            d = np.abs(core[1:, :-1] - core[:-1, 1:])
            db = np.abs(box[1:, :-1] - box[:-1, 1:])
        total = float(d.sum())
        if total <= _EPS * d.size:
            return 1.0
        worst = max(worst, float(np.minimum(d, db).sum()) / total)  # = (total − Σ max(0, d − db)) / total
    return worst


def _immerkaer(g: np.ndarray) -> float:
    """Immerkær's noise estimate (1996): σ = √(π/2) · mean|g * M| / 6 with M = [[1,-2,1],[-2,4,-2],[1,-2,1]]
    (the outer product of [1, -2, 1] with itself, so it is applied as two second differences).
    """
    dx = g[:, :-2] - 2 * g[:, 1:-1] + g[:, 2:]
    r = dx[:-2] - 2 * dx[1:-1] + dx[2:]
    return float(np.abs(r).mean() * (np.sqrt(np.pi / 2.0) / 6.0))


def _noise(g: np.ndarray, half: np.ndarray, red_green: np.ndarray) -> float:
    """Sensor-noise level: colour speckle and texture-cancelled grey noise (module docstring)."""
    fine, coarse = _immerkaer(g), _immerkaer(half)
    grey = np.sqrt(max(0.0, (4.0 / 3.0) * (fine * fine - coarse * coarse)))
    return float(np.sqrt(grey * grey + 2.0 * _immerkaer(red_green) ** 2))


def _cells(g: np.ndarray, red_green: np.ndarray, yellow_blue: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Per-cell summaries over a GRID × GRID grid (see :data:`CELL_NAMES`). Shape: returns (N_CELLS * 5,)."""

    def means(a: np.ndarray) -> np.ndarray:
        h, w = (a.shape[0] // GRID) * GRID, (a.shape[1] // GRID) * GRID
        return cast(np.ndarray, a[:h, :w].reshape(GRID, h // GRID, GRID, w // GRID).mean(axis=(1, 3)))

    grey = means(g)
    spread = np.sqrt(np.maximum(means(g * g) - grey * grey, 0.0))
    out = np.stack(
        [grey, means(red_green), means(yellow_blue), np.log(spread + 0.01), np.log(means(e) + 0.005)], axis=-1
    )
    return out.reshape(-1)


def _detail(half: np.ndarray) -> np.ndarray:
    """Gradient magnitude (L1) of the half-size copy. Shape: (h, w) -> (h - 1, w - 1)."""
    return np.abs(np.diff(half, axis=1))[:-1, :] + np.abs(np.diff(half, axis=0))[:, :-1]


def _empty_edge(e: np.ndarray) -> float:
    """Max over the four sides of 1 − 3·(detail energy in the outer third on that side) / (all detail energy):
    0 for detail spread evenly, 1 for an outer third without any; 0 when the picture is featureless.
    """
    total = float(e.sum())
    if total <= _EPS * e.size:
        return 0.0
    h, w = e.shape
    bh, bw = max(1, h // 3), max(1, w // 3)
    bands = (e[:, :bw].sum() * w / bw, e[:, w - bw :].sum() * w / bw, e[:bh].sum() * h / bh, e[h - bh :].sum() * h / bh)
    return float(max(0.0, max(1.0 - float(x) / total for x in bands)))


def _off_centre(e: np.ndarray) -> float:
    """Offset of the centroid of the squared detail from the centre, in picture widths/heights (0 … 0.5)."""
    e2 = e.astype(np.float64) ** 2
    total = float(e2.sum())
    if total <= _EPS * _EPS * e.size:
        return 0.0
    h, w = e.shape
    cy = float(e2.sum(axis=1) @ np.arange(h)) / total / max(h - 1, 1) - 0.5
    cx = float(e2.sum(axis=0) @ np.arange(w)) / total / max(w - 1, 1) - 0.5
    return float(max(abs(cx), abs(cy)))  # h, w come from an untyped shape


def measure(rgb: np.ndarray) -> np.ndarray:
    """The measurements of one photo (see the module docstring for their meaning).

    Args:
        rgb: RGB values in [0, 1] (see :func:`check_image`). Shape: (H, W, 3).

    Returns:
        float32 vector. Shape: (:data:`VECTOR_LEN`,). :data:`MISSING` (NaN) when the picture is under 16 px.
    """
    a = np.asarray(rgb, dtype=np.float32)
    if a.ndim != 3 or min(a.shape[:2]) < 2 * GRID:
        return MISSING.copy()
    g = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    red_green = a[..., 0] - a[..., 1]
    small = np.stack([_half(a[..., c]) for c in range(3)], axis=-1)  # what needs no fine detail: half size
    half = 0.299 * small[..., 0] + 0.587 * small[..., 1] + 0.114 * small[..., 2]
    p5, p95 = np.percentile(half, (5.0, 95.0))
    mean = float(half.mean())
    e = _detail(half)
    stats = np.array(
        [
            mean,
            float(np.mean(half <= 0.03)),
            float(np.mean(half >= 0.97)),
            float((p95 - p5) / (mean + 0.05)),
            _blur(g),
            _noise(g, half, red_green),
            _empty_edge(e),
            _off_centre(e),
        ],
        dtype=np.float32,
    )
    cells = _cells(
        half[:-1, :-1],
        small[:-1, :-1, 0] - small[:-1, :-1, 1],
        0.5 * (small[:-1, :-1, 0] + small[:-1, :-1, 1]) - small[:-1, :-1, 2],
        e,
    )
    return np.concatenate([stats, cells.astype(np.float32)])


def measure_image(im: Image.Image) -> np.ndarray:
    """:func:`measure` of :func:`check_image` (``im``: 8-bit RGB). Shape: returns (:data:`VECTOR_LEN`,)."""
    return measure(check_image(im))
