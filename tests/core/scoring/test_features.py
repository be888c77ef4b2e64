"""Preview feature networks: offline weight sources in order, ImageNet checksum, untrained flag, extraction."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.nets.encoder_io import save_encoder
from badbatch_gui.core.nets.models import build_model
from badbatch_gui.core.scoring import feature_weights, features
from badbatch_gui.core.scoring.features import FeatureSource, extract, load_feature_network, pick_device

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def empty_hub(tmp_path, monkeypatch):
    """An empty torch hub cache: no test may see ImageNet files of the machine it runs on."""
    hub = tmp_path / "hub"
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(hub))
    return hub


def _images(n: int = 4, size: int = 32, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, 3, size, size, generator=g)


def test_untrained_network_is_flagged_and_deterministic():
    net, src = load_feature_network("resnet18", None, "cpu")
    assert isinstance(src, FeatureSource)
    assert src.untrained
    assert src.note == "untrained feature network"
    assert src.weights == ""
    assert src.layer == features.UNTRAINED_LAYER
    assert src.normalisation == features.UNTRAINED_NORMALISATION
    state = torch.random.get_rng_state()
    net2, _ = load_feature_network("resnet18", None, "cpu")
    assert torch.equal(state, torch.random.get_rng_state())  # building it leaves torch's global RNG alone
    x = _images()
    a, b = extract(net, x), extract(net2, x)
    assert a.dtype == np.float64
    assert a.shape[0] == 4
    np.testing.assert_array_equal(a, b)
    net3, _ = load_feature_network("resnet18", None, "cpu", seed=1)
    assert not np.allclose(a, extract(net3, x))


def test_extract_accepts_uint8_and_float_alike():
    net, _ = load_feature_network("resnet18", None, "cpu")
    u8 = (torch.rand(3, 3, 32, 32) * 255).round().to(torch.uint8)
    np.testing.assert_allclose(extract(net, u8), extract(net, u8.float() / 255), rtol=1e-6, atol=1e-6)


def test_l2_layers_give_unit_rows():
    net, src = load_feature_network("resnet18", None, "cpu", layer="layer4", normalisation="l2")
    f = extract(net, _images())
    assert f.shape == (4, 512)
    assert src.layer == "layer4"
    np.testing.assert_allclose(np.linalg.norm(f, axis=1), 1.0, rtol=1e-6)


def test_trained_run_uses_the_projector_l2_normalised(tmp_path):
    model = build_model("resnet18", norm="group", proj_dim=32, hidden_dim=64).eval()
    run = tmp_path / "run"
    run.mkdir()
    torch.save(
        {"model": model.state_dict(), "config": {"backbone": "resnet18", "norm": "group"}, "schema": 1},
        run / "checkpoint.pt",
    )
    net, src = load_feature_network("resnet50", str(run), "cpu")  # the run's own backbone wins
    assert not src.untrained
    assert src.layer == "projector"
    assert src.normalisation == "l2"
    assert src.backbone == "resnet18"
    assert "trained encoder" in src.name
    x = _images()
    with torch.no_grad():
        want = model(x).double().numpy()
    np.testing.assert_allclose(extract(net, x), want, rtol=1e-4, atol=1e-5)


def test_export_without_head_uses_the_backbone(tmp_path):
    model = build_model("resnet18", norm="none", proj_dim=16, hidden_dim=32).eval()
    folder = tmp_path / "export"
    folder.mkdir()
    save_encoder(model, folder / "encoder.safetensors", image_size=32, include_head=False)
    net, src = load_feature_network("resnet18", str(folder), "cpu")
    assert src.layer == "backbone"
    assert src.normalisation == "l2"
    assert not src.untrained
    x = _images()
    with torch.no_grad():
        want = F.normalize(model.backbone(x), dim=1).double().numpy()
    np.testing.assert_allclose(extract(net, x), want, rtol=1e-4, atol=1e-5)


def test_wrong_imagenet_file_is_refused_with_a_clear_error(tmp_path):
    fake = tmp_path / "resnet18-f37072fd.pth"  # the published name, but not the published bytes
    torch.save({"conv1.weight": torch.zeros(64, 3, 7, 7)}, fake)
    with pytest.raises(CheckpointError) as err:
        load_feature_network("resnet18", str(fake), "cpu")
    msg = str(err.value)
    assert "sha256" in msg
    assert "resnet18-f37072fd.pth" in msg
    assert "\n" not in msg


def test_imagenet_file_accepted_only_when_its_hash_matches(tmp_path, monkeypatch, empty_hub):
    from torchvision.models import resnet18

    sd = resnet18(weights=None).state_dict()
    blob = tmp_path / "weights.pth"
    torch.save(sd, blob)
    digest = hashlib.sha256(blob.read_bytes()).hexdigest()
    name = f"resnet18-{digest[:8]}.pth"
    monkeypatch.setattr(
        feature_weights,
        "imagenet_file_names",
        lambda backbone: {name: "ResNet18_Weights.IMAGENET1K_V1"} if backbone == "resnet18" else {},
    )
    # (b) a file the operator picked ...
    net, src = load_feature_network("resnet18", str(blob), "cpu")
    assert not src.untrained
    assert src.name.startswith("ImageNet ResNet-18")
    assert src.layer == "backbone"
    assert src.fingerprint == f"imagenet:{digest}"
    # ... or found in the local hub cache when no weights are given (never downloaded)
    (empty_hub / "checkpoints").mkdir(parents=True)
    (empty_hub / "checkpoints" / name).write_bytes(blob.read_bytes())
    _, hub_src = load_feature_network("resnet18", None, "cpu")
    assert not hub_src.untrained
    assert hub_src.weights.endswith(name)
    # a tampered copy in the hub cache is ignored: random init, flagged
    (empty_hub / "checkpoints" / name).write_bytes(blob.read_bytes() + b"tampered")
    _, src3 = load_feature_network("resnet18", None, "cpu")
    assert src3.untrained


def test_unsafe_and_unrelated_files_are_refused(tmp_path):
    missing = tmp_path / "nothing.pth"
    with pytest.raises(CheckpointError):
        load_feature_network("resnet18", str(missing), "cpu")
    junk = tmp_path / "junk.pth"
    junk.write_bytes(b"not a weights file at all")
    with pytest.raises(UnsafeFileError, match="not a PyTorch file at all"):  # indistinguishable from a hostile pickle
        load_feature_network("resnet18", str(junk), "cpu")
    evil = tmp_path / "evil.pt"
    torch.save({"model": {"x": torch.zeros(1)}, "obj": Path("x")}, evil)  # needs unpickling a class
    with pytest.raises(UnsafeFileError):
        load_feature_network("resnet18", str(evil), "cpu")
    empty_dir = tmp_path / "run"
    empty_dir.mkdir()
    with pytest.raises(CheckpointError, match="checkpoint.pt"):
        load_feature_network("resnet18", str(empty_dir), "cpu")


def test_pick_device_falls_back_to_cpu():
    assert pick_device("cpu").type == "cpu"
    if not torch.cuda.is_available():
        assert pick_device("cuda").type == "cpu"
        assert pick_device("auto").type in ("cpu", "mps")
