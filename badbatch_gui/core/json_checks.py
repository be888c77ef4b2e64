"""Reading JSON the app did not just write itself, with bounds: size, depth, types and ranges, before any use.

Every JSON file the app reads (settings, run records and their metrics lines, cache indexes, export metadata,
the checkpoints' plain-value fields) can be damaged by a crash, a full disk, a hand edit or a hostile copy. Two
steps keep such a file from ever becoming a traceback, a hang or a huge allocation:

1. :func:`parse_json` / :func:`read_json_file`: the text is parsed with a size cap and a nesting cap (Python's
   parser raises ``RecursionError`` on deep nesting, which is not a ``ValueError``); any failure is one
   :class:`~badbatch_gui.core.errors.RecordError` with a stable code.
2. :class:`JsonObject`: typed, bounded reads of an object's fields (``integer``, ``number``, ``text``, ``flag``,
   ``texts``, ``child``, ``value``). *Lenient* readers (settings, run records) log a line and use the default for a
   value that is missing, of the wrong type or out of range; *strict* readers (export metadata, checkpoints) raise
   the caller's error class with the code ``bad_value`` and the field's name.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from badbatch_gui.core.errors import BadBatchError, RecordError
from badbatch_gui.core.file_names import display_name

log = logging.getLogger(__name__)

# Parsing stops at this depth (Python's parser itself gives up near 1000); each reader then bounds its fields'
# depth (JsonObject.value), so a deeply nested value costs that value only, not the whole file.
MAX_DEPTH = 512
MAX_FILE_BYTES = 256 * 2**20  # images.json of 1,000,000 photos is about 60 MB
MAX_TEXT = 4096  # a path or a sentence
MAX_ITEMS = 10_000_000
_D = TypeVar("_D")


def _depth_exceeds(data: Any, limit: int) -> bool:
    """True when containers in ``data`` nest deeper than ``limit`` (iterative: safe for any depth)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def parse_json(text: str | bytes, source: str, max_depth: int = MAX_DEPTH) -> Any:
    """The value of a JSON text, refused when it is not JSON or nested deeper than ``max_depth``.

    Args:
        text: the JSON text (bytes: UTF-8, or UTF-16/32 with their byte order).
        source: what the text is, for the message (a file name).

    Raises:
        RecordError: code ``json_unreadable`` (not JSON, not UTF-8, a number too long) or ``json_too_deep``.
    """
    try:
        data = json.loads(text)
    except RecursionError:
        data = None
        too_deep = True
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, int digit limit
        raise RecordError(
            f"{display_name(source)} is damaged: it is not readable JSON ({display_name(exc)}).",
            code="json_unreadable",
            source=display_name(source),
        ) from None
    else:
        too_deep = _depth_exceeds(data, max_depth)
    if too_deep:
        raise RecordError(
            f"{display_name(source)} is damaged: its values are nested more than {max_depth} levels deep.",
            code="json_too_deep",
            source=display_name(source),
            max_depth=max_depth,
        )
    return data


def read_json_file(path: Path, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """:func:`parse_json` of a file, read only up to ``max_bytes`` (so a huge file costs no more memory).

    Raises:
        OSError: the file cannot be read (``FileNotFoundError`` when it is missing).
        RecordError: codes of :func:`parse_json`, or ``json_too_large``.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RecordError(
            f"{display_name(path)} is larger than {max_bytes // 2**20} MB, far more than the app ever "
            "writes there, so it was not read.",
            code="json_too_large",
            source=display_name(path),
            max_bytes=max_bytes,
        )
    return parse_json(data, str(path), max_depth)


def short_repr(value: Any, limit: int = 60) -> str:
    """``repr`` of a value for a log line: at most ``limit`` characters, safe to print."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # ValueError: an int too long to print
        text = f"<{type(value).__name__}>"
    return display_name(text if len(text) <= limit else text[: limit - 1] + "…")


class JsonObject:
    """Typed, bounded reads of one JSON object's fields (see the module docstring).

    Args:
        data: the parsed value; anything other than an object reads as an empty object (lenient) or is refused.
        source: what it is, for messages and log lines (a file name, "settings.json: recent_folders"...).
        strict: raise ``error`` for a wrong value instead of logging it and using the default.
        error: the error class strict reads raise (a :class:`BadBatchError` subclass).
    """

    def __init__(self, data: Any, source: str, strict: bool = False, error: type[BadBatchError] = RecordError) -> None:
        self.source, self.strict, self.error = display_name(source), strict, error
        self.ignored: list[str] = []  # the keys whose values were not used (lenient)
        if not isinstance(data, dict):
            self._refuse("", data, "a JSON object")
            data = {}
        self.data: dict[str, Any] = data

    def _refuse(self, key: str, value: Any, expected: str) -> None:
        where = f"{self.source}: {display_name(key)}" if key else self.source
        if self.strict:
            raise self.error(
                f"{where} is damaged: {short_repr(value)} is not {expected}.",
                code="bad_value",
                source=self.source,
                key=display_name(key),
                expected=expected,
            )
        log.warning("%s: ignoring %s (expected %s)", where, short_repr(value), expected)
        self.ignored.append(key)

    def __contains__(self, key: str) -> bool:
        return key in self.data

    def keys(self) -> list[str]:
        """The object's keys."""
        return list(self.data)

    def _get(self, key: str, required: bool) -> tuple[bool, Any]:
        if key in self.data and self.data[key] is not None:
            return True, self.data[key]
        if required:
            self._refuse(key, None, "given")
        return False, None

    def integer(
        self, key: str, default: _D, lo: int = -(2**63), hi: int = 2**63 - 1, required: bool = False
    ) -> int | _D:
        """A whole number in [lo, hi] (a float with an integer value counts; true/false do not)."""
        found, v = self._get(key, required)
        if not found:
            return default
        if isinstance(v, float) and math.isfinite(v) and v.is_integer():
            v = int(v)
        if isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi:
            return v
        self._refuse(key, v, f"a whole number from {lo} to {hi}")
        return default

    def number(
        self, key: str, default: _D, lo: float = -math.inf, hi: float = math.inf, required: bool = False
    ) -> float | _D:
        """A finite number in [lo, hi]."""
        found, v = self._get(key, required)
        if not found:
            return default
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            try:
                f = float(v)
            except OverflowError:  # an int beyond float range
                f = math.inf
            if math.isfinite(f) and lo <= f <= hi:
                return f
        self._refuse(key, v, f"a number from {lo:g} to {hi:g}")
        return default

    def text(
        self,
        key: str,
        default: _D,
        max_len: int = MAX_TEXT,
        choices: Iterable[str] | None = None,
        required: bool = False,
    ) -> str | _D:
        """A string of at most ``max_len`` characters (and one of ``choices`` when given)."""
        found, v = self._get(key, required)
        if not found:
            return default
        allowed = tuple(choices) if choices is not None else None
        if isinstance(v, str) and len(v) <= max_len and (allowed is None or v in allowed):
            return v
        self._refuse(key, v, f"one of {', '.join(allowed)}" if allowed is not None else "a text")
        return default

    def flag(self, key: str, default: _D) -> bool | _D:
        """The JSON true or false at ``key``; ``default`` when absent or not a boolean (refused when strict)."""
        found, v = self._get(key, False)
        if not found:
            return default
        if isinstance(v, bool):
            return v
        self._refuse(key, v, "true or false")
        return default

    def texts(
        self, key: str, default: _D, max_items: int = MAX_ITEMS, max_len: int = MAX_TEXT, required: bool = False
    ) -> list[str] | _D:
        """A list of strings (at most ``max_items``, each at most ``max_len`` characters)."""
        found, v = self._get(key, required)
        if not found:
            return default
        if isinstance(v, list) and len(v) <= max_items and all(isinstance(s, str) and len(s) <= max_len for s in v):
            return list(v)
        self._refuse(key, v, "a list of texts")
        return default

    def counts(self, key: str, max_count: int = 2**31) -> dict[str, int]:
        """An object of whole numbers from 0 to ``max_count`` (``{"dark": 3, ...}``); missing: empty."""
        child = self.child(key)
        return {k: n for k in child.keys() if (n := child.integer(k, None, 0, max_count)) is not None}

    def child(self, key: str, required: bool = False) -> JsonObject:
        """The object under ``key``, read with the same rules (an empty object when missing or not an object)."""
        found, v = self._get(key, required)
        if found and not isinstance(v, dict):
            self._refuse(key, v, "a JSON object")
            v = {}
        return JsonObject(v if found else {}, f"{self.source}: {key}", self.strict, self.error)

    def value(self, key: str, default: _D, max_depth: int = 8) -> Any:
        """Any JSON value nested at most ``max_depth`` levels (kept as it is, e.g. to write it back)."""
        found, v = self._get(key, False)
        if not found:
            return default
        if _depth_exceeds(v, max_depth):
            self._refuse(key, "…", f"a value nested at most {max_depth} levels")
            return default
        return v
