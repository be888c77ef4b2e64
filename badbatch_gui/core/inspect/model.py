"""The encoder the Inspect step works with: a trained run or an export, and its untrained twin for comparison.

:func:`load_model` reads MODEL the way the rest of the app does: an export folder (``encoder.safetensors`` with its
metadata) or a ``.safetensors`` / ``.pt`` file through the one encoder reader (``nets.encoder_io.read_encoder``), a
training run folder through its checkpoint with the ``.prev`` fallback (``training.run_folder.checkpoint.load_run_model``, the
loader the export uses). A run also says which folder it trained on and which photos it left out.

:func:`untrained_twin` builds the same architecture with random weights, for "what did training change?". The shipped
network zero-initialises the last normalisation gain of every residual block (``nets.models``: each block starts as
the identity, which keeps early training stable), so before training its features are the stem's alone; a standard
initialisation (gain 1, torchvision's default) makes every block contribute. :data:`TWIN_INIT` is the shipped start,
the stronger untrained baseline for the patch check as measured (docs/design/inspect.md §4,
``benchmarks/bench_inspect.py``); "standard" stays available.

The weights' fingerprint is a hash of the backbone's tensors and the input size, so a run and its export share caches.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torchvision
from torch import nn

from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.nets.encoder_io import RUN_CHECKPOINT, WEIGHTS_FILE, read_encoder
from badbatch_gui.core.nets.models import Backbone, build_from_config, encoder_config
from badbatch_gui.core.training.run_folder.checkpoint import load_run_model, prev_path
from badbatch_gui.core.training.run_folder.runs import IMAGES_JSON, RUN_JSON, read_json

log = logging.getLogger(__name__)

TWIN_INITS = ("standard", "shipped")
#: The untrained twin's initialisation: the stronger of the two in ``benchmarks/bench_inspect.py`` (module docstring).
TWIN_INIT = "shipped"


@dataclass(frozen=True)
class InspectModel:
    """An encoder ready for the Inspect step (read-only: the functions that use it never change it).

    Attributes:
        backbone: images (B, 3, H, W) float in [0, 1] -> features; eval mode, on the CPU, no gradients.
        input_size: the square size the encoder was trained at (its embeddings use this centre crop).
        fingerprint: identifies the weights (hash of the backbone's tensors and the input size); keys the caches.
        name: a plain label ("trained encoder (20250101-120000-parts)", "untrained twin").
        kind: "run", "export", "file" or "untrained".
        architecture: the description it was built from (backbone, norm, stem, ...).
        source: the folder or file it was read from (None for the untrained twin).
        training_folder: the image folder a run trained on (None for an export or a file).
        left_out: relative paths the run left out of training (the operator's decisions and the Batch check's
            flagged photos), to leave out of the default normal photos as well.
    """

    backbone: Backbone
    input_size: int
    fingerprint: str
    name: str
    kind: str
    architecture: dict[str, Any]
    source: Path | None = None
    training_folder: Path | None = None
    left_out: tuple[str, ...] = ()

    @property
    def untrained(self) -> bool:
        """True for the random-weight twin."""
        return self.kind == "untrained"


def weights_fingerprint(backbone: nn.Module, input_size: int) -> str:
    """sha256 (24 hex digits) of every backbone tensor (name, dtype, shape, bytes) and the input size."""
    h = hashlib.sha256(f"inspect-v1|{int(input_size)}".encode())
    for name, tensor in sorted(backbone.state_dict().items()):
        t = tensor.detach().to("cpu").contiguous()
        h.update(f"|{name}|{t.dtype}|{tuple(t.shape)}|".encode())
        h.update(t.numpy().tobytes() if t.dtype != torch.bfloat16 else t.float().numpy().tobytes())
    return h.hexdigest()[:24]


def _ready(backbone: Backbone) -> Backbone:
    backbone.eval().requires_grad_(False)
    return backbone


def _is_run_folder(path: Path) -> bool:
    return path.is_dir() and (
        (path / RUN_JSON).is_file() or (path / RUN_CHECKPOINT).is_file() or prev_path(path / RUN_CHECKPOINT).is_file()
    )


def _from_run(run_dir: Path) -> InspectModel:
    run = read_json(run_dir / RUN_JSON) or {}
    config = dict(run.get("config") or {})
    model, _info, size = load_run_model(run_dir / RUN_CHECKPOINT, config)
    images = read_json(run_dir / IMAGES_JSON) or {}
    folder = images.get("root") or run.get("folder")
    backbone = _ready(model.backbone)
    return InspectModel(
        backbone,
        size,
        weights_fingerprint(backbone, size),
        f"trained encoder ({run_dir.name})",
        "run",
        encoder_config(model),
        run_dir,
        Path(folder) if folder else None,
        tuple(str(p) for p in config.get("exclude") or ()),
    )


def load_model(path: str | Path) -> InspectModel:
    """The encoder in ``path``: a training run folder, an export folder, or an encoder file.

    Raises:
        CheckpointError: nothing usable is there (missing, damaged, not an encoder of this app, no input size).
        UnsafeFileError: the file would need unsafe unpickling.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise CheckpointError(
            f"The model {p} does not exist; give a training run folder or an export folder.",
            code="inspect_model_missing",
            path=str(p),
        )
    if p.is_dir() and not (p / WEIGHTS_FILE).is_file():
        if not _is_run_folder(p):
            raise CheckpointError(
                f"{p} is neither a training run folder (run.json, checkpoint.pt) nor an export "
                f"folder ({WEIGHTS_FILE}).",
                code="inspect_model_not_a_model",
                path=str(p),
            )
        found = _from_run(p.resolve())
    else:
        enc = read_encoder(p)
        if enc.input_size is None or enc.input_size < 16:
            raise CheckpointError(
                f"{enc.file.name} does not say which input size the encoder expects.",
                code="inspect_model_no_input_size",
                path=str(enc.file),
            )
        backbone = _ready(enc.model.backbone)
        kind = "export" if enc.file.suffix == ".safetensors" else "file"
        label = enc.file.parent.name if enc.file.name == WEIGHTS_FILE else enc.file.name
        found = InspectModel(
            backbone,
            enc.input_size,
            weights_fingerprint(backbone, enc.input_size),
            f"trained encoder ({label})",
            kind,
            dict(enc.architecture),
            enc.file,
        )
    log.info(
        "inspect model %s: %s, input %d px, fingerprint %s",
        found.name,
        found.architecture.get("backbone"),
        found.input_size,
        found.fingerprint,
    )
    return found


def _standard_gains(backbone: nn.Module) -> None:
    """Undo the zero-initialised residual branches: last norm gain 1 (or a fresh Kaiming last conv without norms)."""
    for m in backbone.modules():
        if isinstance(m, torchvision.models.resnet.BasicBlock):
            last_norm, last_conv = m.bn2, m.conv2
        elif isinstance(m, torchvision.models.resnet.Bottleneck):
            last_norm, last_conv = m.bn3, m.conv3
        else:
            continue
        if isinstance(last_norm, (nn.GroupNorm, nn.BatchNorm2d)):
            nn.init.ones_(last_norm.weight)
        else:
            nn.init.kaiming_normal_(last_conv.weight, mode="fan_out", nonlinearity="relu")


def untrained_twin(model: InspectModel, init: str = TWIN_INIT, seed: int = 0) -> InspectModel:
    """The same architecture with random weights (identical on every machine for a seed).

    Args:
        model: the trained encoder whose architecture and input size are copied.
        init: "shipped" (the training network's own start: zero-initialised residual branches; the stronger baseline
            measured) or "standard" (every residual block active).
        seed: the random-initialisation seed.
    """
    if init not in TWIN_INITS:
        raise ValueError(f"unknown initialisation {init!r}; use one of {TWIN_INITS}")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(seed))
        net = build_from_config(model.architecture)
        if init == "standard":
            _standard_gains(net.backbone)
    backbone = _ready(net.backbone)
    arch = {k: model.architecture.get(k) for k in ("backbone", "norm", "stem", "hidden_dim", "proj_dim")}
    fingerprint = hashlib.sha256(
        f"untrained|{init}|{seed}|{model.input_size}|{json.dumps(arch, sort_keys=True)}".encode()
    ).hexdigest()[:24]
    return InspectModel(
        backbone,
        model.input_size,
        fingerprint,
        f"untrained twin ({init} initialisation)",
        "untrained",
        dict(model.architecture),
    )


def placed(model: InspectModel, device: torch.device) -> Backbone:
    """The backbone on ``device``: the model's own on the CPU, a copy elsewhere (the model is never changed, so
    several threads may use it at once).
    """
    if device.type == "cpu":
        return model.backbone
    return _ready(copy.deepcopy(model.backbone).to(device))


def as_float_batch(images: np.ndarray) -> torch.Tensor:
    """uint8 photos as the network's input. Shape: (B, H, W, 3) uint8 -> (B, 3, H, W) float32 in [0, 1]."""
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2)
    return x.float().div_(255.0).contiguous(memory_format=torch.channels_last)
