"""Tiny synthetic image set and batch augmentation shared by the training-math benchmarks (no downloads)."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F


def synthetic_images(n: int, size: int, seed: int = 0, classes: int = 8) -> tuple[torch.Tensor, torch.Tensor]:
    """Images with class structure: oriented stripes of a class colour over a noisy background.

    Shape: -> images (n, 3, size, size) float in [0, 1], labels (n,) int64.
    """
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % classes
    yy, xx = torch.meshgrid(torch.linspace(-1, 1, size), torch.linspace(-1, 1, size), indexing="ij")
    colours = torch.rand(classes, 3, generator=g)
    imgs = torch.empty(n, 3, size, size)
    for i in range(n):
        c = int(labels[i])
        angle = math.pi * c / classes + 0.2 * float(torch.randn(1, generator=g))
        freq = 3 + (c % 3) * 2
        phase = float(torch.rand(1, generator=g)) * 6.28
        stripes = 0.5 + 0.5 * torch.sin(freq * math.pi * (xx * math.cos(angle) + yy * math.sin(angle)) + phase)
        bg = 0.3 * torch.rand(3, 1, 1, generator=g)
        img = bg + colours[c].view(3, 1, 1) * stripes + 0.05 * torch.randn(3, size, size, generator=g)
        imgs[i] = img.clamp(0, 1)
    return imgs, labels


def augment(x: torch.Tensor, g: torch.Generator, out: int) -> torch.Tensor:
    """Random resized crop (scale 0.3-1), horizontal flip, brightness/contrast jitter, per image.

    Shape: x (B, 3, S, S) -> (B, 3, out, out).
    """
    b, _, s, _ = x.shape
    scale = 0.3 + 0.7 * torch.rand(b, generator=g)
    side = (scale.sqrt() * s).clamp(min=8).long()
    views = []
    for i in range(b):
        k = int(side[i])
        top = int(torch.randint(0, s - k + 1, (1,), generator=g))
        left = int(torch.randint(0, s - k + 1, (1,), generator=g))
        crop = x[i : i + 1, :, top : top + k, left : left + k]
        crop = F.interpolate(crop, size=(out, out), mode="bilinear", align_corners=False)
        if float(torch.rand(1, generator=g)) < 0.5:
            crop = crop.flip(3)
        bright = 0.6 + 0.8 * float(torch.rand(1, generator=g))
        contrast = 0.6 + 0.8 * float(torch.rand(1, generator=g))
        mean = crop.mean()
        views.append(((crop - mean) * contrast + mean * bright).clamp(0, 1))
    return torch.cat(views)
