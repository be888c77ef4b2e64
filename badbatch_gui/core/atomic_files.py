"""The one way the app replaces a file: write a temporary file in the same folder, flush and fsync it, then
``os.replace`` it over the old one (retried while Windows holds the file), and fsync the folder.

At every instant the destination is either the old or the new complete file (docs/design/reliability.md §2). Used by
run records, settings, keep / leave-out decisions, checkpoints (which add a verify step and a ``.prev`` copy,
``training.run_folder.checkpoint``), the decoded-photo store, thumbnails and the command line's output files.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np

from badbatch_gui.core.file_names import json_text

log = logging.getLogger(__name__)

REPLACE_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0)  # 10 tries in all
_WINDOWS_LOCK_ERRORS = (5, 32, 33)  # access denied, sharing violation, lock violation


def _is_transient_lock(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _WINDOWS_LOCK_ERRORS


def replace_with_retry(src: str | Path, dst: str | Path) -> None:
    """``os.replace`` retried with backoff while another process (antivirus, indexer, a reader) holds the file."""
    for delay in (*REPLACE_DELAYS_S, None):
        try:
            os.replace(src, dst)
            return
        except OSError as exc:
            if delay is None or not _is_transient_lock(exc):
                raise
            log.debug("os.replace(%s) locked (%s); retrying in %.2f s", dst, exc, delay)
            time.sleep(delay)


def fsync_folder(folder: Path) -> None:
    """Best effort: make a rename durable on POSIX (not possible, nor needed, on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_quietly(path: str | Path) -> None:
    """Delete a file if it is there; errors are ignored (a temporary file left over is cleaned later)."""
    try:
        os.unlink(path)
    except OSError:
        pass


def set_aside(path: str | Path, tag: str = "broken") -> Path:
    """Move a damaged file (or a folder to keep) out of the way under a new numbered name, never over an earlier
    one.

    ``settings.json`` becomes ``settings.json.broken``, then ``settings.json.broken.1``, ``.broken.2``… so every
    damaged version the app ever met is kept for the operator (or support) to look at. A folder is moved whole
    (a run kept aside by ``badbatch train --force`` becomes ``RUN.previous``, ``RUN.previous.1``…).

    Returns:
        The backup's path.

    Raises:
        OSError: it could not be moved (it is left where it was).
    """
    path = Path(path)
    return _claim_numbered_name(path, path, tag)


def keep_copy(path: str | Path, tag: str = "broken") -> Path:
    """Keep a copy of a file under the numbered names :func:`set_aside` uses, leaving the file itself in place
    (before a file with damaged parts is rewritten without them).

    Raises:
        OSError: the copy could not be made (nothing is left behind).
    """
    path = Path(path)
    tmp = Path(temp_path(path, "copy."))
    try:
        shutil.copy2(path, tmp)
        return _claim_numbered_name(tmp, path, tag)
    except BaseException:
        remove_quietly(tmp)
        raise


def _claim_numbered_name(src: Path, base: Path, tag: str) -> Path:
    """Move ``src`` to the first free name of ``<base>.<tag>``, ``<base>.<tag>.1`` and so on."""
    folder = src.is_dir() and not src.is_symlink()
    candidate = base.with_name(f"{base.name}.{tag}")
    n = 0
    while True:
        if not candidate.exists() and not candidate.is_symlink():
            if folder:
                if _move_folder(src, candidate):
                    return candidate
            else:
                try:  # link + unlink: fails (instead of overwriting) when another process took the name meanwhile
                    os.link(src, candidate)
                except FileExistsError:
                    pass
                except OSError:  # file systems without hard links: a plain rename (the name was free a moment ago)
                    os.replace(src, candidate)
                    return candidate
                else:
                    os.unlink(src)
                    return candidate
        n += 1
        candidate = base.with_name(f"{base.name}.{tag}.{n}")


def _move_folder(folder: Path, new: Path) -> bool:
    """Rename ``folder`` to the free name ``new``; False when another process took the name first.

    The name is reserved by creating it as an empty folder, which the rename then replaces (POSIX replaces an
    empty folder atomically; Windows cannot, so there the placeholder is removed first).
    """
    try:
        new.mkdir()
    except FileExistsError:
        return False
    try:
        try:
            os.replace(folder, new)
        except OSError:
            if os.name != "nt":
                raise
            new.rmdir()
            os.rename(folder, new)
    except BaseException:
        try:
            new.rmdir()
        except OSError:
            pass
        raise
    return True


def temp_path(path: Path, tag: str = "") -> str:
    """A new, empty temporary file beside ``path`` (``.<name>.<tag><random>.tmp``), for a writer to fill."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{tag}", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return tmp


def write_atomic(
    path: Path, write: Callable[[IO[bytes]], object], durable: bool = True, check: Callable[[Path], None] | None = None
) -> None:
    """Replace ``path`` with what ``write`` writes into an open binary file, atomically.

    Args:
        path: the destination; its folder is created if needed.
        write: fills the temporary file.
        durable: fsync the file and the folder (off for caches that can be rebuilt, such as thumbnails).
        check: called with the complete temporary file before it replaces ``path``; an exception it raises
            leaves ``path`` untouched.

    Raises:
        OSError: the folder cannot be written or the disk is full (the temporary file is removed).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        with open(tmp, "wb") as fh:
            write(fh)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if check is not None:
            check(Path(tmp))
        replace_with_retry(tmp, path)
    except BaseException:
        remove_quietly(tmp)
        raise
    if durable:
        fsync_folder(path.parent)


def write_text_atomic(path: Path, text: str, durable: bool = True) -> None:
    r"""Replace ``path`` with UTF-8 ``text``, atomically (:func:`write_atomic`).

    The file is always valid UTF-8: a lone surrogate left in ``text`` (a file name that is not valid Unicode, which
    writers should pass through ``file_names``) is written as its ``\uXXXX`` escape rather than failing.
    """
    data = text.encode("utf-8", "backslashreplace")
    write_atomic(path, lambda fh: fh.write(data), durable)


def json_safe(value: Any) -> Any:
    """A copy of ``value`` that strict JSON can hold: NaN and infinity as None, tuples as lists, numpy scalars as
    Python numbers, mapping keys as strings.
    """
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json_atomic(path: Path, data: Any, indent: int | None = 1, ensure_ascii: bool = False) -> None:
    r"""Replace ``path`` with ``data`` as strict UTF-8 JSON, atomically (:func:`write_atomic`).

    Values go through :func:`json_safe` (NaN / infinity written as null, numpy scalars as numbers), so every reader,
    including other languages', can parse the file. A file name that is not valid Unicode is written as ``\uXXXX``
    escapes (``file_names.json_text``), which read back as the same name.
    """
    clean = json_safe(data)
    text = (
        json.dumps(clean, ensure_ascii=True, indent=indent, allow_nan=False)
        if ensure_ascii
        else json_text(clean, indent=indent, allow_nan=False)
    )
    write_text_atomic(path, text)
