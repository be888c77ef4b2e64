"""The small-batch benchmark's statistics and bookkeeping (benchmarks/bench_small_batch.py, benchmarks/_paired.py):
paired per-seed differences, the detectable difference, the learning-rate choice on the tuning split.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import _paired
import bench_small_batch as bench


def test_mean_ci_is_the_t_interval():
    values = [0.1, 0.4, 0.2, 0.5]
    m, h = _paired.mean_ci(values)
    assert m == pytest.approx(0.3)
    assert h == pytest.approx(stats.t.ppf(0.975, 3) * np.std(values, ddof=1) / 2)
    assert _paired.mean_ci([0.7]) == (0.7, 0.0)


def test_detectable_difference_is_found_with_80_percent_power():
    """The printed difference is the paired t-test's 80 %-power one: a true difference of that size (for the spread
    the seeds show) has its interval exclude 0 in about 80 % of simulated runs, half of it far less often.
    """
    values = [1.0, -2.0, 0.5, 3.0]
    d = _paired.detectable(values)
    assert d == pytest.approx((stats.t.ppf(0.975, 3) + stats.t.ppf(0.8, 3)) * np.std(values, ddof=1) / 2)
    rng = np.random.default_rng(0)
    sd = float(np.std(values, ddof=1))

    def power(true_diff: float) -> float:
        runs = rng.normal(true_diff, sd, (4000, 4))
        return float(np.mean([_paired.mean_ci(list(r))[0] - _paired.mean_ci(list(r))[1] > 0 for r in runs]))

    assert 0.7 < power(d) < 0.9
    assert power(d / 2) < 0.45
    assert math.isnan(_paired.detectable([1.0]))


def _run(key: str, seed: int, knn: float, linear: float) -> dict:
    return {"key": key, "seed": seed, "knn": knn, "linear": linear, "lr": 5e-4}


def test_paired_differences_are_per_seed_and_against_the_stronger_untrained():
    # EMC2 is exactly 2 points above SimCLR on every seed although seeds differ by 10 points: the pair shows it
    results = [
        r
        for s in range(4)
        for r in (_run("emc2@16", s, 0.50 + 0.1 * s + 0.02, 0.6), _run("simclr@16", s, 0.50 + 0.1 * s, 0.6))
    ]
    untrained = [
        {
            "seed": s,
            "knn": max(0.4, 0.55 + 0.1 * s),
            "linear": 0.5,
            "knn_shipped": 0.4,
            "knn_standard": 0.55 + 0.1 * s,
            "linear_shipped": 0.5,
            "linear_standard": 0.45,
        }
        for s in range(4)
    ]
    table, notes = bench.paired_table(results, untrained)
    assert "| EMC2@16 − SimCLR@16 | +2.0 ± 0.0 | +0.0 ± 0.0 |" in table
    assert "| EMC2@16 − best untrained | -3.0 ± 0.0 | +10.0 ± 0.0 |" in table
    assert any(n.startswith("EMC2@16 − SimCLR@16, k-NN: +2.0 ± 0.0") and "above 0" in n for n in notes)


def test_learning_rate_is_chosen_on_the_tuning_runs_of_its_own_configuration():
    tuning = [
        {"key": "emc2@16", "lr": 5e-4, "knn": 0.60},
        {"key": "emc2@16", "lr": 1e-3, "knn": 0.55},
        {"key": "simclr@16", "lr": 5e-4, "knn": 0.40},
        {"key": "simclr@16", "lr": 1e-3, "knn": 0.70},
    ]
    assert bench.choose_lr(tuning, "emc2@16") == 5e-4
    assert bench.choose_lr(tuning, "simclr@16") == 1e-3


def test_evaluation_runs_come_seed_by_seed_after_tuning():
    tasks = [
        {"stage": "eval", "seed": 1, "factor": 8, "batch": 128},
        {"stage": "eval", "seed": 0, "factor": 1, "batch": 16},
        {"stage": "tune", "seed": 1000, "factor": 1, "batch": 16},
        {"stage": "eval", "seed": 0, "factor": 8, "batch": 128},
    ]
    order = sorted(tasks, key=bench._priority)
    assert [(t["stage"], t["seed"], t["factor"]) for t in order] == [
        ("tune", 1000, 1),
        ("eval", 0, 8),
        ("eval", 0, 1),
        ("eval", 1, 8),
    ]
