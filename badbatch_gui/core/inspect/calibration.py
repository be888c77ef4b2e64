"""The threshold between "looks normal" and "looks unusual", set from the normal photos' own scores.

No defect examples are needed: the scores of n normal photos that the memory did not see (leave-one-out, see
``normal_model.py``) stand for the scores of new normal photos. If a new normal photo's score and those n are
exchangeable, the chance that it lies above the k-th highest of them is exactly k / (n + 1). So for a false-alarm
rate r the threshold is the k-th highest normal score with k = ⌊r · (n + 1)⌋: about r of the normal photos are called
unusual, and never more in expectation. With too few normal photos (n + 1 < 1 / r) even the highest normal score
gives 1 / (n + 1), more than asked; :attr:`Threshold.expected_rate` says what is actually promised. The operator can
read and change the rate: a new rate re-uses the same scores, nothing is recomputed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Threshold:
    """A threshold on the unusualness score.

    Attributes:
        value: photos scoring above it look unusual.
        false_alarm_rate: the rate asked for.
        expected_rate: the rate the normal scores promise at this value, k / (n + 1) (above the rate asked only
            when there are too few normal photos).
        rank: k, the value is the k-th highest normal score.
        n_normal: n, how many normal scores set it.
    """

    value: float
    false_alarm_rate: float
    expected_rate: float
    rank: int
    n_normal: int

    @property
    def too_few_normal_photos(self) -> bool:
        """The rate asked for cannot be promised with this many normal photos."""
        return self.expected_rate > self.false_alarm_rate + 1e-12


def threshold_for(normal_scores: np.ndarray, false_alarm_rate: float) -> Threshold:
    """The threshold for ``false_alarm_rate`` (see the module docstring).

    Shape: normal_scores (n,), n ≥ 1.

    Raises:
        ValueError: no normal score, or a rate outside (0, 1).
    """
    scores = np.sort(np.asarray(normal_scores, dtype=np.float64))[::-1]
    n = len(scores)
    if n == 0:
        raise ValueError("no normal scores to set a threshold from")
    if not 0.0 < false_alarm_rate < 1.0:
        raise ValueError("the false-alarm rate must lie between 0 and 1")
    k = min(n, max(1, math.floor(false_alarm_rate * (n + 1) + 1e-9)))
    return Threshold(float(scores[k - 1]), float(false_alarm_rate), k / (n + 1), k, n)


def observed_rate(normal_scores: np.ndarray, value: float) -> float:
    """The share of the normal scores above ``value`` (what a threshold set by hand would call unusual)."""
    scores = np.asarray(normal_scores, dtype=np.float64)
    return float((scores > value).mean()) if len(scores) else 0.0
