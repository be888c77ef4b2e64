"""Thumbnail disk cache: small encoded thumbnails keyed by (path, file size, mtime, thumbnail size).

The cache stores bytes (PNG/JPEG), never Qt objects: the GUI decodes the originals with ``QImageReader`` at
reduced size in pool threads and hands the encoded result to :meth:`ThumbnailCache.put`; the next visit reads
it back with :meth:`ThumbnailCache.get`. :func:`render_thumbnail` is a Pillow fallback (the project's single
decode path, :mod:`badbatch_gui.core.data.imageio`) for files Qt's readers refuse, and for Qt-free clients.

Everything lives under the folder the caller gives (the app's ``AppPaths.thumbnails_dir``) (the cache dir, safe to delete); nothing is ever
written next to the user's images. Writes are atomic (temporary file + ``os.replace``), so two threads or two
app instances may fill the cache at once.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from badbatch_gui.core.atomic_files import write_atomic
from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb
from badbatch_gui.core.file_names import key_bytes

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class ThumbKey:
    """What identifies one cached thumbnail: the file's resolved path, size and mtime, and the thumbnail size."""

    path: str
    size_bytes: int
    mtime_ns: int
    thumb_size: int

    def digest(self) -> str:
        """A file-name-safe hash of the key."""
        text = f"{self.path}\0{self.size_bytes}\0{self.mtime_ns}\0{self.thumb_size}"
        return hashlib.sha1(key_bytes(text)).hexdigest()


def thumb_key(path: Path, thumb_size: int) -> ThumbKey | None:
    """The cache key of ``path`` at ``thumb_size`` pixels, or None when the file cannot be examined."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return ThumbKey(os.path.abspath(path), int(st.st_size), int(st.st_mtime_ns), int(thumb_size))


class ThumbnailCache:
    """Encoded thumbnails in a two-level folder tree under ``folder`` (the app's: ``AppPaths.thumbnails_dir``).

    Args:
        folder: where the thumbnails are kept.
        max_bytes: :meth:`prune` removes the oldest files beyond this total.
    """

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = int(max_bytes)

    def _file(self, key: ThumbKey) -> Path:
        digest = key.digest()
        return self.folder / digest[:2] / f"{digest}.img"

    def get(self, path: Path, thumb_size: int) -> bytes | None:
        """The cached encoded thumbnail of ``path``, or None (not cached, file changed, or unreadable)."""
        key = thumb_key(path, thumb_size)
        if key is None:
            return None
        try:
            return self._file(key).read_bytes()
        except OSError:
            return None

    def put(self, path: Path, thumb_size: int, data: bytes) -> bool:
        """Store ``data`` (an encoded image) for ``path``; True when written. Failures are logged, not raised."""
        key = thumb_key(path, thumb_size)
        if key is None or not data:
            return False
        target = self._file(key)
        try:
            write_atomic(target, lambda fh: fh.write(data), durable=False)  # a cache: no fsync
        except OSError as exc:
            log.debug("could not cache the thumbnail of %s: %s", path, exc)
            return False
        return True

    def total_bytes(self) -> int:
        """Bytes used by the cache."""
        total = 0
        for f in self.folder.glob("*/*.img"):
            try:
                total += f.stat().st_size
            except OSError:
                pass
        return total

    def prune(self) -> int:
        """Delete the least recently written thumbnails until the cache fits ``max_bytes``; return files removed."""
        entries = []
        for f in self.folder.glob("*/*.img"):
            try:
                st = f.stat()
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, f))
        total = sum(e[1] for e in entries)
        removed = 0
        for _, size, f in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                f.unlink()
                total -= size
                removed += 1
            except OSError:
                pass
        return removed


def render_thumbnail(path: Path, thumb_size: int, quality: int = 85) -> bytes:
    """Decode ``path`` with the project's decoder and return a JPEG whose longer side is ``thumb_size``.

    Raises:
        ImageDecodeError: the file cannot be decoded (reason code and plain message attached).
    """
    img = load_rgb(Path(path))
    img.thumbnail((int(thumb_size), int(thumb_size)))
    buf = io.BytesIO()
    try:
        img.save(buf, format="JPEG", quality=int(quality))
    except OSError as exc:  # pragma: no cover - Pillow without JPEG support
        raise ImageDecodeError("unsupported_mode", str(exc)) from exc
    return buf.getvalue()
