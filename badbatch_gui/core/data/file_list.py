"""THE file list: which of a folder's photos a run trains on (and the Batch check previews), in dataset-index order.

Kept free of torch so the window can count a run's photos (and refuse a run that could not train) before the
machine-learning runtime has loaded; ``data.dataset`` re-exports both functions beside the batch plan.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def select_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """The relative paths training uses, in dataset-index order: sorted, minus the operator's rejections."""
    dropped = set(exclude)
    return tuple(sorted(p for p in paths if p not in dropped))


def training_paths(
    all_paths: Iterable[str], exclude: Iterable[str] = (), max_images: int | None = None
) -> tuple[str, ...]:
    """The relative paths a run trains on (and the Batch check previews), in dataset-index order.

    Sorted and minus the operator's rejections (:func:`select_paths`); with ``max_images`` an evenly spaced subset
    over the sorted list (so every sub-folder stays represented), independent of the seed.
    """
    paths = select_paths(all_paths, exclude)
    if max_images is not None and len(paths) > max_images:
        pick = np.unique(np.linspace(0, len(paths) - 1, int(max_images)).round().astype(np.int64))
        paths = tuple(paths[i] for i in pick)
    return paths
