"""Decoded photos kept on disk between runs and processes, so a second check of a folder decodes nothing.

One store per (image folder, pixel size) under the cache folder (never the image folder). Each photo is keyed
by its file identity: relative path, size in bytes and modification time (ns); a file replaced under the same
name is decoded again. With every photo the store keeps its pixel measurements
(:mod:`badbatch_gui.core.data.pixel_checks`), taken during the same decode.

Layout: append-only *segments*, so processes never overwrite each other's files:

    <cache>/decoded/<folder+size key>/seg-<time>-<pid>-<random>.npy        rows, uint8 (m, S, S, 3)
                                      seg-<...>.stats.npy                  float32 (m, pixel_checks.VECTOR_LEN)
                                      seg-<...>.json                       [[path, size, mtime_ns, measured], ...]

A segment counts once its ``.json`` exists (written last, atomically). Later segments win. When there are
more than :data:`MAX_SEGMENTS`, the live entries are merged into one new segment and the old ones removed
(entries of files that are gone or changed are dropped then). A damaged or half-deleted segment is ignored:
its photos are simply decoded again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from badbatch_gui.core.atomic_files import write_text_atomic
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.file_names import json_text, key_bytes
from badbatch_gui.core.json_checks import read_json_file

log = logging.getLogger(__name__)

STORE_VERSION = 1
MAX_SEGMENTS = 8
Identity = tuple[int, int]  # (size in bytes, modification time in ns)


def file_identity(path: Path) -> Identity | None:
    """(size in bytes, modification time in ns) of ``path``, or None when it cannot be read."""
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return int(st.st_size), int(st.st_mtime_ns)


@dataclass(frozen=True)
class _Entry:
    segment: str
    row: int
    identity: Identity
    measured: bool


def _index_entries(items: object, segment: str) -> dict[str, _Entry]:
    """A segment index ``[[path, size, mtime_ns, measured], ...]``, every value checked.

    Raises:
        RecordError: the index is not such a list (the segment is then ignored and its photos decoded again).
    """
    if not isinstance(items, list):
        raise RecordError("the index is not a list", code="cache_index_damaged")
    out: dict[str, _Entry] = {}
    for row, item in enumerate(items):
        if not (
            isinstance(item, list)
            and len(item) == 4
            and isinstance(item[0], str)
            and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**63 for v in item[1:3])
        ):
            raise RecordError(f"entry {row} of the index is damaged", code="cache_index_damaged")
        out[item[0]] = _Entry(segment, row, (item[1], item[2]), bool(item[3]))
    return out


class DecodedStore:
    """The decoded photos of one folder at one pixel size (see the module docstring).

    Args:
        cache_dir: the cache folder the store lives under (``<cache_dir>/decoded/...``).
        root: the image folder (only its resolved path is used, as part of the key).
        size: the side of the square decoded photos, in pixels.
        n_stats: length of each photo's measurement vector.
    """

    def __init__(self, cache_dir: Path, root: Path, size: int, n_stats: int) -> None:
        key = hashlib.sha256(
            key_bytes(f"v{STORE_VERSION}|{Path(root).resolve()}|{int(size)}|{int(n_stats)}")
        ).hexdigest()[:24]
        self.dir = Path(cache_dir) / "decoded" / key
        self.root = Path(root)
        self.size = int(size)
        self.n_stats = int(n_stats)
        self._entries: dict[str, _Entry] = {}
        self._segments: list[str] = []
        self._load_index()

    # ------------------------------------------------------------------ reading
    def _load_index(self) -> None:
        if not self.dir.is_dir():
            return
        for marker in sorted(self.dir.glob("seg-*.json")):
            name = marker.name[: -len(".json")]
            try:
                entries = _index_entries(read_json_file(marker), name)
            except (OSError, RecordError) as exc:
                log.warning("ignoring damaged decoded-image segment %s: %s", marker, exc)
                continue
            self._entries.update(entries)
            self._segments.append(name)

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, paths: Sequence[str], identities: Sequence[Identity | None], measured: bool = False) -> np.ndarray:
        """Which of ``paths`` the store holds for exactly that file identity (and with measurements when
        ``measured``). Shape: returns (len(paths),) bool.
        """
        return np.array(
            [
                ident is not None
                and (e := self._entries.get(p)) is not None
                and e.identity == ident
                and (e.measured or not measured)
                for p, ident in zip(paths, identities, strict=True)
            ],
            dtype=bool,
        )

    def read_into(
        self, paths: Sequence[str], rows_out: np.ndarray, stats_out: np.ndarray, where: np.ndarray
    ) -> np.ndarray:
        """Copy the stored rows and measurements of ``paths[i]`` for every i in ``where`` into the outputs.

        Shape: rows_out (n, S, S, 3) uint8; stats_out (n, n_stats) float32; where (k,) int.

        Returns:
            The indices (subset of ``where``) that could really be read; the others must be decoded.
        """
        by_segment: dict[str, list[tuple[int, int]]] = {}
        for i in where:
            e = self._entries[paths[int(i)]]
            by_segment.setdefault(e.segment, []).append((int(i), e.row))
        done: list[int] = []
        for name, pairs in by_segment.items():
            try:
                rows = np.load(self.dir / f"{name}.npy", mmap_mode="r", allow_pickle=False)
                stats = np.load(self.dir / f"{name}.stats.npy", allow_pickle=False)
                dst = np.array([i for i, _ in pairs], dtype=np.int64)
                src = np.array([r for _, r in pairs], dtype=np.int64)
                order = np.argsort(src, kind="stable")  # read the memory-mapped rows front to back
                for chunk in np.array_split(order, max(1, len(order) // 256)):
                    rows_out[dst[chunk]] = rows[src[chunk]]
                stats_out[dst] = stats[src]
                done.extend(int(i) for i in dst)
            except (OSError, ValueError, IndexError) as exc:
                log.warning("decoded-image segment %s unreadable (%s); decoding those photos again", name, exc)
        return np.array(sorted(done), dtype=np.int64)

    # ------------------------------------------------------------------ writing
    def add(
        self,
        paths: Sequence[str],
        identities: Sequence[Identity | None],
        rows: np.ndarray,
        stats: np.ndarray,
        measured: bool,
    ) -> None:
        """Store newly decoded photos as one new segment (best effort: a full disk only logs a warning).

        Shape: rows (m, S, S, 3) uint8; stats (m, n_stats) float32 (``measured``: they hold measurements).
        """
        keep = [i for i, ident in enumerate(identities) if ident is not None]
        if not keep:
            return
        known = [ident for ident in identities if ident is not None]  # identities[i] for i in keep
        try:
            self._write_segment(
                [paths[i] for i in keep],
                known,
                rows[keep] if len(keep) != len(rows) else rows,
                stats[keep],
                [measured] * len(keep),
            )
            if len(self._segments) > MAX_SEGMENTS:
                self.compact()
        except OSError as exc:
            log.warning("could not add to the decoded-image cache %s: %s", self.dir, exc)

    def _write_segment(
        self,
        paths: Sequence[str],
        identities: Sequence[Identity],
        rows: np.ndarray,
        stats: np.ndarray,
        measured: Sequence[bool],
    ) -> str:
        self.dir.mkdir(parents=True, exist_ok=True)
        name = f"seg-{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        np.save(self.dir / f"{name}.npy", np.ascontiguousarray(rows, dtype=np.uint8), allow_pickle=False)
        np.save(self.dir / f"{name}.stats.npy", np.asarray(stats, dtype=np.float32), allow_pickle=False)
        entries = [[p, s, m, int(ok)] for p, (s, m), ok in zip(paths, identities, measured, strict=True)]
        # the segment counts once its index is in place (a cache: no fsync)
        write_text_atomic(self.dir / f"{name}.json", json_text(entries), durable=False)
        for row, (p, ident, ok) in enumerate(zip(paths, identities, measured, strict=True)):
            self._entries[p] = _Entry(name, row, ident, bool(ok))
        self._segments.append(name)
        return name

    def compact(self) -> None:
        """Merge the live entries (files unchanged on disk) into one segment and remove the old segments."""
        live = [(p, e) for p, e in sorted(self._entries.items()) if file_identity(self.root / p) == e.identity]
        old = list(self._segments)
        rows = np.empty((len(live), self.size, self.size, 3), dtype=np.uint8)
        stats = np.full((len(live), self.n_stats), np.nan, dtype=np.float32)
        paths = [p for p, _ in live]
        done = self.read_into(paths, rows, stats, np.arange(len(live)))
        self._entries.clear()
        self._segments = []
        if len(done):
            self._write_segment(
                [paths[i] for i in done],
                [live[i][1].identity for i in done],
                rows[done],
                stats[done],
                [live[i][1].measured for i in done],
            )
        for name in old:
            for suffix in (".json", ".npy", ".stats.npy"):  # un-commit first, then the data
                try:
                    (self.dir / f"{name}{suffix}").unlink()
                except OSError:
                    pass  # another process removed it, or Windows still has it open: harmless
        log.info("compacted the decoded-image cache %s: %d photos kept", self.dir, len(done))
