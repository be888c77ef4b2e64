"""Index-aware two-view dataset over a decoded uint8 image cache, and the shared batch plan.

- :func:`plan_batches` is THE batch plan: the Batch check preview and training both call it, so the batches
  the operator reviews are the ones training draws in its first epoch (same folder, seed, batch size).
- :class:`ImageCache` decodes every image once at training resolution (shorter side resized, centre crop)
  into an (n, S, S, 3) uint8 array, in memory or as a memory-mapped file in the cache dir when large.
- :class:`TwoViewDataset` returns (dataset index, original, view 1, view 2); the index keys EMC2's chains.
- :class:`BatchLoader` builds batches in a background thread so augmentation overlaps compute.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.augment import TwoViewAugment
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.imageio import ImageDecodeError, load_rgb_array

log = logging.getLogger(__name__)

MEMMAP_ABOVE_BYTES = 1 << 30  # decoded caches above 1 GiB live in a memory-mapped file
Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]


def plan_batches(n: int, batch_size: int, seed: int, epoch: int) -> list[np.ndarray]:
    """The epoch's batches: a seeded permutation of ``range(n)`` cut into full batches (drop_last).

    Shape:
        returns ``n // batch_size`` int64 arrays of shape (batch_size,).
    """
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(epoch), 0x5EED])
    perm = rng.permutation(int(n)).astype(np.int64)
    return [perm[i * batch_size:(i + 1) * batch_size] for i in range(int(n) // int(batch_size))]


def select_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
    """The relative paths training uses, in dataset-index order: sorted, minus the operator's rejections."""
    dropped = set(exclude)
    return tuple(sorted(p for p in paths if p not in dropped))


@dataclass(frozen=True)
class DecodeFailure:
    """A file that passed the scan but failed to decode at cache-building time (skipped, reported)."""

    path: str
    reason: str
    message: str


@dataclass
class ImageCache:
    """Decoded images at one resolution. ``array[i]`` is image ``paths[i]``.

    Shape:
        array: (n, S, S, 3) uint8 (numpy array or np.memmap).
    """

    root: Path
    paths: tuple[str, ...]
    size: int
    array: np.ndarray
    failed: list[DecodeFailure] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.paths)

    @classmethod
    def build(cls, root: Path, paths: Sequence[str], size: int, *, cache_dir: Path | None = None,
              control: RunControl | None = None, on_event: ev.EventCallback | None = None,
              threads: int = 2, max_consecutive_failures: int = 20) -> ImageCache:
        """Decode ``paths`` (relative to ``root``) once; files that fail are skipped and listed in ``failed``.

        A cache over :data:`MEMMAP_ABOVE_BYTES` is written to ``cache_dir`` (never the image folder) and reused
        by later runs on the same files (keyed by paths, sizes, modification times and resolution).
        """
        root = Path(root)
        n = len(paths)
        nbytes = n * size * size * 3
        memmap_file = None
        if cache_dir is not None and nbytes > MEMMAP_ABOVE_BYTES:
            memmap_file = Path(cache_dir) / f"{_cache_key(root, paths, size)}.u8"
            done_marker = memmap_file.with_suffix(".json")
            if memmap_file.exists() and done_marker.exists():
                meta = json.loads(done_marker.read_text(encoding="utf-8"))
                arr = np.memmap(memmap_file, dtype=np.uint8, mode="r", shape=(len(meta["paths"]), size, size, 3))
                failed = [DecodeFailure(**f) for f in meta["failed"]]
                log.info("reusing decoded image cache %s", memmap_file)
                return cls(root, tuple(meta["paths"]), size, arr, failed)
            memmap_file.parent.mkdir(parents=True, exist_ok=True)
            # decoded straight into the cache file; its .json marker is written only once it is complete
            array: np.ndarray = np.memmap(memmap_file, dtype=np.uint8, mode="w+", shape=(max(n, 1), size, size, 3))
        else:
            array = np.empty((n, size, size, 3), dtype=np.uint8)

        ok = np.zeros(n, dtype=bool)
        failed: list[DecodeFailure] = []
        streak = 0

        def decode(i: int) -> tuple[int, np.ndarray | None, ImageDecodeError | None]:
            try:
                return i, load_rgb_array(root / paths[i], size), None
            except ImageDecodeError as exc:
                return i, None, exc

        chunk = 64
        with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
            for start in range(0, n, chunk):
                if control is not None:
                    control.check()
                for i, img, err in pool.map(decode, range(start, min(n, start + chunk))):
                    if err is None:
                        array[i] = img
                        ok[i] = True
                        streak = 0
                    else:
                        failed.append(DecodeFailure(paths[i], err.reason, str(err)))
                        streak += 1
                        if streak >= max_consecutive_failures:
                            raise FolderError(f"{streak} images in a row could not be read; the folder may have "
                                              "been moved or its disk disconnected. Check it and scan it again.")
                ev.emit(on_event, ev.Progress("decode", min(n, start + chunk), n, "decoding images"))
        keep = np.flatnonzero(ok)
        kept_paths = tuple(paths[i] for i in keep)
        if memmap_file is not None:
            for j, i in enumerate(keep):  # close the gaps of failed files in place (keep[j] >= j)
                if i != j:
                    array[j] = array[i]
            array.flush()  # type: ignore[attr-defined]
            del array
            os.truncate(memmap_file, max(len(keep), 1) * size * size * 3)
            meta = {"paths": list(kept_paths), "failed": [f.__dict__ for f in failed]}
            memmap_file.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            arr = np.memmap(memmap_file, dtype=np.uint8, mode="r", shape=(len(keep), size, size, 3))
            return cls(root, kept_paths, size, arr, failed)
        if len(keep) != n:
            array = array[keep]
        for f in failed:
            log.warning("skipped %s: %s", f.path, f.message)
        return cls(root, kept_paths, size, array, failed)


def _cache_key(root: Path, paths: Sequence[str], size: int) -> str:
    h = hashlib.sha256(f"{root.resolve()}|{size}".encode())
    for p in paths:
        try:
            st = (root / p).stat()
            h.update(f"{p}|{st.st_size}|{st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"{p}|missing\n".encode())
    return h.hexdigest()[:24]


class TwoViewDataset:
    """(index, original, view 1, view 2) for each image of an :class:`ImageCache`.

    Views are deterministic functions of (seed, epoch, index, draw, view); ``draw`` numbers re-augmentation
    attempts of the same batch (FRD curation, frd.md §7).
    """

    def __init__(self, cache: ImageCache, augment_preset: str, size: int, seed: int) -> None:
        self.cache = cache
        self.augment = TwoViewAugment(augment_preset, size)
        self.size = int(size)
        self.seed = int(seed)
        self.epoch = 0

    def __len__(self) -> int:
        return len(self.cache)

    def set_epoch(self, epoch: int) -> None:
        """Select the epoch whose views are drawn."""
        self.epoch = int(epoch)

    def item(self, i: int, draw: int = 0) -> tuple[int, torch.Tensor, torch.Tensor, torch.Tensor]:
        """One image (the same pixels it has inside any batch).

        Shape:
            returns (index, original (3,S,S), view1 (3,S,S), view2 (3,S,S)), floats in [0, 1].
        """
        idx, orig, v1, v2 = self.batch([i], draw)
        return int(idx[0]), orig[0], v1[0], v2[0]

    __getitem__ = item

    def batch(self, indices: Sequence[int], draw: int = 0) -> Batch:
        """A stacked batch; views come from :meth:`TwoViewAugment.views`, vectorised over the batch.

        Shape:
            indices: (B,). Returns idx (B,) int64, originals (B,3,S,S), view1 (B,3,S,S), view2 (B,3,S,S).
        """
        ids = [int(i) for i in indices]
        images = [torch.from_numpy(np.ascontiguousarray(self.cache.array[i])).permute(2, 0, 1) for i in ids]
        base = [(self.seed, self.epoch, i, int(draw)) for i in ids]
        v1 = self.augment.views(images, [(*b, 0) for b in base])
        v2 = self.augment.views(images, [(*b, 1) for b in base])
        orig = torch.stack(images).float().div_(255.0)
        if orig.shape[-1] != self.size:
            orig = torch.nn.functional.interpolate(orig, size=(self.size, self.size), mode="bilinear",
                                                   antialias=True, align_corners=False)
        return torch.tensor(ids, dtype=torch.int64), orig, v1, v2


class BatchLoader:
    """Iterates ``dataset.batch(b)`` for each planned batch, prepared ``prefetch`` ahead in a thread.

    Use as a context manager (or call :meth:`close`) so the thread ends when iteration stops early.
    """

    _END = object()

    def __init__(self, dataset: TwoViewDataset, batches: Sequence[np.ndarray], prefetch: int = 2) -> None:
        self.dataset = dataset
        self.batches = list(batches)
        self._queue: queue.Queue[object] = queue.Queue(maxsize=max(1, prefetch))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, name="batch-loader", daemon=True)
        self._started = False

    def _work(self) -> None:
        try:
            for b in self.batches:
                if self._stop.is_set():
                    return
                item = self.dataset.batch(b)
                while not self._stop.is_set():
                    try:
                        self._queue.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
        except BaseException as exc:  # noqa: BLE001 - re-raised in the consumer
            self._queue.put(exc)
            return
        self._queue.put(self._END)

    def __iter__(self) -> Iterator[Batch]:
        if not self._started:
            self._started = True
            self._thread.start()
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]

    def close(self) -> None:
        """Stop the background thread and wait for it."""
        self._stop.set()
        if self._started:
            while self._thread.is_alive():
                try:
                    self._queue.get_nowait()
                except queue.Empty:
                    pass
                self._thread.join(timeout=0.05)

    def __enter__(self) -> BatchLoader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
