"""From patch distances to a photo's heat map and its unusualness score.

Each patch's distance to its nearest normal patch (``patch_memory.nearest_distances``) is noisy: one patch of a
normal photo may by chance fall far from every kept normal patch, and a single such patch would set the photo's score
if the score were the plain maximum. A defect worth reporting covers several neighbouring patches. So the heat map is
the patch distances averaged over each cell's 3 × 3 neighbourhood (:func:`heat_map`: 24 × 24 pixels of the inspected
frame at a patch stride of 8), and a photo's score is the largest value of that heat map (:func:`photo_scores`), so
the map the operator sees and the score that sets the verdict are the same numbers: a photo is "unusual" exactly when
some cell of its heat map is above the threshold.

PatchCore (Roth et al. 2022, arXiv 2106.08265) scores a photo by its most distant single patch (re-weighted) and
smooths only the picture it shows (a Gaussian on the upsampled map); here the smoothing comes first and the score is
read from it. Measured on the benchmark's planted defects (docs/design/inspect.md §3): at the default frame the
smoothed maximum beats the plain one.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

#: The side, in patches, of the neighbourhood each heat-map cell averages.
SMOOTHING = 3


def heat_map(distances: np.ndarray) -> np.ndarray:
    """Each cell's mean patch distance over its 3 × 3 neighbourhood (cells beyond the edge not counted).

    Shape: distances (B, gh, gw) -> (B, gh, gw) float32.
    """
    d = torch.from_numpy(np.ascontiguousarray(distances, dtype=np.float32)).unsqueeze(1)
    out = F.avg_pool2d(d, kernel_size=SMOOTHING, stride=1, padding=SMOOTHING // 2, count_include_pad=False)
    return out.squeeze(1).numpy()


def photo_scores(heat: np.ndarray) -> np.ndarray:
    """Each photo's score: its heat map's largest value. Shape: heat (B, gh, gw) -> (B,) float64."""
    flat = np.asarray(heat, dtype=np.float64).reshape(len(heat), -1)
    return np.asarray(flat.max(axis=1), dtype=np.float64)
