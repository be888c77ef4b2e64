"""Frozen-feature evaluation: split, k-NN, linear probe, model sources, events."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.nets.models import build_model
from badbatch_gui.core.training.evaluation import (
    duplicate_groups,
    evaluate,
    knn_accuracy,
    linear_probe_accuracy,
    stratified_split,
)
from badbatch_gui.core.training.loop.trainer import Trainer
from tests.helpers.synth_images import make_folder

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    return make_folder(tmp_path_factory.mktemp("lab") / "labelled", n=48, seed=5, labelled=True)


def test_stratified_split_is_fixed_and_balanced():
    y = np.repeat(np.arange(3), [10, 20, 3])
    tr, te = stratified_split(y, seed=0)
    tr2, te2 = stratified_split(y, seed=0)
    assert (tr == tr2).all()
    assert (te == te2).all()
    assert set(tr).isdisjoint(te)
    assert len(tr) + len(te) == len(y)
    assert [int((y[tr] == c).sum()) for c in range(3)] == [7, 14, 2]
    assert not np.array_equal(stratified_split(y, seed=1)[0], tr)


def test_split_never_puts_two_copies_of_one_photo_on_both_sides():
    rng = np.random.default_rng(3)
    y = np.repeat(np.arange(3), 40)
    paths = [f"c{c}/img_{i:03d}.png" for i, c in enumerate(y)]
    dups = tuple(
        tuple(rng.choice(np.flatnonzero(y == c), size=int(rng.integers(2, 6)), replace=False).tolist())
        for c in rng.integers(0, 3, size=12)
    )
    dups = tuple(tuple(paths[i] for i in g) for g in dups)
    groups = duplicate_groups(paths, dups)
    for seed in range(20):
        tr, te = stratified_split(y, seed=seed, groups=groups)
        assert set(tr).isdisjoint(te)
        assert len(tr) + len(te) == len(y)
        assert set(groups[tr]).isdisjoint(groups[te])  # every duplicate group sits on one side
        assert abs(len(tr) / len(y) - 0.7) < 0.1
    # without the groups, some seed splits a group (so the test can fail)
    assert any(not set(groups[a]).isdisjoint(groups[b]) for a, b in (stratified_split(y, seed=s) for s in range(20)))


def test_knn_and_linear_probe_on_synthetic_features():
    g = torch.Generator().manual_seed(0)
    centres = torch.randn(4, 32, generator=g) * 3
    y = torch.arange(200) % 4
    x = centres[y] + torch.randn(200, 32, generator=g)
    tr, te = (torch.from_numpy(a) for a in stratified_split(y.numpy(), 0))
    assert knn_accuracy(x[tr], y[tr], x[te], y[te]) > 0.95
    lin = linear_probe_accuracy(x[tr], y[tr], x[te], y[te])
    assert lin > 0.95
    assert lin == linear_probe_accuracy(x[tr], y[tr], x[te], y[te])
    shuffled = y[torch.randperm(200, generator=g)]
    assert knn_accuracy(x[tr], shuffled[tr], x[te], shuffled[te]) < 0.6


def test_random_init_baseline_on_a_labelled_folder(labelled):
    events: list = []
    r = evaluate("random", labelled, image_size=32, on_event=events.append)
    assert 0.0 <= r.knn_accuracy <= 1.0
    assert 0.0 <= r.linear_accuracy <= 1.0
    assert 0.0 <= r.knn1_accuracy <= 1.0
    assert r.n_classes == 4
    assert r.n_train + r.n_test == 48
    assert r.chance == 0.25
    assert r.feature_dim == 512
    assert r.classes == ("cross", "disk", "square", "stripes")
    done = [e for e in events if isinstance(e, ev.RunFinished)]
    assert len(done) == 1
    assert done[0].reason is ev.FinishReason.COMPLETED
    assert done[0].result == r
    again = evaluate("random", labelled, image_size=32)
    assert (again.knn_accuracy, again.linear_accuracy, again.knn1_accuracy) == (
        r.knn_accuracy,
        r.linear_accuracy,
        r.knn1_accuracy,
    )


def test_a_trained_run_beats_chance(labelled, tmp_path):
    pictures = make_folder(tmp_path / "unlabelled", n=48, seed=9)
    cfg = TrainConfig(method="emc2", batch_size=8, epochs=1, image_size=32, device="cpu")
    Trainer(cfg, pictures, tmp_path / "run").run()
    r = evaluate(tmp_path / "run", labelled)
    assert r.image_size == 32
    assert r.knn_accuracy >= 0.5
    assert r.linear_accuracy >= 0.5
    model_report = evaluate(build_model("resnet18", "group"), labelled, image_size=32)
    assert 0.0 <= model_report.knn_accuracy <= 1.0


def test_refuses_a_folder_without_classes_and_honours_stop(tmp_path, labelled):
    flat = make_folder(tmp_path / "flat", n=8)
    events: list = []
    with pytest.raises(FolderError):
        evaluate("random", flat, image_size=32, on_event=events.append)
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.ERRORED]
    control = RunControl()
    control.request_stop()
    events.clear()
    with pytest.raises(Cancelled):
        evaluate("random", labelled, image_size=32, control=control, on_event=events.append)
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.CANCELED]
