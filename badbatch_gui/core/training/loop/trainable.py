"""Whether a new training run on a scanned folder could train at all, checked before anything is written.

A run folder is only created for a run that can train: the window's Train page, the ``badbatch train`` command and
the trainer itself call :func:`check_trainable` first, so a folder without usable photos (or with fewer photos left
than one batch) never leaves a failed, empty run behind. Torch-free: the window calls it to say why *Start training*
is disabled before the machine-learning runtime has loaded.
"""

from __future__ import annotations

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.data.file_list import training_paths
from badbatch_gui.core.data.scan import ScanResult
from badbatch_gui.core.errors import FolderError


def training_photos(scan: ScanResult, config: TrainConfig) -> tuple[str, ...]:
    """The relative paths a new run with ``config`` would train on (before decoding): the folder's training images
    minus the left-out photos, within the preset's photo limit.
    """
    return training_paths([r.path for r in scan.training_images()], config.exclude, config.max_images)


def check_trainable(scan: ScanResult, config: TrainConfig) -> int:
    """The number of photos a new run would train on; raises when it could not train.

    Raises:
        FolderError: ``folder_no_images`` / ``folder_all_unusable`` (nothing usable in the folder),
            ``all_photos_left_out`` (every usable photo is left out) or ``fewer_photos_than_batch``.
    """
    scan.require_usable()
    paths = training_photos(scan, config)
    if not paths:
        raise FolderError(
            "Every usable image of the folder is marked as rejected; nothing is left to train on.",
            code="all_photos_left_out",
        )
    if len(paths) < config.batch_size:
        raise FolderError(
            f"The folder has {len(paths)} usable images, fewer than one batch of {config.batch_size}; "
            "lower the batch size or add images.",
            code="fewer_photos_than_batch",
            count=len(paths),
            batch_size=config.batch_size,
            largest=max(len(paths), 2),
        )
    return len(paths)
