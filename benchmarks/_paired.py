"""Paired per-seed statistics for the training benchmarks: mean ± 95 % t-interval, and the smallest difference a run
of n paired seeds can detect.

Paired differences: configuration A and B trained with the same seed share the network's initial weights, the batch
order and the augmentations, so A − B per seed removes most of the seed-to-seed spread; the interval is over those
per-seed differences (n − 1 degrees of freedom).

Smallest detectable difference: a true difference d is found (its 95 % interval excludes 0) in 80 % of runs when
d ≥ (t_0.975 + t_0.80) · sd / √n, with sd the spread of the per-seed differences (the usual power calculation for a
paired t-test, t quantiles with n − 1 degrees of freedom). The half-width of the interval alone, t_0.975 · sd / √n,
is the smallest *observed* difference that counts; a true difference that size is found only half the time.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def mean_ci(values: list[float]) -> tuple[float, float]:
    """(mean, half-width of the 95 % t-interval); half-width 0 for a single value."""
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        return float(v.mean()) if len(v) else math.nan, 0.0
    return float(v.mean()), float(stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / math.sqrt(len(v)))


def detectable(values: list[float]) -> float:
    """The true paired difference found with 80 % power at the 5 % level, from the spread of ``values`` (per-seed
    differences); nan with fewer than 2.
    """
    v = np.asarray(values, dtype=float)
    if len(v) < 2:
        return math.nan
    df = len(v) - 1
    return float((stats.t.ppf(0.975, df) + stats.t.ppf(0.80, df)) * v.std(ddof=1) / math.sqrt(len(v)))


def fmt(values: list[float], scale: float = 1.0, digits: int = 3, sign: bool = False) -> str:
    """The text "mean ± half-width" (values × scale); just the mean for one value."""
    m, h = mean_ci(values)
    head = f"{m * scale:+.{digits}f}" if sign else f"{m * scale:.{digits}f}"
    return f"{head} ± {h * scale:.{digits}f}" if len(values) > 1 else head
