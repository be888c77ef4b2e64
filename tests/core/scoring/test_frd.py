"""Tests of the FRD maths (docs/design/frd.md §4-6, "Tests to keep" in §8)."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
import scipy.linalg

from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.scoring import frd, frd_per_photo
from badbatch_gui.core.scoring.frd import (
    FrdInputError,
    RollingThreshold,
    frechet_details,
    frechet_distance,
    frechet_distance_batched,
    frechet_to_reference,
    frechet_to_reference_batched,
    reference_stats,
    threshold,
)
from badbatch_gui.core.scoring.frd_per_photo import per_image_against_folder, per_image_loo_reference, per_image_paired


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240328)


def _unit(a: np.ndarray) -> np.ndarray:
    return a / np.maximum(np.linalg.norm(a, axis=-1, keepdims=True), 1e-12)


def _sqrtm_route(x: np.ndarray, y: np.ndarray) -> float:
    """The pytorch-fid route: sqrtm(Σ1Σ2), 1e-6·I retry when not finite, real part (docs/design/frd.md §8)."""
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covmean = scipy.linalg.sqrtm(s1 @ s2)
        if not np.isfinite(covmean).all():
            off = np.eye(s1.shape[0]) * 1e-6
            covmean = scipy.linalg.sqrtm((s1 + off) @ (s2 + off))
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.trace(np.real(covmean)))


def _exact_eig_route(x: np.ndarray, y: np.ndarray) -> float:
    """Exact reference for N ≤ D: only the top min(N, M) − 1 eigenvalues of ΣXΣY can be nonzero
    (docs/design/frd.md §4).
    """
    mu1, mu2 = x.mean(0), y.mean(0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    ev = np.sort(np.linalg.eigvals(s1 @ s2).real)[::-1][: min(len(x), len(y)) - 1]
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(ev, 0, None)).sum())


# ----------------------------------------------------------------------------- distance properties
@pytest.mark.parametrize(("n", "d"), [(8, 64), (64, 512), (300, 16), (40, 40)])
def test_identical_inputs_give_zero(rng, n, d):
    x = _unit(rng.normal(size=(n, d)))
    assert 0.0 <= frechet_distance(x, x) <= 1e-9
    assert 0.0 <= frechet_distance(x * 7.0 + 3.0, x * 7.0 + 3.0) <= 1e-9


@pytest.mark.parametrize(("n", "d"), [(16, 64), (200, 12)])
def test_pure_mean_shift_gives_squared_norm(rng, n, d):
    x = rng.normal(size=(n, d))
    c = rng.normal(size=d)
    det = frechet_details(x, x + c)
    assert det.value == pytest.approx(float(c @ c), rel=1e-9)
    assert det.mean_term == pytest.approx(float(c @ c), rel=1e-12)
    assert det.trace_term <= 1e-9


def test_symmetry_and_row_permutation_invariance(rng):
    x, y = rng.normal(size=(24, 48)), rng.normal(size=(31, 48)) * 1.3 + 0.2
    v = frechet_distance(x, y)
    assert v > 1.0
    assert frechet_distance(y, x) == pytest.approx(v, rel=1e-12)
    assert frechet_distance(x[rng.permutation(24)], y[rng.permutation(31)]) == pytest.approx(v, rel=1e-12)


@pytest.mark.parametrize(("n", "m", "d"), [(200, 200, 16), (120, 90, 32)])
def test_agrees_with_sqrtm_when_full_rank(rng, n, m, d):
    x = rng.normal(size=(n, d))
    y = rng.normal(size=(m, d)) @ (np.eye(d) + 0.3 * rng.normal(size=(d, d))) + 0.1
    assert frechet_distance(x, y) == pytest.approx(_sqrtm_route(x, y), rel=1e-10)


@pytest.mark.parametrize(("n", "d"), [(16, 64), (32, 128)])
def test_rank_deficient_agrees_with_sqrtm_and_exact_eigenvalues(rng, n, d):
    x = _unit(rng.normal(size=(n, d)))
    y = _unit(x + 0.5 * rng.normal(size=(n, d)))
    v = frechet_distance(x, y)
    assert v == pytest.approx(_sqrtm_route(x, y), rel=1e-5)
    assert v == pytest.approx(_exact_eig_route(x, y), rel=1e-9)


@pytest.mark.parametrize(("n", "m", "d"), [(300, 400, 16), (16, 400, 64), (16, 40, 64)])
def test_reference_mode_agrees_with_sqrtm_and_exact(rng, n, m, d):
    folder = rng.normal(size=(m, d)) @ (np.eye(d) + 0.2 * rng.normal(size=(d, d)))
    x = rng.normal(size=(n, d)) * 0.9 + 0.05
    ref = reference_stats(folder)
    assert ref.r.shape == (min(m, d), d)
    assert ref.cov == pytest.approx(np.cov(folder, rowvar=False), abs=1e-12)
    v = frechet_to_reference(x, ref)
    rel = 1e-10 if min(n, m) > d else 1e-5
    assert v == pytest.approx(_sqrtm_route(x, folder), rel=rel)
    assert v == pytest.approx(frechet_distance(x, folder), rel=1e-11)
    if min(n, m) <= d:
        assert v == pytest.approx(_exact_eig_route(x, folder), rel=1e-9)


@pytest.mark.parametrize("n", [47, 48, 49])
def test_qr_branch_equals_direct_branch_near_n_equals_d(rng, n):
    d = 48
    x = rng.normal(size=(n, d))
    y = rng.normal(size=(n + 1, d)) * 1.1
    direct = frechet_details(x, y, method="direct").value
    assert frechet_details(x, y, method="qr").value == pytest.approx(direct, rel=1e-11)
    assert frechet_details(x, y, method="auto").value == pytest.approx(direct, rel=1e-11)


def test_unknown_method_is_refused(rng):
    with pytest.raises(ValueError, match="method"):
        frechet_details(rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), method="sqrtm")


@pytest.mark.parametrize("seed", range(5))
def test_paired_bound_holds_and_splits_exactly(seed):
    g = np.random.default_rng(seed)
    n, d = (int(v) for v in g.integers(3, 80, size=2))
    x = g.normal(size=(n, d))
    y = x + g.normal(size=(n, d)) * g.uniform(0.1, 2.0)
    det = frechet_details(x, y)
    e = per_image_paired(x, y)
    assert e.shape == (n,)
    assert np.all(e >= 0)
    a = (x - x.mean(0)) / np.sqrt(n - 1)
    b = (y - y.mean(0)) / np.sqrt(n - 1)
    assert e.sum() == pytest.approx(np.sum((a - b) ** 2), rel=1e-12)  # Σ e_i = ||A − B||_F²
    assert det.value <= det.mean_term + e.sum() + 1e-12


def test_single_and_two_rows_are_finite_and_flagged(rng):
    y = rng.normal(size=(10, 6))
    one = rng.normal(size=(1, 6))
    det = frechet_details(one, y)
    assert det.degenerate
    assert det.small_sample
    assert np.isfinite(det.value)
    diff = one[0] - y.mean(0)
    assert det.value == pytest.approx(diff @ diff + np.trace(np.cov(y, rowvar=False)), rel=1e-12)
    assert np.isfinite(frechet_distance(one, one + 1.0))
    two = frechet_details(rng.normal(size=(2, 6)), rng.normal(size=(2, 6)))
    assert np.isfinite(two.value)
    assert not two.degenerate
    assert two.small_sample
    assert frechet_details(rng.normal(size=(16, 6)), rng.normal(size=(16, 6))).small_sample is False
    assert per_image_paired(one, one * 2).tolist() == [0.0]


def test_float32_and_torch_inputs_are_upcast(rng):
    x32 = rng.normal(size=(12, 20)).astype(np.float32)
    y32 = rng.normal(size=(12, 20)).astype(np.float32)
    expected = frechet_distance(x32.astype(np.float64), y32.astype(np.float64))
    assert frechet_distance(x32, y32) == expected
    torch = pytest.importorskip("torch")
    tx = torch.from_numpy(x32).requires_grad_(True)
    assert frechet_distance(tx, torch.from_numpy(y32)) == expected
    assert per_image_paired(tx, torch.from_numpy(y32)) == pytest.approx(per_image_paired(x32, y32), rel=1e-15)


def test_huge_finite_input_never_gives_nan(rng):
    x, y = rng.normal(size=(16, 8)), rng.normal(size=(16, 8))
    scale = 2.0**400  # power of two: rescaling inside is exact
    assert frechet_distance(x * scale, y * scale) == pytest.approx(frechet_distance(x, y) * scale**2, rel=1e-12)
    v = frechet_distance(x * 1e200, y * 1e200)
    assert not np.isnan(v)
    assert v > 0
    ref = reference_stats(y * scale)
    assert frechet_to_reference(x * scale, ref) == pytest.approx(frechet_distance(x, y) * scale**2, rel=1e-12)
    np.testing.assert_allclose(
        frechet_distance_batched(x[None] * scale, y[None] * scale), [frechet_distance(x, y) * scale**2], rtol=1e-12
    )
    np.testing.assert_allclose(
        frechet_to_reference_batched(x[None] * scale, ref), [frechet_distance(x, y) * scale**2], rtol=1e-12
    )
    np.testing.assert_allclose(per_image_paired(x * scale, y * scale), per_image_paired(x, y) * scale**2, rtol=1e-12)
    np.testing.assert_allclose(
        per_image_loo_reference(x * scale, ref), per_image_loo_reference(x, reference_stats(y)) * scale**2, rtol=1e-8
    )
    assert not np.isnan(frechet_distance_batched(x[None] * 1e200, y[None] * 1e200)).any()


def test_bad_input_raises_plain_value_error(rng):
    x = rng.normal(size=(8, 4))
    bad = x.copy()
    bad[2, 1] = np.nan
    with pytest.raises(ValueError, match="NaN or infinite"):
        frechet_distance(bad, x)
    with pytest.raises(FrdInputError, match="4 features per image, the other 5"):
        frechet_distance(x, rng.normal(size=(8, 5)))
    with pytest.raises(ValueError, match="shape"):
        frechet_distance(x[0], x)
    assert issubclass(FrdInputError, BadBatchError)


def test_frd_module_does_not_import_torch():
    code = "import sys, badbatch_gui.core.scoring.frd; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------------------------------ batched
@pytest.mark.parametrize(("n", "m", "d"), [(8, 8, 32), (50, 60, 16), (20, 30, 20)])
def test_batched_equals_looped(rng, n, m, d):
    xs, ys = rng.normal(size=(5, n, d)), rng.normal(size=(5, m, d)) * 1.2
    looped = np.array([frechet_distance(a, b) for a, b in zip(xs, ys, strict=True)])
    np.testing.assert_allclose(frechet_distance_batched(xs, ys), looped, rtol=1e-11)
    ref = reference_stats(rng.normal(size=(70, d)))
    looped_ref = np.array([frechet_to_reference(a, ref) for a in xs])
    np.testing.assert_allclose(frechet_to_reference_batched(xs, ref), looped_ref, rtol=1e-11)


def test_batched_shape_errors(rng):
    with pytest.raises(ValueError, match="numbers of batches"):
        frechet_distance_batched(rng.normal(size=(3, 4, 5)), rng.normal(size=(2, 4, 5)))


def _views(g: np.random.Generator, n: int, d: int, noise: float = 0.4) -> tuple[np.ndarray, np.ndarray]:
    content = g.normal(size=(n, d))
    return _unit(content + noise * g.normal(size=(n, d))), _unit(content + noise * g.normal(size=(n, d)))


def test_blacked_out_view_batch_scores_far_above_normal_batches(rng):
    n, d = 32, 64
    normal = [frechet_distance(*_views(rng, n, d)) for _ in range(30)]
    v1, _ = _views(rng, n, d)
    black = _unit(np.zeros((n, d)) + 1e-3)  # every view-2 row the same (black frames, then normalised)
    bad = frechet_distance(v1, black)
    assert bad > 3 * max(normal)
    tau = threshold(normal + [bad])
    assert tau.value is not None
    assert max(normal) < tau.value < bad


# ------------------------------------------------------------------------------- per-image scores
def test_paired_outlier_ranks_first(rng):
    x, y = _views(rng, 32, 64, noise=0.3)
    y[11] = _unit(rng.normal(size=64))  # image 11's two views disagree
    e = per_image_paired(x, y)
    assert int(np.argmax(e)) == 11
    assert e[11] > 2 * np.sort(e)[-2]


def test_paired_needs_same_images(rng):
    with pytest.raises(ValueError, match="same images"):
        per_image_paired(rng.normal(size=(5, 3)), rng.normal(size=(6, 3)))


@pytest.mark.parametrize(("n", "m", "d"), [(12, 300, 32), (40, 300, 16), (20, 10, 32), (2, 50, 8), (3, 50, 8)])
def test_loo_reference_equals_explicit_leave_one_out(rng, n, m, d):
    ref = reference_stats(rng.normal(size=(m, d)))
    x = rng.normal(size=(n, d)) * 1.1
    full = frechet_to_reference(x, ref)
    explicit = np.array([full - frechet_to_reference(np.delete(x, i, axis=0), ref) for i in range(n)])
    np.testing.assert_allclose(per_image_loo_reference(x, ref, chunk=5), explicit, rtol=1e-8, atol=1e-10)


def test_loo_reference_outlier_ranks_first(rng):
    folder = _unit(rng.normal(size=(400, 32)) + 2.0)
    ref = reference_stats(folder)
    batch = folder[rng.choice(400, size=16, replace=False)].copy()
    batch[5] = _unit(-np.ones(32))  # far from every folder photo
    delta = per_image_loo_reference(batch, ref)
    assert int(np.argmax(delta)) == 5
    with pytest.raises(ValueError, match="two images"):
        per_image_loo_reference(batch[:1], ref)


def test_against_folder_single_outlier_ranks_first(rng):
    feats = rng.normal(size=(200, 64))
    feats[37] += 4.0
    scores = per_image_against_folder(feats)
    assert scores.shape == (200,)
    assert int(np.argmax(scores)) == 37
    assert np.median(scores) == pytest.approx(1.0, abs=0.25)  # ≈ 1 for a typical photo
    with_ref = per_image_against_folder(feats, reference_stats(np.delete(feats, 37, axis=0)))
    assert int(np.argmax(with_ref)) == 37


def test_against_folder_group_of_identical_outliers_is_not_masked(rng):
    # 8 identical "black frames" among 240 photos, M < D: whitened distances mask such a group.
    m, d = 240, 256
    feats = rng.normal(size=(m, d))
    planted = rng.choice(m, size=8, replace=False)
    feats[planted] = rng.normal(size=d) * 0.2 + 2.5
    feats[:, :10] = 0.0  # dead dimensions (no spread at all) must not break the score
    scores = per_image_against_folder(feats)
    assert np.all(np.isfinite(scores))
    assert set(np.argsort(scores)[-8:].tolist()) == set(planted.tolist())


# ------------------------------------------------------------------------------- threshold policies
def test_robust_threshold_on_known_sample():
    scores = [1.0] * 10 + [3.0] * 10 + [50.0, 50.0]  # median 3, MAD 2
    res = threshold(scores, "robust", k=3.0)
    assert res.params["median"] == 3.0
    assert res.params["mad"] == 2.0
    assert res.value == pytest.approx(3.0 + 3.0 * 1.4826 * 2.0, rel=1e-15)
    assert res.rejected_fraction == pytest.approx(2 / 22)
    assert res.n_scores == 22
    assert not res.too_many_rejected
    assert res.reason_if_none is None
    assert res.rejects(50.0)
    assert not res.rejects(3.0)
    assert threshold(scores, "robust", k=1.0).value == pytest.approx(3.0 + 1.4826 * 2.0)


def test_percentile_and_fixed_thresholds():
    scores = np.arange(101, dtype=float)
    res = threshold(scores, "percentile", percentile=90.0)
    assert res.value == pytest.approx(90.0)
    assert res.rejected_fraction == pytest.approx(10 / 101)
    fixed = threshold(scores, "fixed", fixed=95.5)
    assert fixed.value == 95.5
    assert fixed.rejected_fraction == pytest.approx(5 / 101)
    with pytest.raises(ValueError, match="fixed"):
        threshold(scores, "fixed")
    with pytest.raises(ValueError, match="Unknown threshold rule"):
        threshold(scores, "median")
    with pytest.raises(ValueError, match="NaN"):
        threshold([1.0, np.nan], "robust")


def test_fixed_threshold_reports_other_context():
    res = threshold(
        np.ones(5), "fixed", fixed=1.0, fixed_context={"n": 32, "mode": "views"}, context={"n": 16, "mode": "views"}
    )
    assert res.context_mismatch
    assert "n 32 (now 16)" in res.note
    same = threshold(np.ones(5), "fixed", fixed=1.0, fixed_context={"n": 32}, context={"n": 32})
    assert not same.context_mismatch


def test_too_few_scores_or_zero_spread_reject_nothing(rng):
    few = threshold(rng.normal(size=19), "robust")
    assert few.value is None
    assert few.rejected_fraction == 0.0
    assert "19" in few.reason_if_none
    assert "20" in few.reason_if_none
    assert threshold(rng.normal(size=19), "percentile").value is None
    assert threshold(rng.normal(size=20), "robust").value is not None
    flat = threshold([0.5] * 15 + list(rng.normal(size=10)), "robust")
    assert flat.value is None
    assert "spread" in flat.note
    assert flat.params["mad"] == 0.0


def test_too_many_rejected_warns():
    res = threshold(np.linspace(0, 1, 50), "percentile", percentile=50.0)
    assert res.rejected_fraction == pytest.approx(0.5)
    assert res.too_many_rejected
    assert "variety" in res.note
    assert not threshold(np.linspace(0, 1, 50), "percentile", percentile=90.0).too_many_rejected


def test_rolling_threshold_window_and_state_round_trip(rng):
    roll = RollingThreshold(window=30, k=3.0, min_scores=20)
    data = rng.gamma(4.0, 0.1, size=50)
    for i, s in enumerate(data[:19]):
        roll.append(s)
        assert roll.value is None, i
    for s in data[19:]:
        roll.append(s)
    assert len(roll) == 30
    np.testing.assert_array_equal(roll.scores, data[-30:])
    assert roll.value == pytest.approx(threshold(data[-30:], "robust", k=3.0).value, rel=1e-15)
    state = roll.state_dict()
    again = RollingThreshold(window=30, k=3.0, min_scores=20)
    again.load_state_dict(state)
    assert again.value == roll.value
    assert again.state_dict() == state
    smaller = RollingThreshold(window=10)
    smaller.load_state_dict(state)
    np.testing.assert_array_equal(smaller.scores, data[-10:])
    with pytest.raises(ValueError, match="NaN or infinite"):
        roll.append(float("inf"))


def test_module_exports_contract_names():
    for name in (
        "frechet_distance",
        "frechet_distance_batched",
        "reference_stats",
        "frechet_to_reference",
        "threshold",
        "ThresholdResult",
        "RollingThreshold",
        "FrechetDetails",
        "ReferenceStats",
    ):
        assert hasattr(frd, name), name
    for name in ("per_image_paired", "per_image_loo_reference", "per_image_against_folder"):
        assert hasattr(frd_per_photo, name), name
