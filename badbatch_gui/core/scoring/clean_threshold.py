"""τ for ``reference`` mode, set from batches of photos that look fine (the project's rule).

The robust rule (median + k·1.4826·MAD of the batch scores, ``frd_threshold``) assumes most batches are fine.
A folder where one photo in six is a bad shot breaks that: nearly every batch of 15 holds two or three of them,
so the median batch is a contaminated one and no batch stands out (measured on the demo folder: τ above every
batch score at batch sizes 8 to 16). Once the findings name the photos that look wrong, "a fine batch" can be
measured directly: :data:`CALIBRATION_BATCHES` seeded random batches of the same size drawn only from the photos
that were not flagged, scored against the same folder statistics. τ is the chosen rule applied to those scores,
and a real batch above it holds photos unlike the folder's typical ones.

The rule still needs at least ``frd_threshold.MIN_SCORES`` real batches (``batch_size_rule``), and a fixed τ is
used as it is. ``views`` and ``original`` modes keep the plain rule (they measure augmentation, not the photos).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from badbatch_gui.core.scoring import frd
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES, TOO_MANY_REJECTED, ThresholdResult

CALIBRATION_BATCHES = 50


def clean_batch_scores(features: np.ndarray, clean: np.ndarray, batch_size: int, ref: frd.ReferenceStats,
                       seed: int) -> np.ndarray | None:
    """FRD against ``ref`` of :data:`CALIBRATION_BATCHES` random batches of photos that look fine.

    Args:
        features: every photo's (standardised) features. Shape: (n, D).
        clean: indices of the photos that were not flagged. Shape: (m,).
        batch_size: the batch size of the real batches.
        ref: the folder statistics the real batches are scored against.
        seed: the batch plan's seed (the draws are reproducible).

    Returns:
        Shape: (CALIBRATION_BATCHES,), or None when fewer than two batches' worth of photos look fine.
    """
    if len(clean) < 2 * batch_size:
        return None
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 0xCA1B])
    return np.array([frd.frechet_details(features[rng.choice(clean, size=batch_size, replace=False)], ref).value
                     for _ in range(CALIBRATION_BATCHES)], dtype=np.float64)


def threshold(scores: np.ndarray, clean_scores: np.ndarray | None, policy: str, k: float = 3.0,
              percentile: float = 90.0, fixed: float | None = None, **context: Any) -> ThresholdResult:
    """τ for the real batch ``scores``: the rule applied to ``clean_scores`` (plain rule when None or fixed).

    Shape: scores (K,); clean_scores (CALIBRATION_BATCHES,).
    """
    if clean_scores is None or policy == "fixed":
        return frd.threshold(scores, policy, k=k, percentile=percentile, fixed=fixed, **context)
    s = np.asarray(scores, dtype=np.float64)
    if len(s) < MIN_SCORES:  # the batch-size rule's promise: no τ from fewer than 20 real batches
        return frd.threshold(s, policy, k=k, percentile=percentile)
    base = frd.threshold(clean_scores, policy, k=k, percentile=percentile)
    if base.value is None:
        return frd.threshold(s, policy, k=k, percentile=percentile)
    rejected = float(np.mean(s > base.value))
    note = (f"τ = {base.value:.6g}, from {len(clean_scores)} batches of photos that look fine "
            f"({base.note.split(' of ')[0].removeprefix('τ = ')}). {rejected:.0%} of these {len(s)} batches "
            "score above it.")
    return dataclasses.replace(base, params={**base.params, "calibrated_on": "photos that look fine",
                                             "calibration_batches": len(clean_scores)},
                               rejected_fraction=rejected, n_scores=len(s), note=note,
                               too_many_rejected=rejected > TOO_MANY_REJECTED)
