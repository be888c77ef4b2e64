"""Background work for pages 1–2: QObject workers for QThreads (scan, demo, scoring, device probe, batch views)
and QThreadPool jobs for thumbnails.

Each :class:`~badbatch_gui.gui.tasks.runner.Worker` calls one core entry point with ``control=self.control`` and
``on_event=self.event.emit``. Torch-using core modules are imported inside :meth:`work`, never at module level,
so importing the GUI stays torch-free until after the first paint (tests/test_architecture.py).
"""

from __future__ import annotations

import inspect
import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage, QImageReader

from badbatch_gui.core.config import ScanConfig, ScoreConfig
from badbatch_gui.core.data.thumbnails import ThumbnailCache, render_thumbnail
from badbatch_gui.gui.tasks.runner import Worker

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` passing only the keyword arguments its signature accepts (tolerates small API drift)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def demo_ready(folder: Path) -> bool:
    """True when the demo folder exists and holds at least one image."""
    if not folder.is_dir():
        return False
    return any(p.suffix.lower() in IMAGE_SUFFIXES for p in folder.rglob("*"))


class ScanWorker(Worker):
    """Scans one folder (:func:`badbatch_gui.core.data.scan.scan_folder`); the result is a ScanResult."""

    def __init__(self, folder: Path, config: ScanConfig = ScanConfig()) -> None:  # noqa: B008 - frozen
        super().__init__()
        self.folder, self.config = Path(folder), config

    def work(self) -> Any:
        """Run the scan."""
        from badbatch_gui.core.data.scan import scan_folder

        return scan_folder(self.folder, self.config, control=self.control, on_event=self.event.emit)


class DemoWorker(Worker):
    """Generates the built-in demo folder (:func:`badbatch_gui.core.data.demo.write_demo_folder`) into ``folder``."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)

    def work(self) -> Any:
        """Write the demo images."""
        from badbatch_gui.core.data.demo import write_demo_folder

        return _call(write_demo_folder, self.folder, control=self.control, on_event=self.event.emit)


class ScoreWorker(Worker):
    """Scores the planned batches of a scan (:func:`badbatch_gui.core.scoring.scoring.score_folder`) -> ScoreReport."""

    def __init__(self, scan: Any, config: ScoreConfig, cache_dir: Path | None = None) -> None:
        super().__init__()
        self.scan, self.config, self.cache_dir = scan, config, cache_dir

    def work(self) -> Any:
        """Run the batch check."""
        from badbatch_gui.core.scoring.scoring import score_folder

        return _call(score_folder, self.scan, self.config, control=self.control, on_event=self.event.emit,
                     cache_dir=self.cache_dir)


class DeviceProbeWorker(Worker):
    """Imports torch (after the first paint) and describes the compute device as a small dict.

    Keys: ``kind`` ("cuda" or "cpu"), ``name``, ``total_memory`` (bytes, GPU only), ``cuda_count`` (number of
    CUDA devices; the Train page offers "Use all GPUs" above 1), ``torch`` (version).
    """

    def work(self) -> Any:
        """Import torch and torchvision; read the device."""
        import torch
        import torchvision  # noqa: F401 - warm the import the first scoring run needs

        info: dict[str, Any] = {"torch": torch.__version__, "kind": "cpu", "name": "CPU",
                                "threads": torch.get_num_threads()}
        if torch.cuda.is_available():
            props = torch.cuda.get_device_properties(0)
            info.update(kind="cuda", name=props.name, total_memory=int(props.total_memory),
                        cuda_count=int(torch.cuda.device_count()))
        return info


class BatchViewsWorker(Worker):
    """Rebuilds what the scorer saw for one batch: each image's original, view 1 and view 2 as QImages.

    The result is a list of ``(relative path, score, original, view1, view2)`` in the order given.
    """

    def __init__(self, root: Path, items: list[tuple[str, int, float]], config: ScoreConfig) -> None:
        """``items`` holds (relative path, dataset index, per-image score) for each image of the batch."""
        super().__init__()
        self.root, self.items, self.config = Path(root), list(items), config

    def work(self) -> Any:
        """Decode and augment the batch's images exactly as scoring did."""
        from badbatch_gui.core.scoring.batch_views import batch_views

        return [(rel, score, *(_to_qimage(a) for a in arrays))
                for rel, score, arrays in batch_views(self.root, self.items, self.config, self.control)]


def _to_qimage(array: np.ndarray) -> QImage:
    """(H, W, 3) uint8 -> an independent QImage copy (safe to send across threads)."""
    a = np.ascontiguousarray(array, dtype=np.uint8)
    h, w = a.shape[:2]
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


# ---------------------------------------------------------------------------------------------- thumbnails
class _ThumbSignals(QObject):
    """Signal carrier for pool jobs (a QRunnable is not a QObject); lives in the GUI thread."""

    loaded = Signal(str, QImage)
    failed = Signal(str)


class ThumbnailJob(QRunnable):
    """Decodes one thumbnail off the GUI thread: disk cache first, then QImageReader at reduced size
    (EXIF orientation applied), then the Pillow decoder as a fallback; fills the disk cache.
    """

    def __init__(self, path: str, size: int, cache: ThumbnailCache, signals: _ThumbSignals,
                 cancel: threading.Event) -> None:
        super().__init__()
        self.path, self.size, self.cache, self.signals, self.cancel = path, int(size), cache, signals, cancel

    def run(self) -> None:
        """Called in a pool thread."""
        if self.cancel.is_set():
            return
        try:
            image = self._load()
        except Exception:  # noqa: BLE001 - a thumbnail failure is a placeholder, never a crash
            log.exception("thumbnail of %s failed", self.path)
            image = QImage()
        if self.cancel.is_set():
            return
        if image.isNull():
            self.signals.failed.emit(self.path)
        else:
            self.signals.loaded.emit(self.path, image)

    def _load(self) -> QImage:
        data = self.cache.get(Path(self.path), self.size)
        image = QImage()
        if data and image.loadFromData(data):
            return image
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)
        reader.setAllocationLimit(512)  # MB; a refusal is a failed thumbnail
        full = reader.size()
        if full.isValid() and max(full.width(), full.height()) > self.size:
            reader.setScaledSize(full.scaled(QSize(self.size, self.size), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            try:
                encoded = render_thumbnail(Path(self.path), self.size)
            except Exception as exc:  # noqa: BLE001 - ImageDecodeError or anything Pillow raises
                log.debug("no thumbnail for %s: %s", self.path, exc)
                return QImage()
            image.loadFromData(encoded)
            self.cache.put(Path(self.path), self.size, encoded)
            return image
        self.cache.put(Path(self.path), self.size, _encode(image))
        return image


def _encode(image: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    fmt = b"PNG" if image.hasAlphaChannel() else b"JPG"
    image.save(buf, fmt.decode(), 85)
    return bytes(QByteArray(buf.data()).data())


class ThumbnailLoader(QObject):
    """Queues :class:`ThumbnailJob` s on a private QThreadPool; newest requests run first.

    Signals:
        loaded(str, QImage): absolute path and its thumbnail (convert to QPixmap in the GUI thread).
        failed(str): the file has no thumbnail (shown as a placeholder).
    """

    loaded = Signal(str, QImage)
    failed = Signal(str)

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

    @Slot(str, QImage)
    def _on_loaded(self, path: str, image: QImage) -> None:
        self._pending.discard(path)
        self.loaded.emit(path, image)

    @Slot(str)
    def _on_failed(self, path: str) -> None:
        self._pending.discard(path)
        self.failed.emit(path)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Drop queued jobs and wait for running ones. True when the pool is idle."""
        self._cancel.set()
        self.pool.clear()
        return bool(self.pool.waitForDone(timeout_ms))
