"""Contrastive model: shapes, unit norm, normalisation layers, channels_last, config round trip."""

from __future__ import annotations

import pytest
import torch
import torchvision
from torch import nn

from badbatch_gui.core.nets.models import (
    IMAGENET_MEAN,
    IMAGENET_STD,
    backbone_layer_features,
    build_from_config,
    build_model,
    encoder_config,
)

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _no_downloads(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model tried to download weights")

    monkeypatch.setattr(torch.hub, "load_state_dict_from_url", refuse)


def _images(b: int = 2, s: int = 32, seed: int = 0) -> torch.Tensor:
    return torch.rand(b, 3, s, s, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("norm", ["group", "none", "batch"])
def test_shapes_unit_norm_and_norm_layers(norm):
    torch.manual_seed(0)
    model = build_model("resnet18", norm=norm, proj_dim=64, hidden_dim=128).eval()
    x = _images()
    z = model(x)
    assert z.shape == (2, 64)
    assert torch.allclose(z.norm(dim=1), torch.ones(2), atol=1e-5)
    assert model.backbone(x).shape == (2, 512)
    assert model.feature_dim == 512
    kinds = {type(m) for m in model.modules()}
    if norm == "batch":
        assert nn.BatchNorm2d in kinds
    else:
        assert nn.BatchNorm2d not in kinds
        assert not any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())
        assert (nn.GroupNorm in kinds) == (norm == "group")
    assert isinstance(model.backbone.body.fc, nn.Identity)
    assert model.backbone.body.conv1.kernel_size == (7, 7)  # ImageNet stem


def test_resnet50_dimensions():
    model = build_model("resnet50", norm="group").eval()
    assert model.feature_dim == 2048
    gn = [m for m in model.modules() if isinstance(m, nn.GroupNorm)]
    assert gn
    assert all(m.num_channels % m.num_groups == 0 and m.num_groups <= 32 for m in gn)
    with torch.no_grad():
        assert model.backbone(_images(1, 32)).shape == (1, 2048)


def test_normalisation_is_inside_the_model():
    torch.manual_seed(0)
    model = build_model("resnet18", norm="group").eval()
    x = _images()
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    with torch.no_grad():
        assert torch.allclose(model.backbone(x), model.backbone.body((x - mean) / std), atol=1e-5)
        assert not torch.allclose(model.backbone(x), model.backbone.body(x), atol=1e-3)
    assert "backbone.mean" in model.state_dict()


def test_channels_last_gives_the_same_output():
    torch.manual_seed(0)
    model = build_model("resnet18", norm="group").eval()
    x = _images(2, 48)
    with torch.no_grad():
        ref = model(x)
        model = model.to(memory_format=torch.channels_last)
        got = model(x.contiguous(memory_format=torch.channels_last))
    assert torch.allclose(ref, got, atol=1e-4)


def test_no_norm_activations_stay_bounded_and_train():
    """norm="none": residual branches start at zero, so features neither vanish nor explode."""
    torch.manual_seed(0)
    model = build_model("resnet18", norm="none")
    x = _images(4, 64)
    feats = model.backbone(x)
    assert torch.isfinite(feats).all()
    assert 1e-3 < feats.std().item() < 10.0
    z = model(x)
    z.sum().backward()
    last_conv_grads = [
        m.conv2.weight.grad for m in model.modules() if isinstance(m, torchvision.models.resnet.BasicBlock)
    ]
    assert all(g is not None and g.abs().sum() > 0 for g in last_conv_grads)  # zero-init still learns


def test_config_round_trip_rebuilds_the_same_network():
    torch.manual_seed(0)
    model = build_model("resnet18", norm="none", proj_dim=32, hidden_dim=64).eval()
    cfg = encoder_config(model)
    assert cfg["backbone"] == "resnet18"
    assert cfg["norm"] == "none"
    assert cfg["feature_dim"] == 512
    assert cfg["input"]["mean"] == list(IMAGENET_MEAN)
    twin = build_from_config(cfg).eval()
    twin.load_state_dict(model.state_dict())
    x = _images()
    with torch.no_grad():
        assert torch.equal(model(x), twin(x))
    with pytest.raises(ValueError, match="unknown backbone 'vgg'"):
        build_from_config({**cfg, "backbone": "vgg"})


@pytest.mark.parametrize(("layer", "channels"), [("layer1", 64), ("layer2", 128), ("layer3", 256), ("layer4", 512)])
def test_layer_features(layer, channels):
    torch.manual_seed(0)
    model = build_model("resnet18", norm="group").eval()
    x = _images(2, 64)
    with torch.no_grad():
        f = backbone_layer_features(model, x, layer)
        assert f.shape == (2, channels)
        if layer == "layer4":
            assert torch.allclose(f, model.backbone(x), atol=1e-5)
        # a bare torchvision ResNet (ImageNet normalisation applied by the helper) gives the same features
        assert torch.allclose(backbone_layer_features(model.backbone.body, x, layer), f, atol=1e-5)
    with pytest.raises(ValueError, match="unknown layer 'layer5'"):
        backbone_layer_features(model, x, "layer5")
