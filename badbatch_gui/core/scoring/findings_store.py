"""The Batch check's findings for one folder, kept between sessions: which photos look wrong, and why.

Every check records what it found here, the window's and ``badbatch score``'s alike (:meth:`FindingsStore.record`),
so that training leaves out the same photos whichever front door starts it, and after a restart
(:mod:`badbatch_gui.core.scoring.leave_out`). The file lives in the app's data folder
(``AppPaths.findings_file(folder)``), never in the image folder::

    {"schema": 1, "folder": "/abs/folder", "updated": "2024-...Z",
     "flagged": {"a/b.jpg": {"reasons": ["dark"], "size_bytes": 123, "mtime_ns": 456}}}

Only flagged photos are stored, each with the size and modification time its file had when it was checked: a
photo whose file changed since (replaced under the same name) has no finding until the next check.

A check looks at the photos it was asked to (the window's re-check leaves out the photos already left out):
recording merges, so a photo the check did not look at keeps what an earlier check found. Reading never fails: a
damaged file is set aside to a numbered backup and counts as no findings (:attr:`FindingsStore.damage` says so).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.atomic_files import set_aside, write_json_atomic
from badbatch_gui.core.errors import BadBatchError, RecordError
from badbatch_gui.core.json_checks import read_json_file
from badbatch_gui.core.scoring.decisions_file import BACKUP_TAG, file_state, reason_codes, stat_state, valid_key

log = logging.getLogger(__name__)

SCHEMA = 1
MAX_FILE_BYTES = 256 * 2**20


@dataclass(frozen=True)
class StoredFinding:
    """One flagged photo: its finding codes (worst first) and the file's size and modification time when checked."""

    reasons: tuple[str, ...]
    size_bytes: int | None
    mtime_ns: int | None


class FindingsStore:
    """The stored findings of the image folder ``folder``, kept in ``file``.

    Attributes:
        damage: what was wrong with the file when it was loaded, in a few words (None: nothing).
        backup: where a damaged file was set aside (None: it was not, or could not be).
        checked: a check's findings are stored (False: the folder was never checked, or only its damaged file was).
    """

    def __init__(self, folder: Path, file: Path) -> None:
        self.folder = Path(folder).expanduser().resolve()
        self.file = Path(file)
        self._entries: dict[str, StoredFinding] = {}
        self._current: dict[str, tuple[str, ...]] | None = None
        self.damage: str | None = None
        self.backup: Path | None = None
        self.checked = False

    @classmethod
    def load(cls, folder: Path, file: Path, legacy: Mapping[str, StoredFinding] | None = None) -> FindingsStore:
        """The stored findings of ``folder`` (none when never checked). Never raises.

        ``legacy``: findings an older version kept in the decisions file (its automatic rejections), used when this
        file does not exist yet; the next :meth:`save` writes them here.
        """
        store = cls(folder, file)
        try:
            data = read_json_file(store.file, max_bytes=MAX_FILE_BYTES)
        except (FileNotFoundError, NotADirectoryError):  # never checked (its folder may not even be possible)
            store._entries = dict(legacy or {})
            store.checked = bool(store._entries)
            return store
        except OSError as exc:
            store.damage = str(exc.strerror or exc)
            log.warning("findings file %s cannot be read: %s", store.file, exc)
            return store
        except RecordError as exc:
            store._set_aside(str(exc))
            return store
        if not isinstance(data, dict) or not isinstance(data.get("flagged", {}), dict):
            store._set_aside("it does not hold Batch check findings")
            return store
        dropped = 0
        for rel, entry in data.get("flagged", {}).items():
            parsed = _parse(rel, entry)
            if parsed is None:
                dropped += 1
            else:
                store._entries[str(PurePosixPath(rel))] = parsed
        if dropped:
            store.damage = f"{dropped} damaged entries were ignored"
            log.warning("findings file %s: %d damaged entries ignored", store.file, dropped)
        store.checked = True
        return store

    def _set_aside(self, reason: str) -> None:
        self.damage = reason
        try:
            self.backup = set_aside(self.file, BACKUP_TAG)
        except OSError:
            self.backup = None
        log.warning("findings file %s is damaged (%s); set aside as %s", self.file, reason, self.backup)

    def record(self, paths: Sequence[str], reasons: Sequence[Sequence[str]]) -> None:
        """Take a check's findings: ``paths`` are the photos it looked at, ``reasons`` their finding codes (empty:
        looks fine). Photos it did not look at keep their earlier findings. Not saved until :meth:`save`.
        """
        if len(paths) != len(reasons):
            raise ValueError("one list of reasons per photo is needed")
        for rel, codes in zip(paths, reasons, strict=True):
            if codes:
                self._entries[rel] = StoredFinding(tuple(codes), *stat_state(self.folder / rel))
            else:
                self._entries.pop(rel, None)
        self._current = None
        self.checked = True

    def flagged(self) -> dict[str, tuple[str, ...]]:
        """Relative path -> finding codes of every photo that looks wrong and whose file is unchanged since."""
        if self._current is None:
            self._current = {
                rel: f.reasons
                for rel, f in sorted(self._entries.items())
                if stat_state(self.folder / rel) == (f.size_bytes, f.mtime_ns)
            }
        return dict(self._current)

    def to_json(self) -> dict[str, Any]:
        """The JSON document written by :meth:`save`."""
        return {
            "schema": SCHEMA,
            "folder": str(self.folder),
            "updated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "flagged": {
                rel: {"reasons": list(f.reasons), "size_bytes": f.size_bytes, "mtime_ns": f.mtime_ns}
                for rel, f in sorted(self._entries.items())
            },
        }

    def save(self) -> Path:
        """Write the findings atomically; return the file (:attr:`damage` is cleared: the file is good again).

        Raises:
            BadBatchError: ``findings_not_saved`` (the app's data folder cannot be written).
        """
        try:
            write_json_atomic(self.file, self.to_json(), indent=1)
        except OSError as exc:
            reason = str(exc.strerror or exc)
            raise BadBatchError(
                f"Could not save the Batch check findings to {self.file}: {reason}.",
                code="findings_not_saved",
                file=str(self.file),
                reason=reason,
            ) from exc
        self.damage = None  # a damaged file was replaced by a good one
        return self.file


def _parse(rel: Any, entry: Any) -> StoredFinding | None:
    """One stored finding, or None when any field is damaged."""
    if not valid_key(rel) or not isinstance(entry, dict):
        return None
    state, reasons = file_state(entry), reason_codes(entry.get("reasons"))
    if state is None or not reasons:
        return None
    return StoredFinding(reasons, *state)
