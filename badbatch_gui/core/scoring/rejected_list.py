"""The "Export list…" CSV of the Batch check: every photo training will leave out, and why (Qt-free)."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.file_names import csv_field

COLUMNS = ("path", "absolute_path", "reason", "batch", "batch_frd", "image_score", "threshold", "decision",
           "findings")


def rejected_rows(report: Any, decisions: Mapping[str, str]) -> list[dict[str, str]]:
    """Photos in batches above the threshold (unless the operator kept them) and photos the operator rejected.

    ``reason`` is "batch_above_threshold" or "rejected_by_operator"; ``batch`` is 1-based ("" when the photo is
    in no scored batch); ``findings``: what the Batch check found wrong with the photo (finding codes, ";").
    """
    found = getattr(report, "findings", None)
    reasons = dict(zip(found.paths, found.reasons, strict=True)) if found is not None else {}
    root = Path(report.root)
    tau = report.threshold.value
    where: dict[str, tuple[Any, Any]] = {}
    for b in report.batches:
        for img in b.images:
            where[img.path] = (b, img)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(path: str, reason: str) -> None:
        b, img = where.get(path, (None, None))
        rows.append({
            "path": path,
            "absolute_path": str(root.joinpath(*PurePosixPath(path).parts)),
            "reason": reason,
            "batch": "" if b is None else str(b.index + 1),
            "batch_frd": "" if b is None else f"{b.frd:.6g}",
            "image_score": "" if img is None else f"{img.score:.6g}",
            "threshold": "" if tau is None else f"{tau:.6g}",
            "decision": decisions.get(path, ""),
            "findings": ";".join(reasons.get(path, ())),
        })
        seen.add(path)

    for b in sorted(report.batches, key=lambda b: -b.frd):
        if tau is not None and b.frd > tau:
            for img in b.images:
                if decisions.get(img.path) == "keep":
                    continue
                reason = "rejected_by_operator" if decisions.get(img.path) == "reject" else "batch_above_threshold"
                add(img.path, reason)
    for path, decision in sorted(decisions.items()):
        if decision == "reject" and path not in seen:
            add(path, "rejected_by_operator")
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write ``rows`` as UTF-8 CSV with a BOM (so spreadsheet programs read Japanese names); returns ``path``.

    A file name that is not valid UTF-8 has ``\\xNN`` for each undecodable byte (``file_names.csv_field``)."""
    path = Path(path)
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows({k: csv_field(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    return path
