"""Thumbnails off the GUI thread: QThreadPool jobs that decode reduced images (docs/design/gui.md §3).

Results come back through a small signal-carrier QObject (a QRunnable is not a QObject), to the
:class:`ThumbnailLoader` living in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from badbatch_gui.core.data.thumbnails import ThumbnailCache, render_thumbnail
from badbatch_gui.core.file_names import has_surrogates
from badbatch_gui.gui.gc_on_gui_thread import release_on_gui_thread

log = logging.getLogger(__name__)


class _ThumbSignals(QObject):
    """Signal carrier for pool jobs (a QRunnable is not a QObject); lives in the GUI thread.

    Paths travel as ``object``: a ``str`` signal argument becomes a QString, which drops the lone surrogates of a
    file name that is not valid UTF-8 (core/file_names.py), so the path would no longer match its row.
    """

    loaded = Signal(object, QImage)
    failed = Signal(object)


class ThumbnailJob(QRunnable):
    """Decodes one thumbnail off the GUI thread: disk cache first, then QImageReader at reduced size
    (EXIF orientation applied), then the Pillow decoder as a fallback; fills the disk cache.
    """

    def __init__(
        self, path: str, size: int, cache: ThumbnailCache, signals: _ThumbSignals, cancel: threading.Event
    ) -> None:
        super().__init__()
        self.path, self.size, self.cache, self.cancel = path, int(size), cache, cancel
        self.signals: _ThumbSignals | None = signals

    def run(self) -> None:
        """Called in a pool thread."""
        signals, self.signals = self.signals, None
        try:
            self._run(signals)
        finally:  # the signal carrier is a QObject: its last reference is dropped on the GUI thread only
            release_on_gui_thread(signals)

    def _run(self, signals: _ThumbSignals | None) -> None:
        if self.cancel.is_set() or signals is None:
            return
        try:
            image = self._load()
        except Exception:  # a thumbnail failure is a placeholder, never a crash
            log.exception("thumbnail of %s failed", self.path)
            image = QImage()
        if self.cancel.is_set():
            return
        if image.isNull():
            signals.failed.emit(self.path)
        else:
            signals.loaded.emit(self.path, image)

    def _load(self) -> QImage:
        data = self.cache.get(Path(self.path), self.size)
        image = QImage()
        if data and image.loadFromData(data):
            return image
        if has_surrogates(self.path):  # Qt cannot name such a file: the Pillow decoder opens it by its Python path
            return self._load_with_pillow()
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        reader.setAllocationLimit(512)  # MB; a refusal is a failed thumbnail
        full = reader.size()
        if full.isValid() and max(full.width(), full.height()) > self.size:
            reader.setScaledSize(full.scaled(QSize(self.size, self.size), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            return self._load_with_pillow()
        self.cache.put(Path(self.path), self.size, _encode(image))
        return image

    def _load_with_pillow(self) -> QImage:
        """The project's decoder (files Qt's readers refuse, or cannot name); fills the disk cache."""
        try:
            encoded = render_thumbnail(Path(self.path), self.size)
        except Exception as exc:  # noqa: BLE001 - ImageDecodeError or anything Pillow raises
            log.debug("no thumbnail for %s: %s", self.path, exc)
            return QImage()
        image = QImage()
        image.loadFromData(encoded)
        self.cache.put(Path(self.path), self.size, encoded)
        return image


def _encode(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    fmt = b"PNG" if image.hasAlphaChannel() else b"JPG"
    image.save(buf, fmt.decode(), 85)  # type: ignore[call-overload]  # stub says bytes; PySide6 accepts only str
    return bytes(QByteArray(buf.data()).data())


class ThumbnailLoader(QObject):
    """Queues :class:`ThumbnailJob` s on a private QThreadPool; newest requests run first.

    Signals:
        loaded(object, QImage): absolute path (a ``str``, passed as it is) and its thumbnail (convert to QPixmap in
            the GUI thread).
        failed(object): the file has no thumbnail (shown as a placeholder).
    """

    loaded = Signal(object, QImage)
    failed = Signal(object)

    def __init__(self, cache_dir: Path, size: int, threads: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = int(size)
        self.cache = ThumbnailCache(cache_dir)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, threads))
        self._signals = _ThumbSignals()
        self._signals.loaded.connect(self._on_loaded)
        self._signals.failed.connect(self._on_failed)
        self._cancel = threading.Event()
        self._pending: set[str] = set()
        self._priority = 0

    def request(self, path: str) -> None:
        """Decode ``path`` (absolute) unless it is already queued."""
        if path in self._pending or self._cancel.is_set():
            return
        self._pending.add(path)
        self._priority = min(self._priority + 1, 2**30)
        self.pool.start(ThumbnailJob(path, self.size, self.cache, self._signals, self._cancel), self._priority)

    def drop_queued(self) -> None:
        """Forget queued (not yet started) jobs, e.g. after the view scrolled past them."""
        self.pool.clear()
        self._pending.clear()

    @Slot(object, QImage)
    def _on_loaded(self, path: str, image: QImage) -> None:
        self._pending.discard(path)
        self.loaded.emit(path, image)

    @Slot(object)
    def _on_failed(self, path: str) -> None:
        self._pending.discard(path)
        self.failed.emit(path)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop queued jobs and wait for running ones. True when the pool is idle."""
        self._cancel.set()
        self.pool.clear()
        return bool(self.pool.waitForDone(timeout_ms))
