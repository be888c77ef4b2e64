"""Cheap pixel measurements of one photo, taken while it is decoded (the raw material of the findings).

Every photo gets a few numbers computed on a small copy of the whole picture (the decoder's reduced JPEG draft,
shorter side at most :data:`CHECK_SIDE` pixels, never enlarged; no centre crop, so an empty edge stays
visible). Each number is chosen so that the ordinary differences between photos of one folder move it little and
one kind of bad shot moves it a lot; :mod:`badbatch_gui.core.findings` judges them against the folder's own
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
| 5     | noise       | sensor-noise level: the colour speckle (Immerkær's 3×3 mask, whose response to white   |
|       |             | noise σ has std 6σ, robust median, on the two colour-difference channels, where surface |
|       |             | texture is weak) combined with the grey white noise whose texture is cancelled by       |
|       |             | comparing full and half resolution (2×2 averaging halves noise but not texture):       |
|       |             | σ̂² = 4/3 (e₁² − e₂²)                                                                     |
| 6     | empty_edge  | an edge with (almost) no detail: max over the four sides of                             |
|       |             | 1 − (detail energy in the outer third / all detail energy) × 3 (a sample slid out of    |
|       |             | the frame, a finger over the lens)                                                      |
| 7     | off_centre  | how far the strongest detail (squared gradient) sits from the centre: offset of its     |
|       |             | centroid, 0 (centred) … 0.5 (on an edge); a part cut by the frame moves it              |

After these :data:`N_STATS` numbers come :data:`N_CELLS` cell summaries (an 8 × 8 grid over the picture, each
cell: mean grey, two mean colour differences, log grey spread, log detail), from which
:mod:`badbatch_gui.core.local_oddness` finds a patch unlike anything in similar photos (a foreign object).

Numbers are float32; the vector costs a few milliseconds at 256 px (see ``benchmarks/bench_bad_shots.py``).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

#: Shorter side of the copy the measurements are taken on (pixels; smaller pictures are used as they are).
CHECK_SIDE = 256
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
    """The copy the measurements use: ``im`` with its shorter side reduced to at most :data:`CHECK_SIDE`.

    Args:
        im: an 8-bit RGB picture (EXIF orientation already applied).

    Returns:
        float32 RGB values in [0, 1]. Shape: (H, W, 3).
    """
    w, h = im.size
    scale = CHECK_SIDE / min(w, h)
    if scale < 1.0:
        im = im.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.BILINEAR,
                       reducing_gap=2.0)
    return np.asarray(im.convert("RGB"), dtype=np.float32) * np.float32(1.0 / 255.0)


def _half(g: np.ndarray) -> np.ndarray:
    """2×2 mean pooling. Shape: (H, W) -> (H // 2, W // 2)."""
    h, w = (g.shape[0] // 2) * 2, (g.shape[1] // 2) * 2
    g = g[:h, :w]
    return 0.25 * (g[0::2, 0::2] + g[1::2, 0::2] + g[0::2, 1::2] + g[1::2, 1::2])


def _box(g: np.ndarray, n: int, axis: int) -> np.ndarray:
    """Running mean of ``n`` pixels along ``axis`` (edges repeated). Shape: (H, W) -> (H, W)."""
    pad = [(n // 2, n - n // 2), (0, 0)] if axis == 0 else [(0, 0), (n // 2, n - n // 2)]
    c = np.cumsum(np.pad(g, pad, mode="edge"), axis=axis, dtype=np.float32)
    return ((c[n:] - c[:-n]) if axis == 0 else (c[:, n:] - c[:, :-n])) / n


def _diagonal_box(g: np.ndarray, n: int, step: int) -> np.ndarray:
    """Mean of ``n`` pixels along a diagonal (``step`` = +1: down-right, −1: down-left; edges reflected)."""
    h, w = g.shape
    p = n // 2
    pad = np.pad(g, p, mode="reflect")
    acc = np.zeros_like(g)
    for t in range(-p, n - p):
        acc += pad[p + t:p + t + h, p + step * t:p + step * t + w]
    return acc / n


def _blur(g: np.ndarray, n: int = 9) -> float:
    """Crete et al. 2007, along x, y and both diagonals (a motion blur leaves edges across its own direction):
    the largest 1 − (what a box blur removes from the neighbour differences) / (the differences)."""
    worst = 0.0
    for direction in ("x", "y", "down_right", "down_left"):
        if direction in ("x", "y"):
            axis = 1 if direction == "x" else 0
            d = np.abs(np.diff(g, axis=axis))
            db = np.abs(np.diff(_box(g, n, axis), axis=axis))
        else:
            b = _diagonal_box(g, n, 1 if direction == "down_right" else -1)
            if direction == "down_right":
                d, db = np.abs(g[1:, 1:] - g[:-1, :-1]), np.abs(b[1:, 1:] - b[:-1, :-1])
            else:
                d, db = np.abs(g[1:, :-1] - g[:-1, 1:]), np.abs(b[1:, :-1] - b[:-1, 1:])
        total = float(d.sum())
        if total <= _EPS * d.size:
            return 1.0
        worst = max(worst, (total - float(np.maximum(0.0, d - db).sum())) / total)
    return worst


def _immerkaer(g: np.ndarray) -> float:
    """Immerkær's mask [[1,-2,1],[-2,4,-2],[1,-2,1]] (response to white noise σ: std 6σ), robust median.

    The mask is the outer product of [1, -2, 1] with itself, so it is applied as two second differences.
    """
    dx = g[:, :-2] - 2 * g[:, 1:-1] + g[:, 2:]
    r = dx[:-2] - 2 * dx[1:-1] + dx[2:]
    return float(np.median(np.abs(r)) / (0.6745 * 6.0))


def _noise(g: np.ndarray, half: np.ndarray, red_green: np.ndarray, yellow_blue: np.ndarray) -> float:
    """Sensor-noise level: colour speckle and texture-cancelled grey noise (module docstring)."""
    fine, coarse = _immerkaer(g), _immerkaer(half)
    grey = np.sqrt(max(0.0, (4.0 / 3.0) * (fine * fine - coarse * coarse)))
    return float(np.sqrt(grey * grey + _immerkaer(red_green) ** 2 + _immerkaer(yellow_blue) ** 2))


def _cells(g: np.ndarray, red_green: np.ndarray, yellow_blue: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Per-cell summaries over a GRID × GRID grid (see :data:`CELL_NAMES`). Shape: returns (N_CELLS * 5,)."""
    def means(a: np.ndarray) -> np.ndarray:
        h, w = (a.shape[0] // GRID) * GRID, (a.shape[1] // GRID) * GRID
        return a[:h, :w].reshape(GRID, h // GRID, GRID, w // GRID).mean(axis=(1, 3))

    grey = means(g)
    spread = np.sqrt(np.maximum(means(g * g) - grey * grey, 0.0))
    out = np.stack([grey, means(red_green), means(yellow_blue), np.log(spread + 0.01), np.log(means(e) + 0.005)],
                   axis=-1)
    return out.reshape(-1)


def _detail(half: np.ndarray) -> np.ndarray:
    """Gradient magnitude (L1) of the half-size copy. Shape: (h, w) -> (h - 1, w - 1)."""
    return np.abs(np.diff(half, axis=1))[:-1, :] + np.abs(np.diff(half, axis=0))[:, :-1]


def _empty_edge(e: np.ndarray) -> float:
    """Max over the four sides of 1 − 3·(detail energy in the outer third on that side) / (all detail energy):
    0 for detail spread evenly, 1 for an outer third without any; 0 when the picture is featureless."""
    total = float(e.sum())
    if total <= _EPS * e.size:
        return 0.0
    h, w = e.shape
    bh, bw = max(1, h // 3), max(1, w // 3)
    bands = (e[:, :bw].sum() * w / bw, e[:, w - bw:].sum() * w / bw, e[:bh].sum() * h / bh, e[h - bh:].sum() * h / bh)
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
    return max(abs(cx), abs(cy))


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
    yellow_blue = 0.5 * (a[..., 0] + a[..., 1]) - a[..., 2]
    half = _half(g)
    p5, p95 = np.percentile(half, (5.0, 95.0))
    mean = float(g.mean())
    e = _detail(half)
    stats = np.array([
        mean,
        float(np.mean(g <= 0.03)),
        float(np.mean(g >= 0.97)),
        float((p95 - p5) / (mean + 0.05)),
        _blur(g),
        _noise(g, half, red_green, yellow_blue),
        _empty_edge(e),
        _off_centre(e),
    ], dtype=np.float32)
    detail = np.abs(np.diff(g, axis=1))[:-1, :] + np.abs(np.diff(g, axis=0))[:, :-1]
    cells = _cells(g[:-1, :-1], red_green[:-1, :-1], yellow_blue[:-1, :-1], detail)
    return np.concatenate([stats, cells.astype(np.float32)])


def measure_image(im: Image.Image) -> np.ndarray:
    """:func:`measure` of :func:`check_image` (``im``: 8-bit RGB). Shape: returns (:data:`VECTOR_LEN`,)."""
    return measure(check_image(im))
