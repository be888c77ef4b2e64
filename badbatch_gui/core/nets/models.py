"""Contrastive encoder: torchvision ResNet (no pretrained weights) + MLP projector (docs/design/emc2.md §5-6).

The model maps float images ``(B, 3, S, S)`` in [0, 1] to L2-normalised embeddings. ImageNet mean/std
normalisation happens *inside* the backbone (buffers), so every caller feeds plain [0, 1] images.

Design choices [project] (the measurements behind them: docs/design/emc2.md §5.4):
- ImageNet stem (7x7 stride-2 conv + max-pool, total stride 4) by default, as in EMC2's STL-10 runs; the small-image
  stems (``stem``: 3x3 stride 1, with or without max-pool) are available but lost at equal CPU time.
- No BatchNorm by default (it leaks batch statistics into the negatives). ``norm="group"`` (the default) uses
  GroupNorm with 32 groups (fewer when the channel count is not divisible), the only variant stable at lr 1e-3;
  ``norm="none"`` uses Identity, like the paper's ``--disable_batchnorm``, and needs the small lr;
  ``norm="batch"`` keeps BatchNorm for comparisons only.
- Every residual block starts as the identity ("zero-init residual"): without a norm the last conv of each block
  is zeroed, with GroupNorm its last weight (torchvision's ``zero_init_residual``), so the signal scale is set by
  the stem and the down-sampling shortcuts only.
"""

from __future__ import annotations

import logging
from typing import Any, cast

import torch
import torch.nn.functional as F
import torchvision
from torch import nn

logger = logging.getLogger(__name__)

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
BACKBONES = {"resnet18": 512, "resnet50": 2048}
NORMS = ("group", "none", "batch")
# Stems and their total stride (how much smaller the first residual stage's map is than the image).
STEMS = {"imagenet": 4, "small_pool": 2, "small": 1}
LAYERS = ("layer1", "layer2", "layer3", "layer4")
CONFIG_VERSION = 1


def _groups_for(channels: int, max_groups: int = 32) -> int:
    """Largest group count <= ``max_groups`` that divides ``channels``."""
    for g in range(min(max_groups, channels), 0, -1):
        if channels % g == 0:
            return g
    return 1


def _replace_batchnorm(module: nn.Module, norm: str) -> None:
    """Recursively replace every BatchNorm2d by GroupNorm or Identity (in place)."""
    for name, child in module.named_children():
        if isinstance(child, nn.BatchNorm2d):
            c = child.num_features
            new: nn.Module = nn.GroupNorm(_groups_for(c), c) if norm == "group" else nn.Identity()
            setattr(module, name, new)
        else:
            _replace_batchnorm(child, norm)


def _replace_stem(body: nn.Module, stem: str) -> None:
    """Swap torchvision's ImageNet stem (7x7 stride-2 conv + 3x3 stride-2 max-pool) for a small-image one."""
    if stem == "imagenet":
        return
    body.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    nn.init.kaiming_normal_(body.conv1.weight, mode="fan_out", nonlinearity="relu")
    if stem == "small":
        body.maxpool = nn.Identity()


def _zero_init_residual(resnet: nn.Module, norm: str) -> None:
    """Make every residual block start as the identity (see module docstring)."""
    for m in resnet.modules():
        if isinstance(m, torchvision.models.resnet.BasicBlock):
            last_norm, last_conv = m.bn2, m.conv2
        elif isinstance(m, torchvision.models.resnet.Bottleneck):
            last_norm, last_conv = m.bn3, m.conv3
        else:
            continue
        if isinstance(last_norm, (nn.GroupNorm, nn.BatchNorm2d)):
            nn.init.zeros_(last_norm.weight)
        else:
            nn.init.zeros_(last_conv.weight)


class Backbone(nn.Module):
    """ImageNet normalisation + ResNet trunk with ``fc`` removed.

    Args:
        arch: ``"resnet18"`` or ``"resnet50"``.
        norm: ``"group"``, ``"none"`` or ``"batch"``.
        stem: ``"imagenet"`` (7x7 stride-2 conv + max-pool: total stride 4), ``"small_pool"`` (3x3 stride-1
            conv + max-pool: stride 2) or ``"small"`` (3x3 stride-1 conv, no pool: stride 1, the usual
            CIFAR stem). The default is ``"imagenet"``: see the module docstring for the measurement.
    """

    mean: torch.Tensor  # buffers, registered in __init__
    std: torch.Tensor

    def __init__(self, arch: str = "resnet18", norm: str = "group", stem: str = "imagenet") -> None:
        super().__init__()
        if arch not in BACKBONES:
            raise ValueError(f"unknown backbone {arch!r}; use one of {sorted(BACKBONES)}")
        if norm not in NORMS:
            raise ValueError(f"unknown norm {norm!r}; use one of {NORMS}")
        if stem not in STEMS:
            raise ValueError(f"unknown stem {stem!r}; use one of {sorted(STEMS)}")
        body = getattr(torchvision.models, arch)(weights=None)  # never download weights
        body.fc = nn.Identity()
        _replace_stem(body, stem)
        if norm != "batch":
            _replace_batchnorm(body, norm)
        _zero_init_residual(body, norm)
        self.body = body
        self.arch = arch
        self.norm = norm
        self.stem = stem
        self.feature_dim = BACKBONES[arch]
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

    def normalise(self, x: torch.Tensor) -> torch.Tensor:
        """ImageNet mean/std normalisation.

        Shape: x (B, 3, S, S) float in [0, 1] -> (B, 3, S, S).
        """
        return (x - self.mean.to(x.dtype)) / self.std.to(x.dtype)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Hidden features.

        Shape: x (B, 3, S, S) float in [0, 1] -> (B, F).
        """
        return cast(torch.Tensor, self.body(self.normalise(x)))


class ContrastiveModel(nn.Module):
    """Backbone + projector ``Linear(F, hidden) + ReLU + Linear(hidden, proj_dim)``; output L2-normalised.

    Attributes:
        backbone: :class:`Backbone`, images -> hidden features (B, F).
        projector: MLP head, (B, F) -> (B, proj_dim).
        feature_dim: F (512 for ResNet-18, 2048 for ResNet-50).
    """

    def __init__(
        self,
        backbone: str = "resnet18",
        norm: str = "group",
        proj_dim: int = 128,
        hidden_dim: int = 512,
        stem: str = "imagenet",
    ) -> None:
        super().__init__()
        self.backbone = Backbone(backbone, norm, stem)
        self.feature_dim = self.backbone.feature_dim
        self.proj_dim = proj_dim
        self.hidden_dim = hidden_dim
        self.projector = nn.Sequential(
            nn.Linear(self.feature_dim, hidden_dim), nn.ReLU(inplace=True), nn.Linear(hidden_dim, proj_dim)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """L2-normalised embedding z = f(x).

        Shape: x (B, 3, S, S) float in [0, 1] -> (B, proj_dim), unit rows.
        """
        return F.normalize(self.projector(self.backbone(x)), dim=1)


def build_model(
    backbone: str = "resnet18", norm: str = "group", proj_dim: int = 128, hidden_dim: int = 512, stem: str = "imagenet"
) -> ContrastiveModel:
    """Build a randomly initialised :class:`ContrastiveModel` (no download, ever)."""
    return ContrastiveModel(backbone=backbone, norm=norm, proj_dim=proj_dim, hidden_dim=hidden_dim, stem=stem)


def encoder_config(model: ContrastiveModel) -> dict[str, Any]:
    """JSON-able description of the architecture and preprocessing (model card / export sidecar)."""
    bb = model.backbone
    return {
        "config_version": CONFIG_VERSION,
        "family": "torchvision-resnet",
        "backbone": bb.arch,
        "norm": bb.norm,
        "group_norm_max_groups": 32 if bb.norm == "group" else None,
        "stem": bb.stem,
        "feature_dim": model.feature_dim,
        "hidden_dim": model.hidden_dim,
        "proj_dim": model.proj_dim,
        "projector": "Linear(F,hidden)+ReLU+Linear(hidden,proj_dim), output L2-normalised",
        "input": {
            "layout": "NCHW",
            "dtype": "float32",
            "channels": "RGB",
            "range": [0.0, 1.0],
            "mean": list(IMAGENET_MEAN),
            "std": list(IMAGENET_STD),
            "normalisation_inside_model": True,
        },
    }


def optimizer_groups(model: nn.Module, weight_decay: float, scope: str = "matrices") -> list[dict[str, Any]]:
    """AdamW parameter groups: decay conv/linear weight matrices only (``scope="matrices"``), or everything.

    Decaying 1-D parameters (GroupNorm gains and biases, linear biases) pulls the zero-initialised residual
    gates and the norm scales towards 0, which fights the network's own scale control; the usual practice
    (e.g. timm's ``param_groups_weight_decay``) exempts them.
    """
    if scope == "all":
        return [{"params": [p for p in model.parameters() if p.requires_grad], "weight_decay": weight_decay}]
    decay = [p for p in model.parameters() if p.requires_grad and p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.requires_grad and p.ndim < 2]
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def build_from_config(d: dict[str, Any]) -> ContrastiveModel:
    """Rebuild the (untrained) model that :func:`encoder_config` described; load weights separately."""
    try:
        return build_model(
            backbone=d["backbone"],
            norm=d["norm"],
            proj_dim=int(d["proj_dim"]),
            hidden_dim=int(d["hidden_dim"]),
            stem=str(d.get("stem", "imagenet")),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"not a valid encoder configuration: {exc}") from exc


def backbone_layer_features(model_or_resnet: nn.Module, x: torch.Tensor, layer: str = "layer4") -> torch.Tensor:
    """Global-average-pooled activations of one ResNet stage (FRD preview features, docs/design/frd.md §9).

    Accepts a :class:`ContrastiveModel`, a :class:`Backbone` or a bare torchvision ResNet. The input is
    always [0, 1] images; ImageNet normalisation is applied here for a bare ResNet too.

    Shape: x (B, 3, S, S) float in [0, 1] -> (B, C) with C = channels of ``layer``.
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; use one of {LAYERS}")
    if isinstance(model_or_resnet, ContrastiveModel):
        model_or_resnet = model_or_resnet.backbone
    if isinstance(model_or_resnet, Backbone):
        net, h = model_or_resnet.body, model_or_resnet.normalise(x)
    else:
        net = model_or_resnet
        mean = torch.tensor(IMAGENET_MEAN, device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
        std = torch.tensor(IMAGENET_STD, device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
        h = (x - mean) / std
    h = net.maxpool(net.relu(net.bn1(net.conv1(h))))
    for name in LAYERS:
        h = getattr(net, name)(h)
        if name == layer:
            break
    return torch.flatten(F.adaptive_avg_pool2d(h, 1), 1)
