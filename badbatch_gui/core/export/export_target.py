"""Where an export goes: destination checks and the final move of a completed temporary folder.

Rules (docs/design/reliability.md §5): the folder name must be safe (:func:`safe_names.check_name`); an existing
destination is replaced only with ``force`` and only when it is empty or an earlier BadBatch export; the
destination may neither lie inside nor contain the run folder or the image folder; the export is written
to a hidden temporary folder beside it and moved into place only when complete.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from badbatch_gui.core.errors import ExportError
from badbatch_gui.core.export.model_card import CARD_FILE, CARD_FORMAT
from badbatch_gui.core.paths import is_inside
from badbatch_gui.core.safe_names import check_name
from badbatch_gui.core.training.runs import read_json

log = logging.getLogger(__name__)

STALE_AFTER_S = 24 * 3600  # a temporary folder this old belongs to an export that was killed


class ExportExistsError(ExportError):
    """The destination exists and ``force`` was not given."""


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a BadBatch model card (an earlier export)."""
    card = read_json(Path(folder) / CARD_FILE)
    return bool(card and card.get("format") == CARD_FORMAT)


def check_target(out_dir: Path, force: bool, protected: Iterable[Path | str | None] = ()) -> Path:
    """Validate the destination and return it with its parent resolved.

    Args:
        out_dir: the export folder to create.
        force: allow replacing an existing empty folder or earlier export.
        protected: folders the export must neither be inside nor contain (the run, the image folder).

    Raises:
        ExportExistsError: it exists and ``force`` is False.
        ExportError: unsafe name, a protected folder involved, or an existing folder that is not an export.
    """
    out = Path(out_dir).expanduser()
    check_name(out.name)
    out = out.parent.resolve() / out.name
    for folder in protected:
        if folder is None:
            continue
        if is_inside(out, Path(folder)) or is_inside(Path(folder), out):
            raise ExportError(f"The export folder {out} overlaps {folder}; choose a folder outside the run and "
                              "image folders.", code="export_overlaps", target=str(out), folder=str(folder))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ExportError(f"{out} exists and is not a folder; choose another name.", code="export_not_a_folder",
                          target=str(out))
    if out.exists():
        if not force:
            raise ExportExistsError(f"{out} already exists; choose another folder or replace it with --force.",
                                    code="export_exists", target=str(out))
        if any(out.iterdir()) and not is_export(out):
            raise ExportError(f"{out} exists and is not a BadBatch export, so it will not be replaced even with "
                              "--force; choose another folder.", code="export_exists_not_export", target=str(out))
    return out


def remove_stale_temporaries(target: Path) -> None:
    """Delete ``.<name>.partial-*`` / ``.<name>.old-*`` folders beside ``target`` left by a killed export."""
    now = time.time()
    for pattern in (f".{target.name}.partial-*", f".{target.name}.old-*"):
        for p in target.parent.glob(pattern):
            try:
                if p.is_dir() and not p.is_symlink() and now - p.stat().st_mtime > STALE_AFTER_S:
                    shutil.rmtree(p, ignore_errors=True)
                    log.info("removed the leftover of an interrupted export: %s", p)
            except OSError:
                continue


def install(tmp: Path, target: Path) -> None:
    """Move the completed ``tmp`` folder to ``target``, replacing an earlier export there.

    The earlier export is first renamed aside and deleted only after the move succeeded (put back on failure).
    """
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{secrets.token_hex(4)}"
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        if old is not None:
            os.replace(old, target)
        raise ExportError(f"The export could not be moved into place ({exc.strerror or exc}).",
                          code="export_move_failed", target=str(target), reason=str(exc.strerror or exc)) from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
        log.info("replaced the earlier export at %s", target)
    remove_stale_temporaries(target)
