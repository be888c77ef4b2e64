"""Per-photo scores: which photos raise a batch's FRD, and which photos are least like the rest of the folder.

These are the project's attribution, not the paper's (docs/design/frd.md §5 and §9): the paper scores whole batches
(:mod:`badbatch_gui.core.scoring.frd`); an operator needs to know which photos to look at. Three scores:

- :func:`per_image_paired`: image i's share of the paired FRD bound of a batch's two views (views mode);
- :func:`per_image_loo_reference`: exact leave-one-out change of a batch's FRD against the folder statistics
  (reference mode);
- :func:`per_image_against_folder`: the folder-wide robust "unlike the rest" score.

Pure numpy, float64, the same input checks and power-of-two scaling as :mod:`frd`; no torch import, no I/O.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np

from badbatch_gui.core.scoring.frd import (
    EPS,
    FrdInputError,
    ReferenceStats,
    as_features,
    frechet_details,
    pow2_exponent,
    require_same_width,
    scale_pow2,
    scale_reference,
    unscale_squared,
)

__all__ = ["per_image_against_folder", "per_image_loo_reference", "per_image_paired"]


def per_image_paired(x: Any, y: Any) -> np.ndarray:
    """Per-image share e_i of the paired FRD bound (project's attribution, docs/design/frd.md §5).

    ``e_i = ||(x_i − μX) − (y_i − μY)||² / (N − 1)``; since Tr(A Bᵀ) ≤ ||A Bᵀ||_*,
    ``FRD ≤ ||μX − μY||² + Σ_i e_i``. Large e_i: image i's two views disagree.

    Args:
        x: view 1 (or originals). Shape: (N, D). y: view 2 of the same images, same order. Shape: (N, D).

    Returns:
        Shape: (N,), ≥ 0 (zeros for N = 1).
    """
    xa, ya = as_features(x, "first", 2), as_features(y, "second", 2)
    if xa.shape != ya.shape:
        raise FrdInputError(f"Paired scores need the same images in both sets; got shapes {xa.shape} and {ya.shape}.")
    e = pow2_exponent(xa, ya)
    diff = scale_pow2(xa - xa.mean(axis=0), e) - scale_pow2(ya - ya.mean(axis=0), e)
    return cast(np.ndarray, unscale_squared(np.einsum("ij,ij->i", diff, diff) / max(xa.shape[0] - 1, 1), e))


def per_image_loo_reference(x: Any, ref: ReferenceStats, *, chunk: int = 32) -> np.ndarray:
    """Leave-one-out ΔFRD_i = FRD(batch) − FRD(batch without i) against folder statistics (docs/design/frd.md §5).

    Rank the values (largest = the image whose removal helps most); do not read their sign, the
    N-dependent bias shifts them all. Exact and vectorised [derived]: dropping row i downdates the batch
    scatter to X̃ᵀX̃ − N/(N−1)·x̃ᵢx̃ᵢᵀ (X̃ the centred batch). With W = X̃ r_refᵀ = U S Vᵀ, the squared
    singular values of the leave-one-out A′ r_refᵀ are the eigenvalues of the symmetric PSD p×p matrix
    (S² − N/(N−1)·(S uᵢ)(S uᵢ)ᵀ)/(N−2), p = rank W ≤ N−1, so ``eigvalsh`` is valid here (unlike on the
    non-symmetric ΣXΣY) and no (N−1)×D set is ever rebuilt.

    Args:
        x: the batch's features. Shape: (N, D), N ≥ 2.
        ref: folder statistics from :func:`reference_stats`.
        chunk: leave-one-out sets solved per stacked call (bounds memory to chunk·N² floats).

    Returns:
        Shape: (N,).
    """
    xa = as_features(x, "batch", 2)
    n, d = xa.shape
    require_same_width(d, ref.d, "the batch with the folder statistics")
    if n < 2:
        raise FrdInputError("Leave-one-out scores need at least two images in the batch.")
    e = pow2_exponent(xa, ref.mu, ref.r)
    sref = scale_reference(ref, e)
    xa, mu_r, r, tr_ref = scale_pow2(xa, e), sref.mu, sref.r, sref.trace
    full = frechet_details(xa, sref).value
    mu = xa.mean(axis=0)
    xc = xa - mu
    sq = np.einsum("ij,ij->i", xc, xc)
    rho, denom = n / (n - 1), float(max(n - 2, 1))
    delta = mu - mu_r
    mean_loo = delta @ delta - 2.0 * (xc @ delta) / (n - 1) + sq / (n - 1) ** 2
    trace_x_loo = (sq.sum() - rho * sq) / denom
    u, s, _ = np.linalg.svd(xc @ r.T, full_matrices=False)
    keep = s > (s[0] if s.size else 0.0) * max(u.shape) * EPS
    us, s2 = u[:, keep] * s[keep], s[keep] ** 2
    nuc = np.zeros(n)
    q = int(s2.size)
    if q:
        tol = float(s2.max()) * q * 8 * EPS
        for i0 in range(0, n, max(int(chunk), 1)):
            v = us[i0 : i0 + chunk]
            g = -rho * v[:, :, None] * v[:, None, :]
            g[:, np.arange(q), np.arange(q)] += s2
            ev = np.linalg.eigvalsh(g)
            nuc[i0 : i0 + chunk] = np.sqrt(np.where(ev > tol, ev, 0.0) / denom).sum(axis=1)
    loo = mean_loo + np.maximum(trace_x_loo + tr_ref - 2.0 * nuc, 0.0)
    return cast(np.ndarray, unscale_squared(full - loo, e))


def per_image_against_folder(feats: Any, ref: ReferenceStats | None = None) -> np.ndarray:
    """Folder-wide "least like the rest" score per photo (project's addition, docs/design/frd.md §9).

    Mean squared per-dimension z-score: ``score_i = mean_j ((f_ij − c_j) / s_j)²`` (≈ 1 for a typical photo).
    Without ``ref``, c is the per-dimension median and s = 1.4826·MAD (the standard deviation where the MAD
    is 0) of ``feats`` itself: a group of identical bad photos (several black frames) cannot shift these,
    whereas a covariance-whitened (Mahalanobis) distance is masked by them when M is not ≫ D — k identical
    outliers cap their own distance near M/k while a typical photo sits near D. With ``ref`` (to score
    photos against another set's statistics), c = ref.mu and s = √diag(Σ_ref).

    Args:
        feats: one feature row per photo (standardised or L2-normalised). Shape: (M, D).
        ref: optional statistics to measure against instead of robust estimates from ``feats``.

    Returns:
        Shape: (M,), ≥ 0; rank descending.
    """
    f = as_features(feats, "folder", 2)
    if ref is not None:
        require_same_width(f.shape[1], ref.d, "the photos with the folder statistics")
        centre, spread = ref.mu, np.sqrt(np.einsum("ij,ij->j", ref.r, ref.r))
    else:
        centre = np.median(f, axis=0)
        spread = 1.4826 * np.median(np.abs(f - centre), axis=0)
        zero = spread == 0.0
        if np.any(zero) and f.shape[0] > 1:
            spread[zero] = f[:, zero].std(axis=0, ddof=1)
    # A dimension with no spread at all: deviations there are measured against the typical spread.
    floor = float(np.median(spread[spread > 0])) if np.any(spread > 0) else 1.0
    spread = np.where(spread > 0, spread, floor)
    z = (f - centre) / spread
    return cast(np.ndarray, np.einsum("ij,ij->i", z, z) / f.shape[1])
