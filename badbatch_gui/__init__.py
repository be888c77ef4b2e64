"""BadBatch Studio: FRD batch curation and EMC2 self-supervised training for image folders.

This module holds the version only and imports neither torch nor Qt, so importing the package stays cheap.
"""

from __future__ import annotations

__all__ = ["__version__", "load_encoder"]

__version__ = "0.1.0"


def load_encoder(path):  # type: ignore[no-untyped-def]
    """Load an exported encoder; see :func:`badbatch_gui.core.export.encoder_io.load_encoder`."""
    from badbatch_gui.core.export.encoder_io import load_encoder as _load

    return _load(path)
