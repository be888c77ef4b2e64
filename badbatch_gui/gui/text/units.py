"""Locale-aware formatting of sizes, durations and counts for the operator (QLocale; translated units)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLocale

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls


def format_bytes(n: float | None) -> str:
    """``1.5 GB`` style (1024-based, locale decimal point); an em dash when unknown. The number and its unit are
    joined by a no-break space, so a wrapped label never leaves "kB" alone on the next line.
    """
    if n is None or not math.isfinite(float(n)):
        return "—"
    text = QLocale().formattedDataSize(int(max(0, n)), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
    return text.replace(" ", "\u00a0")


def format_duration(seconds: float | None) -> str:
    """``2 h 05 min``, ``3 min 12 s`` or ``45 s``; an em dash when unknown."""
    if seconds is None or not math.isfinite(float(seconds)) or seconds < 0:
        return "—"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    if h:
        return translate("Units", "{0} h {1:02d} min").format(h, m)
    if m:
        return translate("Units", "{0} min {1:02d} s").format(m, sec)
    return translate("Units", "{0} s").format(sec)


def format_count(n: int | None) -> str:
    """A whole number with the locale's digit grouping; an em dash when unknown."""
    if n is None:
        return "—"
    return QLocale().toString(int(n))


def format_float(x: float | None, decimals: int = 2) -> str:
    """A decimal number in the locale's format; an em dash when unknown or not finite."""
    if x is None or not math.isfinite(float(x)):
        return "—"
    return QLocale().toString(float(x), "f", decimals)
