"""Save and load exported encoders safely: safetensors weights, or ``torch.load(weights_only=True)`` only.

An export folder holds ``encoder.safetensors`` whose ``dict[str, str]`` metadata carries the architecture
and preprocessing as JSON, so the weights file alone is enough to rebuild the encoder (docs/design/reliability.md §5).
:func:`load_encoder` never unpickles arbitrary objects: anything that would need it is refused with
:class:`UnsafeFileError`, and there is no fallback to ``weights_only=False``.

Layer 3 (imports augment, imageio, models).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageOps
from torch import nn

from badbatch_gui.core.data.augment import to_float
from badbatch_gui.core.data.imageio import load_rgb_array, to_rgb
from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.training.models import (
    IMAGENET_MEAN,
    IMAGENET_STD,
    ContrastiveModel,
    build_from_config,
    encoder_config,
)
from badbatch_gui.core.weights_io import read_safetensors, torch_load_safe

log = logging.getLogger(__name__)

FORMAT = "badbatch-encoder"
FORMAT_VERSION = "1"
WEIGHTS_FILE = "encoder.safetensors"
TORCH_SUFFIXES = (".pt", ".pth", ".ckpt")
RUN_CHECKPOINT = "checkpoint.pt"
ImageInput = str | Path | Image.Image | np.ndarray


@dataclass(frozen=True)
class Preprocess:
    """The exact input pipeline of an encoder: decode -> shorter side to ``size`` -> centre crop -> [0, 1].

    Paths go through :func:`badbatch_gui.core.data.imageio.load_rgb_array`, the decode path training used
    (EXIF orientation, alpha over grey, 16-bit rescaled, bicubic antialiased resize). ImageNet mean/std
    normalisation is *inside* the encoder, so the tensor returned here is plain [0, 1] RGB. A PIL image is
    resized the same way but without JPEG draft decoding; pass the path for training-identical pixels.
    """

    size: int
    mean: tuple[float, ...] = IMAGENET_MEAN
    std: tuple[float, ...] = IMAGENET_STD

    def __call__(self, image: ImageInput) -> torch.Tensor:
        """One image as a float tensor.

        Shape: returns (3, size, size) float32 in [0, 1]. An ndarray input is (H, W, 3) uint8.
        """
        if isinstance(image, (str, Path)):
            return to_float(load_rgb_array(Path(image), self.size))
        if isinstance(image, np.ndarray):
            image = Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
        if not isinstance(image, Image.Image):
            raise TypeError(f"Preprocess takes a path, a PIL image or a uint8 array, not {type(image).__name__}")
        im = to_rgb(ImageOps.exif_transpose(image))
        w, h = im.size
        side = min(w, h)
        left, top = (w - side) / 2.0, (h - side) / 2.0
        im = im.resize((self.size, self.size), Image.Resampling.BICUBIC,
                       box=(left, top, left + side, top + side), reducing_gap=3.0)
        return to_float(np.asarray(im, dtype=np.uint8).copy())

    def batch(self, images: list[ImageInput]) -> torch.Tensor:
        """Several images stacked. Shape: returns (B, 3, size, size) float32."""
        return torch.stack([self(im) for im in images])

    def to_dict(self) -> dict[str, Any]:
        """The pipeline in words and numbers, as written into the model card."""
        return {
            "input_size": self.size,
            "decode": "Pillow; 8-bit RGB; EXIF orientation applied; alpha/palette over grey (128); CMYK "
                      "converted; 16-bit rescaled",
            "resize": f"shorter side to {self.size} px, bicubic, antialiased (Pillow resize, reducing_gap=3)",
            "crop": f"centre square {self.size}x{self.size}",
            "scale": "uint8 / 255 -> float32 in [0, 1], RGB, NCHW",
            "normalisation": {"mean": list(self.mean), "std": list(self.std), "inside_model": True},
        }


class Encoder(nn.Module):
    """An exported encoder: images -> backbone embeddings; the projection head is kept when exported.

    Attributes:
        backbone: images (B, 3, S, S) in [0, 1] -> (B, F).
        projector: the training projection head (B, F) -> (B, P), or None when not exported.
        architecture: the JSON-able architecture description it was built from.
    """

    def __init__(self, backbone: nn.Module, projector: nn.Module | None, architecture: dict[str, Any]) -> None:
        super().__init__()
        self.backbone = backbone
        self.projector = projector
        self.architecture = dict(architecture)
        self.feature_dim = int(architecture["feature_dim"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Embeddings (not normalised). Shape: x (B, 3, S, S) float in [0, 1] -> (B, F)."""
        return self.backbone(x)

    def project(self, x: torch.Tensor) -> torch.Tensor:
        """The training-time L2-normalised projection. Shape: x (B, 3, S, S) -> (B, P)."""
        if self.projector is None:
            raise CheckpointError("This export has no projection head; export it again with --include-head.")
        return torch.nn.functional.normalize(self.projector(self.backbone(x)), dim=1)


def save_encoder(model: ContrastiveModel, path: Path, image_size: int, include_head: bool = False,
                 extra_metadata: dict[str, str] | None = None) -> dict[str, Any]:
    """Write the backbone (and optionally the head) of ``model`` to a safetensors file.

    Tensors are detached, moved to CPU, made contiguous and cloned so none shares storage. Returns the
    architecture dict stored in the metadata.
    """
    arch = {**encoder_config(model), "include_head": bool(include_head)}
    keep = ("backbone.", "projector.") if include_head else ("backbone.",)
    tensors = {k: v.detach().to("cpu").contiguous().clone() for k, v in model.state_dict().items()
               if k.startswith(keep)}
    meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "architecture": json.dumps(arch),
            "preprocessing": json.dumps(Preprocess(int(image_size)).to_dict()), **(extra_metadata or {})}
    from safetensors.torch import save_file

    save_file(tensors, str(path), metadata={str(k): str(v) for k, v in meta.items()})
    return arch


def _build(arch: dict[str, Any], state: dict[str, torch.Tensor], source: Path) -> Encoder:
    """Rebuild the encoder from an architecture dict and a state dict (``backbone.*``, ``projector.*``)."""
    try:
        model = build_from_config(arch)
    except ValueError as exc:
        raise CheckpointError(f"{source.name} does not describe an encoder this version can build ({exc}).") from None
    state = {k.removeprefix("_orig_mod."): v for k, v in state.items()}
    has_head = any(k.startswith("projector.") for k in state)
    target: nn.Module = model if has_head else model.backbone
    if not has_head:
        state = {k.removeprefix("backbone."): v for k, v in state.items() if k.startswith("backbone.")}
    try:
        missing, unexpected = target.load_state_dict(state, strict=False)
        problem = f"{len(missing)} missing, {len(unexpected)} unexpected tensors" if missing or unexpected else ""
    except RuntimeError:
        problem = "tensor shapes differ"
    if problem:
        raise CheckpointError(f"The weights in {source.name} do not match the described network ({problem}).")
    arch = {**arch, "feature_dim": model.feature_dim}
    return Encoder(model.backbone, model.projector if has_head else None, arch).eval()


def _load_safetensors(path: Path) -> tuple[Encoder, Preprocess]:
    state, meta = read_safetensors(path)
    if meta.get("format") != FORMAT:
        raise CheckpointError(f"{path.name} is a safetensors file but not a BadBatch encoder export "
                              "(its metadata has no architecture).")
    try:
        arch = json.loads(meta["architecture"])
        size = int(json.loads(meta["preprocessing"])["input_size"])
    except (KeyError, ValueError, TypeError) as exc:
        raise CheckpointError(f"The metadata of {path.name} is damaged ({exc}).") from None
    return _build(arch, state, path), Preprocess(size)


def _load_torch(path: Path) -> tuple[Encoder, Preprocess]:
    obj = torch_load_safe(path)
    if not isinstance(obj, dict):
        raise CheckpointError(f"{path.name} does not hold an encoder (found {type(obj).__name__}).")
    state = obj.get("model", obj.get("state_dict"))
    if isinstance(obj.get("architecture"), dict) and isinstance(state, dict):
        arch, size = obj["architecture"], int(obj.get("image_size", obj["architecture"].get("input_size", 0)))
    elif isinstance(obj.get("config"), dict) and isinstance(state, dict):  # a training run's checkpoint
        cfg = obj["config"]
        arch = {"backbone": cfg.get("backbone", "resnet18"), "norm": cfg.get("norm", "group"),
                "proj_dim": cfg.get("proj_dim", 128), "hidden_dim": cfg.get("hidden_dim", 512)}
        size = int(cfg.get("image_size", 0))
    else:
        raise CheckpointError(f"{path.name} holds weights but no description of the network, so it cannot be "
                              "rebuilt; use a BadBatch export folder or a run's checkpoint.pt.")
    if size < 16:
        raise CheckpointError(f"{path.name} does not say which input size the encoder expects.")
    return _build(arch, state, path), Preprocess(size)


def load_encoder(path: str | Path) -> tuple[Encoder, Preprocess]:
    """Load an encoder for inference.

    Args:
        path: an export folder (``encoder.safetensors`` inside), a ``.safetensors`` file, a run folder or
            its ``checkpoint.pt``, or a ``.pt``/``.pth``/``.ckpt`` weights file (read with
            ``torch.load(weights_only=True)`` only).

    Returns:
        ``(encoder, preprocess)``: the encoder in eval mode on CPU mapping (B, 3, S, S) float [0, 1] to
        (B, F) embeddings, and the :class:`Preprocess` turning a path or PIL image into (3, S, S).

    Raises:
        UnsafeFileError: the file would need unsafe unpickling, or is of a format that is not read.
        CheckpointError: the file is missing, damaged, or not an encoder.
    """
    p = Path(path).expanduser()
    if p.is_dir():
        if (p / WEIGHTS_FILE).is_file():
            p = p / WEIGHTS_FILE
        elif (p / RUN_CHECKPOINT).is_file():
            p = p / RUN_CHECKPOINT
        else:
            raise CheckpointError(f"{p} holds neither {WEIGHTS_FILE} (an export) nor {RUN_CHECKPOINT} (a run).")
    if not p.is_file():
        raise CheckpointError(f"{p} does not exist.")
    suffix = p.suffix.lower()
    if suffix == ".safetensors":
        encoder, pre = _load_safetensors(p)
    elif suffix in TORCH_SUFFIXES:
        encoder, pre = _load_torch(p)
    else:
        raise UnsafeFileError(f"{p.name} is not a format BadBatch loads; use an export folder, a .safetensors "
                              f"file, or a {'/'.join(TORCH_SUFFIXES)} weights file.")
    log.info("loaded encoder %s (%s, input %d px)", p, encoder.architecture.get("backbone"), pre.size)
    return encoder, pre
