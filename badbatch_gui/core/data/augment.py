"""Seeded two-view augmentation presets: per-image random parameters, batch-vectorised pixel work.

Every random parameter is drawn from a ``numpy.random.Generator`` seeded with (run seed, epoch, image index,
draw, view), never from torch's global RNG. So a view is a pure function of those numbers: the preview shows
exactly what training will see, a resumed run draws the same views, and worker threads cannot disturb each
other's randomness. A view does not depend on which other images share its batch: the colour and blur stages
are vectorised over the batch with per-image parameters (elementwise work and grouped convolutions only), so
``views([a, b])[0]`` equals ``views([a])[0]``. Vectorising matters on CPUs, where torchvision's per-image hue and
blur ops are slow (``benchmarks``).

Presets:
- ``simclr``: the SimCLR recipe (Chen et al. 2020, appendix A): RandomResizedCrop scale 0.08–1, horizontal
  flip, colour jitter 0.4/0.4/0.4/0.1 with p 0.8 in random order, grayscale p 0.2, Gaussian blur (σ 0.1–2,
  p 0.5, kernel about 10 % of the side).
- ``gentle`` (the default): for close-up industrial photos where a 8 % crop loses the part: crop scale 0.5–1
  with near square aspect, jitter 0.2/0.2/0.1/0.02 with p 0.5, no grayscale, light blur p 0.2. Its two views
  always share at least half of what they show (``benchmarks/bench_augment_overlap.py``).

``gentle`` is the default because stronger augmentation, at the passes an operator can afford, made the k-NN
accuracy fall below the untrained network's (docs/design/emc2.md §5.4, ``benchmarks/recipe_search.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torchvision.transforms.v2 import functional as F

_GRAY = (0.2989, 0.587, 0.114)  # ITU-R 601 luma, as torchvision's rgb_to_grayscale
# For HSV sector i = floor(6h), which of (v, q, p, t) becomes r, g and b (the standard hsv->rgb table).
_HSV_SECTORS = torch.tensor([[0, 3, 2], [1, 0, 2], [2, 0, 3], [2, 1, 0], [3, 2, 0], [0, 2, 1]])


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


@dataclass(frozen=True)
class ViewParams:
    """The random choices behind one view. ``order`` lists jitter ops (0 brightness, 1 contrast,
    2 saturation, 3 hue) in application order; ``sigma`` is None when no blur is applied.
    """

    box: tuple[int, int, int, int]
    flip: bool
    jitter: bool
    order: tuple[int, ...]
    factors: tuple[float, float, float, float]
    gray: bool
    sigma: float | None


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


def draw_params(rng: np.random.Generator, h: int, w: int, p: AugmentPreset) -> ViewParams:
    """Draw every random choice of one view, in a fixed order."""
    box = _crop_box(rng, h, w, p)
    flip = bool(rng.random() < p.flip_p)
    jitter = bool(rng.random() < p.jitter_p)
    order = tuple(int(i) for i in rng.permutation(4))
    factors = (
        float(rng.uniform(1 - p.brightness, 1 + p.brightness)),
        float(rng.uniform(1 - p.contrast, 1 + p.contrast)),
        float(rng.uniform(1 - p.saturation, 1 + p.saturation)),
        float(rng.uniform(-p.hue, p.hue)),
    )
    gray = bool(rng.random() < p.gray_p)
    blur = bool(rng.random() < p.blur_p)
    sigma = float(rng.uniform(*p.blur_sigma))
    return ViewParams(box, flip, jitter, order, factors, gray, sigma if blur else None)


def _luma(x: torch.Tensor) -> torch.Tensor:
    """Shape: x (n,3,H,W) -> (n,1,H,W)."""
    return x[:, 0:1] * _GRAY[0] + x[:, 1:2] * _GRAY[1] + x[:, 2:3] * _GRAY[2]


def _shift_hue(x: torch.Tensor, shift: torch.Tensor) -> torch.Tensor:
    """Rotate hue by ``shift`` (fractions of a turn) per image, through HSV as torchvision's adjust_hue.

    Shape:
        x: (n,3,H,W) float in [0,1]; shift: (n,). Returns (n,3,H,W).
    """
    r, g, b = x.unbind(1)
    maxc = x.amax(1)
    minc = x.amin(1)
    delta = maxc - minc
    s = torch.where(maxc > 0, delta / maxc.clamp_min(1e-12), torch.zeros_like(maxc))
    dc = delta.clamp_min(1e-12)
    rc, gc, bc = (maxc - r) / dc, (maxc - g) / dc, (maxc - b) / dc
    h = torch.where(maxc == r, bc - gc, torch.where(maxc == g, 2.0 + rc - bc, 4.0 + gc - rc))
    h = torch.where(delta > 0, (h / 6.0) % 1.0, torch.zeros_like(h))
    h = (h + shift.view(-1, 1, 1)) % 1.0
    v = maxc
    i = torch.floor(h * 6.0)
    f = h * 6.0 - i
    i = i.long() % 6
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    table = torch.stack([v, q, p, t], 1)  # the four values each sector draws its r, g, b from
    pick = _HSV_SECTORS[i]  # (n, H, W, 3) indices into table
    return table.gather(1, pick.permute(0, 3, 1, 2))


def _blur(x: torch.Tensor, sigma: torch.Tensor, k: int) -> torch.Tensor:
    """Separable Gaussian blur with one σ per image (reflect padding, as torchvision's gaussian_blur).

    Shape:
        x: (n,3,H,W); sigma: (n,). Returns (n,3,H,W).
    """
    n, c, h, w = x.shape
    pos = torch.arange(k, dtype=x.dtype) - (k - 1) / 2
    ker = torch.exp(-0.5 * (pos.view(1, -1) / sigma.view(-1, 1)) ** 2)
    ker = (ker / ker.sum(1, keepdim=True)).repeat_interleave(c, 0)  # (n*c, k)
    y = torch.nn.functional.pad(x.reshape(1, n * c, h, w), (k // 2, k // 2, k // 2, k // 2), mode="reflect")
    y = torch.nn.functional.conv2d(y, ker.view(n * c, 1, 1, k), groups=n * c)
    y = torch.nn.functional.conv2d(y, ker.view(n * c, 1, k, 1), groups=n * c)
    return y.view(n, c, h, w)


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
        self.blur_kernel = max(3, int(0.1 * self.size) // 2 * 2 + 1)

    def views(self, images: Sequence[torch.Tensor], seeds: Sequence[Sequence[int]]) -> torch.Tensor:
        """One augmented view per image; ``seeds[i]`` = (seed, epoch, index, draw, view) fixes image i's view.

        Shape:
            images: each (3, H, W) uint8 (sizes may differ). Returns (n, 3, size, size) float32 in [0, 1].
        """
        p = self.preset
        params = [
            draw_params(view_rng(*s), int(im.shape[1]), int(im.shape[2]), p)
            for im, s in zip(images, seeds, strict=True)
        ]
        crops = [
            F.resized_crop(im, *prm.box, [self.size, self.size], antialias=True)
            for im, prm in zip(images, params, strict=True)
        ]
        x = torch.stack(crops).float().div_(255.0)
        flip = torch.tensor([prm.flip for prm in params])
        if flip.any():
            x[flip] = x[flip].flip(-1)
        jitter = torch.tensor([prm.jitter for prm in params])
        if jitter.any():
            factors = torch.tensor([prm.factors for prm in params], dtype=x.dtype)
            order = torch.tensor([prm.order for prm in params])
            for pos in range(4):
                for op in range(4):
                    m = jitter & (order[:, pos] == op)
                    if op == 3 and p.hue == 0 or not m.any():
                        continue
                    x[m] = self._jitter(x[m], op, factors[m, op])
        gray = torch.tensor([prm.gray for prm in params])
        if gray.any():
            x[gray] = _luma(x[gray]).expand(-1, 3, -1, -1)
        blur = torch.tensor([prm.sigma is not None for prm in params])
        if blur.any():
            sig = torch.tensor([prm.sigma for prm in params if prm.sigma is not None], dtype=x.dtype)
            x[blur] = _blur(x[blur], sig, self.blur_kernel)
        return x.clamp_(0.0, 1.0)

    @staticmethod
    def _jitter(x: torch.Tensor, op: int, f: torch.Tensor) -> torch.Tensor:
        """Brightness / contrast / saturation / hue with one factor per image (torchvision's definitions)."""
        fv = f.view(-1, 1, 1, 1)
        if op == 0:
            return (x * fv).clamp_(0, 1)
        if op == 1:
            mean = _luma(x).mean(dim=(1, 2, 3), keepdim=True)
            return (fv * x + (1 - fv) * mean).clamp_(0, 1)
        if op == 2:
            return (fv * x + (1 - fv) * _luma(x)).clamp_(0, 1)
        return _shift_hue(x, f)

    def __call__(self, image: torch.Tensor | np.ndarray, seeds: Sequence[int]) -> torch.Tensor:
        """A single view (the same pixels :meth:`views` gives this image in any batch).

        Shape:
            image: (H, W, 3) uint8 array or (3, H, W) uint8 tensor. Returns (3, size, size) float32.
        """
        return self.views([to_chw(image)], [seeds])[0]


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
