"""The operator's keep/reject decisions for the images of one folder (Batch check page).

Decisions live in ``app_paths().decisions_dir / "<folder_key(folder)>.json"``, never in the image folder.
They are keyed by the image's relative POSIX path; each entry also stores the file's size and modification
time when the decision was made, so a file replaced under the same name is noticed (:meth:`stale_paths`)
instead of silently inheriting a decision taken about different content.

:meth:`DecisionStore.rejected_paths` feeds ``ScoreConfig.exclude`` and ``TrainConfig.exclude``: the rejected
images leave the batch plan of both the preview and training.

A rejection of a photo the Batch check flagged (a bad shot) also records the finding codes
(``findings.REASONS``) it was flagged for, so the run record and the model card can say how many photos were
left out and why; a rejection of a photo that looks fine has none. ``automatic`` tells the decisions the app
made (the flagged photos it leaves out by default, "left out automatically") from the operator's ("left out by
you"); an entry written before ``automatic`` existed counts as automatic when it has reasons (that is how the app
made them).

Reading never fails and never loses more than it must (decisions_file.py): a damaged entry is dropped and the others
are used; a damaged file is moved to a numbered backup; :attr:`DecisionStore.damage` says what happened, so every
command that uses the decisions (``badbatch train`` and ``score``, the Batch check and Train pages) says so.

File format (``schema`` 1; ``reasons`` and ``automatic`` are optional, older versions ignore them)::

    {"schema": 1, "folder": "/abs/folder", "updated": "2024-...Z",
     "images": {"a/b.jpg": {"decision": "reject", "size_bytes": 123, "mtime_ns": 456, "updated": "...",
                            "reasons": ["dark"], "automatic": true}}}
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.atomic_files import keep_copy, set_aside, write_json_atomic
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.paths import app_paths, folder_key
from badbatch_gui.core.scoring.decisions_file import (
    BACKUP_TAG,
    DECISIONS,
    ENTRIES_DROPPED,
    FILE_SET_ASIDE,
    DecisionsDamage,
    read_decisions,
)
from badbatch_gui.core.scoring.findings import REASONS

log = logging.getLogger(__name__)

SCHEMA = 1
__all__ = ["DECISIONS", "SCHEMA", "DecisionStore", "DecisionsDamage", "ImageDecision", "left_out_summary"]


@dataclass(frozen=True)
class ImageDecision:
    """One image's decision and the file state it was made about (None when the file could not be read).

    ``reasons``: for a rejection of a photo the Batch check flagged, its finding codes (worst first).
    ``automatic``: the app made it (a flagged photo left out by default), not the operator.
    """

    decision: str
    size_bytes: int | None
    mtime_ns: int | None
    updated: str
    reasons: tuple[str, ...] = ()
    automatic: bool = False


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class DecisionStore:
    """Keep/reject decisions for one image folder.

    Args:
        folder: the image folder the decisions are about.
        file: where they are stored (default: the app's decisions folder, keyed by :func:`folder_key`).
    """

    def __init__(self, folder: Path, file: Path | None = None) -> None:
        self.folder = Path(folder).expanduser().resolve()
        self.file = Path(file) if file is not None else app_paths().decisions_dir / f"{folder_key(self.folder)}.json"
        self._entries: dict[str, ImageDecision] = {}
        self.dirty = False
        self.damage: DecisionsDamage | None = None  # what was wrong with the file when it was loaded
        self._backup_pending = True  # a damaged file is backed up before the first save only

    # ----------------------------------------------------------------- loading and saving
    @classmethod
    def load(cls, folder: Path, file: Path | None = None) -> DecisionStore:
        """The stored decisions for ``folder`` (an empty store when there are none yet). Never raises.

        Each entry is checked on its own (decisions_file.py): a damaged entry is dropped and the others are used;
        a file that is not a decisions file at all is set aside to a numbered backup (``.broken``, ``.broken.1``…)
        and none is used. :attr:`damage` says which happened (None when nothing did), for every command that uses
        the decisions to say so.
        """
        store = cls(folder, file)
        entries, store.damage = read_decisions(store.file, SCHEMA)
        store._entries = {rel: ImageDecision(e.decision, e.size_bytes, e.mtime_ns, e.updated, e.reasons,
                                            e.automatic)
                          for rel, e in entries.items()}
        return store

    def to_json(self) -> dict[str, Any]:
        """The JSON document written by :meth:`save`."""
        return {
            "schema": SCHEMA,
            "folder": str(self.folder),
            "updated": _now(),
            "images": {rel: {"decision": d.decision, "size_bytes": d.size_bytes, "mtime_ns": d.mtime_ns,
                             "updated": d.updated, **({"reasons": list(d.reasons)} if d.reasons else {}),
                             "automatic": d.automatic}
                       for rel, d in sorted(self._entries.items())},
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
            raise BadBatchError(f"Could not save the keep/reject decisions to {self.file}: {exc.strerror or exc}.") \
                from exc
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

    def _stat(self, rel: str) -> tuple[int | None, int | None]:
        try:
            st = (self.folder / rel).stat()
            return int(st.st_size), int(st.st_mtime_ns)
        except OSError:
            return None, None

    def set_image(self, path: str | Path, decision: str | None, reasons: Iterable[str] = (),
                  automatic: bool = False) -> None:
        """Record ``"keep"`` or ``"reject"`` for one image, or forget its decision with None.

        ``reasons``: the finding codes of a rejected photo the Batch check flagged (kept only with ``"reject"``).
        ``automatic``: the app, not the operator, leaves the photo out (only with ``"reject"``).
        """
        if decision is not None and decision not in DECISIONS:
            raise ValueError(f"decision must be 'keep', 'reject' or None, not {decision!r}")
        rel = self.relative(path)
        if decision is None:
            if self._entries.pop(rel, None) is not None:
                self.dirty = True
            return
        size, mtime = self._stat(rel)
        why = tuple(reasons) if decision == "reject" else ()
        self._entries[rel] = ImageDecision(decision, size, mtime, _now(), why, automatic and decision == "reject")
        self.dirty = True

    def set_batch(self, paths: Iterable[str | Path], decision: str | None,
                  reasons: Mapping[str, Iterable[str]] | None = None) -> None:
        """Record the same decision for every image of a batch (None forgets them); ``reasons`` maps a relative
        path to the finding codes of a flagged photo."""
        for p in paths:
            self.set_image(p, decision, (reasons or {}).get(self.relative(p), ()))

    def clear(self) -> None:
        """Forget every decision (not saved until :meth:`save`)."""
        if self._entries:
            self.dirty = True
        self._entries.clear()

    # ----------------------------------------------------------------- queries
    def get(self, path: str | Path) -> str | None:
        """The decision for one image, or None when the operator has not decided."""
        entry = self._entries.get(self.relative(path))
        return entry.decision if entry else None

    def entry(self, path: str | Path) -> ImageDecision | None:
        """The full stored entry for one image."""
        return self._entries.get(self.relative(path))

    def decisions(self) -> dict[str, str]:
        """Every decision, relative path -> "keep" | "reject"."""
        return {rel: d.decision for rel, d in sorted(self._entries.items())}

    def rejected_paths(self) -> tuple[str, ...]:
        """Sorted relative paths the operator rejected (for ``ScoreConfig.exclude`` / ``TrainConfig.exclude``)."""
        return tuple(sorted(rel for rel, d in self._entries.items() if d.decision == "reject"))

    def flagged_rejections(self) -> tuple[str, ...]:
        """Sorted relative paths the app left out automatically because the Batch check flagged them (the
        operator's own rejections of flagged photos are not among them)."""
        return tuple(sorted(rel for rel, d in self._entries.items() if d.decision == "reject" and d.automatic))

    def by_operator(self) -> dict[str, str]:
        """The operator's own decisions, relative path -> "keep" | "reject" (automatic rejections left out)."""
        return {rel: d.decision for rel, d in sorted(self._entries.items()) if not d.automatic}

    def left_out_summary(self, paths: Iterable[str] | None = None) -> dict[str, Any]:
        """How many photos are left out and why: ``{"count", "by_hand", "by_reason": {code: n}, "automatic"}``, each
        flagged photo counted under its main (first) reason (``by_hand``: photos that look fine, left out by the
        operator; ``automatic``: flagged photos the app left out, the rest of ``by_reason`` the operator's);
        restricted to ``paths`` when given (e.g. a run's exclude)."""
        wanted = None if paths is None else set(paths)
        by_reason: dict[str, int] = {}
        by_hand = automatic = 0
        for rel, d in sorted(self._entries.items()):
            if d.decision != "reject" or (wanted is not None and rel not in wanted):
                continue
            automatic += d.automatic
            if d.reasons:
                by_reason[d.reasons[0]] = by_reason.get(d.reasons[0], 0) + 1
            else:
                by_hand += 1
        unknown = len(wanted - {r for r, d in self._entries.items() if d.decision == "reject"}) if wanted else 0
        order = {code: i for i, code in enumerate(REASONS)}
        by_reason = dict(sorted(by_reason.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
        return {"count": by_hand + unknown + sum(by_reason.values()), "by_hand": by_hand + unknown,
                "by_reason": by_reason, "automatic": automatic}

    def kept_paths(self) -> tuple[str, ...]:
        """Sorted relative paths the operator explicitly kept (e.g. a flagged batch accepted by hand)."""
        return tuple(sorted(rel for rel, d in self._entries.items() if d.decision == "keep"))

    def stale_paths(self) -> tuple[str, ...]:
        """Paths whose file is missing or changed (size or modification time) since the decision was made."""
        out = []
        for rel, d in self._entries.items():
            size, mtime = self._stat(rel)
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


def left_out_summary(folder: Path, exclude: Iterable[str]) -> dict[str, Any]:
    """:meth:`DecisionStore.left_out_summary` of ``folder``'s stored decisions for the paths a run excludes
    (for the run record; an unreadable store counts every exclusion as made by hand)."""
    exclude = tuple(exclude)
    if not exclude:
        return {"count": 0, "by_hand": 0, "by_reason": {}, "automatic": 0}
    try:
        return DecisionStore.load(folder).left_out_summary(exclude)
    except (OSError, ValueError) as exc:
        log.warning("could not read the decisions of %s: %s", folder, exc)
        return {"count": len(exclude), "by_hand": len(exclude), "by_reason": {}, "automatic": 0}
