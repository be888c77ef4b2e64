"""Why a file or folder could not be written, in plain words: a full disk, no permission, a read-only place.

Libraries wrap the operating system's error: ``torch.save`` raises a RuntimeError about "unexpected pos" whose
``__context__`` holds the ``OSError(ENOSPC)``; safetensors raises its own error whose text says "No space left on
device (os error 28)". :func:`write_failure` looks through the chain for the real cause, so a message can name
it and say what to do, without library internals (they go to the log).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

DISK_FULL = "disk_full"
NO_PERMISSION = "no_permission"
READ_ONLY = "read_only"
NOT_A_FOLDER = "not_a_folder"
OTHER = "other"

_KINDS_BY_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", -1): DISK_FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EROFS: READ_ONLY,
    errno.ENOTDIR: NOT_A_FOLDER,
}
_DISK_FULL_TEXT = ("no space left on device", "not enough space on the disk", "disk full", "disk quota exceeded")
_REASONS = {
    DISK_FULL: "the disk is full",
    NO_PERMISSION: "permission denied",
    READ_ONLY: "the place is read-only",
    NOT_A_FOLDER: "a part of the path is a file, not a folder",
}
_ADVICE = {
    DISK_FULL: "Free some space there or choose another place.",
    NO_PERMISSION: "Choose a folder you can write to.",
    READ_ONLY: "Choose a folder you can write to.",
    NOT_A_FOLDER: "Choose another folder.",
    OTHER: "Check the disk and the folder, or choose another place.",
}


@dataclass(frozen=True)
class WriteFailure:
    """What stopped a write.

    Attributes:
        kind: :data:`DISK_FULL`, :data:`NO_PERMISSION`, :data:`READ_ONLY`, :data:`NOT_A_FOLDER` or :data:`OTHER`.
        reason: a few plain English words ("the disk is full", or the system's own text for other errors).
        advice: one sentence saying what to do.
    """

    kind: str
    reason: str
    advice: str


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and all(cur is not s for s in seen) and len(seen) < 20:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def write_failure(exc: BaseException) -> WriteFailure:
    """Classify an exception raised while writing (an ``OSError``, or a library's error wrapping one)."""
    chain = _chain(exc)
    for e in chain:
        if isinstance(e, OSError) and e.errno in _KINDS_BY_ERRNO:
            kind = _KINDS_BY_ERRNO[e.errno]
            return WriteFailure(kind, _REASONS[kind], _ADVICE[kind])
    for e in chain:
        if any(text in str(e).lower() for text in _DISK_FULL_TEXT):
            return WriteFailure(DISK_FULL, _REASONS[DISK_FULL], _ADVICE[DISK_FULL])
    for e in chain:
        if isinstance(e, OSError) and e.strerror:
            return WriteFailure(OTHER, e.strerror.lower(), _ADVICE[OTHER])
    return WriteFailure(OTHER, "the file could not be written", _ADVICE[OTHER])
