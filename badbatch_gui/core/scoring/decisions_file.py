"""Reading the stored keep / leave-out decisions safely: every entry is checked on its own, so one bad entry loses
only itself, and what was lost is reported (docs/design/reliability.md §6).

- A file that is not a decisions file at all (not JSON, not UTF-8, too deep, wrong types at the top) is moved aside
  to a numbered backup (``<name>.broken``, ``.broken.1``…, :func:`atomic_files.set_aside`) and no decision is used.
- An entry with a wrong type or an out-of-range value is dropped; the others are used. The file stays as it is
  until the store is next saved, which first keeps a numbered copy of it (:meth:`DecisionStore.save`).
- A file that cannot be read at all (no permission) is left alone and not used this time.

:class:`DecisionsDamage` says which of these happened; the command line prints :meth:`DecisionsDamage.message`,
the window shows its own translated sentence built from the same fields.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.atomic_files import set_aside
from badbatch_gui.core.write_errors import write_failure

log = logging.getLogger(__name__)

DECISIONS = ("keep", "reject")
BACKUP_TAG = "broken"
MAX_FILE_BYTES = 512 * 2**20  # about two million entries; a bigger file is not one the app wrote
MAX_PATH_CHARS = 4096
MAX_REASONS = 32
INT64 = 2**63
_REASON_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")

FILE_SET_ASIDE = "file_set_aside"  # the whole file was unusable and moved to a backup: no decision is used
ENTRIES_DROPPED = "entries_dropped"  # some entries were damaged and ignored; the others are used
UNREADABLE = "unreadable"  # the file could not be read (permission...): no decision is used this time


@dataclass(frozen=True)
class DecisionsDamage:
    """What was wrong with a decisions file when it was read.

    Attributes:
        kind: :data:`FILE_SET_ASIDE`, :data:`ENTRIES_DROPPED` or :data:`UNREADABLE`.
        file: the decisions file.
        backup: where the damaged file was moved (:data:`FILE_SET_ASIDE`), else None.
        dropped: entries ignored (:data:`ENTRIES_DROPPED`); kept: entries used.
        reason: a few words on what was wrong (for the log and the command line).
    """

    kind: str
    file: Path
    backup: Path | None = None
    dropped: int = 0
    kept: int = 0
    reason: str = ""

    def message(self) -> str:
        """One plain English sentence for the command line."""
        if self.kind == FILE_SET_ASIDE:
            kept = f"it was kept as {self.backup}" if self.backup else "it could not be moved aside"
            return (
                f"The keep / leave-out decisions of this folder were damaged ({self.reason}); {kept}, and no "
                "photo is left out by them. Decide again on the Batch check page."
            )
        if self.kind == ENTRIES_DROPPED:
            entries = "entry" if self.dropped == 1 else "entries"
            return (
                f"{self.dropped} damaged {entries} in the keep / leave-out decisions ({self.file}) "
                f"{'was' if self.dropped == 1 else 'were'} ignored; the other {self.kept} decisions are used."
            )
        return (
            f"The keep / leave-out decisions in {self.file} could not be read ({self.reason}); no photo is left "
            "out by them this time."
        )


@dataclass(frozen=True)
class StoredEntry:
    """One valid entry of the file (the fields of ``decisions.ImageDecision``)."""

    decision: str
    size_bytes: int | None
    mtime_ns: int | None
    updated: str
    reasons: tuple[str, ...]
    automatic: bool = False


def _int_or_none(value: Any, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < high:
        raise ValueError("not an integer in range")
    return value


def stat_state(path: Path) -> tuple[int | None, int | None]:
    """A photo's size in bytes and modification time in ns now, as entries record them ((None, None): unreadable)."""
    try:
        st = path.stat()
        return int(st.st_size), int(st.st_mtime_ns)
    except OSError:
        return None, None


def file_state(entry: dict[str, Any]) -> tuple[int | None, int | None] | None:
    """An entry's ``size_bytes`` and ``mtime_ns`` (each may be None), or None when either is damaged."""
    try:
        return _int_or_none(entry.get("size_bytes"), 0, INT64), _int_or_none(entry.get("mtime_ns"), -INT64, INT64)
    except ValueError:
        return None


def reason_codes(value: Any) -> tuple[str, ...] | None:
    """A stored list of finding codes (missing: none), or None when it is damaged."""
    reasons = value or []
    if (
        not isinstance(reasons, list)
        or len(reasons) > MAX_REASONS
        or not all(isinstance(r, str) and _REASON_CODE.fullmatch(r) for r in reasons)
    ):
        return None
    return tuple(reasons)


def valid_key(rel: Any) -> bool:
    """True for a relative POSIX path inside the folder (no ``..``, not absolute, not empty)."""
    if not isinstance(rel, str) or not 0 < len(rel) <= MAX_PATH_CHARS or "\x00" in rel:
        return False
    path = PurePosixPath(rel)
    return not path.is_absolute() and ".." not in path.parts and str(path) not in ("", ".")


def parse_entry(rel: Any, entry: Any) -> StoredEntry | None:
    """The entry if every field has its type and range, else None."""
    if not valid_key(rel) or not isinstance(entry, dict) or entry.get("decision") not in DECISIONS:
        return None
    state = file_state(entry)
    updated = entry.get("updated", "")
    reasons = reason_codes(entry.get("reasons"))
    if state is None or reasons is None or not isinstance(updated, str) or len(updated) > 64:
        return None
    decision = str(entry["decision"])
    # written before "automatic" existed: a rejection with reasons was the app's default leave-out
    automatic = entry.get("automatic", decision == "reject" and bool(reasons))
    if not isinstance(automatic, bool):
        return None
    return StoredEntry(
        decision, *state, updated, reasons if decision == "reject" else (), decision == "reject" and automatic
    )


def _document(raw: bytes) -> dict[str, Any]:
    """The file's top-level object, checked; raises ValueError naming what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError("the file is far too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("it is not text") from None
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    except ValueError:
        raise ValueError("it is not valid JSON") from None
    if not isinstance(data, dict):
        raise ValueError("it does not hold a decisions record")
    schema = data.get("schema", 1)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ValueError("its version number is not valid")
    if not isinstance(data.get("images", {}), dict):
        raise ValueError("its list of photos is not valid")
    return data


def read_decisions(file: Path, schema: int) -> tuple[dict[str, StoredEntry], DecisionsDamage | None]:
    """The valid entries of ``file`` (none when it is missing) and what was wrong with it, if anything.

    Never raises: every problem is in the returned :class:`DecisionsDamage`.
    """
    try:
        raw = file.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no file (its folder may not even be possible): no decisions
        return {}, None
    except OSError as exc:
        reason = write_failure(exc).reason if exc.errno is not None else str(exc)
        log.warning("decisions file %s cannot be read: %s", file, exc)
        return {}, DecisionsDamage(UNREADABLE, file, reason=reason)
    try:
        data = _document(raw)
    except ValueError as exc:
        try:
            backup: Path | None = set_aside(file, BACKUP_TAG)
        except OSError:
            backup = None
        log.warning("decisions file %s is damaged (%s); set aside as %s", file, exc, backup)
        return {}, DecisionsDamage(FILE_SET_ASIDE, file, backup, reason=str(exc))
    if data.get("schema", 1) > schema:
        log.warning(
            "decisions file %s was written by a newer version (schema %s); reading what is known",
            file,
            data.get("schema"),
        )
    entries: dict[str, StoredEntry] = {}
    dropped = 0
    for rel, entry in data.get("images", {}).items():
        parsed = parse_entry(rel, entry)
        if parsed is None:
            dropped += 1
            continue
        entries[str(PurePosixPath(rel))] = parsed
    if not dropped:
        return entries, None
    log.warning("decisions file %s: %d damaged entries ignored, %d used", file, dropped, len(entries))
    return entries, DecisionsDamage(
        ENTRIES_DROPPED, file, dropped=dropped, kept=len(entries), reason=f"{dropped} damaged entries"
    )
