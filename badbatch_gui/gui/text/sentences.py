"""Joining translated pieces of text the way each language writes them.

English puts a space between sentences and ends one with "."; Japanese puts no space after "。" and ends a
sentence with "。" (issue 19: "1 枚." and "。 これは" in the Japanese window came from joining translated pieces
with English punctuation). Every sentence built from pieces goes through these functions.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts translate("Sentences", "...") calls


def _wide(ch: str) -> bool:
    """True for a Japanese character or full-width punctuation (no space after it, "。" to end it)."""
    code = ord(ch)
    return 0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF00 <= code <= 0xFFEF or 0x3400 <= code <= 0x4DBF


def join(*parts: str) -> str:
    """The non-empty ``parts`` as one text: a space between them, none after Japanese text."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        out = part if not out else out + ("" if _wide(out[-1]) or _wide(part[0]) else " ") + part
    return out


def end(text: str) -> str:
    """``text`` ended as a sentence: "。" after Japanese text, "." otherwise (nothing when it already ends)."""
    text = text.rstrip()
    if not text or text[-1] in ".。!！?？":
        return text
    return text + ("。" if _wide(text[-1]) else ".")


def colon() -> str:
    """The colon between a count and its list (": " in English, "：" in Japanese)."""
    return translate("Sentences", ": ")
