"""Fixtures for the Inspect tests: a tiny exported encoder (random weights) and its untrained twin.

The photo folders they are run on are drawn by ``tests.helpers.inspect_photos``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from badbatch_gui.core.inspect.model import InspectModel, load_model, untrained_twin
from badbatch_gui.core.nets.encoder_io import save_encoder
from badbatch_gui.core.nets.models import build_model

torch.set_num_threads(2)


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
