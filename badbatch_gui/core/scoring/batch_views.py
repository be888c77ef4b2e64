"""Rebuild exactly what the Batch check scored for some photos: original, view 1 and view 2 as uint8 arrays.

Scoring decodes every photo once at ``config.image_size`` (``ImageCache``) and draws views with
``TwoViewDataset`` at epoch 0, draw 0, seeded by (seed, epoch, dataset index, draw, view). Re-running those
seeded draws for one batch's photos gives the same pixels without keeping the whole folder's views in memory.
Imports torch: only call it from a worker thread (the window's ``BatchViewsWorker``, gui/tasks/batch_views.py).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import numpy as np

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.control import RunControl


def batch_views(
    root: Path, items: list[tuple[str, int, float]], config: ScoreConfig, control: RunControl | None = None
) -> list[tuple[str, float, tuple[np.ndarray, ...]]]:
    """For each (relative path, dataset index, score): (path, score, (original, view1, view2)).

    Shape:
        each returned array is (S, S, 3) uint8 with S = ``config.image_size``.

    A photo that no longer decodes gets three grey tiles instead of failing the whole batch.
    """
    import torch

    from badbatch_gui.core.data.augment import TwoViewAugment
    from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb_array

    size = int(config.image_size)
    augment = TwoViewAugment(config.augment, size)
    out: list[tuple[str, float, tuple[np.ndarray, ...]]] = []
    for rel, index, score in items:
        if control is not None:
            control.check()
        try:
            img = load_rgb_array(Path(root).joinpath(*PurePosixPath(rel).parts), size)
        except ImageDecodeError:
            grey = np.full((size, size, 3), 128, np.uint8)
            out.append((rel, score, (grey, grey, grey)))
            continue
        chw = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1)
        views = [augment(chw, (config.seed, 0, int(index), 0, v)) for v in (0, 1)]
        arrays = tuple((v.clamp(0, 1).mul(255).round().byte().permute(1, 2, 0).numpy()) for v in views)
        out.append((rel, score, (img, *arrays)))
    return out
