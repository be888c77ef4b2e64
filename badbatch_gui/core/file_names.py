r"""File names that are not valid Unicode: how the app shows them, writes them into JSON and CSV, and hashes them.

A POSIX file name is any sequence of bytes. Names written from Windows shares in Japanese are often Shift-JIS,
which is not UTF-8, and Python hands such a name over as ``str`` with each undecodable byte turned into a lone
surrogate (``\udc80``-``\udcff``, the "surrogateescape" convention of ``os.fsdecode``); on Windows a name may hold
lone UTF-16 surrogates. Such a ``str`` opens the file fine, but it cannot be encoded as UTF-8, and Qt silently drops
the surrogates (two different names could then look the same). So every place where a name leaves Python goes
through this module:

- :func:`display_name`: for people (window, command line output, log): each lone surrogate becomes the
  replacement mark U+FFFD (``写\udc90^.png`` is shown as ``写�^.png``).
- :func:`json_text`: JSON stays valid UTF-8; a lone surrogate is written as its ``\uXXXX`` escape, so Python's
  ``json`` module reads the very same ``str`` back (``os.fsencode`` of it gives the original bytes).
- :func:`csv_field`: CSV has no escapes: an undecodable byte is written as the text ``\xNN`` (its value in hex).
- :func:`key_bytes`: the bytes of a name for hashing (cache keys, file-list fingerprints); never fails.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate (a name that is not valid Unicode)."""
    return _SURROGATE.search(text) is not None


def display_name(text: object) -> str:
    """``text`` (a name, a path, or a sentence that holds one) safe to show: lone surrogates become U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, str(text))


def json_text(data: Any, *, indent: int | None = None, allow_nan: bool = True, sort_keys: bool = False) -> str:
    r"""``json.dumps(data, ensure_ascii=False)`` whose result always encodes as UTF-8.

    Other characters stay as they are (Japanese names stay readable); a lone surrogate, which only ever occurs
    inside a JSON string, is written as its ``\uXXXX`` escape, which ``json.loads`` turns back into the same
    character.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=allow_nan, sort_keys=sort_keys)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_field(text: str) -> str:
    r"""``text`` for a CSV cell in UTF-8: an undecodable byte (``\udcNN``) as ``\xNN``, another lone surrogate as
    ``\uXXXX``.
    """

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, text)


def key_bytes(text: str) -> bytes:
    """The UTF-8 bytes of ``text`` for hashing; a lone surrogate is encoded as it is ("surrogatepass"), so the
    key is defined for every name and equals plain UTF-8 for ordinary names.
    """
    return text.encode("utf-8", "surrogatepass")
