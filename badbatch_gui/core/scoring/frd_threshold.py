"""Threshold policies for FRD scores: robust, percentile, fixed; and the rolling window used in training.

The paper ("The Bad Batches", arXiv 2403.19579) rejects batches whose FRD exceeds a threshold τ_FRD but
does not specify its value or rule. These are the project's policies (docs/design/frd.md §6):

- robust (default): τ = median(s) + k·1.4826·MAD(s), k = 3;
- percentile: τ = the q-th percentile of s (q = 90);
- fixed: an absolute τ from the operator.

Below ``min_scores`` (20) scores, or with MAD = 0, no τ is set and nothing is rejected; the result says why
in a plain sentence. Above 30 % rejected the result carries a warning. Pure numpy, no global state.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

POLICIES = ("robust", "percentile", "fixed")
MIN_SCORES = 20  # batch scores an automatic threshold needs; the batch-size rule aims for this many batches
MAD_TO_SIGMA = 1.4826  # makes the MAD estimate σ for Gaussian scores
TOO_MANY_REJECTED = 0.30  # above this fraction of rejected batches the threshold or the augmentation is suspect


@dataclass(frozen=True)
class ThresholdResult:
    """A threshold and its record (docs/design/frd.md §6 "Record keeping").

    Attributes:
        value: τ, or None when nothing may be rejected (``note`` says why).
        policy: "robust", "percentile" or "fixed".
        params: the rule's parameters and the statistics it used (k, median, mad, percentile, min_scores...).
        rejected_fraction: fraction of the given scores strictly above τ (0 when τ is None).
        n_scores: number of scores the rule saw.
        note: plain sentence(s) for the UI and the report.
        too_many_rejected: more than 30 % rejected: τ too low or augmentations too strong, diversity lost.
        context_mismatch: a fixed τ was set for another batch size, feature width or mode.
    """

    value: float | None
    policy: str
    params: dict[str, Any]
    rejected_fraction: float
    n_scores: int
    note: str
    too_many_rejected: bool = False
    context_mismatch: bool = False

    @property
    def reason_if_none(self) -> str | None:
        """Why no threshold was set (None when one was)."""
        return self.note if self.value is None else None

    def rejects(self, score: float) -> bool:
        """True when ``score`` is above τ (never when τ is None)."""
        return self.value is not None and float(score) > self.value

    def to_dict(self) -> dict[str, Any]:
        """JSON-able record."""
        return asdict(self)


def _scores(scores: Any) -> np.ndarray:
    if hasattr(scores, "detach"):
        scores = scores.detach().cpu().double().numpy()
    s = np.asarray(scores, dtype=np.float64).ravel()
    if not np.all(np.isfinite(s)):
        raise ValueError(
            f"{int(np.count_nonzero(~np.isfinite(s)))} FRD scores are NaN or infinite; a threshold needs finite scores."
        )
    return s


def _mismatch(fixed_context: Mapping[str, Any] | None, context: Mapping[str, Any] | None) -> list[str]:
    if not fixed_context or not context:
        return []
    return [
        f"{key} {fixed_context[key]} (now {context[key]})"
        for key in fixed_context
        if key in context and fixed_context[key] != context[key]
    ]


def threshold(
    scores: Any,
    policy: str = "robust",
    k: float = 3.0,
    percentile: float = 90.0,
    fixed: float | None = None,
    *,
    min_scores: int = MIN_SCORES,
    fixed_context: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | None = None,
) -> ThresholdResult:
    """τ_FRD from a set of batch scores under one policy (docs/design/frd.md §6).

    Args:
        scores: batch FRD scores of one mode, N, feature layer and normalisation. Shape: (K,).
        policy: "robust", "percentile" or "fixed".
        k: robust factor on 1.4826·MAD.
        percentile: q in (0, 100] for the percentile policy.
        fixed: τ for the fixed policy.
        min_scores: fewer scores than this and the robust/percentile rules set no τ.
        fixed_context / context: e.g. {"n": 32, "d": 128, "mode": "views"} the fixed τ was set for, and
            the current run's; differences are reported (``context_mismatch``).

    Raises:
        ValueError: unknown policy, bad parameter, missing fixed value, or non-finite scores.
    """
    s = _scores(scores)
    n = int(s.size)
    min_scores = max(int(min_scores), 1)
    value: float | None = None
    notes: list[str] = []
    mismatch: list[str] = []
    if policy == "robust":
        if not k > 0:
            raise ValueError("The robust threshold factor k must be positive.")
        params: dict[str, Any] = {"k": float(k), "min_scores": int(min_scores)}
        if n:
            med = float(np.median(s))
            mad = float(np.median(np.abs(s - med)))
            params.update(median=med, mad=mad)
        if n < min_scores:
            notes.append(
                f"Only {n} batch scores so far; at least {min_scores} are needed to set a threshold, "
                "so no batch is rejected yet."
            )
        elif params["mad"] == 0.0:
            notes.append(
                f"At least half of the {n} scores are identical, so their spread (MAD) is zero and no "
                "robust threshold can be set; no batch is rejected."
            )
        else:
            value = params["median"] + k * MAD_TO_SIGMA * params["mad"]
            notes.append(f"τ = median + {k:g}·1.4826·MAD of {n} scores = {value:.6g}.")
    elif policy == "percentile":
        if not 0 < percentile <= 100:
            raise ValueError("The percentile must be above 0 and at most 100.")
        params = {"percentile": float(percentile), "min_scores": int(min_scores)}
        if n < min_scores:
            notes.append(
                f"Only {n} batch scores so far; at least {min_scores} are needed to set a threshold, "
                "so no batch is rejected yet."
            )
        else:
            value = float(np.percentile(s, percentile))
            notes.append(f"τ = the {percentile:g}th percentile of {n} scores = {value:.6g}.")
    elif policy == "fixed":
        if fixed is None or not np.isfinite(fixed):
            raise ValueError("The 'fixed' threshold rule needs a finite threshold value.")
        value = float(fixed)
        params = {"fixed": value, "fixed_context": dict(fixed_context or {})}
        notes.append(f"τ = {value:.6g}, set by hand.")
        mismatch = _mismatch(fixed_context, context)
        if mismatch:
            notes.append(
                "This threshold was set for different scores (" + ", ".join(mismatch) + "); "
                "FRD values change with batch size, features and mode, so it may not fit."
            )
    else:
        raise ValueError(f"Unknown threshold rule '{policy}'; use one of {', '.join(POLICIES)}.")
    rejected = float(np.mean(s > value)) if value is not None and n else 0.0
    too_many = rejected > TOO_MANY_REJECTED
    if value is not None and n:
        notes.append(f"{rejected:.0%} of these {n} batches score above it.")
    if too_many:
        notes.append(
            f"That is more than {TOO_MANY_REJECTED:.0%}: the threshold may be too low or the augmentations "
            "too strong, and rejecting that many batches throws away much of the folder's variety."
        )
    return ThresholdResult(
        value=value,
        policy=policy,
        params=params,
        rejected_fraction=rejected,
        n_scores=n,
        note=" ".join(notes),
        too_many_rejected=too_many,
        context_mismatch=bool(mismatch),
    )


@dataclass
class RollingThreshold:
    """τ over a rolling window of the last ``window`` first-attempt batch scores (training, docs/design/frd.md §6-7).

    Append only each batch's first-attempt score: re-draws stay out of the window so τ does not drift down.
    """

    window: int = 200
    k: float = 3.0
    min_scores: int = MIN_SCORES
    policy: str = "robust"
    percentile: float = 90.0
    fixed: float | None = None
    _scores: deque[float] = field(init=False, repr=False)
    _result: ThresholdResult | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if self.window < 1:
            raise ValueError("The threshold window must hold at least one score.")
        if self.policy not in POLICIES:
            raise ValueError(f"Unknown threshold rule '{self.policy}'; use one of {', '.join(POLICIES)}.")
        self._scores = deque(maxlen=int(self.window))

    def __len__(self) -> int:
        return len(self._scores)

    def append(self, score: float) -> None:
        """Add one batch's first-attempt FRD score (finite)."""
        score = float(score)
        if not np.isfinite(score):
            raise ValueError("An FRD score is NaN or infinite and cannot enter the threshold window.")
        self._scores.append(score)
        self._result = None

    @property
    def scores(self) -> np.ndarray:
        """Copy of the window, oldest first. Shape: (len(self),)."""
        return np.array(self._scores, dtype=np.float64)

    def result(self) -> ThresholdResult:
        """The current :class:`ThresholdResult` (cached until the next append)."""
        if self._result is None:
            self._result = threshold(
                self.scores,
                self.policy,
                k=self.k,
                percentile=self.percentile,
                fixed=self.fixed,
                min_scores=self.min_scores,
            )
        return self._result

    @property
    def value(self) -> float | None:
        """Current τ, or None while nothing may be rejected."""
        return self.result().value

    def rejects(self, score: float) -> bool:
        """True when ``score`` is above the current τ."""
        return self.result().rejects(score)

    def state_dict(self) -> dict[str, Any]:
        """Plain Python state (safe for ``torch.load(weights_only=True)`` and JSON)."""
        return {
            "window": int(self.window),
            "k": float(self.k),
            "min_scores": int(self.min_scores),
            "policy": self.policy,
            "percentile": float(self.percentile),
            "fixed": self.fixed,
            "scores": [float(v) for v in self._scores],
        }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Restore the window's scores (the last ``self.window`` of them). Settings stay as constructed."""
        scores = [float(v) for v in state.get("scores", [])]
        if not all(np.isfinite(scores)):
            raise ValueError("The saved threshold window holds NaN or infinite scores.")
        self._scores = deque(scores, maxlen=int(self.window))
        self._result = None
