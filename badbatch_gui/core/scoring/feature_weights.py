"""Offline weight sources for the preview's feature network besides trained encoders: checked ImageNet files.

- A trained run or an export is read by the one encoder reader, :func:`badbatch_gui.core.nets.encoder_io.read_encoder`.
- ImageNet weights are torchvision's published files, accepted only when the file's sha256 starts with the
  prefix torchvision embeds in the published file name (``resnet18-f37072fd.pth``...). Nothing is downloaded:
  the local torch hub cache is only looked into.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import torch
import torchvision
from torch import nn

from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.weights_io import sha256_file, torch_load_safe

log = logging.getLogger(__name__)

_HASH_RE = re.compile(r"-([a-f0-9]+)\.")


def imagenet_file_names(backbone: str) -> dict[str, str]:
    """The ImageNet weight files torchvision publishes for ``backbone``: file name -> weights tag."""
    enum = {"resnet18": torchvision.models.ResNet18_Weights, "resnet50": torchvision.models.ResNet50_Weights}.get(
        backbone
    )
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
    """A torchvision ``backbone`` (resnet18/resnet50) with the ImageNet weights in ``path`` (weights-only load)."""
    net: nn.Module = getattr(torchvision.models, backbone)(weights=None)
    state = torch_load_safe(path)  # hash-checked already; still weights-only
    try:
        net.load_state_dict(state)
    except Exception as exc:  # any failure is reported as one plain sentence
        raise CheckpointError(
            f"{path} matches torchvision's ImageNet {backbone} checksum but could not be "
            f"loaded ({exc.__class__.__name__})."
        ) from exc
    net.fc = nn.Identity()
    return net


def file_fingerprint(path: Path) -> str:
    """Identifies a weights file for caches: resolved path, size and modification time."""
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
