"""The photos a run trains on: its file list, the decoded-image cache and the checks that tie a resume to its data.

:func:`prepare_data` scans the folder (unless a scan was given), chooses the file list (``data.dataset.training_paths``,
or the list a resumed run recorded in images.json), decodes it once into the cache folder (one process at a time when
several train together); :func:`check_data` checks that a resumed run still sees exactly the photos it saved
(docs/design/reliability.md §2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.dataset import ImageCache, training_paths
from badbatch_gui.core.data.scan import ScanResult, scan_folder
from badbatch_gui.core.errors import CheckpointError, FolderError
from badbatch_gui.core.paths import file_list_hash
from badbatch_gui.core.training.distributed import DistContext

NoticeFn = Callable[[str, str, str, dict[str, Any]], None]  # (code, message, level, data)


@dataclass(frozen=True)
class RunData:
    """The training set of one run.

    Attributes:
        scan: the folder's scan.
        cache: the decoded photos, in dataset-index order.
        paths: their relative paths (``cache.paths``).
        file_list_hash: the fingerprint of the folder's training images (what a resume checks first).
        dataset_hash: the fingerprint of ``paths`` (the photos that were decoded).
    """

    scan: ScanResult
    cache: ImageCache
    paths: tuple[str, ...]
    file_list_hash: str
    dataset_hash: str

    @property
    def n(self) -> int:
        """Number of photos."""
        return len(self.paths)


def _relay(on_event: ev.EventCallback | None) -> ev.EventCallback:
    """A sub-task's progress, without its own life-cycle events (one RunFinished per run)."""

    def relay(event: object) -> None:
        if not isinstance(event, (ev.RunFinished, ev.StateChanged)):
            ev.emit(on_event, event)

    return relay


def prepare_data(
    folder: Path,
    scan: ScanResult | None,
    config: TrainConfig,
    state: dict[str, Any] | None,
    dist: DistContext | None,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    notice: NoticeFn,
    cache_dir: Path | None,
) -> RunData:
    """Scan (if needed), choose and decode the run's photos (:func:`check_data` checks them).

    Args:
        state: the checkpoint being resumed (None for a new run).
        dist: the several-process context, or None.
        cache_dir: the decoded-image cache folder (``AppPaths.image_cache_dir``; None: nothing is kept).

    Raises:
        FolderError: the folder is missing or holds no usable image.
        CheckpointError: the folder's file list changed since the resumed checkpoint.
    """
    if scan is None:
        if not folder.is_dir():
            raise FolderError(
                f"The image folder {folder} does not exist or is not a folder.",
                code="folder_not_found",
                folder=str(folder),
            )
        scan = scan_folder(folder, control=control, on_event=_relay(on_event))
    scan.require_usable()
    folder_hash = scan.file_list_hash()
    all_paths = [r.path for r in scan.training_images()]
    if state is not None:
        if state.get("file_list_hash") != folder_hash:
            raise CheckpointError(
                "The images in the folder changed since this run was saved (files were "
                "added, removed or renamed), so it cannot resume. Start a new run instead.",
                code="resume_folder_changed",
            )
        paths = tuple(state.get("image_paths") or training_paths(all_paths, config.exclude, config.max_images))
        if not set(paths) <= set(all_paths):  # a damaged images.json must not name files outside the scan
            raise CheckpointError(
                "The run's list of images names files that are not among the folder's usable "
                "images, so it cannot resume. Start a new run instead.",
                code="resume_paths_differ",
            )
    else:
        paths = training_paths(all_paths, config.exclude, config.max_images)
    root = scan.root

    def build() -> ImageCache:
        return ImageCache.build(root, paths, config.image_size, cache_dir=cache_dir, control=control, on_event=on_event)

    cache = dist.in_turns(build) if dist is not None else build()  # one writer per cache file
    for f in cache.failed:
        notice(
            "skipped_file",
            f"{f.path} could not be read and is left out: {f.message}",
            "warning",
            {"path": f.path, "reason": f.reason},
        )
    return RunData(scan, cache, tuple(cache.paths), folder_hash, file_list_hash(cache.paths))


def check_data(data: RunData, config: TrainConfig, state: dict[str, Any] | None, dist: DistContext | None) -> None:
    """The checks on the decoded photos: the same on every process, the same as the resumed checkpoint's, and at
    least one batch of them for a new run.

    Raises:
        FolderError: fewer usable images than one batch, or the processes read different images.
        CheckpointError: some photos of the resumed run can no longer be read.
    """
    if dist is not None:
        dist.check_same(
            data.dataset_hash,
            "The processes read different images: the image folder must be the same, "
            "at the same path, on every machine.",
            code="processes_read_other_images",
        )
    if state is not None and state.get("dataset_hash") != data.dataset_hash:
        raise CheckpointError(
            "Some images of this run can no longer be read, so it cannot resume exactly. Start a new run instead.",
            code="resume_images_unreadable",
        )
    if data.n < config.batch_size and state is None:
        raise FolderError(
            f"The folder has {data.n} usable images, fewer than one batch of {config.batch_size}; "
            "lower the batch size or add images.",
            code="fewer_photos_than_batch",
            count=data.n,
            batch_size=config.batch_size,
            largest=max(data.n, 2),
        )
