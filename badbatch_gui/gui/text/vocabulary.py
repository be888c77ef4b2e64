"""The app's two words for trouble, the same on every page and in both languages (issue 19: the Images page said
"0 files with problems" while the Batch check said "26 photos look wrong", two meanings never explained).

- *Unusable files* (使えないファイル): files the scan cannot open or use at all (damaged, not a picture, too small);
  the scan's problems, listed with a reason on the Images step. Training never sees them.
- *Photos that look wrong* (写りの悪い写真): photos that open fine but that the Batch check flags (too dark, blurry,
  cut off, unlike the rest…), each counted once under its main reason. Left out of training by default.

The Images page's card should use :func:`unusable_files` and :func:`unusable_files_tip`; the Batch check's
headline uses :func:`look_wrong_tip`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts translate("Vocabulary", "...") calls


def unusable_files() -> str:
    """The short label for the scan's problems ("unusable files")."""
    return translate("Vocabulary", "unusable files")


def unusable_files_tip() -> str:
    """What an unusable file is, and how it differs from a photo that looks wrong."""
    return translate(
        "Vocabulary",
        "Unusable files cannot be opened or used at all (damaged, not a picture, too "
        "small); the Problems tab says why for each. They are not the photos that look "
        "wrong, which the Batch check finds among the photos that open fine.",
    )


def look_wrong_tip() -> str:
    """What "photos that look wrong" counts, and how it differs from unusable files."""
    return translate(
        "Vocabulary",
        "Photos that look wrong open fine but are too dark, blurry, cut off or unlike "
        "the rest, compared with this folder's typical photo. Each is counted once, "
        "under its main reason. Unusable files (damaged, not a picture, too small) are "
        "a different count: they cannot be opened at all and are listed on the Images "
        "step.",
    )
