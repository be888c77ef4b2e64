"""Walk an image folder once, up front: usable image records, a problem report with reason codes, duplicates.

The scan always completes: every unusable file becomes a :class:`Problem` with a reason code from
:data:`badbatch_gui.core.data.imageio.REASONS` (docs/design/reliability.md §1). Nothing is ever written into the folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data import imageio
from badbatch_gui.core.data.imageio import ImageDecodeError
from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.events import EventCallback, RunState, ScanProgress, StateChanged, emit, finish_once
from badbatch_gui.core.paths import file_list_hash

logger = logging.getLogger(__name__)

# The formats the app lists as supported; a GIF is read as its first frame. Other files are not pictures to the scan.
EXTENSIONS = frozenset((".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"))
PROGRESS_EVERY = 50
WORKERS = max(1, min(4, os.cpu_count() or 1))
_JPEG_EOI = b"\xff\xd9"
_PNG_IEND = b"IEND\xaeB`\x82"
_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(frozen=True)
class ImageRecord:
    """A usable image: ``path`` relative to the scan root (POSIX separators), displayed size, file size."""

    path: str
    width: int
    height: int
    size_bytes: int


@dataclass(frozen=True)
class ScanResult:
    """What a scan found. ``images`` and ``problems`` are sorted by path; each duplicate group is sorted."""

    root: Path
    images: tuple[ImageRecord, ...]
    problems: tuple[Problem, ...]
    duplicates: tuple[tuple[str, ...], ...]
    elapsed_s: float

    def to_json(self) -> dict[str, Any]:
        """JSON-able dict: root, images (path, width, height, size_bytes), problems, duplicates, elapsed_s."""
        return {
            "schema": 1,
            "root": str(self.root),
            "images": [
                {"path": r.path, "width": r.width, "height": r.height, "size_bytes": r.size_bytes} for r in self.images
            ],
            "problems": [
                {"path": p.path, "reason": p.reason, "message": p.message, **({"detail": p.detail} if p.detail else {})}
                for p in self.problems
            ],
            "duplicates": [list(g) for g in self.duplicates],
            "elapsed_s": self.elapsed_s,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ScanResult:
        """Inverse of :meth:`to_json` (``size_bytes`` and ``elapsed_s`` may be missing)."""
        return cls(
            root=Path(d["root"]),
            images=tuple(
                ImageRecord(i["path"], int(i["width"]), int(i["height"]), int(i.get("size_bytes", 0)))
                for i in d.get("images", [])
            ),
            problems=tuple(
                Problem(p["path"], p["reason"], p["message"], p.get("detail", "")) for p in d.get("problems", [])
            ),
            duplicates=tuple(tuple(g) for g in d.get("duplicates", [])),
            elapsed_s=float(d.get("elapsed_s", 0.0)),
        )

    def absolute(self, rel: str) -> Path:
        """The file's absolute path from its relative POSIX path."""
        return self.root.joinpath(*PurePosixPath(rel).parts)

    def training_images(self) -> tuple[ImageRecord, ...]:
        """Usable images sorted by path, keeping only the first file of each duplicate group."""
        dropped = {p for group in self.duplicates for p in sorted(group)[1:]}
        return tuple(sorted((r for r in self.images if r.path not in dropped), key=lambda r: r.path))

    def file_list_hash(self) -> str:
        """sha256 hex of the sorted relative paths of :meth:`training_images` joined by newlines."""
        return file_list_hash(r.path for r in self.training_images())

    def outside_links(self) -> tuple[Problem, ...]:
        """The links that lead out of the folder and were not followed (``detail``: where each one points)."""
        return tuple(p for p in self.problems if p.reason == "link_outside")

    def problem_counts(self) -> dict[str, int]:
        """Number of problems per reason code, most frequent first."""
        return dict(Counter(p.reason for p in self.problems).most_common())

    def require_usable(self) -> ScanResult:
        """Return self, or raise :class:`FolderError` with a plain sentence when no image is usable."""
        if self.images:
            return self
        if self.problems:
            raise FolderError(
                f"No usable image in {self.root}: all {len(self.problems)} image files were "
                "rejected (see the problem list for the reasons).",
                code="folder_all_unusable",
                folder=str(self.root),
                count=len(self.problems),
            )
        raise FolderError(
            f"No usable image in {self.root}: it holds no JPEG, PNG, GIF, BMP, TIFF or WebP files.",
            code="folder_no_images",
            folder=str(self.root),
        )


def _hidden(entry: os.DirEntry[str]) -> bool:
    if entry.name.startswith("."):
        return True
    if os.name == "nt":  # the hidden attribute comes with the directory listing on Windows, so it is cheap
        attrs = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
        return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 2))
    return False


def _inside(target: str, root: str) -> bool:
    """True when the resolved path ``target`` is ``root`` (resolved) or below it."""
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _link_problem(entry: os.DirEntry[str], rel: str, root: str, is_image: bool) -> Problem | None:
    """For a symbolic link: a Problem when it is broken (an image name) or leads outside the folder (a folder, or
    an image name); None when it stays inside the folder and is followed like any other entry.
    """
    target = os.path.realpath(entry.path)
    if _inside(target, root):
        return None
    if not os.path.exists(entry.path):  # broken: its target is missing
        return Problem(rel, "unreadable", "This is a broken link: its target is missing.") if is_image else None
    if not is_image and not os.path.isdir(entry.path):
        return None  # a link to some other file outside: not a picture, ignored like any other such file
    logger.info("Not following %s: it is a link to %s, outside the folder.", rel, target)
    return Problem(
        rel, "link_outside", f"This is a link to {target}, outside the folder, so it was not followed.", target
    )


def _not_a_file(entry: os.DirEntry[str], rel: str) -> Problem:
    """An image-named entry that is not a regular file: a special file (named as such, never opened) or a link
    whose target is missing.
    """
    try:
        kind = imageio.special_kind(entry.stat().st_mode)
    except FileNotFoundError:
        return Problem(rel, "unreadable", "This is a broken link: its target is missing.")
    kind = kind or "other"
    return Problem(
        rel, "special_file", f"This is {imageio.SPECIAL_KINDS[kind]}, not an ordinary file, so it was not opened.", kind
    )


def _walk(root: Path, control: RunControl | None, on_event: EventCallback | None) -> tuple[list[str], list[Problem]]:
    """Image files under ``root`` (relative POSIX paths), following each directory at most once and never leaving
    ``root`` through a link (links inside it are followed; links out of it become ``link_outside`` problems).
    """
    files: list[str] = []
    problems: list[Problem] = []
    st = root.stat()
    visited = {(st.st_dev, st.st_ino)}
    root_text = str(root)
    stack = [""]
    while stack:
        if control is not None:
            control.check()
        rel_dir = stack.pop()
        try:
            with os.scandir(root / rel_dir if rel_dir else root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if not rel_dir:
                raise FolderError(
                    f"The folder {root} cannot be opened ({exc.strerror or exc}).",
                    code="folder_unreadable",
                    folder=str(root),
                    reason=str(exc.strerror or exc),
                ) from None
            logger.warning("Cannot list folder %s: %s", rel_dir, exc)
            problems.append(
                Problem(
                    rel_dir,
                    "unreadable",
                    "This folder cannot be opened (no permission or a disk "
                    "error); pictures inside it were not scanned.",
                )
            )
            continue
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            is_image = os.path.splitext(entry.name)[1].lower() in EXTENSIONS
            try:
                if _hidden(entry):
                    continue
                if entry.is_symlink() and (link := _link_problem(entry, rel, root_text, is_image)) is not None:
                    problems.append(link)
                elif entry.is_dir():  # follows symlinks; the visited set stops loops and repeats
                    dst = entry.stat()
                    key = (dst.st_dev, dst.st_ino)
                    if key in visited:
                        logger.info("Not entering %s again: that folder was already scanned (link or loop).", rel)
                    else:
                        visited.add(key)
                        subdirs.append(rel)
                elif is_image:
                    if entry.is_file():
                        files.append(rel)
                        if len(files) % PROGRESS_EVERY == 0:
                            emit(on_event, ScanProgress(0, None, rel))
                    else:
                        problems.append(_not_a_file(entry, rel))
            except OSError as exc:  # e.g. a link pointing to itself
                logger.warning("Cannot inspect %s: %s", rel, exc)
                if is_image:
                    problems.append(Problem(rel, "unreadable", imageio.REASON_MESSAGES["unreadable"]))
        stack.extend(reversed(subdirs))
    return files, problems


def _tail_ok(path: Path, fmt: str, size: int) -> bool:
    """Cheap truncation test: a JPEG ends with its EOI marker, a PNG with its IEND chunk."""
    if fmt not in ("JPEG", "MPO", "PNG"):
        return True
    with open(path, "rb") as fp:
        fp.seek(max(0, size - 64))
        tail = fp.read()
    return tail.endswith(_PNG_IEND) if fmt == "PNG" else tail.rstrip(b"\x00").endswith(_JPEG_EOI)


def _check(root: Path, rel: str, config: ScanConfig) -> ImageRecord | Problem:
    """Examine one file. Fast mode reads the header and tail; a suspicious tail or ``verify`` decodes fully."""
    path = root.joinpath(*PurePosixPath(rel).parts)
    try:
        size = path.stat().st_size
        if size == 0:
            raise ImageDecodeError("zero_bytes")
        info = imageio.probe_info(path)
        if config.verify or not _tail_ok(path, info.format, size):
            imageio.load_rgb(path)
        if min(info.width, info.height) < config.min_side:
            raise ImageDecodeError(
                "too_small",
                f"The picture is {info.width}x{info.height} pixels; its shorter "
                f"side must be at least {config.min_side} pixels.",
            )
        return ImageRecord(rel, info.width, info.height, size)
    except ImageDecodeError as exc:
        return Problem(rel, exc.reason, exc.message)
    except PermissionError:
        return Problem(rel, "unreadable", imageio.REASON_MESSAGES["unreadable"])
    except OSError as exc:
        logger.warning("Cannot read %s: %s", rel, exc)
        return Problem(rel, "unreadable", imageio.REASON_MESSAGES["unreadable"])
    except Exception:  # the scan always completes; the traceback goes to the log
        logger.exception("Unexpected error while checking %s", rel)
        return Problem(
            rel, "unreadable", "The file could not be checked because of an unexpected error (details are in the log)."
        )


def _digest(path: Path) -> str | None:
    h = hashlib.blake2b(digest_size=20)
    try:
        with open(path, "rb") as fp:
            while chunk := fp.read(1 << 20):
                h.update(chunk)
    except OSError as exc:
        logger.warning("Cannot hash %s for duplicate detection: %s", path, exc)
        return None
    return h.hexdigest()


class _ChunkMapper:
    """``map`` in chunks of PROGRESS_EVERY with a cancel check and a callback between chunks.

    Threads help when files wait on the disk (network shares, cold caches) or decode big pictures (Pillow
    releases the GIL) but slow down header reads of small cached files (benchmarks/bench_scan.py). So
    each ``map`` alternates over its first four chunks, inline and threaded, and keeps the faster way.
    """

    def __init__(self, control: RunControl | None, workers: int) -> None:
        self.control = control
        self.workers = workers
        self.pool: ThreadPoolExecutor | None = None

    def _threaded(self, fn: Callable[[_T], _R], chunk: list[_T]) -> list[_R]:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="scan")
        step = -(-len(chunk) // self.workers)  # one task per thread: per-file tasks cost more than they gain
        parts = self.pool.map(
            lambda part: [fn(x) for x in part], [chunk[i : i + step] for i in range(0, len(chunk), step)]
        )
        return [r for part in parts for r in part]

    def map(
        self, fn: Callable[[_T], _R], items: list[_T], after_chunk: Callable[[int, _T], None] | None = None
    ) -> list[_R]:
        out: list[_R] = []
        trial: tuple[list[float], list[float]] = ([], [])  # seconds per file: inline, threaded
        for k, start in enumerate(range(0, len(items), PROGRESS_EVERY)):
            if self.control is not None:
                self.control.check()
            chunk = items[start : start + PROGRESS_EVERY]
            t0 = time.perf_counter()
            if k < 4:  # alternate inline / threaded over the first four chunks
                threaded = self.workers > 1 and k % 2 == 1
            else:
                threaded = bool(trial[1]) and sum(trial[1]) < sum(trial[0])
            out.extend(self._threaded(fn, chunk) if threaded else map(fn, chunk))
            if k < 4:
                trial[int(threaded)].append((time.perf_counter() - t0) / len(chunk))
            if after_chunk is not None:
                after_chunk(len(out), chunk[-1])
        return out

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _duplicates(root: Path, images: Iterable[ImageRecord], mapper: _ChunkMapper) -> tuple[tuple[str, ...], ...]:
    """Groups of byte-identical files. Only files whose sizes collide are hashed."""
    by_size: dict[int, list[str]] = defaultdict(list)
    for rec in images:
        by_size[rec.size_bytes].append(rec.path)
    candidates = sorted(p for paths in by_size.values() if len(paths) > 1 for p in paths)
    digests = mapper.map(lambda rel: _digest(root.joinpath(*PurePosixPath(rel).parts)), candidates)
    groups: dict[str, list[str]] = defaultdict(list)
    for rel, digest in zip(candidates, digests, strict=True):
        if digest is not None:
            groups[digest].append(rel)
    return tuple(sorted(tuple(sorted(g)) for g in groups.values() if len(g) > 1))


def scan_folder(
    root: Path,
    config: ScanConfig = ScanConfig(),
    control: RunControl | None = None,
    on_event: EventCallback | None = None,
) -> ScanResult:
    """Scan ``root`` recursively and classify every image file (see the module docstring).

    Emits StateChanged, throttled ScanProgress and exactly one RunFinished (whose ``result`` is the
    ScanResult when completed).

    Raises:
        FolderError: ``root`` is missing, not a folder or cannot be listed.
        Cancelled: ``control`` requested a stop (after RunFinished(CANCELED) was sent).
    """
    return finish_once(
        on_event,
        lambda: _scan(Path(root), config, control, on_event),
        "The scan was stopped.",
        lambda r: f"Scan finished: {len(r.images)} usable, {len(r.problems)} unusable (cannot be read or used).",
    )


def _scan(root: Path, config: ScanConfig, control: RunControl | None, on_event: EventCallback | None) -> ScanResult:
    start = time.perf_counter()
    config.validate()
    root = root.expanduser()
    if not root.exists():
        raise FolderError(f"The folder {root} does not exist.", code="folder_not_found", folder=str(root))
    if not root.is_dir():
        raise FolderError(f"{root} is a file, not a folder.", code="folder_is_a_file", folder=str(root))
    root = root.resolve()
    if not os.access(root, os.R_OK | os.X_OK):
        raise FolderError(
            f"The folder {root} cannot be opened (no permission).", code="folder_no_permission", folder=str(root)
        )
    emit(on_event, StateChanged(RunState.PREPARING))
    files, problems = _walk(root, control, on_event)
    emit(on_event, StateChanged(RunState.RUNNING))
    emit(on_event, ScanProgress(0, len(files), ""))
    mapper = _ChunkMapper(control, WORKERS)
    try:
        results = mapper.map(
            lambda rel: _check(root, rel, config),
            files,
            lambda done, rel: emit(on_event, ScanProgress(done, len(files), rel)),
        )
        images = sorted((r for r in results if isinstance(r, ImageRecord)), key=lambda r: r.path)
        problems += [r for r in results if isinstance(r, Problem)]
        emit(on_event, StateChanged(RunState.FINISHING))
        dups = _duplicates(root, images, mapper) if config.find_duplicates else ()
    finally:
        mapper.close()
    result = ScanResult(
        root, tuple(images), tuple(sorted(problems, key=lambda p: p.path)), dups, time.perf_counter() - start
    )
    logger.info(
        "Scanned %s: %d usable, %d problems, %d duplicate groups in %.2f s",
        root,
        len(result.images),
        len(result.problems),
        len(result.duplicates),
        result.elapsed_s,
    )
    return result
