"""Where an export goes: destination checks, the hidden folder it is built in, and the final move into place.

Rules (docs/design/reliability.md §5, §6):

- the folder name must be safe (:func:`safe_names.check_name`); the destination may neither lie inside nor contain
  the run folder or the image folder;
- an existing destination is replaced only with ``force``, only when it is empty or an earlier BadBatch export,
  and only when it holds nothing but the files an export writes (:data:`EXPORT_FILES`): anything else in it (the
  embeddings ``badbatch embed`` wrote there, the operator's notes) makes the export refuse, naming those files;
- the export is built in a hidden staging folder beside the destination, ``.<name>.partial-<token>``, whose
  ``.lock`` the exporting process holds (an OS lock, dropped by the OS when the process dies, even on SIGKILL).
  The export itself is written to its ``export`` sub-folder and moved into place only when complete; an earlier
  export being replaced is first moved into the staging folder (``previous``) and deleted only after the move.
- Staging folders whose lock is free belong to exports that were killed: every export removes them from its
  destination's folder before it starts (:func:`remove_dead_staging`, called by ``export.py``, which says so in a
  notice), putting an earlier export back in place first if the kill came between the two moves.
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from badbatch_gui.core.atomic_files import replace_with_retry
from badbatch_gui.core.errors import ExportError
from badbatch_gui.core.export.model_card import CARD_FILE, CARD_FORMAT, README_FILE
from badbatch_gui.core.export.onnx_export import ONNX_FILE
from badbatch_gui.core.nets.encoder_io import WEIGHTS_FILE
from badbatch_gui.core.paths import is_inside
from badbatch_gui.core.safe_names import check_name
from badbatch_gui.core.training.run_folder.runs import RunLock, is_live, read_json
from badbatch_gui.core.write_errors import write_failure

log = logging.getLogger(__name__)

EXPORT_FILES = frozenset({WEIGHTS_FILE, CARD_FILE, README_FILE, ONNX_FILE})  # everything an export writes
STAGING_MARK = ".partial-"
LEGACY_OLD_MARK = ".old-"  # earlier versions renamed a replaced export to .<name>.old-<token> beside it
UNLOCKED_GRACE_S = 60.0  # a staging folder without its lock file may be one a live export is just creating
MAX_NAMES_SHOWN = 5


class ExportExistsError(ExportError):
    """The destination exists and ``force`` was not given."""

    default_code = "export_exists"


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a BadBatch model card (an earlier export)."""
    card = read_json(Path(folder) / CARD_FILE)
    return bool(card and card.get("format") == CARD_FORMAT)


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:MAX_NAMES_SHOWN])
    return shown + (f" and {len(names) - MAX_NAMES_SHOWN} more" if len(names) > MAX_NAMES_SHOWN else "")


def check_target(out_dir: Path, force: bool, protected: Iterable[Path | str | None] = ()) -> Path:
    """Validate the destination and return it with its parent resolved.

    Args:
        out_dir: the export folder to create.
        force: allow replacing an existing empty folder or earlier export that holds only export files.
        protected: folders the export must neither be inside nor contain (the run, the image folder).

    Raises:
        ExportExistsError: it exists and ``force`` is False.
        ExportError: unsafe name, a protected folder involved, a file in the way, an existing folder that is not
            an export or holds other files.
    """
    out = Path(out_dir).expanduser()
    check_name(out.name)
    out = out.parent.resolve() / out.name
    for folder in protected:
        if folder is None:
            continue
        if is_inside(out, Path(folder)) or is_inside(Path(folder), out):
            raise ExportError(
                f"The export folder {out} overlaps {folder}; choose a folder outside the run and image folders.",
                code="export_overlaps",
                target=str(out),
                folder=str(folder),
            )
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ExportError(
            f"{out} exists and is not a folder; choose another name for the export.",
            code="export_not_a_folder",
            target=str(out),
        )
    if out.exists():
        if not force:
            raise ExportExistsError(
                f"{out} already exists; choose another folder or replace it with --force.",
                code="export_exists",
                target=str(out),
            )
        others = sorted(p.name for p in out.iterdir() if p.name not in EXPORT_FILES or not p.is_file())
        if any(out.iterdir()) and not is_export(out):
            raise ExportError(
                f"{out} exists and is not a BadBatch export, so it will not be replaced even with "
                "--force; choose another folder.",
                code="export_exists_not_export",
                target=str(out),
            )
        if others:
            raise ExportError(
                f"{out} also holds {_names(others)}, which an export does not write, so it was not "
                "replaced. Move those files elsewhere, or choose another folder.",
                code="export_folder_has_other_files",
                target=str(out),
                files=others,
            )
    return out


class Staging:
    """The hidden folder an export is built in, locked by this process while it exists (a context manager).

    ``folder`` (``.<name>.partial-<token>`` beside the target) holds ``.lock`` and, once :meth:`open` returned,
    the empty ``export`` sub-folder to write into (:attr:`export_dir`).
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.folder = self.target.parent / f".{self.target.name}{STAGING_MARK}{secrets.token_hex(4)}"
        self.export_dir = self.folder / "export"
        self._lock: RunLock | None = None

    def __enter__(self) -> Staging:
        """Create and lock the staging folder.

        Raises:
            ExportError: nothing can be written beside the target (exit 2: choose another place).
        """
        try:
            self.folder.mkdir(parents=True)
            lock = RunLock(self.folder)
            if not lock.acquire():  # pragma: no cover - a fresh random name nobody else uses
                raise OSError("the staging folder is locked by another process")
            self._lock = lock
            self.export_dir.mkdir()
        except OSError as exc:
            self.close()
            failure = write_failure(exc)
            raise ExportError(
                f"The export cannot be written in {self.target.parent} ({failure.reason}). {failure.advice}",
                code="export_destination_unwritable",
                folder=str(self.target.parent),
                reason=failure.reason,
                kind=failure.kind,
            ) from exc
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Remove the staging folder (whatever is left in it) and drop the lock."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def install(self) -> None:
        """Move the completed :attr:`export_dir` to the target, replacing an earlier export there.

        The earlier export is first moved into the staging folder and deleted only after the new one is in place
        (put back if the move fails).

        Raises:
            ExportError: the move failed (the earlier export, if any, is back in place).
        """
        previous = self.folder / "previous"
        moved_aside = False
        try:
            if self.target.exists():
                replace_with_retry(self.target, previous)
                moved_aside = True
            replace_with_retry(self.export_dir, self.target)
        except OSError as exc:
            if moved_aside and not self.target.exists():
                replace_with_retry(previous, self.target)
            failure = write_failure(exc)
            raise ExportError(
                f"The export could not be moved into place at {self.target} ({failure.reason}). {failure.advice}",
                code="export_move_failed",
                target=str(self.target),
                reason=failure.reason,
                kind=failure.kind,
            ) from exc
        if moved_aside:
            log.info("replaced the earlier export at %s", self.target)


_STAGING_NAME = re.compile(r"\.(?P<name>.+)(?P<mark>\.partial-|\.old-)[0-9a-f]{8}")


def _ours(folder: Path) -> tuple[Path, bool] | None:
    """``(target, legacy)`` for a folder an export of this app left beside ``target``, else None.

    Only unmistakable ones count, since the destination's folder may be any folder of the operator's: the name
    ``.<name>.partial-<8 hex>`` (or an earlier version's ``.<name>.old-<8 hex>``) and the content an export leaves
    (its ``.lock``; or, from earlier versions, export files only).
    """
    match = _STAGING_NAME.fullmatch(folder.name)
    if match is None:
        return None
    target = folder.with_name(match["name"])
    if match["mark"] == STAGING_MARK and (folder / ".lock").exists():
        return target, False
    try:
        entries = list(folder.iterdir())
    except OSError:
        return None
    if match["mark"] == STAGING_MARK and {p.name for p in entries} <= {"export", "previous"}:
        return target, False  # one this version was just creating, or emptied
    if entries and all(p.is_file() and p.name in EXPORT_FILES for p in entries):
        return target, True
    return None


def remove_dead_staging(parent: Path) -> list[Path]:
    """Remove the staging folders in ``parent`` whose export is no longer running (killed, crashed, power cut).

    An earlier export that such an export had moved aside is put back first when its place is still empty.
    Returns the folders removed (also logged).
    """
    removed: list[Path] = []
    try:
        candidates = [p for p in Path(parent).iterdir() if p.name.startswith(".") and p.is_dir() and not p.is_symlink()]
    except OSError:
        return removed
    for staging in candidates:
        found = _ours(staging)
        if found is None:
            continue
        target, legacy = found
        if not _is_dead(staging, legacy):
            continue
        previous = staging / "previous" if not legacy else staging if LEGACY_OLD_MARK in staging.name else None
        try:
            if previous is not None and previous.is_dir() and not target.exists():
                replace_with_retry(previous, target)
                log.warning("put the earlier export back at %s (an export that replaced it was interrupted)", target)
            if staging.exists():
                shutil.rmtree(staging)
        except OSError as exc:
            log.warning("could not clean up %s, left by an interrupted export: %s", staging, exc)
            continue
        log.info("removed %s, left by an interrupted export", staging)
        removed.append(staging)
    return removed


def _is_dead(staging: Path, legacy: bool) -> bool:
    """True when no live process owns ``staging``: its lock is free, or (no lock file) it is not brand new."""
    try:
        if not legacy and (staging / ".lock").exists():
            return not is_live(staging)
        return time.time() - staging.stat().st_mtime > UNLOCKED_GRACE_S
    except OSError:
        return False
