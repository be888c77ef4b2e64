"""The threshold set from normal photos alone: an order statistic of their leave-one-out scores, which on new normal
photos gives the false-alarm rate it states (within sampling error).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from badbatch_gui.core.config import InspectConfig
from badbatch_gui.core.inspect.calibration import observed_rate, threshold_for
from badbatch_gui.core.inspect.check import check_photos
from badbatch_gui.core.inspect.index import build_index
from badbatch_gui.core.inspect.normal_model import fit_normal
from tests.helpers.inspect_photos import normal_folder


def test_the_threshold_is_the_kth_highest_normal_score():
    scores = np.arange(1, 100, dtype=float)[::-1].copy()  # 99 scores, 1..99
    tau = threshold_for(scores, 0.05)
    assert (tau.rank, tau.value, tau.n_normal) == (5, 95.0, 99)
    assert tau.expected_rate == pytest.approx(5 / 100)
    assert not tau.too_few_normal_photos
    assert observed_rate(scores, tau.value) == pytest.approx(4 / 99)  # strictly above the 5th highest


def test_too_few_normal_photos_is_said_not_hidden():
    tau = threshold_for(np.linspace(0, 1, 20), 0.01)
    assert tau.rank == 1
    assert tau.value == 1.0
    assert tau.expected_rate == pytest.approx(1 / 21)
    assert tau.too_few_normal_photos
    with pytest.raises(ValueError, match="no normal scores"):
        threshold_for(np.zeros(0), 0.01)


@pytest.mark.parametrize("rate", [0.01, 0.05, 0.2])
def test_stated_rate_holds_on_fresh_draws_of_the_same_distribution(rate):
    rng = np.random.default_rng(int(rate * 1000))
    rates = []
    for _ in range(200):  # the rate promised is an average over calibration sets
        tau = threshold_for(rng.gamma(2.0, size=400), rate)
        rates.append(observed_rate(rng.gamma(2.0, size=2000), tau.value))
    k = math.floor(rate * 401)
    assert np.mean(rates) == pytest.approx(k / 401, abs=4 * math.sqrt(rate / (200 * 400)))
    assert np.mean(rates) <= rate + 4 * math.sqrt(rate / (200 * 400))


def test_calibrated_threshold_gives_the_stated_false_alarm_rate_on_held_out_normal_photos(tmp_path, random_encoder):
    normal_folder(tmp_path / "normal", 120, seed=11)
    normal_folder(tmp_path / "held_out", 240, seed=12)
    cache = tmp_path / "cache"
    index = build_index(random_encoder, tmp_path / "normal", cache_dir=cache, device="cpu")
    config = InspectConfig(image_size=32, device="cpu", false_alarm_rate=0.1)  # small frames: a quick test
    normal = fit_normal(random_encoder, index, config, cache_dir=cache)
    tau = normal.threshold()
    assert tau.n_normal == 120
    assert tau.rank == math.floor(0.1 * 121)
    result = check_photos(random_encoder, normal, tmp_path / "held_out", device="cpu", batch_size=32)
    m = len(result.photos)
    assert m == 240
    assert result.counts()["bad_shot"] <= 3
    p = tau.expected_rate
    observed = np.mean([ph.score > tau.value for ph in result.photos])
    # binomial error of the held-out count plus the threshold's own error (an order statistic of 120 scores)
    sigma = math.sqrt(p * (1 - p) / m + p * (1 - p) / (tau.n_normal + 2))
    assert abs(observed - p) <= 3.5 * sigma, (observed, p, sigma)
