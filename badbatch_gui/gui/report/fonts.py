"""The report's typefaces: a Latin face for letters and figures, then a Japanese one for Japanese text.

Qt falls back from one family to the next for characters the first lacks, so every report lists a Latin family first
and a Japanese family second. The Latin face comes first on purpose: Qt's PDF writer maps some of a CJK font's glyphs
(proportional figures, the space) back to the wrong characters, so text copied out of the PDF (or read by
``pdftotext``) would lose its numbers; figures drawn with the Latin face come out right, and the Japanese face
still draws every Japanese character. With no Japanese font installed, Japanese text cannot be drawn: the report
says so on its first page and in the log (:func:`japanese_family` returns None).
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

LATIN = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica Neue", "Helvetica", "Segoe UI")
JAPANESE = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "Yu Gothic",
    "Meiryo",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "IPAexGothic",
    "IPAGothic",
    "TakaoPGothic",
    "MS Gothic",
)
MONO = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "Consolas", "Menlo", "Courier New")


def _first(wanted: tuple[str, ...], available: list[str]) -> str | None:
    have = {f.casefold(): f for f in available}
    return next((have[w.casefold()] for w in wanted if w.casefold() in have), None)


def japanese_family() -> str | None:
    """An installed family that draws Japanese (a preferred Gothic face first), or None when there is none."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    if not families:
        return None
    plain = [f for f in families if "mono" not in f.casefold() and "serif" not in f.casefold()]
    return _first(JAPANESE, families) or (plain or families)[0]


def report_families(mono: bool = False) -> list[str]:
    """The families a report's text is set in, in fallback order (Latin or monospace first, then Japanese)."""
    available = QFontDatabase.families()
    first = _first(MONO if mono else LATIN, available)
    ja = japanese_family()
    return [f for f in (first, ja) if f] or [QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()]
