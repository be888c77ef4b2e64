"""Plain, translatable sentences for why the scan cannot use a file (the scan's problem codes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts translate("ProblemText", "...") calls


def problem_text(reason: str, fallback: str) -> str:
    """The sentence for a problem's reason code; ``fallback`` (the core's message) for an unknown code."""
    return {
        "zero_bytes": translate("ProblemText", "The file is empty (0 bytes)."),
        "not_an_image": translate("ProblemText", "The file is not a picture in a supported format (JPEG, PNG, BMP, "
                                                 "TIFF, WebP)."),
        "truncated": translate("ProblemText", "The file is damaged or cut short: part of the picture is missing."),
        "unreadable": translate("ProblemText", "The file cannot be read (no permission, or a disk or network "
                                               "error)."),
        "too_large": translate("ProblemText", "The picture has too many pixels to open safely."),
        "unsupported_mode": translate("ProblemText", "The picture's colour format cannot be turned into an ordinary "
                                                     "colour picture."),
        "too_small": translate("ProblemText", "The picture is too small to use."),
    }.get(reason, fallback)
