"""Seeded two-view augmentation presets built on torchvision's functional transforms.

Every random parameter is drawn from a ``numpy.random.Generator`` seeded with (run seed, epoch, image index,
draw, view), never from torch's global RNG. So a view is a pure function of those numbers: the preview shows
exactly what training will see, a resumed run draws the same views, and worker threads cannot disturb each
other's randomness.

Presets:
- ``simclr``: the SimCLR recipe (Chen et al. 2020, appendix A): RandomResizedCrop scale 0.08–1, horizontal
  flip, colour jitter 0.4/0.4/0.4/0.1 with p 0.8, grayscale p 0.2, Gaussian blur (σ 0.1–2, p 0.5).
- ``gentle``: for close-up industrial photos where a 8 % crop loses the part: crop scale 0.5–1 with near
  square aspect, jitter 0.2/0.2/0.1/0.02 with p 0.5, no grayscale, light blur p 0.2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torchvision.transforms.v2 import functional as F


@dataclass(frozen=True)
class AugmentPreset:
    """Parameters of one preset (probabilities in [0, 1], jitter strengths as in torchvision)."""

    crop_scale: tuple[float, float]
    crop_ratio: tuple[float, float]
    flip_p: float
    jitter_p: float
    brightness: float
    contrast: float
    saturation: float
    hue: float
    gray_p: float
    blur_p: float
    blur_sigma: tuple[float, float]


PRESETS: dict[str, AugmentPreset] = {
    "simclr": AugmentPreset((0.08, 1.0), (3 / 4, 4 / 3), 0.5, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.5, (0.1, 2.0)),
    "gentle": AugmentPreset((0.5, 1.0), (0.9, 1.1), 0.5, 0.5, 0.2, 0.2, 0.1, 0.02, 0.0, 0.2, (0.1, 1.0)),
}


def view_rng(seed: int, epoch: int, index: int, draw: int, view: int) -> np.random.Generator:
    """The generator for one view of one image; distinct for every combination of its arguments."""
    return np.random.default_rng([int(seed) & 0xFFFFFFFF, int(epoch), int(index), int(draw), int(view), 0xBADBA7C])


def _crop_box(rng: np.random.Generator, h: int, w: int, p: AugmentPreset) -> tuple[int, int, int, int]:
    """RandomResizedCrop's box (top, left, height, width), torchvision's rule with our generator."""
    area = h * w
    log_ratio = (math.log(p.crop_ratio[0]), math.log(p.crop_ratio[1]))
    for _ in range(10):
        target = area * rng.uniform(*p.crop_scale)
        ratio = math.exp(rng.uniform(*log_ratio))
        cw = int(round(math.sqrt(target * ratio)))
        ch = int(round(math.sqrt(target / ratio)))
        if 0 < cw <= w and 0 < ch <= h:
            return int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1)), ch, cw
    side = min(h, w)  # fallback: centre crop, as torchvision does
    return (h - side) // 2, (w - side) // 2, side, side


class TwoViewAugment:
    """Makes augmented views of uint8 images.

    Args:
        preset: "simclr" or "gentle".
        size: output side in pixels.
    """

    def __init__(self, preset: str, size: int) -> None:
        if preset not in PRESETS:
            raise ValueError(f"unknown augmentation preset {preset!r}")
        self.preset = PRESETS[preset]
        self.name = preset
        self.size = int(size)

    def view(self, image: torch.Tensor, rng: np.random.Generator) -> torch.Tensor:
        """One augmented view.

        Shape:
            image: (3, H, W) uint8. Returns (3, size, size) float32 in [0, 1].
        """
        p = self.preset
        _, h, w = image.shape
        top, left, ch, cw = _crop_box(rng, h, w, p)
        x = F.resized_crop(image, top, left, ch, cw, [self.size, self.size], antialias=True)
        if rng.random() < p.flip_p:
            x = F.horizontal_flip(x)
        if rng.random() < p.jitter_p:
            order = rng.permutation(4)
            factors = (rng.uniform(1 - p.brightness, 1 + p.brightness),
                       rng.uniform(1 - p.contrast, 1 + p.contrast),
                       rng.uniform(1 - p.saturation, 1 + p.saturation),
                       rng.uniform(-p.hue, p.hue))
            for op in order:
                if op == 0:
                    x = F.adjust_brightness(x, factors[0])
                elif op == 1:
                    x = F.adjust_contrast(x, factors[1])
                elif op == 2:
                    x = F.adjust_saturation(x, factors[2])
                elif p.hue > 0:
                    x = F.adjust_hue(x, factors[3])
        if rng.random() < p.gray_p:
            x = F.rgb_to_grayscale(x, num_output_channels=3)
        if rng.random() < p.blur_p:
            k = max(3, int(0.1 * self.size) // 2 * 2 + 1)
            sigma = float(rng.uniform(*p.blur_sigma))
            x = F.gaussian_blur(x, [k, k], [sigma, sigma])
        return x.float().div_(255.0)

    def __call__(self, image: torch.Tensor | np.ndarray, seeds: Sequence[int]) -> torch.Tensor:
        """A view whose randomness is fixed by ``seeds`` = (seed, epoch, index, draw, view).

        Shape:
            image: (H, W, 3) uint8 array or (3, H, W) uint8 tensor. Returns (3, size, size) float32.
        """
        t = to_chw(image)
        return self.view(t, view_rng(*seeds))


def to_chw(image: torch.Tensor | np.ndarray) -> torch.Tensor:
    """An HWC uint8 array (or a CHW tensor, returned as is) as a CHW uint8 tensor.

    Shape:
        image: (H, W, 3) or (3, H, W). Returns (3, H, W).
    """
    if isinstance(image, np.ndarray):
        return torch.from_numpy(np.ascontiguousarray(image)).permute(2, 0, 1)
    return image


def to_float(image: torch.Tensor | np.ndarray) -> torch.Tensor:
    """The un-augmented image as float in [0, 1].

    Shape:
        image: (H, W, 3) uint8 or (3, H, W). Returns (3, H, W) float32.
    """
    return to_chw(image).float().div_(255.0)
