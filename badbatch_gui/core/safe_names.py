r"""The one name cleaner: safe file and folder names built from text (docs/design/reliability.md §5).

- :func:`sanitise_name` turns any text into a portable single path component: no separators, no ``..``,
  none of ``<>:"/\|?*``, no control characters, no trailing dot or space, a capped length, and never a
  Windows reserved device name (``CON``, ``nul.txt``, ``COM1``...), which gets an ``_`` appended.
- :func:`name_part` makes the short part of a run folder's name from the image folder's name (the same rules,
  whitespace too becoming ``_``).
- :func:`check_name` refuses (rather than repairs) a name, for paths the operator typed on the command line.
- :func:`safe_join` resolves the final path and checks it stays inside the chosen folder.

Python 3.13's ``os.path.isreserved`` (python/cpython#95486) is not used: the project supports Python 3.11 and later.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from badbatch_gui.core.errors import ExportError

log = logging.getLogger(__name__)

MAX_NAME_LENGTH = 100
FORBIDDEN_CHARS = '<>:"/\\|?*'
RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
    # Windows also treats the superscript digits as COM/LPT port numbers.
    + [f"{p}{d}" for p in ("COM", "LPT") for d in "\u00b9\u00b2\u00b3"]
)
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def is_reserved(name: str) -> bool:
    """True when ``name`` is a Windows reserved device name, case-insensitively and with any extension.

    ``con``, ``Con.txt``, ``nul.tar.gz`` and ``COM1 .log`` are reserved; ``console`` and ``com10`` are not.
    """
    stem = name.split(".", 1)[0].rstrip(" ")
    return stem.upper() in RESERVED_NAMES


def sanitise_name(name: str, default: str = "export", max_length: int = MAX_NAME_LENGTH) -> str:
    """A single safe path component made from ``name``.

    Path separators, ``<>:"|?*`` and control characters become ``_``; ``..`` sequences collapse to ``_``;
    leading/trailing dots and spaces are stripped; reserved device names get ``_`` appended; the result is
    cut to ``max_length`` characters (then stripped again). An empty result becomes ``default``.

    Args:
        name: the text the operator typed.
        default: the name used when nothing usable is left (must itself be safe).
        max_length: the cap on the result's length, in characters.
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _BAD.sub("_", text)
    text = re.sub(r"\.{2,}", "_", text)
    text = text.strip(" .")
    if len(text) > max_length:
        text = text[:max_length].rstrip(" .")
    if not text:
        text = default
    if is_reserved(text):
        stem, dot, ext = text.partition(".")
        text = f"{stem.rstrip(' ')}_{dot}{ext}"
    if text != name:
        log.info("name %r sanitised to %r", name, text)
    return text


def name_part(text: str, default: str = "run", max_length: int = 48) -> str:
    """A short name part made from free text, e.g. the image folder's name in a run folder's name.

    Runs of whitespace, path separators, ``<>:"|?*``, control characters and the undecodable bytes of a name that
    is not valid UTF-8 (lone surrogates, ``file_names``) become one ``_``; leading and
    trailing dots, spaces and ``_`` go; then :func:`sanitise_name`'s rules apply (no ``..``, capped length, never a
    reserved device name). An empty result becomes ``default``.
    """
    text = re.sub(r'[\s<>:"/\\|?*\x00-\x1f\x7f\ud800-\udfff]+', "_", unicodedata.normalize("NFC", str(text)))
    return sanitise_name(text.strip(" ._"), default=default, max_length=max_length)


def check_name(name: str) -> None:
    """Refuse a name that :func:`sanitise_name` would change, with a plain sentence suggesting a safe one.

    Raises:
        ExportError: the name is empty, reserved on Windows, too long, or has forbidden characters.
    """
    if not name or name in (".", ".."):
        raise ExportError("The export folder needs a name (not empty, '.' or '..').", code="export_name_empty")
    safe = sanitise_name(name)
    if safe == name:
        return
    if is_reserved(name):
        why, problem = "is a reserved device name on Windows", "reserved"
    elif len(name) > MAX_NAME_LENGTH:
        why, problem = f"is longer than {MAX_NAME_LENGTH} characters", "too_long"
    else:
        why = (
            'contains characters that are not allowed in file names (<>:"/\\|?*, control characters, '
            "'..', or a leading/trailing dot or space)"
        )
        problem = "characters"
    raise ExportError(
        f"The export folder name '{name}' {why}; use a name such as '{safe}'.",
        code=f"export_name_{problem}",
        name=name,
        suggestion=safe,
        max_length=MAX_NAME_LENGTH,
    )


def safe_join(folder: Path, name: str) -> Path:
    """``folder / sanitise_name(name)``, resolved, after checking that it stays inside ``folder``.

    Args:
        folder: the chosen parent folder (need not exist yet).
        name: a user-entered name; it is sanitised first.

    Raises:
        ExportError: the resolved path would leave ``folder`` (e.g. through a symbolic link).
    """
    base = Path(folder).expanduser().resolve()
    target = (base / sanitise_name(name)).resolve()
    if target == base or base not in target.parents:
        raise ExportError(
            f"The name '{name}' would put the export outside the folder {base}; choose another name.",
            code="export_name_outside",
            name=name,
            folder=str(base),
        )
    return target
