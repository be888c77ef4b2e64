"""Fréchet ResNet Distance (FRD) between two sets of feature vectors.

The paper ("The Bad Batches", Göksu & Pugeault, IJCNN 2024, arXiv 2403.19579) scores a batch by the
Fréchet distance between the Gaussians fitted to the features of its two augmented views:
``FRD = ||μX − μY||² + Tr(ΣX + ΣY − 2 (ΣX ΣY)^{1/2})``. This module evaluates it exactly and without
``sqrtm`` through the nuclear-norm identity of docs/design/frd.md §4 [derived]:

    FRD = ||μX − μY||² + ||A||_F² + ||B||_F² − 2 ||A Bᵀ||_*,
    A = (X − 1μXᵀ)/√(N−1),  B = (Y − 1μYᵀ)/√(M−1)   (ΣX = AᵀA, ΣY = BᵀB, ddof = 1).

A factor with more rows than columns is replaced by the R of its thin QR (same singular values of A Bᵀ), so the cost is
O(N·D·min(N, D)). Everything runs in float64; the result is never complex and never NaN for finite input. Per-image
scores (docs/design/frd.md §5) and folder-wide outlier scores, the project's attribution and not the paper's, live in
:mod:`badbatch_gui.core.scoring.frd_per_photo`. Thresholds
(docs/design/frd.md §6) live in :mod:`badbatch_gui.core.scoring.frd_threshold` and are re-exported here.

Pure numpy: no torch import (torch tensors are accepted by duck typing), no I/O, no global state.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.scoring.frd_threshold import RollingThreshold, ThresholdResult, threshold

logger = logging.getLogger(__name__)

__all__ = [
    "FrdInputError",
    "FrechetDetails",
    "ReferenceStats",
    "RollingThreshold",
    "ThresholdResult",
    "frechet_details",
    "frechet_distance",
    "frechet_distance_batched",
    "frechet_to_reference",
    "frechet_to_reference_batched",
    "reference_stats",
    "threshold",
    "MIN_RELIABLE_N",
    # the numerics frd_per_photo shares (input checks and exact power-of-two scaling)
    "EPS",
    "as_features",
    "pow2_exponent",
    "require_same_width",
    "scale_pow2",
    "scale_reference",
    "unscale_squared",
]

#: Below this many rows a covariance is too noisy to trust; details carry ``small_sample`` (docs/design/frd.md §4).
MIN_RELIABLE_N = 16  # rows below which a Fréchet distance is flagged small_sample (very noisy, biased)
_METHODS = ("auto", "direct", "qr")
EPS = np.finfo(np.float64).eps  # float64 machine epsilon, for the tolerances of the exact formulas


class FrdInputError(BadBatchError, ValueError):
    """Features FRD cannot use: wrong shape, different widths, NaN/infinity. Also a ``ValueError``."""


# --------------------------------------------------------------------------------------------- inputs
def as_features(x: Any, name: str, ndim: int) -> np.ndarray:
    """Validated float64 array (numpy, torch by duck typing, or nested lists) of ``ndim`` dimensions; FrdInputError
    names ``name`` ("first", "second", "reference"...) when it is empty, not numeric, complex or not finite.
    """
    if hasattr(x, "detach"):  # torch.Tensor without importing torch; .double() also covers bf16/fp16
        x = x.detach().cpu()
        x = x.double() if hasattr(x, "double") else x
        x = x.numpy() if hasattr(x, "numpy") else x
    if np.iscomplexobj(x):
        raise FrdInputError(f"The {name} features are complex numbers; FRD needs real feature vectors.")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise FrdInputError(f"The {name} features are not a numeric array ({exc}).") from None
    if arr.ndim != ndim:
        want = {1: "(features,)", 2: "(rows, features)", 3: "(batches, rows, features)"}[ndim]
        raise FrdInputError(f"The {name} features must have shape {want}; got shape {arr.shape}.")
    if arr.size == 0:
        raise FrdInputError(f"The {name} features are empty (shape {arr.shape}).")
    bad = arr.size - int(np.count_nonzero(np.isfinite(arr)))
    if bad:
        raise FrdInputError(
            f"The {name} features contain {bad} NaN or infinite values; the feature network probably diverged."
        )
    return arr


def require_same_width(d1: int, d2: int, what: str) -> None:
    """Raise FrdInputError when two feature sets have different widths (``what``: the sets, for the message)."""
    if d1 != d2:
        raise FrdInputError(f"Cannot compare {what}: one has {d1} features per image, the other {d2}.")


def pow2_exponent(*arrays: np.ndarray) -> int:
    """Exponent e such that features·2^-e peak near 1, or 0 when they are not extreme.

    Scaling by a power of two is exact. FRD scales with the square of the features, so results are
    multiplied back by 2^(2e) (see :func:`unscale_squared`). This keeps sums of squares from overflowing
    (inf − inf = NaN) or underflowing for finite but extreme inputs.
    """
    peak = max(float(np.max(np.abs(a))) for a in arrays)
    if peak == 0.0 or 2.0**-400 < peak < 2.0**400:
        return 0
    return math.frexp(peak)[1]


def scale_pow2(a: Any, e: int) -> Any:
    """``a · 2^-e``, exact (:func:`pow2_exponent` gives e)."""
    return np.ldexp(a, -e) if e else a


def unscale_squared(v: Any, e: int) -> Any:
    """Undo :func:`scale_pow2` on a squared quantity; an out-of-range true value becomes inf, never NaN."""
    if not e:
        return v
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(v, 2 * e)


# ------------------------------------------------------------------------------------ core algebra
def _factor(rows: np.ndarray, reduce: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, covariance factor F (ΣX = FᵀF) and ||F||_F² of stacked row sets (docs/design/frd.md §4).

    Shape: rows (..., N, D) -> mu (..., D), F (..., min(N, D) if reduce else N, D), trace (...,).
    A single row gets the zero covariance (the project's definition for N = 1, docs/design/frd.md §4).
    """
    n = rows.shape[-2]
    mu = rows.mean(axis=-2)
    a = (rows - mu[..., None, :]) / math.sqrt(max(n - 1, 1))
    trace = np.einsum("...ij,...ij->...", a, a)
    if reduce:
        a = np.linalg.qr(a, mode="r")  # thin QR: A = Q R, singular values of A Bᵀ = those of R Bᵀ
    return mu, a, trace


def _reduce(method: str, n: int, d: int) -> bool:
    if method not in _METHODS:
        raise ValueError(f"Unknown FRD method '{method}'; use one of {', '.join(_METHODS)}.")
    return method == "qr" or (method == "auto" and n > d)


def _nuclear(fx: np.ndarray, fy: np.ndarray) -> np.ndarray:
    """||Fx Fyᵀ||_* = Tr(ΣXΣY)^{1/2} (docs/design/frd.md §4 steps 1-3). Shape: (..., P, D), (..., Q, D) -> (...)."""
    c = fx @ np.swapaxes(fy, -1, -2)
    try:
        return cast(np.ndarray, np.linalg.svd(c, compute_uv=False).sum(axis=-1))
    except np.linalg.LinAlgError:  # SVD did not converge (very rare): σ² = eigenvalues of the PSD C Cᵀ
        logger.warning("SVD did not converge in FRD; using the eigenvalues of C·Cᵀ instead")
        ev = np.linalg.eigvalsh(c @ np.swapaxes(c, -1, -2))
        return cast(np.ndarray, np.sqrt(np.clip(ev, 0.0, None)).sum(axis=-1))


@dataclass(frozen=True)
class FrechetDetails:
    """FRD and its parts. ``value = mean_term + trace_term``; both terms are ≥ 0.

    ``degenerate``: a set had one row, so its covariance was taken as zero (docs/design/frd.md §4).
    ``small_sample``: a set had fewer than :data:`MIN_RELIABLE_N` rows; the value is very noisy and biased.
    """

    value: float
    mean_term: float
    trace_term: float
    n: int
    m: int
    d: int
    degenerate: bool
    small_sample: bool


@dataclass(frozen=True, eq=False)
class ReferenceStats:
    """Folder statistics for ``reference`` mode (docs/design/frd.md §3-4): mean and a covariance factor.

    Attributes:
        mu: folder mean. Shape: (D,).
        r: covariance factor with Σ_ref = rᵀ r: the R of a thin QR of the centred, 1/√(M−1)-scaled features
            when M > D, else those scaled features themselves. Shape: (min(M, D), D).
        trace: Tr Σ_ref = ||r||_F².
        n: number of images M the statistics come from.
    """

    mu: np.ndarray
    r: np.ndarray
    trace: float
    n: int

    def __post_init__(self) -> None:
        if self.mu.ndim != 1 or self.r.ndim != 2 or self.r.shape[1] != self.mu.shape[0]:
            raise FrdInputError(f"Inconsistent reference statistics: mean {self.mu.shape}, factor {self.r.shape}.")

    @property
    def d(self) -> int:
        """Feature width D."""
        return int(self.mu.shape[0])

    @property
    def cov(self) -> np.ndarray:
        """Σ_ref = rᵀ r. Shape: (D, D)."""
        return cast(np.ndarray, self.r.T @ self.r)

    def to_arrays(self) -> dict[str, np.ndarray | np.generic]:
        """Arrays for ``np.savez`` caching (keys mu, r, trace, n)."""
        return {"mu": self.mu, "r": self.r, "trace": np.float64(self.trace), "n": np.int64(self.n)}

    @classmethod
    def from_arrays(cls, arrays: Any) -> ReferenceStats:
        """Inverse of :meth:`to_arrays` (accepts a dict or an ``np.load`` result)."""
        mu = as_features(arrays["mu"], "cached folder mean", 1)
        r = as_features(arrays["r"], "cached folder covariance", 2)
        return cls(mu=mu, r=r, trace=float(arrays["trace"]), n=int(arrays["n"]))


def reference_stats(feats: Any) -> ReferenceStats:
    """Mean and covariance factor of a whole folder's features, computed once and cached (docs/design/frd.md §4).

    Args:
        feats: un-augmented features of every usable image. Shape: (M, D).
    """
    f = as_features(feats, "folder", 2)
    m, d = f.shape
    mu, r, trace = _factor(f, reduce=m > d)
    return ReferenceStats(mu=mu, r=r, trace=float(trace), n=m)


def scale_reference(ref: ReferenceStats, e: int) -> ReferenceStats:
    """The reference statistics of the features scaled by ``2^-e`` (:func:`scale_pow2`)."""
    if not e:
        return ref
    return ReferenceStats(scale_pow2(ref.mu, e), scale_pow2(ref.r, e), float(np.ldexp(ref.trace, -2 * e)), ref.n)


def _side(obj: Any, name: str, method: str) -> tuple[np.ndarray, np.ndarray, float, int]:
    if isinstance(obj, ReferenceStats):
        return obj.mu, obj.r, obj.trace, obj.n
    arr = as_features(obj, name, 2)
    mu, f, tr = _factor(arr, _reduce(method, arr.shape[0], arr.shape[1]))
    return mu, f, float(tr), arr.shape[0]


def frechet_details(x: Any, y: Any, *, method: str = "auto") -> FrechetDetails:
    """FRD between two feature sets with its parts (paper's FRD; exact form of docs/design/frd.md §4).

    Args:
        x: first set (view 1, or the originals). Shape: (N, D).
        y: second set, or a :class:`ReferenceStats`. Shape: (M, D).
        method: "auto" (thin QR of a factor only when it has more rows than columns), "direct" (never) or
            "qr" (always). All three are exact; the choice only changes cost and rounding.

    Raises:
        FrdInputError: (a ``ValueError``) for non-finite values, wrong shapes or different widths.
    """
    xa = as_features(x, "first", 2)
    ya = y if isinstance(y, ReferenceStats) else as_features(y, "second", 2)
    n, d = xa.shape
    require_same_width(d, ya.d if isinstance(ya, ReferenceStats) else ya.shape[1], "the two feature sets")
    e = pow2_exponent(xa, *((ya.mu, ya.r) if isinstance(ya, ReferenceStats) else (ya,)))
    if e:
        xa = scale_pow2(xa, e)
        ya = scale_reference(ya, e) if isinstance(ya, ReferenceStats) else scale_pow2(ya, e)
    mux, fx, tx, _ = _side(xa, "first", method)
    muy, fy, ty, m = _side(ya, "second", method)
    diff = mux - muy
    mean_term = float(diff @ diff)
    raw = tx + ty - 2.0 * float(_nuclear(fx, fy))
    if raw < -1e-9 * max(tx + ty, EPS):
        logger.debug("FRD trace term %.3g clamped to 0 (rounding)", raw)
    trace_term = max(raw, 0.0)
    return FrechetDetails(
        value=float(unscale_squared(mean_term + trace_term, e)),
        mean_term=float(unscale_squared(mean_term, e)),
        trace_term=float(unscale_squared(trace_term, e)),
        n=n,
        m=m,
        d=d,
        degenerate=min(n, m) < 2,
        small_sample=min(n, m) < MIN_RELIABLE_N,
    )


def frechet_distance(x: Any, y: Any) -> float:
    """FRD between two feature sets (paper's batch score; docs/design/frd.md §4). ≥ 0, finite for finite input.

    Args:
        x: Shape: (N, D). y: Shape: (M, D), or a :class:`ReferenceStats`.
    """
    return frechet_details(x, y).value


def frechet_to_reference(x: Any, ref: ReferenceStats) -> float:
    """FRD of a batch against folder statistics (``reference`` mode, docs/design/frd.md §3-4).

    Args:
        x: the batch's un-augmented features. Shape: (N, D).
        ref: from :func:`reference_stats`.
    """
    if not isinstance(ref, ReferenceStats):
        raise TypeError("frechet_to_reference needs ReferenceStats from reference_stats().")
    return frechet_details(x, ref).value


def _batched(xa: np.ndarray, mu_y: np.ndarray, fy: np.ndarray, ty: np.ndarray | float, method: str) -> np.ndarray:
    n, d = xa.shape[1:]
    mux, fx, tx = _factor(xa, _reduce(method, n, d))
    diff = mux - mu_y
    trace_term = np.maximum(tx + ty - 2.0 * _nuclear(fx, fy), 0.0)
    return cast(np.ndarray, np.einsum("kd,kd->k", diff, diff) + trace_term)


def frechet_distance_batched(xs: Any, ys: Any, *, method: str = "auto") -> np.ndarray:
    """FRD of K batches at once (stacked QR and SVD; equals looping :func:`frechet_distance`).

    Args:
        xs: Shape: (K, N, D). ys: Shape: (K, M, D).

    Returns:
        Shape: (K,) float64.
    """
    xa, ya = as_features(xs, "first", 3), as_features(ys, "second", 3)
    if xa.shape[0] != ya.shape[0]:
        raise FrdInputError(f"Different numbers of batches: {xa.shape[0]} and {ya.shape[0]}.")
    require_same_width(xa.shape[2], ya.shape[2], "the two feature sets")
    e = pow2_exponent(xa, ya)
    xa, ya = scale_pow2(xa, e), scale_pow2(ya, e)
    muy, fy, ty = _factor(ya, _reduce(method, ya.shape[1], ya.shape[2]))
    return cast(np.ndarray, unscale_squared(_batched(xa, muy, fy, ty, method), e))


def frechet_to_reference_batched(xs: Any, ref: ReferenceStats) -> np.ndarray:
    """:func:`frechet_to_reference` for K batches. Shape: xs (K, N, D) -> (K,)."""
    xa = as_features(xs, "batch", 3)
    require_same_width(xa.shape[2], ref.d, "the batches with the folder statistics")
    e = pow2_exponent(xa, ref.mu, ref.r)
    sref = scale_reference(ref, e)
    return cast(
        np.ndarray, unscale_squared(_batched(scale_pow2(xa, e), sref.mu, sref.r, np.float64(sref.trace), "auto"), e)
    )
