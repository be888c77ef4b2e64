"""The single decode path (Pillow): content sniffing, EXIF orientation, colour mode, bit depth, size limits.

Every image the app shows or trains on goes through :func:`load_rgb` / :func:`load_rgb_array`, so the
scanner, the thumbnails and the training cache agree on what a file looks like (docs/design/reliability.md §1).
Pillow's decompression-bomb limits are kept as they are; ``LOAD_TRUNCATED_IMAGES`` is never touched.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import numpy as np
from PIL import (  # noqa: F401 - importing the plugins registers them with Image.open
    BmpImagePlugin,
    GifImagePlugin,
    Image,
    ImageOps,
    JpegImagePlugin,
    MpoImagePlugin,
    PngImagePlugin,
    PpmImagePlugin,
    TiffImagePlugin,
    UnidentifiedImageError,
    WebPImagePlugin,
)

from badbatch_gui.core.errors import BadBatchError

logger = logging.getLogger(__name__)

REASON_MESSAGES: dict[str, str] = {
    "zero_bytes": "The file is empty (0 bytes).",
    "not_an_image": "The file is not a picture in a supported format (JPEG, PNG, GIF, BMP, TIFF, WebP).",
    "truncated": "The file is damaged or cut short: part of the picture data is missing.",
    "unreadable": "The file cannot be read (no permission, or a disk or network error).",
    "too_large": "The picture has too many pixels to open safely.",
    "unsupported_mode": "The picture's colour format or bit depth cannot be turned into an ordinary colour picture.",
    "too_small": "The picture is too small to use.",
    "special_file": "This is not an ordinary file (a named pipe, a socket or a device), so it was not opened.",
    "link_outside": "This is a link to a place outside the folder, so it was not followed.",
}
SPECIAL_KINDS = {
    "fifo": "a named pipe (FIFO)",
    "socket": "a socket",
    "char_device": "a character device",
    "block_device": "a block device",
    "other": "not an ordinary file",
}
REASONS = tuple(REASON_MESSAGES)

# Raster formats we decode. Restricting Image.open keeps exotic plugins (EPS runs Ghostscript) out and
# stops headerless formats from "recognising" random bytes.
FORMATS = tuple(f for f in ("JPEG", "MPO", "PNG", "GIF", "BMP", "DIB", "TIFF", "WEBP", "PPM") if f in Image.OPEN)
_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N", "I;16S", "I;16LS", "I;16BS", "I;16NS")
_ALPHA = ("LA", "La", "PA", "RGBA", "RGBa")
_DIRECT = ("RGB", "L", "1", "RGBX", "CMYK", "YCbCr", "LAB", "HSV")
SUPPORTED_MODES = frozenset(("P", "I", "F", *_SIXTEEN_BIT, *_ALPHA, *_DIRECT))
_GREY = (128, 128, 128, 255)
_WARN_LOCK = threading.Lock()


class ImageDecodeError(BadBatchError):
    """A file cannot be used as an image. ``reason`` is one of :data:`REASONS`; ``str(exc)`` is plain language."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        if reason not in REASON_MESSAGES:
            raise ValueError(f"unknown reason code {reason!r}")
        self.reason = reason
        self.message = message or REASON_MESSAGES[reason]
        super().__init__(self.message, code=f"image_{reason}", reason=reason)


@dataclass(frozen=True)
class ProbeInfo:
    """What the header says: displayed size (after EXIF orientation), Pillow format and mode."""

    width: int
    height: int
    format: str
    mode: str


def _open(fp: BinaryIO) -> Image.Image:
    """Identify ``fp`` by content. Raises ImageDecodeError for non-images and images above the bomb limit."""
    try:
        try:
            return Image.open(fp, formats=FORMATS)
        except Image.DecompressionBombWarning:
            # Warnings are turned into errors in this process: a picture between Pillow's warning and error
            # limits is still opened (and decoded reduced), so silence just that warning for this call.
            fp.seek(0)
            with _WARN_LOCK, warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                return Image.open(fp, formats=FORMATS)
    except Image.DecompressionBombError:
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0)
        raise ImageDecodeError("too_large", f"{REASON_MESSAGES['too_large']} (over {limit:,} pixels)") from None
    except UnidentifiedImageError:
        raise ImageDecodeError("not_an_image") from None
    except PermissionError:
        raise ImageDecodeError("unreadable") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # A recognised header that breaks while being parsed: the file is damaged.
        logger.debug("Damaged header: %s", exc)
        raise ImageDecodeError("truncated") from None


def special_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is not a regular file or a folder ("fifo", "socket"...), else None."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode):
        return "char_device"
    if stat.S_ISBLK(mode):
        return "block_device"
    return "other"


def _special_file_error(kind: str) -> ImageDecodeError:
    return ImageDecodeError(
        "special_file", f"This is {SPECIAL_KINDS[kind]}, not an ordinary file, so it was not opened."
    )


def _regular_file_opener(path: str, flags: int) -> int:
    """``open``'s opener: non-blocking (a FIFO put in place of the file cannot block the open), then refused
    unless the handle is a regular file, then blocking again for the reads.
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags | nonblock)
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise _special_file_error(kind)
        if nonblock:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_file(path: Path) -> BinaryIO:
    """Open a regular file for reading. A named pipe, socket or device is never opened for real: reading a FIFO
    would wait forever for a writer, and opening a device can have effects. The type is checked before opening, and
    again on the open handle (opened non-blocking), in case the file was replaced in between.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        kind = special_kind(mode)
        if kind is not None:
            raise _special_file_error(kind)
        return open(path, "rb", opener=_regular_file_opener)  # closed by the callers' with-blocks
    except (PermissionError, IsADirectoryError):
        raise ImageDecodeError("unreadable") from None
    except FileNotFoundError:
        raise ImageDecodeError("unreadable", "The file disappeared or is a broken link.") from None
    except OSError as exc:
        raise ImageDecodeError("unreadable", f"{REASON_MESSAGES['unreadable']} ({exc.strerror})") from None


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(0x0112, 1) or 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block must not reject the picture
        return 1


def probe_info(path: Path) -> ProbeInfo:
    """Read only the header of ``path``: format, mode and displayed size. Cheap; no pixel data is decoded.

    Raises:
        ImageDecodeError: zero_bytes, unreadable, not_an_image, too_large, unsupported_mode or truncated
            (when the header itself is damaged).
    """
    with _open_file(Path(path)) as fp:
        if not fp.read(1):
            raise ImageDecodeError("zero_bytes")
        fp.seek(0)
        with _open(fp) as im:
            width, height = im.size
            if im.mode not in SUPPORTED_MODES:
                raise ImageDecodeError("unsupported_mode", f"{REASON_MESSAGES['unsupported_mode']} (mode {im.mode})")
            if _orientation(im) in (5, 6, 7, 8):
                width, height = height, width
            return ProbeInfo(width, height, str(im.format), im.mode)


def probe(path: Path) -> tuple[int, int]:
    """(width, height) as displayed (EXIF orientation applied), from the header only. See :func:`probe_info`."""
    info = probe_info(path)
    return info.width, info.height


def _rescale_to_uint8(arr: np.ndarray, sixteen_bit: bool) -> np.ndarray:
    """Map integer or float samples to 0..255 without clipping (Pillow's convert clips, Pillow#2574).

    Shape: arr (H, W). 16-bit containers map 0..65535 linearly (a dark 16-bit picture stays dark); 32-bit
    ints use 0..65535 when they fit and their own min..max otherwise; floats in [0, 1] scale by 255.
    """
    a = arr.astype(np.float32)
    if not np.all(np.isfinite(a)):
        raise ImageDecodeError("unsupported_mode", f"{REASON_MESSAGES['unsupported_mode']} (non-finite values)")
    lo, hi = (float(a.min()), float(a.max())) if a.size else (0.0, 0.0)
    if sixteen_bit and lo >= 0:
        lo, hi = 0.0, 65535.0
    elif arr.dtype.kind == "f" and lo >= 0 and hi <= 1:
        lo, hi = 0.0, 1.0
    elif arr.dtype.kind in "iu" and lo >= 0 and hi <= 65535:
        lo, hi = 0.0, 65535.0
    if hi <= lo:
        return np.zeros(arr.shape, dtype=np.uint8)
    return cast(np.ndarray, np.rint((a - lo) * (255.0 / (hi - lo))).astype(np.uint8))


def to_rgb(im: Image.Image) -> Image.Image:
    """Any supported mode -> 8-bit RGB: alpha/palette over neutral grey, CMYK converted, 16-bit rescaled.

    Raises:
        ImageDecodeError: ``unsupported_mode`` when the mode cannot be mapped.
    """
    mode = im.mode
    if mode == "RGB":
        return im
    if mode in _SIXTEEN_BIT or mode in ("I", "F"):
        grey = _rescale_to_uint8(np.asarray(im), sixteen_bit=mode in _SIXTEEN_BIT)
        return Image.fromarray(grey).convert("RGB")
    if mode == "P" and ("transparency" in im.info or im.palette is not None and im.palette.mode == "RGBA"):
        mode = "PA"
    if mode in _ALPHA:
        rgba = im.convert("RGBA") if im.mode != "La" else im.convert("LA").convert("RGBA")
        base = Image.new("RGBA", rgba.size, _GREY)
        return Image.alpha_composite(base, rgba).convert("RGB")
    if mode in _DIRECT or mode == "P":
        return im.convert("RGB")
    raise ImageDecodeError("unsupported_mode", f"{REASON_MESSAGES['unsupported_mode']} (mode {mode})")


def _decode(path: Path, target_short_side: int | None) -> Image.Image:
    """Open, draft (JPEG), load, orient, convert. Memory stays bounded by Pillow's pixel limits."""
    with _open_file(Path(path)) as fp:
        if not fp.read(1):
            raise ImageDecodeError("zero_bytes")
        fp.seek(0)
        im = _open(fp)
        if im.mode not in SUPPORTED_MODES:
            raise ImageDecodeError("unsupported_mode", f"{REASON_MESSAGES['unsupported_mode']} (mode {im.mode})")
        w, h = im.size
        limit = Image.MAX_IMAGE_PIXELS
        scale = 1
        if limit and w * h > limit:  # between the warning and error limits: decode reduced
            scale = 2 ** math.ceil(math.log2(math.sqrt(w * h / limit)))
            logger.info("%s has %d pixels (over %d); decoding it reduced %dx", path, w * h, limit, scale)
        if target_short_side:
            scale = max(scale, min(w, h) // target_short_side)
        if im.format in ("JPEG", "MPO") and scale > 1:
            im.draft(im.mode, (max(1, w // scale), max(1, h // scale)))
        try:
            im.load()
        except PermissionError:
            raise ImageDecodeError("unreadable") from None
        except Image.DecompressionBombError:
            raise ImageDecodeError("too_large") from None
        except MemoryError:
            raise ImageDecodeError("too_large", f"{REASON_MESSAGES['too_large']} (out of memory)") from None
        except Exception as exc:  # noqa: BLE001 - every decoder failure is a damaged file, never a crash
            logger.debug("Decoding %s failed: %s", path, exc)
            raise ImageDecodeError("truncated") from None
    try:
        im = ImageOps.exif_transpose(im)
    except Exception as exc:  # noqa: BLE001 - a broken EXIF block must not reject the picture
        logger.warning("Ignoring unreadable EXIF orientation of %s: %s", path, exc)
    rgb = to_rgb(im)
    if limit and rgb.width * rgb.height > limit:  # not a JPEG, so no draft: reduce in memory
        rgb = rgb.reduce(math.ceil(math.sqrt(rgb.width * rgb.height / limit)))
    return rgb


def load_rgb(path: Path) -> Image.Image:
    """Fully decode ``path`` to an 8-bit RGB image with EXIF orientation applied.

    A picture between Pillow's warning and error pixel limits comes back reduced below the warning limit.

    Raises:
        ImageDecodeError: with a reason code from :data:`REASONS` (never another exception for bad files).
    """
    return _decode(Path(path), None)


def load_rgb_array(path: Path, size: int) -> np.ndarray:
    """Decode ``path``, resize its shorter side to ``size`` (antialiased) and centre-crop a square.

    Big JPEGs are decoded reduced with ``Image.draft`` and large reductions go through ``reduce`` first.

    Returns:
        uint8 array. Shape: (size, size, 3).

    Raises:
        ImageDecodeError: with a reason code from :data:`REASONS`.
    """
    return _square(_decode(Path(path), int(size)), int(size))


def load_rgb_array_and_image(path: Path, size: int) -> tuple[np.ndarray, Image.Image]:
    """:func:`load_rgb_array` plus the decoded picture it was cut from (the whole frame, reduced by JPEG
    drafting to no less than ``size`` on its shorter side), for measurements that need the whole picture.

    Returns:
        (uint8 array of shape (size, size, 3), the 8-bit RGB picture before the crop and resize).

    Raises:
        ImageDecodeError: with a reason code from :data:`REASONS`.
    """
    im = _decode(Path(path), int(size))
    return _square(im, int(size)), im


def _square(im: Image.Image, size: int) -> np.ndarray:
    """Shorter side resized to ``size`` (antialiased), centre-cropped square. Shape: returns (size, size, 3)."""
    w, h = im.size
    side = min(w, h)
    left, top = (w - side) / 2.0, (h - side) / 2.0
    out = im.resize((size, size), Image.Resampling.BICUBIC, box=(left, top, left + side, top + side), reducing_gap=3.0)
    return np.asarray(out, dtype=np.uint8).copy()
