"""BadBatch Studio: FRD batch curation and EMC2 self-supervised training for image folders.

This module holds the version only and imports neither torch nor Qt, so importing the package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotations: importing the package loads neither torch nor Qt
    from pathlib import Path

    from badbatch_gui.core.nets.encoder_io import Encoder
    from badbatch_gui.core.nets.preprocess import Preprocess

__all__ = ["__version__", "load_encoder"]

__version__ = "0.1.0"


def load_encoder(path: str | Path) -> tuple[Encoder, Preprocess]:
    """Load an exported encoder (or a run's) with its preprocessing; see
    :func:`badbatch_gui.core.nets.encoder_io.load_encoder` for the rules.
    """
    from badbatch_gui.core.nets.encoder_io import load_encoder as _load

    return _load(path)
