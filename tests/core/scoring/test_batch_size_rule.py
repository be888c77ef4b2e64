"""The one batch-size rule of the Batch check, and τ from batches of photos that look fine (reference mode)."""

from __future__ import annotations

import numpy as np
import pytest

from badbatch_gui.core.scoring import clean_threshold, frd
from badbatch_gui.core.scoring.batch_size_rule import MIN_BATCH_SIZE, choose_batch_size
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES


@pytest.mark.parametrize(
    ("n", "requested", "size"),
    [
        (300, 32, 15),  # 300 // 32 = 9 batches: the largest size giving 20 is 15
        (1000, 32, 32),  # 31 batches already: unchanged
        (640, 32, 32),  # exactly 20
        (100, 32, MIN_BATCH_SIZE),  # would need 5: never below 8 (then only 12 batches, no threshold)
        (5, 32, 5),  # a tiny folder: one batch of every photo
    ],
)
def test_an_automatic_size_is_lowered_to_give_twenty_batches_but_never_below_eight(n, requested, size):
    choice = choose_batch_size(n, requested, automatic=True)
    assert choice.size == size
    assert choice.lowered == (size < requested)
    if n >= MIN_SCORES * MIN_BATCH_SIZE:
        assert choice.n_batches >= MIN_SCORES
        assert choice.enough_for_threshold


def test_an_explicit_size_is_honoured_and_says_which_size_would_give_a_threshold():
    choice = choose_batch_size(300, 32, automatic=False)
    assert choice.size == 32
    assert not choice.lowered
    assert choice.n_batches == 9
    assert not choice.enough_for_threshold
    assert choice.largest_size_with_threshold == 15
    assert choose_batch_size(100, 32, automatic=False).largest_size_with_threshold is None


def test_tau_from_clean_batches_rejects_the_batches_holding_bad_photos():
    rng = np.random.default_rng(0)
    good = rng.normal(0, 1, (400, 8))
    bad = rng.normal(0, 1, (60, 8)) + 4.0  # a sixth of the folder far from the rest
    feats = np.vstack([good, bad])
    ref = frd.reference_stats(good)
    order = rng.permutation(len(feats))
    batches = [order[i : i + 15] for i in range(0, 450, 15)]
    scores = np.array([frd.frechet_distance(feats[b], ref) for b in batches])
    n_bad = np.array([np.sum(b >= 400) for b in batches])
    plain = frd.threshold(scores, "robust")
    clean = clean_threshold.clean_batch_scores(feats, np.arange(400), 15, ref, seed=0)
    tau = clean_threshold.threshold(scores, clean, "robust")
    rejected = scores > tau.value
    assert rejected.sum() > int((scores > plain.value).sum())  # the plain rule misses contaminated batches
    assert n_bad[rejected].min() >= 1
    assert n_bad[~rejected].mean() < n_bad[rejected].mean()
    assert tau.params["calibration_batches"] == clean_threshold.CALIBRATION_BATCHES
    assert tau.n_scores == len(scores)
    assert tau.rejected_fraction == pytest.approx(rejected.mean())


def test_tau_needs_twenty_real_batches_and_a_fixed_tau_is_used_as_it_is():
    scores = np.linspace(1, 2, 12)
    clean = np.linspace(0.5, 1.0, 50)
    assert clean_threshold.threshold(scores, clean, "robust").value is None
    assert clean_threshold.threshold(scores, clean, "fixed", fixed=1.5).value == 1.5
    assert (
        clean_threshold.clean_batch_scores(
            np.zeros((10, 3)), np.arange(10), 8, frd.reference_stats(np.random.default_rng(0).normal(size=(20, 3))), 0
        )
        is None
    )  # fewer than two batches of fine photos


def test_tau_from_clean_batches_rejects_about_one_in_a_hundred_batches_of_fine_photos():
    """Small-batch FRD is skewed to the right: median + 3·MAD of the clean scores rejected several percent of
    batches of fine photos; τ is now the 99th percentile of the clean scores.
    """
    rng = np.random.default_rng(1)
    feats = rng.standard_t(4, size=(300, 16))  # heavy tails, as real features have
    ref = frd.reference_stats(feats)
    clean = clean_threshold.clean_batch_scores(feats, np.arange(300), 12, ref, seed=0)
    null = np.array([frd.frechet_distance(feats[rng.choice(300, 12, replace=False)], ref) for _ in range(2000)])
    tau = clean_threshold.threshold(null[:40], clean, "robust")
    median = np.median(clean)
    plain = median + 3 * 1.4826 * np.median(np.abs(clean - median))
    assert np.mean(null > tau.value) <= 0.025
    assert np.mean(null > plain) > np.mean(null > tau.value)  # the symmetric rule rejects more fine batches
    assert tau.params["clean_percentile"] == clean_threshold.CLEAN_PERCENTILE
    assert tau.policy == "robust"
