"""Local oddness: a patch of a photo unlike anything in the photos most similar to it (a foreign object).

A whole-photo summary hardly moves when a screw, a glove or a label covers a tenth of the frame, so each photo is
also looked at in cells (an 8 × 8 grid of :mod:`badbatch_gui.core.data.pixel_checks` cell summaries: grey level, two
colour differences, spread, detail). A cell is compared with the cells of the photo's :data:`NEIGHBOURS` most
similar photos (by the median and spread of their cells), not with the whole folder, so a patch of brown tissue
counts as ordinary next to tissue photos but as foreign on a grey gravel shot. A cell's oddness is its distance
to the nearest such cell; a photo's oddness is that of its :data:`WORST_CELL`-th worst cell (one odd cell is
too often a reflection or a scratch; the 3rd or 4th worst measured no better on the planted folders). The findings judge it against the folder like every other measurement.

Cost: for n photos, n × 64 × (NEIGHBOURS × 64) distances in 5 dimensions, plus n × n photo distances done in
chunks: about 1 ms per photo on one core.
"""

from __future__ import annotations

from typing import cast

import numpy as np

NEIGHBOURS = 20
WORST_CELL = 2  # a photo's oddness is that of its second most unusual cell (one odd cell is too often a glint)
CHUNK = 1024


def _robust_standardise(x: np.ndarray) -> np.ndarray:
    """Per-column (x − median) / (1.4826 · MAD + 1e-3). Shape: (m, d) -> (m, d)."""
    med = np.median(x, axis=0)
    return cast(np.ndarray, (x - med) / (1.4826 * np.median(np.abs(x - med), axis=0) + 1e-3))


def _nearest_photos(desc: np.ndarray, m: int) -> np.ndarray:
    """The ``m`` nearest other photos of each photo (squared Euclidean). Shape: (n, d) -> (n, m) int64."""
    n = len(desc)
    sq = np.einsum("ij,ij->i", desc, desc)
    out = np.empty((n, m), dtype=np.int64)
    for start in range(0, n, CHUNK):
        block = desc[start : start + CHUNK]
        d = sq[start : start + CHUNK, None] + sq[None, :] - 2.0 * block @ desc.T
        d[np.arange(len(block)), np.arange(start, start + len(block))] = np.inf  # not itself
        out[start : start + len(block)] = np.argpartition(d, m - 1, axis=1)[:, :m]
    return out


def local_oddness(cells: np.ndarray) -> np.ndarray:
    """Each photo's local oddness (see the module docstring); NaN for photos without cells.

    Args:
        cells: cell summaries per photo (NaN rows: not measured). Shape: (n, n_cells, d).

    Returns:
        Shape: (n,) float64, ≥ 0; larger = a patch less like anything in similar photos.
    """
    cells = np.asarray(cells, dtype=np.float64)
    n = len(cells)
    out = np.full(n, np.nan)
    known = np.flatnonzero(np.isfinite(cells).all(axis=(1, 2))) if n else np.zeros(0, dtype=np.int64)
    if len(known) < 3:
        return out
    c = cells[known]
    k, n_cells, d = c.shape
    cs = _robust_standardise(c.reshape(-1, d)).reshape(k, n_cells, d)
    desc = _robust_standardise(np.concatenate([np.median(cs, axis=1), cs.std(axis=1)], axis=1))
    m = min(NEIGHBOURS, k - 1)
    neighbours = _nearest_photos(desc, m)
    cs32 = cs.astype(np.float32)
    for i in range(k):
        ref = cs32[neighbours[i]].reshape(-1, d)  # the neighbours' cells. Shape: (m * n_cells, d)
        # squared distances, one dimension at a time (d is 5): small BLAS products are slow when threads compete
        dist = np.zeros((n_cells, len(ref)), dtype=np.float32)
        for j in range(d):
            diff = cs32[i, :, j, None] - ref[None, :, j]
            dist += diff * diff
        nearest = np.sqrt(dist.min(axis=1))  # (n_cells,)
        r = max(0, n_cells - WORST_CELL)
        out[known[i]] = float(np.partition(nearest, r)[r])
    return out
