"""Which exports a run has: ``exports.json`` in the run folder, and each export's model card read back.

An export folder can be anywhere (the app's exports folder, a USB drive, a share), so after each export the run folder
records where it went (newest last). The run's report reads the cards back from there, and checks that a card still
belongs to the run (the same start time and file list: an export folder can be replaced by another run's export).
Exports made before this record existed are found in the app's own exports folder by the same check.

File (``schema`` 1): ``{"schema": 1, "exports": [{"path": "/abs/export", "created": "..."}, ...]}``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.json_checks import JsonObject, read_json_file
from badbatch_gui.core.training.run_folder.runs import read_json

log = logging.getLogger(__name__)

EXPORTS_JSON = "exports.json"
CARD_FILE = "model_card.json"
SCHEMA = 1
MAX_RECORDED = 100
MAX_SCANNED = 500  # export folders looked at in the app's exports folder for a run recorded before exports.json


@dataclass(frozen=True)
class ExportedFile:
    """One file of an export: its name, size in bytes and SHA-256 (hex), as the model card lists them."""

    name: str
    size_bytes: int | None
    sha256: str


@dataclass(frozen=True)
class ExportFacts:
    """An export of a run, read back from its model card.

    Attributes:
        path: the export folder.
        created: when it was made (the card's ISO time).
        files: the files it holds, with their SHA-256.
        self_test_passed / max_abs_diff / tolerance / n_images: the reload-and-compare self-test.
        onnx: "not_requested", "passed" or "failed".
        trial: the card says the run was a trial.
        other_exports: how many other exports of the run were found.
    """

    path: Path
    created: str
    files: tuple[ExportedFile, ...]
    self_test_passed: bool | None
    max_abs_diff: float | None
    tolerance: float | None
    n_images: int | None
    onnx: str
    trial: bool
    other_exports: int = 0


def record_export(run_dir: Path, export_dir: Path, created: str) -> None:
    """Add ``export_dir`` to the run's ``exports.json`` (newest last, one entry per folder). Best effort: a run folder
    that cannot be written is logged, never an error (the export itself succeeded).
    """
    path = Path(run_dir) / EXPORTS_JSON
    entries = [e for e in _recorded(run_dir) if e["path"] != str(export_dir)]
    entries = [*entries, {"path": str(export_dir), "created": created}][-MAX_RECORDED:]
    try:
        write_json_atomic(path, {"schema": SCHEMA, "exports": entries}, indent=1)
    except OSError as exc:
        log.warning("could not record the export in %s: %s", display_name(path), exc)


def _recorded(run_dir: Path) -> list[dict[str, str]]:
    """The recorded exports, oldest first: ``{"path", "created"}`` each (damaged entries skipped)."""
    data = read_json(Path(run_dir) / EXPORTS_JSON)
    if data is None:
        return []
    items = JsonObject(data, EXPORTS_JSON).value("exports", [], max_depth=2)
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("path"), str) and len(item["path"]) <= 4096:
            created = item.get("created")
            out.append({"path": item["path"], "created": created if isinstance(created, str) else ""})
    return out


def _card(export_dir: Path) -> dict[str, Any] | None:
    try:
        data = read_json_file(export_dir / CARD_FILE)
    except (OSError, RecordError):
        return None
    return data if isinstance(data, dict) else None


def _belongs(card: dict[str, Any], run: dict[str, Any]) -> bool:
    """The card was made from this run: the same start time and the same folder file list."""
    training = card.get("training")
    dataset = card.get("dataset")
    if not isinstance(training, dict) or not isinstance(dataset, dict):
        return False
    return (
        bool(run.get("started"))
        and training.get("started") == run.get("started")
        and dataset.get("scan_file_list_hash") == run.get("file_list_hash")
    )


def _facts(export_dir: Path, card: dict[str, Any], others: int) -> ExportFacts:
    d = JsonObject(card, f"{display_name(export_dir.name)}/{CARD_FILE}")
    files = []
    listed = d.value("files", {}, max_depth=2)
    for name, entry in sorted(listed.items()) if isinstance(listed, dict) else ():
        f = JsonObject(entry if isinstance(entry, dict) else {}, CARD_FILE)
        files.append(ExportedFile(str(name)[:255], f.integer("bytes", None, 0), f.text("sha256", "", 64)))
    st = d.child("self_test")
    onnx = d.child("onnx")
    return ExportFacts(
        export_dir,
        d.text("created", "", 64),
        tuple(files),
        st.flag("passed", None),
        st.number("max_abs_diff", None, 0.0),
        st.number("tolerance", None, 0.0),
        st.integer("n_images", None, 0),
        onnx.text("status", "not_requested", 32),
        bool(d.flag("trial", False)),
        others,
    )


def find_export(run_dir: Path, run: dict[str, Any], exports_dir: Path | None = None) -> ExportFacts | None:
    """The run's newest export that still exists and still belongs to it (``run``: its run.json record), or None.

    Looks at the folders ``exports.json`` records, newest first; without any, in ``exports_dir`` (the app's exports
    folder, handed in by the caller; None: nowhere else).
    """
    found: list[tuple[Path, dict[str, Any]]] = []
    for entry in reversed(_recorded(run_dir)):
        card = _card(Path(entry["path"]))
        if card is not None and _belongs(card, run):
            found.append((Path(entry["path"]), card))
    if not found and exports_dir is not None:
        base = exports_dir
        try:
            folders = sorted((d for d in base.iterdir() if d.is_dir()), key=lambda d: d.name)[:MAX_SCANNED]
        except OSError:
            folders = []
        for folder in folders:
            card = _card(folder)
            if card is not None and _belongs(card, run):
                found.append((folder, card))
        found.sort(key=lambda fc: str(fc[1].get("created") or ""), reverse=True)
    if not found:
        return None
    path, card = found[0]
    return _facts(path, card, len(found) - 1)
