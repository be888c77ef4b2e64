"""Index-aware two-view dataset over a decoded uint8 image cache, and the shared batch plan.

- :func:`training_paths` (core/data/file_list.py, re-exported here) is THE file list and :func:`plan_batches` THE batch plan: the Batch check preview and training both call it, so the batches
  the operator reviews are the ones training draws in its first epoch (same folder, seed, batch size).
- :class:`~badbatch_gui.core.data.image_cache.ImageCache` (re-exported here) decodes every image once at training
  resolution into an (n, S, S, 3) uint8 array and keeps it in the cache folder for later runs.
- :class:`TwoViewDataset` returns (dataset index, original, view 1, view 2); the index keys EMC2's chains.
- :class:`BatchLoader` builds batches in a background thread so augmentation overlaps compute.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator, Sequence

import numpy as np
import torch

from badbatch_gui.core.data.augment import TwoViewAugment
from badbatch_gui.core.data.file_list import select_paths, training_paths
from badbatch_gui.core.data.image_cache import ImageCache

__all__ = ["Batch", "BatchLoader", "ImageCache", "TwoViewDataset", "plan_batches", "select_paths", "training_paths"]

log = logging.getLogger(__name__)

Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]


def plan_batches(n: int, batch_size: int, seed: int, epoch: int) -> list[np.ndarray]:
    """The epoch's batches: a seeded permutation of ``range(n)`` cut into full batches (drop_last).

    Shape:
        returns ``n // batch_size`` int64 arrays of shape (batch_size,).
    """
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, int(epoch), 0x5EED])
    perm = rng.permutation(int(n)).astype(np.int64)
    return [perm[i * batch_size : (i + 1) * batch_size] for i in range(int(n) // int(batch_size))]


class TwoViewDataset:
    """(index, original, view 1, view 2) for each image of an :class:`ImageCache`.

    Views are deterministic functions of (seed, epoch, index, draw, view); ``draw`` numbers re-augmentation
    attempts of the same batch (FRD curation, docs/design/frd.md §7).
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

    def batch(self, indices: Sequence[int] | np.ndarray, draw: int = 0) -> Batch:
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
            orig = torch.nn.functional.interpolate(
                orig, size=(self.size, self.size), mode="bilinear", antialias=True, align_corners=False
            )
        return torch.tensor(ids, dtype=torch.int64), orig, v1, v2

    def views_at(self, photos: np.ndarray, passes: np.ndarray, draws: np.ndarray, views: np.ndarray) -> torch.Tensor:
        """Views of any photos exactly as a batch of pass ``passes[i]``, re-draw attempt ``draws[i]`` drew them
        (each view is a pure function of (seed, pass, photo, attempt, view)). The EMC2 paper variant re-embeds the
        view its chain sits on with these (core/training/methods/chain_states.py).

        Shape:
            photos, passes, draws, views: (m,) ints. Returns (m, 3, S, S) float32 in [0, 1].
        """
        if len(photos) == 0:
            return torch.empty(0, 3, self.size, self.size)
        images = [torch.from_numpy(np.ascontiguousarray(self.cache.array[int(i)])).permute(2, 0, 1) for i in photos]
        keys = [
            (self.seed, int(p), int(i), int(d), int(v)) for i, p, d, v in zip(photos, passes, draws, views, strict=True)
        ]
        return self.augment.views(images, keys)


class BatchLoader:
    """Iterates ``dataset.batch(b)`` for each planned batch, prepared ``prefetch`` ahead in a thread.

    Use as a context manager (or call :meth:`close`) so the thread ends when iteration stops early.
    """

    def __init__(self, dataset: TwoViewDataset, batches: Sequence[np.ndarray], prefetch: int = 2) -> None:
        self.dataset = dataset
        self.batches = list(batches)
        self._queue: queue.Queue[Batch | BaseException | None] = queue.Queue(maxsize=max(1, prefetch))  # None: the end
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
        self._queue.put(None)

    def __iter__(self) -> Iterator[Batch]:
        if not self._started:
            self._started = True
            self._thread.start()
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

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
