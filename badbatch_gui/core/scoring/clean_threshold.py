"""τ for ``reference`` mode, set from batches of photos that look fine (the project's rule).

The robust rule (median + k·1.4826·MAD of the batch scores, ``frd_threshold``) assumes most batches are fine.
A folder where one photo in six is a bad shot breaks that: nearly every batch of 15 holds two or three of them,
so the median batch is a contaminated one and no batch stands out. Once the findings name the photos that look
wrong, "a fine batch" can be measured directly: :data:`CALIBRATION_BATCHES` seeded random batches of the same size drawn only from the photos
that were not flagged, scored against the same folder statistics, and a real batch above τ holds photos unlike the
folder's typical ones.

Under the default ``robust`` policy τ is the :data:`CLEAN_PERCENTILE` th percentile of those scores: 99 % of batches
of photos that look fine stay below it; the robust rule assumes a symmetric spread, but the FRD of a small batch is
skewed to the right, and applied to these scores it rejected too many fine batches (docs/design/frd.md §6,
"Measured: the clean-batch threshold", ``benchmarks/bench_clean_threshold.py``). The ``percentile`` policy uses its
own q on the same scores.

The rule still needs at least ``frd_threshold.MIN_SCORES`` real batches (``batch_size_rule``), and a fixed τ is
used as it is. ``views`` and ``original`` modes keep the plain rule (they measure augmentation, not the photos).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from badbatch_gui.core.scoring import frd
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES, TOO_MANY_REJECTED, ThresholdResult

CALIBRATION_BATCHES = 400  # 0.06-0.2 s of Fréchet distances at 12 photos (64-512 features)
CLEAN_PERCENTILE = 99.0  # robust policy: 99 % of batches of photos that look fine score below τ


def clean_batch_scores(
    features: np.ndarray, clean: np.ndarray, batch_size: int, ref: frd.ReferenceStats, seed: int
) -> np.ndarray | None:
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
    return np.array(
        [
            frd.frechet_details(features[rng.choice(clean, size=batch_size, replace=False)], ref).value
            for _ in range(CALIBRATION_BATCHES)
        ],
        dtype=np.float64,
    )


def threshold(
    scores: np.ndarray,
    clean_scores: np.ndarray | None,
    policy: str,
    k: float = 3.0,
    percentile: float = 90.0,
    fixed: float | None = None,
    **context: Any,
) -> ThresholdResult:
    """τ for the real batch ``scores`` from ``clean_scores``: their :data:`CLEAN_PERCENTILE` th percentile under the
    ``robust`` policy, their ``percentile`` th under ``percentile`` (the plain rule on ``scores`` when
    ``clean_scores`` is None, and a ``fixed`` τ as it is).

    Shape: scores (K,); clean_scores (CALIBRATION_BATCHES,).
    """
    if clean_scores is None or policy == "fixed":
        return frd.threshold(scores, policy, k=k, percentile=percentile, fixed=fixed, **context)
    s = np.asarray(scores, dtype=np.float64)
    if len(s) < MIN_SCORES:  # the batch-size rule's promise: no τ from fewer than 20 real batches
        return frd.threshold(s, policy, k=k, percentile=percentile)
    q = CLEAN_PERCENTILE if policy == "robust" else percentile
    base = frd.threshold(clean_scores, "percentile", percentile=q)
    if base.value is None:
        return frd.threshold(s, policy, k=k, percentile=percentile)
    rejected = float(np.mean(s > base.value))
    note = (
        f"τ = {base.value:.6g}: {q:g} % of {len(clean_scores)} batches of photos that look fine score below it. "
        f"{rejected:.0%} of these {len(s)} batches score above it."
    )
    return dataclasses.replace(
        base,
        policy=policy,
        params={
            **base.params,
            "calibrated_on": "photos that look fine",
            "calibration_batches": len(clean_scores),
            "clean_percentile": q,
        },
        rejected_fraction=rejected,
        n_scores=len(s),
        note=note,
        too_many_rejected=rejected > TOO_MANY_REJECTED,
    )
