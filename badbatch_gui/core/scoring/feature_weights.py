"""Offline weight sources for the preview's feature network: trained encoders and checked ImageNet files.

- A trained run (``checkpoint.pt``: ``"model"`` + ``"architecture"``/``"config"``) or an export
  (``encoder.safetensors`` whose metadata, or the ``model_card.json`` beside it, describes the architecture) is
  rebuilt with :func:`badbatch_gui.core.training.models.build_from_config`; missing descriptions are inferred from the
  tensor names and shapes. Torch files are read with ``torch.load(weights_only=True)`` only, never an unsafe
  fallback.
- ImageNet weights are torchvision's published files, accepted only when the file's sha256 starts with the
  prefix torchvision embeds in the published file name (``resnet18-f37072fd.pth``...). Nothing is downloaded:
  the local torch hub cache is only looked into.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import torch
import torchvision
from torch import nn

from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.training.models import ContrastiveModel, build_from_config
from badbatch_gui.core.weights_io import read_safetensors, sha256_file, torch_load_safe

log = logging.getLogger(__name__)

_HASH_RE = re.compile(r"-([a-f0-9]+)\.")


def imagenet_file_names(backbone: str) -> dict[str, str]:
    """torchvision's published ImageNet weight files for ``backbone``: file name -> weights tag."""
    enum = {"resnet18": torchvision.models.ResNet18_Weights,
            "resnet50": torchvision.models.ResNet50_Weights}.get(backbone)
    if enum is None:
        return {}
    return {w.url.rsplit("/", 1)[-1]: f"{enum.__name__}.{w.name}" for w in enum}


def _hash_prefix(file_name: str) -> str:
    m = _HASH_RE.search(file_name)
    return m.group(1) if m else ""


def identify_imagenet_file(path: Path, digest: str | None = None) -> tuple[str, str, str] | None:
    """(backbone, torchvision file name, weights tag) when the file's sha256 matches a published ResNet file."""
    digest = digest or sha256_file(path)
    for backbone in ("resnet18", "resnet50"):
        for fname, tag in imagenet_file_names(backbone).items():
            prefix = _hash_prefix(fname)
            if prefix and digest.startswith(prefix):
                return backbone, fname, tag
    return None


def hub_imagenet_file(backbone: str) -> Path | None:
    """A torchvision ImageNet file for ``backbone`` already in the local torch hub cache (never downloads)."""
    try:
        folder = Path(torch.hub.get_dir()) / "checkpoints"
    except Exception:  # noqa: BLE001 - a broken TORCH_HOME must not break the preview
        return None
    for fname in imagenet_file_names(backbone):
        if (folder / fname).is_file():
            return folder / fname
    return None


def imagenet_model(path: Path, backbone: str) -> nn.Module:
    net = getattr(torchvision.models, backbone)(weights=None)
    state = torch_load_safe(path)  # hash-checked already; still weights-only
    try:
        net.load_state_dict(state)
    except Exception as exc:  # noqa: BLE001 - any failure is reported as one plain sentence
        raise CheckpointError(f"{path} matches torchvision's ImageNet {backbone} checksum but could not be "
                              f"loaded ({exc.__class__.__name__}).") from exc
    net.fc = nn.Identity()
    return net


def _infer_arch(state: dict[str, torch.Tensor]) -> dict[str, Any]:
    """Backbone, norm and projector sizes of a ContrastiveModel state dict (keys ``backbone.body.*``)."""
    keys = set(state)
    backbone = "resnet50" if any(k.startswith("backbone.body.layer1.0.conv3.") for k in keys) else "resnet18"
    if "backbone.body.bn1.running_mean" in keys:
        norm = "batch"
    elif "backbone.body.bn1.weight" in keys:
        norm = "group"
    else:
        norm = "none"
    conv1 = state.get("backbone.body.conv1.weight")
    stem = "small" if conv1 is not None and conv1.shape[-1] == 3 else "imagenet"  # small vs small_pool: see config
    cfg: dict[str, Any] = {"backbone": backbone, "norm": norm, "hidden_dim": 512, "proj_dim": 128, "stem": stem}
    if "projector.0.weight" in keys and "projector.2.weight" in keys:
        cfg["hidden_dim"] = int(state["projector.0.weight"].shape[0])
        cfg["proj_dim"] = int(state["projector.2.weight"].shape[0])
    return cfg


def _prefixed(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """A state dict with ContrastiveModel key names, whether it was saved from the model, its backbone or body."""
    if any(k.startswith("backbone.") for k in state):
        return state
    if any(k.startswith("body.") for k in state):
        return {f"backbone.{k}": v for k, v in state.items()}
    return {f"backbone.body.{k}": v for k, v in state.items()}


def _trained_model(state: dict[str, torch.Tensor], config: dict[str, Any] | None, where: Path
                   ) -> tuple[ContrastiveModel, bool]:
    """A ContrastiveModel with the trained weights; returns (model, has_projector)."""
    state = _prefixed({k.removeprefix("_orig_mod."): v for k, v in state.items() if isinstance(v, torch.Tensor)})
    arch = _infer_arch(state)
    if config:
        arch.update({k: config[k] for k in ("backbone", "norm", "stem") if k in config})
    try:
        model = build_from_config(arch)
    except ValueError as exc:
        raise CheckpointError(f"The encoder in {where} has an unknown architecture ({exc}).") from exc
    result = model.load_state_dict(state, strict=False)
    missing_body = [k for k in result.missing_keys if k.startswith("backbone.body.")]
    if missing_body or result.unexpected_keys:
        raise CheckpointError(f"{where} does not hold a {arch['backbone']} encoder of this app "
                              f"({len(missing_body)} missing and {len(result.unexpected_keys)} unexpected weights).")
    has_projector = not any(k.startswith("projector.") for k in result.missing_keys)
    return model, has_projector


def load_trained_encoder(path: Path) -> tuple[ContrastiveModel, bool, str]:
    """A trained encoder from a run folder / checkpoint file / export folder / safetensors file."""
    if path.is_dir():
        if (path / "checkpoint.pt").is_file():
            path = path / "checkpoint.pt"
        elif (path / "encoder.safetensors").is_file():
            path = path / "encoder.safetensors"
        else:
            raise CheckpointError(f"{path} is neither a training run folder (no checkpoint.pt) nor an exported "
                                  "encoder (no encoder.safetensors).")
    if path.suffix == ".safetensors":
        state, config = _read_safetensors(path)
        model, has_proj = _trained_model(state, config, path)
        return model, has_proj, str(path)
    ckpt = _torch_load(path)
    state = ckpt.get("model", ckpt.get("state_dict"))
    if not isinstance(state, dict):
        raise CheckpointError(f"{path.name} is not a training checkpoint of this app (no model weights inside).")
    config = ckpt.get("architecture") if isinstance(ckpt.get("architecture"), dict) else ckpt.get("config")
    model, has_proj = _trained_model(state, config if isinstance(config, dict) else None, path)
    return model, has_proj, str(path)


def _read_safetensors(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, Any] | None]:
    """Tensors and architecture of an exported encoder (metadata "architecture", else model_card.json)."""
    state, meta = read_safetensors(path)
    config: Any = None
    try:
        if "architecture" in meta:
            config = json.loads(meta["architecture"])
        elif (path.parent / "model_card.json").is_file():
            card = json.loads((path.parent / "model_card.json").read_text(encoding="utf-8"))
            config = card.get("architecture") or card.get("encoder") or card.get("config")
    except (OSError, ValueError, AttributeError) as exc:
        raise CheckpointError(f"The description of the encoder next to {path.name} is damaged ({exc}).") from None
    return state, config if isinstance(config, dict) else None


def _torch_load(path: Path) -> dict[str, Any]:
    """A weights file as a dict (``weights_io.torch_load_safe``: weights-only, never an unsafe fallback)."""
    obj = torch_load_safe(path)
    if not isinstance(obj, dict):
        raise CheckpointError(f"{path.name} does not hold an encoder (found {type(obj).__name__}).")
    return obj


def file_fingerprint(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
