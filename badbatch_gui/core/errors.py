"""Exceptions the core raises, each carrying a message an operator can read and act on.

Every error also carries a stable ``code`` and the ``values`` its sentence was built from, so that a front end
can say the same thing in the operator's language (the window translates by code; the command line prints the
English sentence). Codes are short snake_case names, unique across the app, and never change meaning once
released; values are plain Python data (str, int, float, bool, lists of them).
"""

from __future__ import annotations

from typing import Any

from badbatch_gui.core.file_names import display_name


class BadBatchError(Exception):
    """Base class: ``str(exc)`` is a plain-language sentence, safe to show in a dialog or on stderr.

    Args:
        message: the English sentence (what happened, what was kept, what to do next).
        code: a stable code for translation; defaults to the class's ``default_code``.
        **values: what the sentence was built from (paths as str, counts, sizes...).
    """

    default_code = "error"

    def __init__(self, message: str = "", *, code: str | None = None, **values: Any) -> None:
        super().__init__(display_name(message))  # a file name that is not valid Unicode is shown with U+FFFD
        self.code: str = code or self.default_code
        self.values: dict[str, Any] = dict(values)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with the code and values (errors cross processes when several train together); subclasses
        with other constructor arguments come back the same way.
        """
        return (_rebuild, (type(self), self.args), dict(self.__dict__))


def _rebuild(cls: type[BadBatchError], args: tuple[Any, ...]) -> BadBatchError:
    """An error of class ``cls`` with ``args``, without calling its ``__init__`` (pickle then restores its
    attributes: code, values and any of its own).
    """
    obj = cls.__new__(cls)
    Exception.__init__(obj, *args)
    return obj


class FolderError(BadBatchError):
    """The chosen image folder is missing, is not a folder, or holds no usable image."""

    default_code = "folder"


class ConfigError(BadBatchError):
    """A setting is out of range or inconsistent (raised by the frozen configs' validation)."""

    default_code = "config"


class CheckpointError(BadBatchError):
    """A checkpoint is missing, corrupt, unsafe to load, or belongs to another folder."""

    default_code = "checkpoint"


class UnsafeFileError(BadBatchError):
    """A file would need unsafe loading (pickled code) and is refused."""

    default_code = "unsafe_file"


class ExportError(BadBatchError):
    """An export could not be written or failed its self-test."""

    default_code = "export"


class TrainingError(BadBatchError):
    """Training had to stop (non-finite loss, out of memory at batch size 1, disk full...)."""

    default_code = "training"


class OutputError(BadBatchError):
    """A file or folder the app was asked to write cannot be written (full disk, no permission, not a folder...)."""

    default_code = "output"


class RecordError(BadBatchError):
    """A JSON file the app reads (settings, a run record, export metadata...) is damaged, too large, too deeply
    nested or holds a value of the wrong type or out of range.
    """

    default_code = "record"
