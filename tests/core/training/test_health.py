"""Training health warnings: collapse, EMC2 rows without a negative (issue 12), stale stored embeddings (issue 20)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.training.loop.trainer import Trainer
from badbatch_gui.core.training.methods.health import HealthWatch
from tests.helpers.synth_images import make_folder

torch.set_num_threads(1)
CHANCE = math.log(14)


def _feed(watch: HealthWatch, rows: list[dict]) -> list[ev.Notice]:
    out: list[ev.Notice] = []
    for i, r in enumerate(rows):
        out += watch.observe(i + 1, r, CHANCE)
    return out


def test_collapse_is_reported_once_after_the_warm_up_and_again_only_after_it_cleared():
    watch = HealthWatch(steps_per_pass=40)
    healthy = [{"loss": 1.5, "mean_cosine": 0.6}] * 60
    collapsed = [{"loss": CHANCE - 0.01, "mean_cosine": 0.999}] * 60
    assert _feed(watch, healthy) == []
    got = _feed(watch, collapsed)
    assert [n.code for n in got] == ["collapse"]
    assert got[0].level == "warning"
    assert _feed(watch, collapsed) == []  # not repeated while it lasts
    assert _feed(watch, healthy) == []
    assert [n.code for n in _feed(watch, collapsed)] == ["collapse"]


def test_an_untrained_start_is_not_a_collapse():
    """The untrained network's embeddings start nearly parallel: the warm-up keeps that from firing."""
    watch = HealthWatch(steps_per_pass=500)
    start = [{"loss": CHANCE - 0.01, "mean_cosine": 0.99}] * 99
    assert _feed(watch, start) == []


def test_spread_out_embeddings_that_learned_nothing_are_not_called_a_collapse():
    watch = HealthWatch(steps_per_pass=20)
    assert _feed(watch, [{"loss": CHANCE, "mean_cosine": 0.1}] * 100) == []


def test_rows_without_a_negative_are_reported():
    watch = HealthWatch(steps_per_pass=20)
    assert _feed(watch, [{"loss": 1.0, "mean_cosine": 0.5, "rows_without_negative": 0.01}] * 60) == []
    got = _feed(watch, [{"loss": 1.0, "mean_cosine": 0.5, "rows_without_negative": 0.4}] * 60)
    assert [n.code for n in got] == ["no_negatives"]
    assert got[0].data["fraction"] > 0.1


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("health") / "pictures", n=96, seed=0)


@pytest.mark.parametrize(("lr", "collapses"), [(1e-3, False), (1.0, True)])
def test_the_warning_fires_on_a_run_with_a_far_too_high_learning_rate_only(pictures, tmp_path, lr, collapses):
    events: list = []
    cfg = TrainConfig(
        method="emc2",
        batch_size=8,
        epochs=2,
        image_size=32,
        device="cpu",
        lr=lr,
        curate=False,
        seed=0,
        checkpoint_minutes=1e6,
    )
    Trainer(cfg, pictures, tmp_path / "run").run(on_event=events.append)
    codes = [e.code for e in events if isinstance(e, ev.Notice)]
    assert ("collapse" in codes) == collapses
    assert "no_negatives" not in codes
    steps = [e for e in events if isinstance(e, ev.StepMetrics)]
    assert all(s.chance_loss == pytest.approx(math.log(14)) for s in steps)
    if not collapses:  # a normal run learns: its loss ends below the collapse line
        assert steps[-1].loss < steps[-1].chance_loss


def test_stale_stored_embeddings_are_reported_only_when_stale_and_in_use():
    fresh = {
        "loss": 1.0,
        "mean_cosine": 0.3,
        "positive_similarity": 0.9,
        "stored_cosine": 0.85,
        "stored_share": 0.3,
        "stored_age": 10.0,
    }
    unused = {**fresh, "stored_cosine": 0.2, "stored_share": 0.1}  # stale, but carrying little of the weight
    stale = {**fresh, "stored_cosine": 0.2, "stored_share": 0.4}
    early = HealthWatch(steps_per_pass=30)  # the first two passes' vectors lag by nature: not judged
    assert _feed(early, [stale] * 60) == []
    for quiet in (fresh, unused):
        assert _feed(HealthWatch(steps_per_pass=10), [quiet] * 80) == []
    watch = HealthWatch(steps_per_pass=10)
    assert _feed(watch, [fresh] * 25) == []
    got = _feed(watch, [stale] * 60)
    assert [n.code for n in got] == ["stale_embeddings"]
    assert 0.3 <= got[0].data["gap"] <= 0.7
    assert got[0].data["age_passes"] == pytest.approx(1.0)


def test_a_run_with_deliberately_stale_stored_embeddings_gets_the_notice(pictures, tmp_path, monkeypatch):
    """EMC2 with stored embeddings whose stored vectors are deliberately wrong and win the chains' competition: each
    photo is stored with another photo's embedding, three times too long (so its stale score is high). The figures
    show it (stored and fresh embeddings of a photo no more alike than two different photos, half the negative weight
    on them) and the notice fires. Measured: a normal run of this folder keeps the gap under 0.3 from its third pass
    on and about 13 % of the weight on stored vectors; with wrong vectors of the right length only about 5 % of the
    weight rests on them (they lose the competition), so they are not worth a warning.
    """
    from badbatch_gui.core.training.methods.emc2_table import ChainTable

    store = ChainTable._store
    monkeypatch.setattr(ChainTable, "_store", lambda self, idx, z: store(self, idx, 3 * np.roll(z, 1, axis=0)))
    events: list = []
    cfg = TrainConfig(
        method="emc2",
        emc2_variant="stored",
        batch_size=8,
        epochs=6,
        image_size=32,
        device="cpu",
        curate=False,
        seed=0,
        checkpoint_minutes=1e6,
    )
    Trainer(cfg, pictures, tmp_path / "run").run(on_event=events.append)
    steps = [e for e in events if isinstance(e, ev.StepMetrics) and e.epoch >= 2]
    gap = np.median([s.positive_similarity - s.stored_cosine for s in steps])
    ages = [s.stored_age for s in steps if s.stored_age is not None and math.isfinite(s.stored_age)]
    assert gap > 0.6
    assert ages
    assert min(ages) >= 1
    assert np.mean([s.stored_share for s in steps]) > 0.3
    notices = [e for e in events if isinstance(e, ev.Notice) and e.code == "stale_embeddings"]
    assert len(notices) == 1
    assert notices[0].data["gap"] > 0.6
    assert "EMC2 (paper)" in notices[0].message
