"""Photos as the patch check looks at them: the whole frame at one fixed size, with their pixel measurements.

Training and the embeddings look at a centre square; a defect near the left or right edge of a 4:3 photo would fall
outside it. The patch check therefore keeps the whole frame: every photo is decoded by the app's one decoder
(``data.imageio``: EXIF orientation, colour modes, JPEG drafting) and resized to one frame of (height, width) pixels
for all photos of a check, chosen from the normal photos' usual shape (:func:`frame_shape`); a photo of another shape
is stretched to it (and then usually looks unusual, which it is). The pixel measurements of the Batch check
(``data.pixel_checks``) are taken from the same decode.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data import pixel_checks
from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb_array_and_image
from badbatch_gui.core.data.problem import Problem

log = logging.getLogger(__name__)

#: Frame sides are multiples of this (the coarsest patch stage's stride), so every stage's grid is whole.
FRAME_MULTIPLE = 16
CHUNK = 32


def frame_shape(sizes: np.ndarray, short_side: int) -> tuple[int, int]:
    """(height, width) of the frame: the shorter side ``short_side``, the photos' median aspect ratio.

    Args:
        sizes: (width, height) of the photos as displayed. Shape: (n, 2).
        short_side: the shorter side in pixels (rounded to a multiple of :data:`FRAME_MULTIPLE`).
    """
    side = max(2 * FRAME_MULTIPLE, int(round(short_side / FRAME_MULTIPLE)) * FRAME_MULTIPLE)
    sizes = np.asarray(sizes, dtype=np.float64).reshape(-1, 2)
    ok = (sizes > 0).all(axis=1)
    aspect = float(np.median(sizes[ok, 0] / sizes[ok, 1])) if ok.any() else 1.0  # width / height
    long_side = int(round(side * max(aspect, 1.0 / aspect) / FRAME_MULTIPLE)) * FRAME_MULTIPLE
    long_side = min(max(long_side, side), 4 * side)
    return (side, long_side) if aspect >= 1.0 else (long_side, side)


def load_frame(path: Path, frame: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """One photo at the frame size and its pixel measurements.

    Returns:
        (uint8 photo of shape (H, W, 3), float32 measurements of shape (pixel_checks.VECTOR_LEN,)).

    Raises:
        ImageDecodeError: the file cannot be decoded (reason code and plain message).
    """
    h, w = frame
    _square, im = load_rgb_array_and_image(Path(path), min(h, w))
    pixels = im.resize((w, h), Image.Resampling.BICUBIC, reducing_gap=3.0)
    return np.asarray(pixels, dtype=np.uint8).copy(), pixel_checks.measure_image(im)


@dataclass(frozen=True)
class Frames:
    """Photos loaded by :func:`load_frames`.

    Attributes:
        paths: the relative paths that could be decoded, in the order asked.
        pixels: Shape (n, H, W, 3) uint8.
        measurements: Shape (n, pixel_checks.VECTOR_LEN) float32.
        problems: the files that could not be decoded, with reason codes.
    """

    paths: tuple[str, ...]
    pixels: np.ndarray
    measurements: np.ndarray
    problems: tuple[Problem, ...]


def load_frames(
    root: Path,
    paths: Sequence[str],
    frame: tuple[int, int],
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
    threads: int = 2,
    message: str = "reading photos",
) -> Frames:
    """Decode ``paths`` (relative to ``root``) at the frame size, two at a time; broken files are listed, skipped.

    ``control`` is checked between chunks of :data:`CHUNK` photos; Progress("decode", done, total) after each.
    """

    def one(rel: str) -> tuple[np.ndarray, np.ndarray] | Problem:
        try:
            return load_frame(Path(root) / rel, frame)
        except ImageDecodeError as exc:
            return Problem(rel, exc.reason, str(exc))

    h, w = frame
    pixels = np.empty((len(paths), h, w, 3), dtype=np.uint8)
    measured = np.empty((len(paths), pixel_checks.VECTOR_LEN), dtype=np.float32)
    ok = np.zeros(len(paths), dtype=bool)
    problems: list[Problem] = []
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for start in range(0, len(paths), CHUNK):
            if control is not None:
                control.check()
            chunk = list(paths[start : start + CHUNK])
            for i, got in enumerate(pool.map(one, chunk), start=start):
                if isinstance(got, Problem):
                    problems.append(got)
                    log.warning("inspect skipped %s: %s", got.path, got.message)
                else:
                    pixels[i], measured[i] = got
                    ok[i] = True
            ev.emit(on_event, ev.Progress("decode", min(len(paths), start + CHUNK), len(paths), message))
    keep = np.flatnonzero(ok)
    return Frames(tuple(paths[int(i)] for i in keep), pixels[keep], measured[keep], tuple(problems))
