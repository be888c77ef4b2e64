"""The in-training FRD gate (docs/design/frd.md §7) on synthetic scores."""

from __future__ import annotations

import numpy as np

from badbatch_gui.core.training.loop.curation import CurationGate, Verdict, curate


def _feed(gate: CurationGate, scores) -> list[Verdict]:
    out = []
    for s in scores:
        gate.begin_batch()
        out.append(gate.decide(float(s), 0))
    return out


def test_warm_up_records_but_never_rejects():
    gate = CurationGate(warmup_batches=30, redraws=2)
    rng = np.random.default_rng(0)
    scores = list(0.1 + 0.01 * rng.random(25)) + [9.0] * 5
    assert _feed(gate, scores) == [Verdict.ACCEPT] * 30
    assert len(gate.threshold) == 30
    assert gate.batches_seen == 30


def test_after_warm_up_a_bad_batch_is_redrawn_twice_then_rejected():
    gate = CurationGate(warmup_batches=20, redraws=2)
    rng = np.random.default_rng(1)
    _feed(gate, 0.1 + 0.01 * rng.random(25))
    tau = gate.begin_batch()
    assert tau is not None
    assert 0.1 < tau < 0.2
    assert gate.decide(5.0, 0) is Verdict.REDRAW
    assert gate.decide(4.0, 1) is Verdict.REDRAW
    assert gate.decide(3.0, 2) is Verdict.REJECT
    assert len(gate.threshold) == 26
    assert gate.threshold.scores[-1] == 5.0
    gate.begin_batch()
    assert gate.decide(5.0, 0) is Verdict.REDRAW
    assert gate.decide(0.1, 1) is Verdict.ACCEPT  # a good re-draw is trained on
    gate.begin_batch()
    assert gate.decide(0.105, 0) is Verdict.ACCEPT


def test_tau_comes_from_earlier_batches_only():
    gate = CurationGate(warmup_batches=0, redraws=0)
    _feed(gate, np.linspace(0.1, 0.2, 20))
    before = gate.begin_batch()
    gate.decide(100.0, 0)
    assert gate.tau == before  # the batch's own score does not move its threshold


def test_too_few_scores_or_disabled_never_rejects():
    gate = CurationGate(warmup_batches=0, redraws=1)
    assert _feed(gate, [0.1, 0.11, 9.0]) == [Verdict.ACCEPT] * 3  # below 20 scores: no threshold
    off = CurationGate(enabled=False, warmup_batches=0)
    _feed(off, 0.1 + 0.01 * np.random.default_rng(2).random(30))
    off.begin_batch()
    assert off.tau is not None
    assert off.decide(50.0, 0) is Verdict.ACCEPT


def test_non_finite_score_is_not_recorded_and_not_rejected():
    gate = CurationGate(warmup_batches=0)
    _feed(gate, 0.1 + 0.01 * np.random.default_rng(3).random(30))
    gate.begin_batch()
    assert gate.decide(float("nan"), 0) is Verdict.ACCEPT
    assert len(gate.threshold) == 30


def test_state_round_trip_and_reset():
    gate = CurationGate(warmup_batches=5, window=50)
    _feed(gate, 0.1 + 0.01 * np.random.default_rng(4).random(30))
    other = CurationGate(warmup_batches=5, window=50)
    other.load_state_dict(gate.state_dict())
    assert other.begin_batch() == gate.begin_batch()
    assert other.batches_seen == 30
    assert not other.warming_up
    other.reset(warmup_batches=3)
    assert len(other.threshold) == 0
    assert other.warming_up
    assert other.begin_batch() is None


def test_curate_redraws_until_accepted_and_skips_a_batch_that_stays_bad():
    gate = CurationGate(warmup_batches=20, redraws=2)
    rng = np.random.default_rng(2)
    _feed(gate, 0.1 + 0.01 * rng.random(25))
    redrawn: list[int] = []

    def redraw(attempt: int) -> str:
        redrawn.append(attempt)
        return f"draw{attempt}"

    scores = {"draw0": 5.0, "draw1": 0.1, "draw2": 0.1}
    good = curate(gate, "draw0", redraw, lambda d: ("z", d), lambda z: scores[z[1]])
    assert good.verdict is Verdict.ACCEPT
    assert good.draw == "draw1"
    assert good.views == ("z", "draw1")
    assert good.scores == [5.0, 0.1]
    assert redrawn == [1]
    assert good.tau is not None
    bad = curate(gate, "draw0", redraw, lambda d: ("z", d), lambda z: 5.0)
    assert bad.verdict is Verdict.REJECT
    assert bad.views is None
    assert bad.scores == [5.0, 5.0, 5.0]
    assert redrawn == [1, 1, 2]
