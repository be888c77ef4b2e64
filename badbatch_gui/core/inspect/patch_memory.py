"""The memory of normal patches and the nearest-neighbour distance of new patches to it (PatchCore's core).

PatchCore (Roth et al. 2022, arXiv 2106.08265, §3.1-3.2) keeps the patch descriptions of the normal photos and calls a
patch of a new photo unusual by its distance to the nearest one kept. The paper shrinks the memory with a greedy
coreset; **this app keeps a seeded random sample instead** (:func:`sample_cells`: the same number of patches from every
memory photo, at most ``max_patches`` in all). Two reasons: a greedy coreset costs one pass over all candidates per
patch kept (minutes on a 2-core CPU at these sizes), and a random sample keeps leave-one-out scores honest: a normal
photo scored against the memory without its own patches stands where a new normal photo stands, which the threshold
relies on (``calibration.py``). A coreset, built to cover every kept photo, would not.

Distances are Euclidean, computed exactly in float32 as ‖q‖² − 2 q·m + ‖m‖², one block of the memory at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

MEMORY_BLOCK = 8192
QUERY_BLOCK = 2048


@dataclass(frozen=True)
class PatchMemory:
    """Patch descriptions of normal photos.

    Attributes:
        features: the kept descriptions, grouped by photo. Shape: (M, D) float32.
        owner: the photo (row of ``photos``) each description came from, non-decreasing. Shape: (M,) int32.
        photos: the memory photos' relative paths.
    """

    features: np.ndarray
    owner: np.ndarray
    photos: tuple[str, ...]

    @property
    def nbytes(self) -> int:
        """Bytes the memory occupies."""
        return int(self.features.nbytes + self.owner.nbytes)

    def rows_of(self, photo: int) -> tuple[int, int]:
        """The [start, end) rows of one memory photo's descriptions."""
        lo, hi = np.searchsorted(self.owner, [photo, photo + 1])
        return int(lo), int(hi)


def patches_per_photo(n_photos: int, n_cells: int, max_patches: int) -> int:
    """How many patches each memory photo gives: all of them when they fit, else an equal share of the budget."""
    return max(1, min(int(n_cells), int(max_patches) // max(1, int(n_photos))))


def sample_cells(n_cells: int, per_photo: int, rng: np.random.Generator) -> np.ndarray:
    """Which cells of one photo's grid are kept (sorted). Shape: returns (per_photo,) int64."""
    if per_photo >= n_cells:
        return np.arange(n_cells, dtype=np.int64)
    return np.sort(rng.choice(n_cells, size=per_photo, replace=False)).astype(np.int64)


def flat_cells(descriptions: torch.Tensor) -> torch.Tensor:
    """One row per cell, row-major over the grid. Shape: (B, D, gh, gw) -> (B, gh * gw, D)."""
    b, d, gh, gw = descriptions.shape
    return descriptions.permute(0, 2, 3, 1).reshape(b, gh * gw, d)


@torch.no_grad()
def nearest_distances(
    memory: PatchMemory, descriptions: torch.Tensor, exclude: Sequence[tuple[int, int] | None] | None = None
) -> np.ndarray:
    """Distance of every patch to its nearest kept normal patch.

    Args:
        memory: the memory (its ``features`` already on the scale of ``descriptions``).
        descriptions: the photos' patch descriptions. Shape: (B, D, gh, gw).
        exclude: per photo, memory rows [start, end) to ignore (its own patches, for leave-one-out scores).

    Returns:
        Shape: (B, gh, gw) float32.
    """
    b, _d, gh, gw = descriptions.shape
    queries = flat_cells(descriptions.float()).reshape(b * gh * gw, -1).contiguous()
    bank = torch.from_numpy(memory.features)
    bank_sq = (bank * bank).sum(dim=1)
    per = gh * gw
    best = torch.full((len(queries),), float("inf"))
    for q0 in range(0, len(queries), QUERY_BLOCK):
        q = queries[q0 : q0 + QUERY_BLOCK]
        low = torch.full((len(q),), float("inf"))
        for m0 in range(0, len(bank), MEMORY_BLOCK):
            m = bank[m0 : m0 + MEMORY_BLOCK]
            d = torch.addmm(bank_sq[m0 : m0 + MEMORY_BLOCK].unsqueeze(0), q, m.T, alpha=-2.0)
            if exclude is not None:
                _mask_own(d, exclude, q0, m0, per)
            low = torch.minimum(low, d.min(dim=1).values)
        best[q0 : q0 + len(q)] = low + (q * q).sum(dim=1)
    return best.clamp_(min=0.0).sqrt_().reshape(b, gh, gw).numpy().astype(np.float32)


def _mask_own(d: torch.Tensor, exclude: Sequence[tuple[int, int] | None], q0: int, m0: int, per: int) -> None:
    """Set the distances from each photo's patches to its own memory rows to infinity (in place)."""
    rows, cols = d.shape
    for photo, span in enumerate(exclude):
        if span is None:
            continue
        r0, r1 = max(photo * per - q0, 0), min((photo + 1) * per - q0, rows)
        c0, c1 = max(span[0] - m0, 0), min(span[1] - m0, cols)
        if r0 < r1 and c0 < c1:
            d[r0:r1, c0:c1] = float("inf")
