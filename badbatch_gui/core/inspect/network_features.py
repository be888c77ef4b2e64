"""What the Inspect step reads out of the backbone: a whole-photo embedding, or local (patch) descriptions.

- **Embeddings** (photos like this one, the map, duplicates): the backbone's output, the globally pooled last stage,
  L2-normalised, of the centre crop the encoder was trained on.
- **Patch descriptions** (checking new photos; PatchCore, Roth et al. 2022, arXiv 2106.08265, §3.1): the feature maps
  of the stages ``layer1``-``layer3`` by default, each averaged over its 3 × 3 neighbourhood (a patch's description
  includes its surroundings) and brought to one grid of stride :data:`PATCH_STRIDE` (8 pixels): ``layer1`` (stride
  4) averaged over 2 × 2 cells, ``layer3`` (stride 16) upsampled bilinearly; then concatenated. The paper uses the
  middle stages only; ``layer1`` is added here because the app's encoder is trained briefly (or not at all) on a few
  hundred photos, and its first stage keeps the fine edges and colours that a thin scratch or a stain changes
  (docs/design/inspect.md §3 has the measurement). Unlike the paper, each stage is divided by its typical
  description length on the normal photos (``layer_scales``), so that every stage counts alike whatever the
  weights; the paper instead pools every stage to a common width.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F

from badbatch_gui.core.inspect.model import as_float_batch
from badbatch_gui.core.nets.models import LAYERS, Backbone

#: Total stride of each stage of a ResNet with the ImageNet stem (the frame is a multiple of the coarsest one).
STRIDES = {"layer1": 4, "layer2": 8, "layer3": 16}
#: The patch grid's stride in pixels of the frame: every stage is brought to it (finer ones averaged, coarser ones
#: upsampled), so a heat-map cell is 8 × 8 pixels of the inspected frame whatever the stages.
PATCH_STRIDE = 8


@torch.no_grad()
def embed_batch(backbone: Backbone, images: np.ndarray) -> np.ndarray:
    """L2-normalised embeddings of square photos (``backbone`` from :func:`~.model.placed`).

    Shape: images (B, S, S, 3) uint8 -> (B, F) float32, unit rows.
    """
    x = as_float_batch(images).to(backbone.mean.device)
    out = F.normalize(backbone(x).float(), dim=1)
    return np.ascontiguousarray(out.cpu().numpy(), dtype=np.float32)


def _stages(backbone: Backbone, x: torch.Tensor, wanted: Sequence[str]) -> dict[str, torch.Tensor]:
    """The feature maps of the ``wanted`` stages, stopping after the last one. Shape: x (B, 3, H, W)."""
    net = backbone.body
    h = net.maxpool(net.relu(net.bn1(net.conv1(backbone.normalise(x)))))
    out: dict[str, torch.Tensor] = {}
    last = max(LAYERS.index(name) for name in wanted)
    for name in LAYERS[: last + 1]:
        h = getattr(net, name)(h)
        if name in wanted:
            out[name] = h
    return out


@torch.no_grad()
def patch_maps(
    backbone: Backbone, images: np.ndarray, layers: Sequence[str], layer_scales: np.ndarray | None = None
) -> tuple[torch.Tensor, tuple[int, ...]]:
    """Patch descriptions of whole frames (see the module docstring).

    Args:
        backbone: the network, on its device (:func:`~.model.placed`).
        images: the photos at the inspection frame. Shape: (B, H, W, 3) uint8, H and W multiples of 16.
        layers: the stages to use, finest first (e.g. ("layer1", "layer2", "layer3")).
        layer_scales: divide each stage by this (None: raw values). Shape: (len(layers),).

    Returns:
        (descriptions, the channel count of each stage). Shape: descriptions (B, D, gh, gw) float32 on the CPU, with
        D = sum of the stages' channels and (gh, gw) = (H, W) / :data:`PATCH_STRIDE`.
    """
    x = as_float_batch(images).to(backbone.mean.device)
    maps = _stages(backbone, x, layers)
    grid = (images.shape[1] // PATCH_STRIDE, images.shape[2] // PATCH_STRIDE)
    parts = []
    for i, name in enumerate(layers):
        f = F.avg_pool2d(maps[name].float(), kernel_size=3, stride=1, padding=1, count_include_pad=False)
        if STRIDES[name] < PATCH_STRIDE:
            f = F.avg_pool2d(f, kernel_size=PATCH_STRIDE // STRIDES[name])
        if tuple(f.shape[-2:]) != grid:
            f = F.interpolate(f, size=grid, mode="bilinear", align_corners=False)
        if layer_scales is not None:
            f = f / float(layer_scales[i])
        parts.append(f)
    return torch.cat(parts, dim=1).cpu(), tuple(int(p.shape[1]) for p in parts)


def grid_of(frame: tuple[int, int], layers: Sequence[str]) -> tuple[int, int]:
    """The patch grid (rows, columns) of a frame of (height, width) pixels (the same for any ``layers``)."""
    return frame[0] // PATCH_STRIDE, frame[1] // PATCH_STRIDE


def stage_lengths(descriptions: torch.Tensor, channels: Sequence[int]) -> np.ndarray:
    """Mean description length of each stage over every patch. Shape: (B, D, gh, gw) -> (len(channels),)."""
    out = []
    start = 0
    for c in channels:
        part = descriptions[:, start : start + c]
        out.append(float(part.norm(dim=1).mean()))
        start += c
    return np.asarray(out, dtype=np.float64)
