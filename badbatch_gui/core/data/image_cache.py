"""ImageCache: every photo of a run decoded once at training resolution, with its pixel measurements.

:meth:`ImageCache.build` decodes each photo (shorter side resized, centre crop) into an (n, S, S, 3) uint8 array
and, when asked, measures the whole decoded frame (:mod:`badbatch_gui.core.data.pixel_checks`) in the same pass.

What is decoded is remembered between runs and processes:

- up to :data:`MEMMAP_ABOVE_BYTES`, per photo in a :class:`~badbatch_gui.core.data.decoded_store.DecodedStore`
  keyed by (path, size in bytes, modification time) and pixel size, so a check of the same folder with another
  batch size, mode or threshold, with some photos left out, or a training run after it, decodes nothing;
- above it, the whole array lives in one memory-mapped file per file list, reused by later runs on the same
  files (the array is then never held in memory).

Both live in the cache folder, never in the image folder. A file that fails to decode is skipped and listed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data import pixel_checks
from badbatch_gui.core.data.decoded_store import DecodedStore, file_identity
from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb_array_and_image
from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.errors import FolderError, RecordError
from badbatch_gui.core.file_names import json_text, key_bytes
from badbatch_gui.core.json_checks import JsonObject, read_json_file

log = logging.getLogger(__name__)

MEMMAP_ABOVE_BYTES = 1 << 30  # decoded caches above 1 GiB live in a memory-mapped file
CHUNK = 64


@dataclass
class ImageCache:
    """Decoded images at one resolution. ``array[i]`` is image ``paths[i]``.

    Shape:
        array: (n, S, S, 3) uint8 (numpy array or np.memmap).
        stats: (n, pixel_checks.VECTOR_LEN) float32, NaN where not measured (``build(measure=False)``).
    """

    root: Path
    paths: tuple[str, ...]
    size: int
    array: np.ndarray
    failed: list[Problem] = field(default_factory=list)
    stats: np.ndarray | None = None
    decoded: int = 0  # photos actually decoded by this build (the rest came from the cache folder)
    measure_s: float = 0.0  # processor seconds spent on pixel measurements (summed over the decoding threads)

    def __len__(self) -> int:
        return len(self.paths)

    @classmethod
    def build(
        cls,
        root: Path,
        paths: Sequence[str],
        size: int,
        *,
        cache_dir: Path | None = None,
        control: RunControl | None = None,
        on_event: ev.EventCallback | None = None,
        threads: int = 2,
        max_consecutive_failures: int = 20,
        measure: bool = False,
    ) -> ImageCache:
        """Decode ``paths`` (relative to ``root``); files that fail are skipped and listed in ``failed``.

        Args:
            cache_dir: where decoded photos are kept for later runs (None: nothing is kept).
            measure: also take the pixel measurements of every photo (``stats``).
            control: checked between chunks of 64 photos. on_event: Progress("decode", done, n).
        """
        root, size = Path(root), int(size)
        if cache_dir is not None and len(paths) * size * size * 3 > MEMMAP_ABOVE_BYTES:
            return _build_memmapped(
                root, paths, size, Path(cache_dir), control, on_event, threads, max_consecutive_failures, measure
            )
        n = len(paths)
        array = np.empty((n, size, size, 3), dtype=np.uint8)
        stats = np.full((n, pixel_checks.VECTOR_LEN), np.nan, dtype=np.float32)
        ok = np.zeros(n, dtype=bool)
        store = DecodedStore(cache_dir, root, size, pixel_checks.VECTOR_LEN) if cache_dir is not None else None
        identities = [file_identity(root / p) for p in paths]
        if store is not None:
            have = np.flatnonzero(store.lookup(paths, identities, measured=measure))
            ok[store.read_into(paths, array, stats, have)] = True
        todo = np.flatnonzero(~ok)
        failed, measure_s = _decode_into(
            root,
            paths,
            todo,
            array,
            size,
            stats,
            ok,
            measure,
            control,
            on_event,
            threads,
            max_consecutive_failures,
            n_done=n - len(todo),
            n_total=n,
        )
        new = todo[ok[todo]]
        if store is not None and len(new):
            store.add([paths[i] for i in new], [identities[i] for i in new], array[new], stats[new], measure)
        if len(todo) == 0:
            ev.emit(on_event, ev.Progress("decode", n, n, "decoding images"))
            log.info("all %d photos came from the decoded-image cache", n)
        keep = np.flatnonzero(ok)
        for f in failed:
            log.warning("skipped %s: %s", f.path, f.message)
        if len(keep) != n:
            array, stats = array[keep], stats[keep]
        return cls(
            root, tuple(paths[int(i)] for i in keep), size, array, failed, stats, decoded=len(todo), measure_s=measure_s
        )


def _decode_into(
    root: Path,
    paths: Sequence[str],
    todo: np.ndarray,
    array: np.ndarray | None,
    size: int,
    stats: np.ndarray,
    ok: np.ndarray,
    measure: bool,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    threads: int,
    max_consecutive_failures: int,
    n_done: int,
    n_total: int,
) -> tuple[list[Problem], float]:
    """Decode ``paths[i]`` for i in ``todo`` into ``array`` (None: measurements only) and ``stats``, setting
    ``ok``; returns the failures and the processor seconds spent measuring.
    """

    def decode(i: int) -> tuple[int, np.ndarray | None, np.ndarray | None, ImageDecodeError | None, float]:
        try:
            rows, im = load_rgb_array_and_image(root / paths[i], size)
            if not measure:
                return i, rows, None, None, 0.0
            t0 = time.perf_counter()
            measured = pixel_checks.measure_image(im)
            return i, rows, measured, None, time.perf_counter() - t0
        except ImageDecodeError as exc:
            return i, None, None, exc, 0.0

    failed: list[Problem] = []
    streak = 0
    measure_s = 0.0
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for start in range(0, len(todo), CHUNK):
            if control is not None:
                control.check()
            chunk = [int(i) for i in todo[start : start + CHUNK]]
            for i, img, measured, err, seconds in pool.map(decode, chunk):
                measure_s += seconds
                if err is None:
                    if array is not None:
                        array[i] = img
                    if measured is not None:
                        stats[i] = measured
                    ok[i] = True
                    streak = 0
                else:
                    failed.append(Problem(paths[i], err.reason, str(err)))
                    streak += 1
                    if streak >= max_consecutive_failures:
                        raise FolderError(
                            f"{streak} images in a row could not be read; the folder may have "
                            "been moved or its disk disconnected. Check it and scan it again.",
                            code="images_unreadable_in_a_row",
                            count=streak,
                        )
            ev.emit(on_event, ev.Progress("decode", n_done + min(len(todo), start + CHUNK), n_total, "decoding images"))
    return failed, measure_s


def _build_memmapped(
    root: Path,
    paths: Sequence[str],
    size: int,
    cache_dir: Path,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    threads: int,
    max_consecutive_failures: int,
    measure: bool,
) -> ImageCache:
    """A large cache decoded straight into a memory-mapped file keyed by the file list (reused when complete)."""
    n = len(paths)
    memmap_file = cache_dir / f"{_list_key(root, paths, size)}.u8"
    done_marker = memmap_file.with_suffix(".json")
    stats_file = memmap_file.with_suffix(".stats.npy")
    marker = _read_marker(done_marker, memmap_file, size) if memmap_file.exists() else None
    if marker is not None:
        kept, failures = marker
        arr = np.memmap(memmap_file, dtype=np.uint8, mode="r", shape=(len(kept), size, size, 3))
        stats = np.load(stats_file) if stats_file.exists() else None
        if measure and stats is None:  # decoded for training earlier: measure now, leave the rows alone
            stats = np.full((len(kept), pixel_checks.VECTOR_LEN), np.nan, dtype=np.float32)
            _decode_into(
                root,
                kept,
                np.arange(len(kept)),
                None,
                size,
                stats,
                np.zeros(len(kept), dtype=bool),
                True,
                control,
                on_event,
                threads,
                max_consecutive_failures,
                0,
                len(kept),
            )
            np.save(stats_file, stats)
        log.info("reusing decoded image cache %s", memmap_file)
        return ImageCache(root, kept, size, arr, failures, stats)
    memmap_file.parent.mkdir(parents=True, exist_ok=True)
    done_marker.unlink(missing_ok=True)
    # decoded straight into the cache file; its .json marker is written only once it is complete
    array: np.memmap = np.memmap(memmap_file, dtype=np.uint8, mode="w+", shape=(max(n, 1), size, size, 3))
    stats = np.full((n, pixel_checks.VECTOR_LEN), np.nan, dtype=np.float32)
    ok = np.zeros(n, dtype=bool)
    failed, measure_s = _decode_into(
        root,
        paths,
        np.arange(n),
        array,
        size,
        stats,
        ok,
        measure,
        control,
        on_event,
        threads,
        max_consecutive_failures,
        0,
        n,
    )
    keep = np.flatnonzero(ok)
    for j, i in enumerate(keep):  # close the gaps of failed files in place (keep[j] >= j)
        if i != j:
            array[j] = array[i]
    array.flush()
    del array
    os.truncate(memmap_file, max(len(keep), 1) * size * size * 3)
    stats = stats[keep]
    if measure:
        np.save(stats_file, stats)
    kept_paths = tuple(paths[int(i)] for i in keep)
    meta = {"paths": list(kept_paths), "failed": [f.__dict__ for f in failed]}
    done_marker.write_text(json_text(meta), encoding="utf-8")
    arr = np.memmap(memmap_file, dtype=np.uint8, mode="r", shape=(len(keep), size, size, 3))
    return ImageCache(root, kept_paths, size, arr, failed, stats if measure else None, decoded=n, measure_s=measure_s)


def _read_marker(marker: Path, memmap_file: Path, size: int) -> tuple[tuple[str, ...], list[Problem]] | None:
    """The photos and failures a complete memory-mapped cache recorded, or None when its marker is missing, damaged
    or does not fit the file (the cache is then built again).
    """
    try:
        meta = JsonObject(read_json_file(marker), marker.name, strict=True)
        kept = tuple(meta.texts("paths", [], required=True))
        failures = []
        for item in meta.value("failed", [], max_depth=2):
            f = JsonObject(item, marker.name, strict=True)
            failures.append(
                Problem(
                    f.text("path", "", required=True),
                    f.text("reason", "", required=True),
                    f.text("message", "", required=True),
                )
            )
        if memmap_file.stat().st_size != max(len(kept), 1) * size * size * 3:
            raise RecordError("the cache file's size does not match its list of photos")
    except FileNotFoundError:
        return None
    except (OSError, RecordError, TypeError) as exc:
        log.warning("the decoded image cache %s is damaged (%s); decoding again", memmap_file.name, exc)
        return None
    return kept, failures


def _list_key(root: Path, paths: Sequence[str], size: int) -> str:
    h = hashlib.sha256(key_bytes(f"{root.resolve()}|{size}"))
    for p in paths:
        ident = file_identity(root / p)
        h.update(key_bytes(f"{p}|{ident[0]}|{ident[1]}\n" if ident else f"{p}|missing\n"))
    return h.hexdigest()[:24]
