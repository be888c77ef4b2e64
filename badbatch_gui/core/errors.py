"""Exceptions the core raises, each carrying a message an operator can read and act on."""

from __future__ import annotations


class BadBatchError(Exception):
    """Base class: ``str(exc)`` is a plain-language sentence, safe to show in a dialog or on stderr."""


class FolderError(BadBatchError):
    """The chosen image folder is missing, is not a folder, or holds no usable image."""


class ConfigError(BadBatchError):
    """A setting is out of range or inconsistent (raised by the frozen configs' validation)."""


class CheckpointError(BadBatchError):
    """A checkpoint is missing, corrupt, unsafe to load, or belongs to another folder."""


class UnsafeFileError(BadBatchError):
    """A file would need unsafe loading (pickled code) and is refused."""


class ExportError(BadBatchError):
    """An export could not be written or failed its self-test."""


class TrainingError(BadBatchError):
    """Training had to stop (non-finite loss, out of memory at batch size 1, disk full...)."""
