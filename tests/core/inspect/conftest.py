"""Shared pieces for the Inspect tests: small photo folders drawn here and a tiny exported encoder (random weights)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.core.inspect.model import InspectModel, load_model, untrained_twin
from badbatch_gui.core.nets.encoder_io import save_encoder
from badbatch_gui.core.nets.models import build_model

torch.set_num_threads(2)


def surface(rng: np.random.Generator, h: int = 48, w: int = 64) -> np.ndarray:
    """A normal photo: diagonal stripes with a random phase, slight brightness change and noise. Shape (h, w, 3)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0.6, 0.9)
    stripes = 0.5 + 0.25 * np.sin((xx * np.cos(angle) + yy * np.sin(angle)) / 2.5 + rng.uniform(0, 6.3))
    img = np.stack([stripes * 0.9, stripes * 0.8, stripes * 0.6], axis=-1) * rng.uniform(0.9, 1.1)
    img += rng.normal(0, 0.02, img.shape)
    return np.clip(img * 255, 0, 255).astype(np.uint8)


def write_photos(folder: Path, images: list[np.ndarray], prefix: str = "img") -> list[str]:
    """Save PNGs ``<prefix>_<i>.png``; returns their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, img in enumerate(images):
        name = f"{prefix}_{i:04d}.png"
        Image.fromarray(img).save(folder / name)
        names.append(name)
    return names


def normal_folder(folder: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` normal photos in ``folder``."""
    rng = np.random.default_rng(seed)
    return write_photos(folder, [surface(rng) for _ in range(n)])


@pytest.fixture(scope="session")
def encoder_export(tmp_path_factory) -> Path:
    """An export folder holding a random ResNet-18 encoder for 64 px photos."""
    out = tmp_path_factory.mktemp("export")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        save_encoder(build_model(), out / "encoder.safetensors", 64)
    return out


@pytest.fixture(scope="session")
def encoder(encoder_export: Path) -> InspectModel:
    """The exported encoder, loaded."""
    return load_model(encoder_export)


@pytest.fixture(scope="session")
def random_encoder(encoder: InspectModel) -> InspectModel:
    """The standard-initialised random twin (every residual block active: richer features than the shipped start)."""
    return untrained_twin(encoder, "standard", seed=0)
