"""Feature networks for the FRD folder preview: device choice, offline weights, batched no-grad extraction.

Weight sources, in order of preference, all offline (docs/design/frd.md §2, docs/design/benchmark_data.md):

a. **A trained run's encoder**: a run folder holding ``checkpoint.pt``, an exported folder holding
   ``encoder.safetensors`` + ``model_card.json``, or either file itself. Features: the projector output,
   L2-normalised (the space training scores in); an export without its projection head gives the backbone
   output, L2-normalised.
b. **ImageNet weights** from a file the operator picked, or found in the local torch hub cache
   (``torch.hub.get_dir()/checkpoints/resnet18-f37072fd.pth`` ...). They are never downloaded. A file is only
   accepted when its sha256 starts with the prefix torchvision embeds in its published file name, and is
   loaded with ``torch.load(weights_only=True)``. Features: final block, global-average-pooled, L2-normalised.
c. **Random initialisation** (seeded, identical on every machine), flagged ``untrained=True`` with the note
   "untrained feature network".

(a) is read by the one encoder reader (:func:`badbatch_gui.core.nets.encoder_io.read_encoder`); finding and checking
(b) lives in :mod:`badbatch_gui.core.scoring.feature_weights`.

Untrained preview features: stock ResNet-18, first stage, standardised over the folder, because planted bad shots
showed it within noise of the best and the cheapest on a CPU (docs/design/frd.md §9, measured by
``benchmarks/choose_preview_features.py``).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
from torch import nn

from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.nets.encoder_io import read_encoder
from badbatch_gui.core.nets.models import LAYERS, Backbone, ContrastiveModel, backbone_layer_features
from badbatch_gui.core.scoring import feature_weights as fw
from badbatch_gui.core.weights_io import sha256_file

log = logging.getLogger(__name__)

__all__ = ["FeatureNetwork", "FeatureSource", "extract", "load_feature_network", "pick_device", "random_network"]

UNTRAINED_NOTE = "untrained feature network"
NORMALISATIONS = ("l2", "standardise", "none")
FEATURE_LAYERS = (*LAYERS, "backbone", "projector")

#: Untrained preview: network variant, layer and normalisation (chosen by measurement: docs/design/frd.md §9).
UNTRAINED_ARCH = "torchvision"
UNTRAINED_LAYER = "layer1"
UNTRAINED_NORMALISATION = "standardise"


@dataclass(frozen=True)
class FeatureSource:
    """Where the preview's features come from, recorded with every score (docs/design/frd.md §2).

    Attributes:
        name: plain description ("trained encoder (run ...)", "ImageNet ResNet-18 (torchvision IMAGENET1K_V1)",
            "random-init ResNet-18").
        weights: the file or folder the weights came from ("" for a random initialisation).
        untrained: True for a random initialisation; the UI and the report then say :data:`UNTRAINED_NOTE`.
        layer: "layer1".."layer4", "backbone" (final block) or "projector".
        normalisation: "l2" (unit rows), "standardise" (per dimension over the folder's originals, applied by
            the scorer) or "none".
        note: plain-language caveat shown next to the scores ("" when there is none).
        backbone: "resnet18" or "resnet50".
        fingerprint: identifies the weights for caches (hash prefix, file size and time, or the init seed).
    """

    name: str
    weights: str
    untrained: bool
    layer: str
    normalisation: str
    note: str = ""
    backbone: str = "resnet18"
    fingerprint: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON-able dict of every field."""
        return asdict(self)


class FeatureNetwork(nn.Module):
    """Images in [0, 1] -> one feature row per image (a ResNet stage, the backbone or the projector).

    Args:
        model: a :class:`~badbatch_gui.core.nets.models.ContrastiveModel`, a
            :class:`~badbatch_gui.core.nets.models.Backbone` or a bare torchvision ResNet (ImageNet normalisation is
            applied inside in every case).
        layer: one of :data:`FEATURE_LAYERS` ("projector" needs a ContrastiveModel).
        l2: L2-normalise each row (``normalisation == "l2"``).
    """

    def __init__(self, model: nn.Module, layer: str, l2: bool) -> None:
        super().__init__()
        if layer not in FEATURE_LAYERS:
            raise ValueError(f"unknown feature layer {layer!r}; use one of {FEATURE_LAYERS}")
        if layer == "projector" and not isinstance(model, ContrastiveModel):
            raise ValueError("projector features need a ContrastiveModel")
        self.model = model
        self.layer = layer
        self.l2 = bool(l2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Features.

        Shape: x (B, 3, S, S) float in [0, 1] -> (B, D).
        """
        if self.layer == "projector":
            model = cast(ContrastiveModel, self.model)  # __init__ refuses projector features of anything else
            h = model.projector(model.backbone(x))
        else:
            h = backbone_layer_features(self.model, x, "layer4" if self.layer == "backbone" else self.layer)
        return F.normalize(h, dim=1) if self.l2 else h

    @property
    def device(self) -> torch.device:
        """Where the parameters live."""
        return next(self.parameters()).device


@torch.inference_mode()
def extract(net: FeatureNetwork, images: torch.Tensor) -> np.ndarray:
    """Features of a batch, without autograd, as float64 (FRD works in float64, docs/design/frd.md §4).

    Args:
        net: the feature network (in eval mode, on its device).
        images: float in [0, 1], or uint8 in [0, 255]. Shape: (B, 3, S, S).

    Returns:
        Shape: (B, D) float64 numpy array.
    """
    dev = net.device
    x = images.to(dev, non_blocking=True)
    if x.dtype == torch.uint8:
        x = x.float().div_(255.0)
    x = x.contiguous(memory_format=torch.channels_last)
    return cast(np.ndarray, net(x).cpu().double().numpy())  # to the CPU first: MPS has no float64


# ------------------------------------------------------------------------------------------------ weights
def random_network(backbone: str = "resnet18", seed: int = 0, arch: str | None = None) -> nn.Module:
    """A randomly initialised ResNet, identical on every machine for a given seed (torch's RNG is restored).

    Args:
        arch: "torchvision" (stock ResNet; its BatchNorm is the identity in eval mode before training),
            or "none" / "group": this app's training backbone (:class:`~badbatch_gui.core.nets.models.Backbone`,
            zero-initialised residual branches). Default: :data:`UNTRAINED_ARCH`.
    """
    arch = arch or UNTRAINED_ARCH
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(seed))
        if arch == "torchvision":
            net: nn.Module = getattr(torchvision.models, backbone)(weights=None)
            net.fc = nn.Identity()
        else:
            net = Backbone(backbone, arch)
    return net.eval()


def _finish(model: nn.Module, layer: str, normalisation: str, device: torch.device) -> FeatureNetwork:
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; use one of {NORMALISATIONS}")
    net = FeatureNetwork(model, layer, l2=normalisation == "l2")
    net.eval().requires_grad_(False)
    return net.to(device=device).to(memory_format=torch.channels_last)


def load_feature_network(
    backbone: str = "resnet18",
    weights: str | None = None,
    device: torch.device | str = "cpu",
    *,
    seed: int = 0,
    search_hub: bool = True,
    layer: str | None = None,
    normalisation: str | None = None,
) -> tuple[FeatureNetwork, FeatureSource]:
    """The preview's feature network and a record of where its weights came from.

    Args:
        backbone: "resnet18" or "resnet50" (a trained encoder or an ImageNet file brings its own).
        weights: None (ImageNet from the hub cache when present, else random init), a training run folder, an
            exported encoder folder, a checkpoint / safetensors file, or a torchvision ImageNet weights file.
        device: where the network runs.
        seed: random-initialisation seed.
        search_hub: look for ImageNet files in the local torch hub cache when ``weights`` is None.
        layer, normalisation: override the source's default feature layer / normalisation (experiments).

    Raises:
        CheckpointError: ``weights`` is missing, unreadable, not an encoder of this app, or a file that does not
            match torchvision's published ImageNet checksum.
    """
    device = torch.device(device)
    if backbone not in ("resnet18", "resnet50"):
        raise ValueError(f"unknown backbone {backbone!r}")
    if weights:
        path = Path(weights).expanduser()
        if not path.exists():
            raise CheckpointError(f"The weights {path} do not exist.")
        if path.is_dir() or path.suffix == ".safetensors":
            return _trained_source(path, device, layer, normalisation)
        digest = sha256_file(path)
        known = fw.identify_imagenet_file(path, digest)
        if known is not None:
            return _imagenet_source(path, known, digest, device, layer, normalisation)
        try:
            return _trained_source(path, device, layer, normalisation)
        except (CheckpointError, UnsafeFileError) as exc:  # keep the class, add what the operator can do
            names = ", ".join(fw.imagenet_file_names(backbone))
            kind = UnsafeFileError if isinstance(exc, UnsafeFileError) else CheckpointError
            raise kind(
                f"{path.name} is neither a checkpoint of this app nor torchvision's ImageNet {backbone} weights: its "
                f"sha256 ({digest[:8]}...) does not match the published file ({names}). Pick the original file, a "
                f"training run folder, or no weights. ({exc})"
            ) from exc
    if search_hub:
        hub = fw.hub_imagenet_file(backbone)
        if hub is not None:
            digest = sha256_file(hub)
            known = fw.identify_imagenet_file(hub, digest)
            if known is not None:
                return _imagenet_source(hub, known, digest, device, layer, normalisation)
            log.warning("ignoring %s in the torch hub cache: its checksum does not match the published file", hub)
    model = random_network(backbone, seed)
    layer = layer or UNTRAINED_LAYER
    normalisation = normalisation or UNTRAINED_NORMALISATION
    title = "ResNet-18" if backbone == "resnet18" else "ResNet-50"
    src = FeatureSource(
        name=f"random-init {title}",
        weights="",
        untrained=True,
        layer=layer,
        normalisation=normalisation,
        note=UNTRAINED_NOTE,
        backbone=backbone,
        fingerprint=f"random:{UNTRAINED_ARCH}:{backbone}:{seed}",
    )
    return _finish(model, layer, normalisation, device), src


def _imagenet_source(
    path: Path,
    known: tuple[str, str, str],
    digest: str,
    device: torch.device,
    layer: str | None,
    normalisation: str | None,
) -> tuple[FeatureNetwork, FeatureSource]:
    arch, fname, tag = known
    model = fw.imagenet_model(path, arch)
    layer, normalisation = layer or "backbone", normalisation or "l2"
    title = "ResNet-18" if arch == "resnet18" else "ResNet-50"
    src = FeatureSource(
        name=f"ImageNet {title} (torchvision {tag})",
        weights=str(path),
        untrained=False,
        layer=layer,
        normalisation=normalisation,
        backbone=arch,
        fingerprint=f"imagenet:{digest}",
    )
    log.info("preview features: %s from %s", src.name, path)
    return _finish(model, layer, normalisation, device), src


def _trained_source(
    path: Path, device: torch.device, layer: str | None, normalisation: str | None
) -> tuple[FeatureNetwork, FeatureSource]:
    found = read_encoder(path)
    layer = layer or ("projector" if found.has_projector else "backbone")
    normalisation = normalisation or "l2"
    file = found.file
    src = FeatureSource(
        name=f"trained encoder ({file.parent.name or file})",
        weights=str(path),
        untrained=False,
        layer=layer,
        normalisation=normalisation,
        backbone=found.model.backbone.arch,
        fingerprint=f"trained:{fw.file_fingerprint(file)}",
    )
    log.info("preview features: %s, %s, %s", src.name, layer, normalisation)
    return _finish(found.model, layer, normalisation, device), src
