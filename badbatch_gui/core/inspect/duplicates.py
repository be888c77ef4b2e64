"""Near-duplicate groups: photos whose embeddings are at least a given cosine similarity apart, linked in chains.

Two photos are linked when their cosine similarity is at least the threshold; a group is a connected component of
those links (so A–B and B–C put A, B and C together even when A and C are a little further apart). Similarities are
computed exactly, one block of rows at a time, so memory stays at a block × N matrix (1024 × 10,000 floats, 40 MB).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from badbatch_gui.core.inspect.index import FolderIndex

BLOCK = 1024


def duplicate_pairs(embeddings: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) with cosine similarity ≥ ``threshold``.

    Shape: embeddings (N, F) unit rows -> (rows i (m,), rows j (m,)) int64.
    """
    e = np.asarray(embeddings, dtype=np.float32)
    first: list[np.ndarray] = []
    second: list[np.ndarray] = []
    for start in range(0, len(e), BLOCK):
        sims = e[start : start + BLOCK] @ e.T
        i, j = np.nonzero(sims >= np.float32(threshold))
        i = i + start
        keep = j > i
        first.append(i[keep])
        second.append(j[keep])
    if not first:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(first).astype(np.int64), np.concatenate(second).astype(np.int64)


def near_duplicate_groups(index: FolderIndex, threshold: float = 0.95) -> tuple[tuple[str, ...], ...]:
    """Groups of two or more photos that look alike under the encoder, largest first, each sorted by path.

    Args:
        index: the folder's index.
        threshold: the cosine similarity (−1 … 1) at which two photos are linked; 0.95 is close to identical.
    """
    n = len(index)
    i, j = duplicate_pairs(index.embeddings, threshold)
    if not len(i):
        return ()
    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels)
    groups = [
        tuple(sorted(index.paths[int(r)] for r in np.flatnonzero(labels == label)))
        for label in np.flatnonzero(sizes >= 2)
    ]
    return tuple(sorted(groups, key=lambda g: (-len(g), g[0])))
