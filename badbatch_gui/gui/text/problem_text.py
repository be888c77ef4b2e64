"""Plain, translatable sentences for why the scan cannot use a file (the scan's problem codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core.file_names import display_name

translate = QCoreApplication.translate  # lupdate extracts translate("ProblemText", "...") calls


def _special_kind(kind: str) -> str:
    """The words for a special file's kind (``problem.Problem.detail`` of a ``special_file`` problem)."""
    return {
        "fifo": translate("ProblemText", "a named pipe (FIFO)"),
        "socket": translate("ProblemText", "a socket"),
        "char_device": translate("ProblemText", "a character device"),
        "block_device": translate("ProblemText", "a block device"),
    }.get(kind, translate("ProblemText", "a special file"))


def problem_text(reason: str, fallback: str, detail: str = "") -> str:
    """The sentence for a problem's reason code; ``fallback`` (the core's message) for an unknown code.

    ``detail`` is the problem's detail (``problem.Problem.detail``): where a ``link_outside`` link points, the kind of
    a ``special_file``.
    """
    if reason == "link_outside" and detail:
        return translate("ProblemText", "This is a link to {0}, outside the folder, so it was not followed.").format(
            display_name(detail)
        )
    if reason == "special_file" and detail:
        return translate("ProblemText", "This is {0}, not an ordinary file, so it was not opened.").format(
            _special_kind(detail)
        )
    return {
        "zero_bytes": translate("ProblemText", "The file is empty (0 bytes)."),
        "not_an_image": translate(
            "ProblemText", "The file is not a picture in a supported format (JPEG, PNG, GIF, BMP, TIFF, WebP)."
        ),
        "truncated": translate("ProblemText", "The file is damaged or cut short: part of the picture is missing."),
        "unreadable": translate("ProblemText", "The file cannot be read (no permission, or a disk or network error)."),
        "too_large": translate("ProblemText", "The picture has too many pixels to open safely."),
        "unsupported_mode": translate(
            "ProblemText", "The picture's colour format cannot be turned into an ordinary colour picture."
        ),
        "too_small": translate("ProblemText", "The picture is too small to use."),
        "special_file": translate(
            "ProblemText", "This is not an ordinary file (a named pipe, a socket or a device), so it was not opened."
        ),
        "link_outside": translate(
            "ProblemText", "This is a link to a place outside the folder, so it was not followed."
        ),
    }.get(reason, fallback)
