"""The Inspect step's encoder: a run folder (with the checkpoint's .prev fallback) or an export, the same fingerprint
for the same weights, and an untrained twin whose standard initialisation makes every residual block count.
"""

from __future__ import annotations

import json

import pytest
import torch
from torch import nn

from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.inspect.model import load_model, untrained_twin
from badbatch_gui.core.nets.encoder_io import save_encoder
from badbatch_gui.core.nets.models import build_model


@pytest.fixture
def run_and_export(tmp_path):
    torch.manual_seed(1)
    model = build_model()
    run = tmp_path / "run"
    run.mkdir()
    config = {
        "backbone": "resnet18",
        "norm": "group",
        "stem": "imagenet",
        "image_size": 64,
        "exclude": ["left/out.png"],
    }
    (run / "run.json").write_text(json.dumps({"config": config, "folder": str(tmp_path / "photos")}))
    (run / "images.json").write_text(json.dumps({"root": str(tmp_path / "photos"), "paths": ["a.png"]}))
    torch.save({"model": model.state_dict(), "config": config}, run / "checkpoint.pt")
    export = tmp_path / "export"
    export.mkdir()
    save_encoder(model, export / "encoder.safetensors", 64)
    return run, export


def test_a_run_and_its_export_are_the_same_encoder(run_and_export, tmp_path):
    run, export = run_and_export
    from_run, from_export = load_model(run), load_model(export)
    assert from_run.kind == "run"
    assert from_export.kind == "export"
    assert from_run.fingerprint == from_export.fingerprint
    assert from_run.input_size == from_export.input_size == 64
    assert from_run.training_folder == tmp_path / "photos"
    assert from_run.left_out == ("left/out.png",)
    assert from_export.training_folder is None
    assert from_export.left_out == ()


def test_a_damaged_checkpoint_falls_back_to_the_previous_one(run_and_export):
    run, _ = run_and_export
    good = load_model(run).fingerprint
    data = (run / "checkpoint.pt").read_bytes()
    (run / "checkpoint.pt").rename(run / "checkpoint.pt.prev")
    (run / "checkpoint.pt").write_bytes(data[: len(data) // 2])  # cut off in the middle of a save
    assert load_model(run).fingerprint == good


def test_missing_or_foreign_models_are_refused_with_codes(tmp_path):
    with pytest.raises(CheckpointError) as missing:
        load_model(tmp_path / "nothing")
    assert missing.value.code == "inspect_model_missing"
    (tmp_path / "photos").mkdir()
    with pytest.raises(CheckpointError) as foreign:
        load_model(tmp_path / "photos")
    assert foreign.value.code == "inspect_model_not_a_model"


def test_the_untrained_twin(run_and_export):
    trained = load_model(run_and_export[1])
    standard, shipped = untrained_twin(trained, "standard"), untrained_twin(trained, "shipped")
    assert standard.untrained
    assert standard.input_size == trained.input_size
    assert len({trained.fingerprint, standard.fingerprint, shipped.fingerprint}) == 3
    assert untrained_twin(trained, "standard").fingerprint == standard.fingerprint  # same seed, same network
    gains = [m.bn2.weight for m in standard.backbone.modules() if hasattr(m, "bn2")]
    zeros = [m.bn2.weight for m in shipped.backbone.modules() if hasattr(m, "bn2")]
    assert gains
    assert all(torch.all(g == 1) for g in gains)
    assert all(torch.all(z == 0) for z in zeros)
    x = torch.rand(2, 3, 64, 64)
    with torch.no_grad():  # with zero gains every block is the identity: layer1 changes nothing
        body = shipped.backbone.body
        h = body.maxpool(body.relu(body.bn1(body.conv1(shipped.backbone.normalise(x)))))
        assert torch.allclose(body.layer1(h), nn.functional.relu(h))
        body = standard.backbone.body
        h = body.maxpool(body.relu(body.bn1(body.conv1(standard.backbone.normalise(x)))))
        assert not torch.allclose(body.layer1(h), nn.functional.relu(h))
    with pytest.raises(ValueError, match="unknown initialisation 'imagenet'"):
        untrained_twin(trained, "imagenet")
