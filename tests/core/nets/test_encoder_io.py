"""load_encoder: safetensors round trip, run checkpoints, preprocessing, and refusal of unsafe files."""

from __future__ import annotations

import json
import os
import pickle

import numpy as np
import pytest
import torch
from PIL import Image

import badbatch_gui
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.data.imageio import load_rgb_array
from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.nets.encoder_io import WEIGHTS_FILE, load_encoder, save_encoder
from badbatch_gui.core.nets.models import build_model
from badbatch_gui.core.nets.preprocess import Preprocess

torch.set_num_threads(1)
SIZE = 32


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(0)
    m = build_model("resnet18", "group", proj_dim=16, hidden_dim=32).eval()
    with torch.no_grad():  # non-trivial weights everywhere (zero-init residual norms would hide mistakes)
        for p in m.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    return m


def _images(n: int = 3) -> torch.Tensor:
    return torch.rand(n, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(1))


def test_safetensors_round_trip_is_exact_and_backbone_only(model, tmp_path):
    save_encoder(model, tmp_path / WEIGHTS_FILE, SIZE)
    enc, pre = badbatch_gui.load_encoder(tmp_path)
    assert not enc.training
    assert pre.size == SIZE
    assert enc.projector is None
    x = _images()
    with torch.no_grad():
        assert torch.equal(enc(x), model.backbone(x))
    assert enc(x).shape == (3, 512)
    from safetensors import safe_open

    with safe_open(str(tmp_path / WEIGHTS_FILE), framework="pt") as f:
        meta = f.metadata()
        keys = list(f.keys())
    assert all(k.startswith("backbone.") for k in keys)
    assert all(isinstance(v, str) for v in meta.values())
    assert json.loads(meta["architecture"])["backbone"] == "resnet18"
    with pytest.raises(CheckpointError, match="include-head"):
        enc.project(x)


def test_round_trip_with_head(model, tmp_path):
    save_encoder(model, tmp_path / "enc.safetensors", SIZE, include_head=True)
    enc, _ = load_encoder(tmp_path / "enc.safetensors")
    x = _images(2)
    with torch.no_grad():
        assert torch.equal(enc.project(x), model(x))


def test_run_checkpoint_loads_through_the_run_folder(model, tmp_path):
    cfg = TrainConfig(image_size=SIZE, proj_dim=16).to_dict()
    cfg["hidden_dim"] = 32
    torch.save({"model": model.state_dict(), "config": cfg, "step": 3}, tmp_path / "checkpoint.pt")
    enc, pre = load_encoder(tmp_path)
    x = _images(2)
    with torch.no_grad():
        assert torch.equal(enc(x), model.backbone(x))
    assert pre.size == SIZE


def test_a_run_whose_checkpoint_is_damaged_or_missing_uses_its_previous_one(model, tmp_path):
    """The eval and embed commands read a run like resume and export: a damaged checkpoint.pt falls back to
    checkpoint.pt.prev.
    """
    cfg = TrainConfig(image_size=SIZE, proj_dim=16).to_dict()
    cfg["hidden_dim"] = 32
    torch.save({"model": model.state_dict(), "config": cfg}, tmp_path / "checkpoint.pt.prev")
    (tmp_path / "checkpoint.pt").write_bytes(b"PK\x03\x04 cut short")
    x = _images(2)
    for _ in range(2):
        enc, _pre = load_encoder(tmp_path)
        with torch.no_grad():
            assert torch.equal(enc(x), model.backbone(x))
        (tmp_path / "checkpoint.pt").unlink(missing_ok=True)  # second round: only the .prev copy is there
    (tmp_path / "checkpoint.pt.prev").write_bytes(b"PK\x03\x04 damaged too")
    with pytest.raises(CheckpointError, match="no earlier good checkpoint"):
        load_encoder(tmp_path)


class _Boom:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.filterwarnings("ignore:Detected pickle protocol:UserWarning")
@pytest.mark.parametrize("legacy", [False, True])
def test_code_running_pickle_is_refused_and_never_runs(model, tmp_path, legacy):
    marker = tmp_path / "PWNED"
    bad = tmp_path / "evil.pt"
    payload = {"model": model.backbone.state_dict(), "config": TrainConfig().to_dict(), "x": _Boom(str(marker))}
    if legacy:
        with open(bad, "wb") as f:
            pickle.dump(payload, f)
    else:
        torch.save(payload, bad)
    assert not marker.exists()
    with pytest.raises(UnsafeFileError, match="refused"):
        load_encoder(bad)
    assert not marker.exists()


@pytest.mark.parametrize("name", ["model.pkl", "model.onnx", "weights.bin", "model.npy", "noext"])
def test_unknown_formats_are_refused(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(UnsafeFileError, match="not a format"):
        load_encoder(p)


def test_damaged_or_foreign_files_give_plain_errors(tmp_path):
    from safetensors.torch import save_file

    save_file({"w": torch.zeros(2)}, str(tmp_path / "other.safetensors"))
    with pytest.raises(CheckpointError, match="not a BadBatch encoder"):
        load_encoder(tmp_path / "other.safetensors")
    (tmp_path / "broken.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{garbage")
    with pytest.raises(CheckpointError, match="not a readable"):
        load_encoder(tmp_path / "broken.safetensors")
    torch.save({"w": torch.zeros(2)}, tmp_path / "plain.pt")
    with pytest.raises(CheckpointError, match="no description"):
        load_encoder(tmp_path / "plain.pt")
    with pytest.raises(CheckpointError, match="does not exist"):
        load_encoder(tmp_path / "missing.safetensors")
    with pytest.raises(CheckpointError, match="neither"):
        load_encoder(tmp_path)


def test_mismatched_weights_are_refused(model, tmp_path):
    torch.save({"model": model.state_dict(), "config": TrainConfig(backbone="resnet50").to_dict()}, tmp_path / "c.pt")
    with pytest.raises(CheckpointError, match="do not match"):
        load_encoder(tmp_path / "c.pt")


def test_preprocess_matches_the_training_decode_for_paths_pil_and_arrays(tmp_path):
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 256, (40, 57, 3), dtype=np.uint8)
    path = tmp_path / "img.png"
    Image.fromarray(arr).save(path)
    pre = Preprocess(SIZE)
    expected = torch.from_numpy(load_rgb_array(path, SIZE)).permute(2, 0, 1).float() / 255
    assert torch.equal(pre(path), expected)
    assert torch.equal(pre(str(path)), expected)
    assert torch.equal(pre(Image.open(path)), expected)
    assert torch.equal(pre(arr), expected)
    assert pre.batch([path, path]).shape == (2, 3, SIZE, SIZE)
    card = pre.to_dict()
    assert card["input_size"] == SIZE
    assert card["normalisation"]["inside_model"] is True
    with pytest.raises(TypeError):
        pre(123)  # type: ignore[arg-type]  # the wrong type, on purpose


def test_no_file_is_created_next_to_the_refused_one(tmp_path):
    before = set(os.listdir(tmp_path))
    (tmp_path / "x.pickle").write_bytes(b"\x80\x04N.")
    with pytest.raises(UnsafeFileError):
        load_encoder(tmp_path / "x.pickle")
    assert set(os.listdir(tmp_path)) == before | {"x.pickle"}
