"""The one way an encoder goes to disk and comes back: exports (safetensors) and run checkpoints.

Writing: :func:`save_encoder` puts the backbone (and the projection head when asked) into ``encoder.safetensors``
whose ``dict[str, str]`` metadata carries the architecture and the preprocessing as JSON, so the weights file alone
is enough to rebuild the encoder (docs/design/architecture.md §7).

Reading: :func:`read_encoder` is the only reader, used by the public ``badbatch_gui.load_encoder``, ``badbatch embed``
and ``eval``, the export's self-test and the Batch check's trained feature network. Its rules, in order:

1. **Which file.** A folder is read as an export when it holds ``encoder.safetensors``, else as a training run when
   it holds ``checkpoint.pt``; a file is read as it is. ``.safetensors`` files must be BadBatch exports (their
   metadata says so); ``.pt`` / ``.pth`` / ``.ckpt`` files go through ``torch.load(weights_only=True)`` only
   (``weights_io``), never an unsafe fallback; a damaged or missing ``.pt`` file is replaced by its previous good
   copy ``<name>.prev`` when there is one (as resume and export do); any other kind of file is refused with
   :class:`UnsafeFileError`.
2. **Which network.** The architecture is read from the tensor names and shapes (backbone, normalisation, stem,
   projector sizes), then overridden by what the file says about itself: an export's metadata, a checkpoint's
   ``"architecture"``, or a run's recorded settings (``"config"``). A description that does not fit the weights is
   refused.
3. **Which weights.** ``"model"`` (or ``"state_dict"``) of a checkpoint, the tensors of an export; saved from the
   whole model, its backbone or the bare ResNet. The projection head is there when its weights are.
4. **Which input size.** An export's preprocessing, a checkpoint's ``"image_size"``, or the run's setting.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from badbatch_gui.core.errors import CheckpointError, RecordError, UnsafeFileError
from badbatch_gui.core.json_checks import JsonObject, parse_json
from badbatch_gui.core.nets.models import BACKBONES, NORMS, STEMS, ContrastiveModel, build_from_config, encoder_config
from badbatch_gui.core.nets.preprocess import Preprocess
from badbatch_gui.core.weights_io import previous_path, read_safetensors, torch_load_or_previous

log = logging.getLogger(__name__)

__all__ = [
    "FORMAT",
    "RUN_CHECKPOINT",
    "WEIGHTS_FILE",
    "Encoder",
    "TrainedEncoder",
    "checkpoint_description",
    "load_encoder",
    "read_encoder",
    "rebuild",
    "save_encoder",
]

FORMAT = "badbatch-encoder"
FORMAT_VERSION = "1"
WEIGHTS_FILE = "encoder.safetensors"
RUN_CHECKPOINT = "checkpoint.pt"
TORCH_SUFFIXES = (".pt", ".pth", ".ckpt")
_RUN_SETTINGS = ("backbone", "norm", "stem", "proj_dim", "hidden_dim")  # what a run's "config" says about the net


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
        out: torch.Tensor = self.backbone(x)
        return out

    def project(self, x: torch.Tensor) -> torch.Tensor:
        """The training-time L2-normalised projection. Shape: x (B, 3, S, S) -> (B, P)."""
        if self.projector is None:
            raise CheckpointError(
                "This export has no projection head; export it again with --include-head.", code="export_has_no_head"
            )
        return torch.nn.functional.normalize(self.projector(self.backbone(x)), dim=1)


def save_encoder(
    model: ContrastiveModel,
    path: Path,
    image_size: int,
    include_head: bool = False,
    extra_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Write the backbone (and optionally the head) of ``model`` to a safetensors file.

    Tensors are detached, moved to CPU, made contiguous and cloned so none shares storage. Returns the
    architecture dict stored in the metadata.
    """
    arch = {**encoder_config(model), "include_head": bool(include_head)}
    keep = ("backbone.", "projector.") if include_head else ("backbone.",)
    tensors = {
        k: v.detach().to("cpu").contiguous().clone() for k, v in model.state_dict().items() if k.startswith(keep)
    }
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "architecture": json.dumps(arch),
        "preprocessing": json.dumps(Preprocess(int(image_size)).to_dict()),
        **(extra_metadata or {}),
    }
    from safetensors.torch import save_file

    save_file(tensors, str(path), metadata={str(k): str(v) for k, v in meta.items()})
    return arch


@dataclass(frozen=True)
class TrainedEncoder:
    """What :func:`read_encoder` found.

    Attributes:
        model: the whole network in eval mode on the CPU (an untrained projector when ``has_projector`` is False).
        has_projector: the file holds the projection head's weights.
        architecture: the description the network was built from, with ``feature_dim``.
        input_size: the image size the encoder was trained at (None when the file does not say).
        file: the file that was read.
    """

    model: ContrastiveModel
    has_projector: bool
    architecture: dict[str, Any]
    input_size: int | None
    file: Path


def describe_weights(state: dict[str, torch.Tensor]) -> dict[str, Any]:
    """Backbone, normalisation, stem and projector sizes read from a ContrastiveModel state dict's names and shapes.

    ``small`` and ``small_pool`` stems have the same weights; only a recorded description tells them apart.
    """
    keys = set(state)
    backbone = "resnet50" if any(k.startswith("backbone.body.layer1.0.conv3.") for k in keys) else "resnet18"
    if "backbone.body.bn1.running_mean" in keys:
        norm = "batch"
    elif "backbone.body.bn1.weight" in keys:
        norm = "group"
    else:
        norm = "none"
    conv1 = state.get("backbone.body.conv1.weight")
    stem = "small" if conv1 is not None and conv1.shape[-1] == 3 else "imagenet"
    arch: dict[str, Any] = {"backbone": backbone, "norm": norm, "hidden_dim": 512, "proj_dim": 128, "stem": stem}
    if "projector.0.weight" in keys and "projector.2.weight" in keys:
        arch["hidden_dim"] = int(state["projector.0.weight"].shape[0])
        arch["proj_dim"] = int(state["projector.2.weight"].shape[0])
    return arch


def _model_keys(state: dict[str, Any]) -> dict[str, torch.Tensor]:
    """The tensors of a state dict with ContrastiveModel key names, whether it was saved from the model (compiled or
    not), its backbone or the bare ResNet.
    """
    tensors = {k.removeprefix("_orig_mod."): v for k, v in state.items() if isinstance(v, torch.Tensor)}
    if any(k.startswith("backbone.") for k in tensors):
        return tensors
    if any(k.startswith("body.") for k in tensors):
        return {f"backbone.{k}": v for k, v in tensors.items()}
    return {f"backbone.body.{k}": v for k, v in tensors.items()}


def rebuild(
    state: dict[str, Any], described: dict[str, Any] | None, source: Path
) -> tuple[ContrastiveModel, bool, dict[str, Any]]:
    """The network of rules 2-3 of the module docstring: (model in eval mode, has_projector, architecture).

    Raises:
        CheckpointError: the description names a network this version cannot build, or does not fit the weights.
    """
    tensors = _model_keys(state)
    arch = {**describe_weights(tensors), **(described or {})}
    try:
        model = build_from_config(arch)
    except ValueError as exc:
        raise CheckpointError(
            f"{source.name} does not describe an encoder this version can build ({exc}).",
            code="encoder_unbuildable",
            file=source.name,
            reason=str(exc),
        ) from None
    has_head = any(k.startswith("projector.") for k in tensors)
    target: nn.Module = model if has_head else model.backbone
    if not has_head:
        tensors = {k.removeprefix("backbone."): v for k, v in tensors.items()}
    try:
        missing, unexpected = target.load_state_dict(tensors, strict=False)
        problem = f"{len(missing)} missing, {len(unexpected)} unexpected tensors" if missing or unexpected else ""
    except RuntimeError:
        problem = "tensor shapes differ"
    if problem:
        raise CheckpointError(
            f"The weights in {source.name} do not match the described network ({problem}).",
            code="encoder_weights_mismatch",
            file=source.name,
            reason=str(problem),
        )
    return model.eval(), has_head, {**arch, "feature_dim": model.feature_dim}


def _resolve(path: Path) -> Path:
    """The weights file to read; a run's ``checkpoint.pt`` counts as there when only its ``.prev`` copy is."""
    if path.is_dir():
        if (path / WEIGHTS_FILE).is_file():
            return path / WEIGHTS_FILE
        ckpt = path / RUN_CHECKPOINT
        if ckpt.is_file() or previous_path(ckpt).is_file():
            return ckpt
        raise CheckpointError(
            f"{path} holds neither {WEIGHTS_FILE} (an export) nor {RUN_CHECKPOINT} (a run).",
            code="encoder_nothing_found",
            path=str(path),
        )
    if not path.is_file() and not (path.suffix.lower() in TORCH_SUFFIXES and previous_path(path).is_file()):
        raise CheckpointError(f"{path} does not exist.", code="file_not_found", path=str(path))
    return path


MAX_LAYER_SIZE = 8192  # widest projector layer a description may ask for (the app builds 128-2048)
INPUT_SIZES = (16, 512)  # the image sizes training accepts (config.TrainConfig)


def checked_architecture(arch: Any, source: str) -> dict[str, Any]:
    """A network description from a file (export metadata, checkpoint), with every value the network is built from
    checked before anything is allocated (a huge projector size would otherwise exhaust memory).

    Raises:
        CheckpointError: code ``bad_value`` naming the field.
    """
    d = JsonObject(arch, f"{source}: architecture", strict=True, error=CheckpointError)
    d.text("backbone", None, choices=BACKBONES)
    d.text("norm", None, choices=NORMS)
    d.text("stem", None, choices=STEMS)
    for key in ("hidden_dim", "proj_dim", "feature_dim"):
        d.integer(key, None, 1, MAX_LAYER_SIZE)
    return dict(d.data)


def checked_input_size(value: Any, source: str) -> int | None:
    """The encoder's input size from a file, None when not given.

    Raises:
        CheckpointError: code ``bad_value`` when it is not a whole number from 16 to 512.
    """
    size = JsonObject({"input_size": value}, source, strict=True, error=CheckpointError).integer(
        "input_size", None, *INPUT_SIZES
    )
    return int(size) if size is not None else None


def _read_export(path: Path) -> tuple[dict[str, Any], dict[str, Any], int]:
    state, meta = read_safetensors(path)
    if meta.get("format") != FORMAT:
        raise CheckpointError(
            f"{path.name} is a safetensors file but not a BadBatch encoder export (its metadata has no architecture).",
            code="not_an_encoder_export",
            file=path.name,
        )
    try:
        arch = parse_json(meta.get("architecture", ""), f"{path.name}: architecture")
        preprocessing = JsonObject(
            parse_json(meta.get("preprocessing", ""), f"{path.name}: preprocessing"),
            f"{path.name}: preprocessing",
            strict=True,
            error=CheckpointError,
        )
    except RecordError as exc:
        raise CheckpointError(
            f"The metadata of {path.name} is damaged ({exc}).", code="encoder_metadata_damaged", file=path.name
        ) from None
    size = checked_input_size(preprocessing.data.get("input_size"), f"{path.name}: preprocessing")
    if size is None:
        raise CheckpointError(
            f"The metadata of {path.name} is damaged (no input size).", code="encoder_metadata_damaged", file=path.name
        )
    return dict(state), checked_architecture(arch, path.name), size


def checkpoint_description(obj: dict[str, Any]) -> tuple[dict[str, Any], int | None] | None:
    """What a checkpoint says about its network: (description, input size), or None when it says nothing.

    A checkpoint's ``"architecture"`` (with ``"image_size"``) wins over a run's recorded settings (``"config"``).
    Every value is checked before use (:func:`checked_architecture`, :func:`checked_input_size`).

    Raises:
        CheckpointError: a value is of the wrong type or out of range (code ``bad_value``).
    """
    arch, cfg = obj.get("architecture"), obj.get("config")
    if isinstance(arch, dict):
        size = obj.get("image_size", arch.get("input_size"))
        return checked_architecture(arch, "checkpoint"), checked_input_size(size, "checkpoint")
    if isinstance(cfg, dict):
        described = checked_architecture({k: cfg[k] for k in _RUN_SETTINGS if k in cfg}, "the run's settings")
        return described, checked_input_size(cfg.get("image_size"), "the run's settings")
    return None


def _read_torch(path: Path) -> tuple[dict[str, Any], dict[str, Any], int | None, Path]:
    """(weights, description, input size, the file actually read: ``<path>.prev`` when ``path`` was damaged)."""
    obj, path = torch_load_or_previous(path)  # a damaged or missing file: its previous good copy, as resume does
    if not isinstance(obj, dict):
        raise CheckpointError(
            f"{path.name} does not hold an encoder (found {type(obj).__name__}).",
            code="not_an_encoder",
            file=path.name,
            kind=type(obj).__name__,
        )
    state = obj.get("model", obj.get("state_dict"))
    described = checkpoint_description(obj)
    if not isinstance(state, dict) or described is None:
        raise CheckpointError(
            f"{path.name} holds weights but no description of the network, so it cannot be "
            "rebuilt; use a BadBatch export folder or a run's checkpoint.pt.",
            code="encoder_not_described",
            file=path.name,
        )
    return state, described[0], described[1], path


def read_encoder(path: str | Path) -> TrainedEncoder:
    """Read an encoder from an export or a training run (the rules of the module docstring).

    Args:
        path: an export folder or its ``encoder.safetensors``, a run folder or its ``checkpoint.pt``, or a
            ``.pt``/``.pth``/``.ckpt`` weights file with a description of the network.

    Raises:
        UnsafeFileError: the file would need unsafe unpickling, or is of a kind that is not read.
        CheckpointError: the file is missing, damaged, or not an encoder of this app.
    """
    p = _resolve(Path(path).expanduser())
    suffix = p.suffix.lower()
    size: int | None  # the input size, when the file records one
    if suffix == ".safetensors":
        state, described, size = _read_export(p)
    elif suffix in TORCH_SUFFIXES:
        state, described, size, p = _read_torch(p)
    else:
        raise UnsafeFileError(
            f"{p.name} is not a format BadBatch loads; use an export folder, a .safetensors "
            f"file, or a {'/'.join(TORCH_SUFFIXES)} weights file.",
            code="unknown_weights_format",
            file=p.name,
        )
    model, has_head, arch = rebuild(state, described, p)
    return TrainedEncoder(model, has_head, arch, size, p)


def load_encoder(path: str | Path) -> tuple[Encoder, Preprocess]:
    """Load an encoder for inference (``badbatch_gui.load_encoder``).

    Args:
        path: see :func:`read_encoder`.

    Returns:
        ``(encoder, preprocess)``: the encoder in eval mode on CPU mapping (B, 3, S, S) float [0, 1] to
        (B, F) embeddings, and the :class:`Preprocess` turning a path or PIL image into (3, S, S).

    Raises:
        UnsafeFileError: the file would need unsafe unpickling, or is of a format that is not read.
        CheckpointError: the file is missing, damaged, not an encoder, or does not say its input size.
    """
    found = read_encoder(path)
    if found.input_size is None or found.input_size < 16:
        raise CheckpointError(
            f"{found.file.name} does not say which input size the encoder expects.",
            code="encoder_no_input_size",
            file=found.file.name,
        )
    model = found.model
    encoder = Encoder(model.backbone, model.projector if found.has_projector else None, found.architecture).eval()
    log.info("loaded encoder %s (%s, input %d px)", found.file, found.architecture.get("backbone"), found.input_size)
    return encoder, Preprocess(found.input_size)
