"""The operator's keep/reject decisions for the images of one folder (Batch check page, Inspect map).

Decisions live in the app's data folder (``AppPaths.decisions_file(folder)``), never in the image folder.
They are keyed by the image's relative POSIX path; each entry also stores the file's size and modification
time when the decision was made, so a file replaced under the same name is noticed (:meth:`stale_paths`)
instead of silently inheriting a decision taken about different content.

The file holds the operator's choices only. Which photos training leaves out follows from them, the Batch check's
findings and the setting, by one rule (:mod:`badbatch_gui.core.scoring.leave_out`). A rejection of a photo the
Batch check flagged also records its finding codes (``findings.REASONS``), so a run can say why it was left out.

Older versions also stored the app's own default leave-outs here, as rejections marked ``automatic`` (or, before
``automatic`` existed, as rejections with reasons). They still load: they are not the operator's decisions but
the findings of an earlier check (:meth:`DecisionStore.legacy_entries`), which ``leave_out.load_review`` hands to
the findings store; until the findings store has them, :meth:`DecisionStore.save` writes them back unchanged.

Reading never fails and never loses more than it must (decisions_file.py): a damaged entry is dropped and the others
are used; a damaged file is moved to a numbered backup; :attr:`DecisionStore.damage` says what happened, so every
command that uses the decisions (``badbatch train`` and ``score``, the Batch check and Train pages) says so.

File format (``schema`` 1; ``reasons`` and ``automatic`` are optional; ``automatic`` is written as false, so an
older version reads the operator's rejections with reasons as the operator's)::

    {"schema": 1, "folder": "/abs/folder", "updated": "2024-...Z",
     "images": {"a/b.jpg": {"decision": "reject", "size_bytes": 123, "mtime_ns": 456, "updated": "...",
                            "reasons": ["dark"], "automatic": true}}}
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.atomic_files import keep_copy, set_aside, write_json_atomic
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.scoring.decisions_file import (
    BACKUP_TAG,
    DECISIONS,
    ENTRIES_DROPPED,
    FILE_SET_ASIDE,
    DecisionsDamage,
    read_decisions,
    stat_state,
)

log = logging.getLogger(__name__)

SCHEMA = 1
__all__ = ["DECISIONS", "SCHEMA", "DecisionStore", "DecisionsDamage", "ImageDecision"]


@dataclass(frozen=True)
class ImageDecision:
    """One image's decision and the file state it was made about (None when the file could not be read).

    ``reasons``: for a rejection of a photo the Batch check flagged, its finding codes (worst first).
    ``automatic``: an older version's default leave-out, not the operator's (see the module docstring).
    """

    decision: str
    size_bytes: int | None
    mtime_ns: int | None
    updated: str
    reasons: tuple[str, ...] = ()
    automatic: bool = False


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DecisionStore:
    """Keep/reject decisions for one image folder.

    Args:
        folder: the image folder the decisions are about.
        file: where they are stored (the app's: ``AppPaths.decisions_file(folder)``).
    """

    def __init__(self, folder: Path, file: Path) -> None:
        self.folder = Path(folder).expanduser().resolve()
        self.file = Path(file)
        self._entries: dict[str, ImageDecision] = {}
        self._legacy: dict[str, ImageDecision] = {}  # an older version's automatic rejections (module docstring)
        self.dirty = False
        self.damage: DecisionsDamage | None = None  # what was wrong with the file when it was loaded
        self._backup_pending = True  # a damaged file is backed up before the first save only

    # ----------------------------------------------------------------- loading and saving
    @classmethod
    def load(cls, folder: Path, file: Path) -> DecisionStore:
        """The stored decisions for ``folder`` (an empty store when there are none yet). Never raises.

        Each entry is checked on its own (decisions_file.py): a damaged entry is dropped and the others are used;
        a file that is not a decisions file at all is set aside to a numbered backup (``.broken``, ``.broken.1``…)
        and none is used. :attr:`damage` says which happened (None when nothing did), for every command that uses
        the decisions to say so.
        """
        store = cls(folder, file)
        entries, store.damage = read_decisions(store.file, SCHEMA)
        for rel, e in entries.items():
            kept = store._legacy if e.automatic else store._entries
            kept[rel] = ImageDecision(e.decision, e.size_bytes, e.mtime_ns, e.updated, e.reasons, e.automatic)
        return store

    def legacy_entries(self) -> dict[str, ImageDecision]:
        """An older version's automatic rejections (findings of an earlier check, not the operator's decisions)."""
        return dict(self._legacy)

    def drop_legacy(self) -> None:
        """Forget :meth:`legacy_entries` once the findings store holds them (the next :meth:`save` omits them)."""
        if self._legacy:
            self._legacy.clear()
            self.dirty = True

    def to_json(self) -> dict[str, Any]:
        """The JSON document written by :meth:`save` (with the legacy entries no decision replaced)."""
        entries = {**self._legacy, **self._entries}
        return {
            "schema": SCHEMA,
            "folder": str(self.folder),
            "updated": _now(),
            "images": {
                rel: {
                    "decision": d.decision,
                    "size_bytes": d.size_bytes,
                    "mtime_ns": d.mtime_ns,
                    "updated": d.updated,
                    **({"reasons": list(d.reasons)} if d.reasons else {}),
                    "automatic": d.automatic,
                }
                for rel, d in sorted(entries.items())
            },
        }

    def save(self) -> Path:
        """Write the decisions atomically (``atomic_files``, retried while Windows holds the file); return the file.

        A file read with damaged entries is first kept as a numbered backup (its good entries are in the new file,
        the damaged ones stay in the backup); an unreadable one is moved aside.
        """
        try:
            self._keep_damaged_file()
            write_json_atomic(self.file, self.to_json(), indent=1)
        except OSError as exc:
            raise BadBatchError(
                f"Could not save the keep/reject decisions to {self.file}: {exc.strerror or exc}."
            ) from exc
        self.dirty = False
        return self.file

    def _keep_damaged_file(self) -> None:
        damage = self.damage
        if not self._backup_pending or damage is None or damage.kind == FILE_SET_ASIDE or not self.file.exists():
            return
        kept = keep_copy(self.file, BACKUP_TAG) if damage.kind == ENTRIES_DROPPED else set_aside(self.file, BACKUP_TAG)
        self._backup_pending = False
        log.warning("the decisions file %s with damaged parts is kept as %s", self.file, kept)

    # ----------------------------------------------------------------- editing
    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` (relative to the folder, or absolute inside it) as the store's key: a relative POSIX path.

        Raises:
            ValueError: the path lies outside the folder.
        """
        p = Path(path)
        if p.is_absolute():
            try:
                p = p.resolve().relative_to(self.folder)
            except ValueError as exc:
                raise ValueError(f"{path} is not inside {self.folder}") from exc
        rel = PurePosixPath(p.as_posix())
        if rel.is_absolute() or ".." in rel.parts or str(rel) in ("", "."):
            raise ValueError(f"{path} is not a file inside {self.folder}")
        return str(rel)

    def set_image(self, path: str | Path, decision: str | None, reasons: Iterable[str] = ()) -> None:
        """Record the operator's ``"keep"`` or ``"reject"`` for one image, or forget their decision with None.

        ``reasons``: the finding codes of a rejected photo the Batch check flagged (kept only with ``"reject"``).
        """
        if decision is not None and decision not in DECISIONS:
            raise ValueError(f"decision must be 'keep', 'reject' or None, not {decision!r}")
        rel = self.relative(path)
        if decision is None:
            if self._entries.pop(rel, None) is not None:
                self.dirty = True
            return
        size, mtime = stat_state(self.folder / rel)
        why = tuple(reasons) if decision == "reject" else ()
        self._entries[rel] = ImageDecision(decision, size, mtime, _now(), why)
        self.dirty = True

    def set_batch(
        self, paths: Iterable[str | Path], decision: str | None, reasons: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        """Record the same decision for every image of a batch (None forgets them); ``reasons`` maps a relative
        path to the finding codes of a flagged photo.
        """
        for p in paths:
            self.set_image(p, decision, (reasons or {}).get(self.relative(p), ()))

    def clear(self) -> None:
        """Forget every decision (not saved until :meth:`save`)."""
        if self._entries:
            self.dirty = True
        self._entries.clear()

    # ----------------------------------------------------------------- queries
    def get(self, path: str | Path) -> str | None:
        """The operator's decision for one image, or None when they have not decided."""
        entry = self._entries.get(self.relative(path))
        return entry.decision if entry else None

    def entry(self, path: str | Path) -> ImageDecision | None:
        """The full stored entry for one image."""
        return self._entries.get(self.relative(path))

    def decisions(self) -> dict[str, str]:
        """Every decision of the operator, relative path -> "keep" | "reject"."""
        return {rel: d.decision for rel, d in sorted(self._entries.items())}

    def rejected_paths(self) -> tuple[str, ...]:
        """Sorted relative paths the operator rejected (training leaves out these and more: ``leave_out.py``)."""
        return tuple(sorted(rel for rel, d in self._entries.items() if d.decision == "reject"))

    def kept_paths(self) -> tuple[str, ...]:
        """Sorted relative paths the operator explicitly kept (e.g. a flagged batch accepted by hand)."""
        return tuple(sorted(rel for rel, d in self._entries.items() if d.decision == "keep"))

    def stale_paths(self) -> tuple[str, ...]:
        """Paths whose file is missing or changed (size or modification time) since the decision was made."""
        out = []
        for rel, d in self._entries.items():
            size, mtime = stat_state(self.folder / rel)
            if size is None or size != d.size_bytes or mtime != d.mtime_ns:
                out.append(rel)
        return tuple(sorted(out))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, (str, os.PathLike)):
            return False  # what Path() refuses with a TypeError
        try:
            return self.relative(path) in self._entries
        except (ValueError, TypeError):
            return False
