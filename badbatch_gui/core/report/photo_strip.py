"""Small pictures of a folder's photos for a report: decoded with the app's one decoder, read-only, aspect kept."""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

import numpy as np

from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.paths import is_inside

log = logging.getLogger(__name__)

THUMB_SIDE = 160  # pixels of the longer side: sharp at about 4 cm on paper (100 dpi)


def photo_thumbnail(root: Path, relative: str, side: int = THUMB_SIDE) -> np.ndarray | None:
    """The photo ``relative`` (a POSIX path inside ``root``) scaled so its longer side is at most ``side`` pixels.

    Returns:
        uint8 RGB array, shape (h, w, 3) with max(h, w) <= side; None when the photo is missing, unreadable or not
        inside ``root`` (logged).
    """
    parts = PurePosixPath(relative).parts
    if not parts or ".." in parts or PurePosixPath(relative).is_absolute():
        return None
    path = Path(root).joinpath(*parts)
    if not is_inside(path, Path(root)):
        return None
    try:
        img = load_rgb(path)
    except (ImageDecodeError, OSError) as exc:
        log.info("no picture of %s for the report: %s", display_name(path), display_name(exc))
        return None
    img.thumbnail((int(side), int(side)))
    return np.asarray(img, dtype=np.uint8).copy()
