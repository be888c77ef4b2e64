"""The "Export list…" CSV of the Batch check: which photos training leaves out and who decided, and the photos
the check questions that training still uses (Qt-free).

One row per photo, with a ``status`` (:data:`STATUSES`) that says who decided what:

- ``left_out_automatically``: the check flagged the photo (it looks wrong) and the app leaves it out by default;
  the operator decided nothing.
- ``left_out_by_you``: the operator left it out (flagged or not, by photo or by rejecting its batch).
- ``kept_by_you``: the operator kept a photo the check flagged or whose batch is above the threshold.
- ``flagged_used``: flagged, but training uses it (leaving the flagged photos out was switched off).
- ``in_batch_above_threshold``: looks fine, not decided, in a batch above the threshold; training uses it unless
  the operator rejects it or its batch.

Every flagged photo of the folder has a row, with its ``main_reason`` (the first of its ``findings``), so counting
the rows per ``main_reason`` gives the Batch check's headline counts (``findings.Findings.counts``).
``unusualness`` is the findings' severity, the app's one scale (below 1 looks fine); ``batch_explanation`` is the
kind of cause of an unusual batch (``batch_explanation.KINDS``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from badbatch_gui.core.atomic_files import write_text_atomic
from badbatch_gui.core.file_names import csv_field
from badbatch_gui.core.scoring.batch_explanation import explain_batch

STATUSES = ("left_out_automatically", "left_out_by_you", "kept_by_you", "flagged_used", "in_batch_above_threshold")
COLUMNS = (
    "path",
    "absolute_path",
    "status",
    "used_in_training",
    "main_reason",
    "findings",
    "unusualness",
    "batch",
    "batch_frd",
    "threshold",
    "batch_explanation",
)


def _status(path: str, flagged: bool, decisions: Mapping[str, str], automatic: Collection[str]) -> str | None:
    decision = decisions.get(path)
    if decision == "reject":
        return "left_out_automatically" if path in automatic else "left_out_by_you"
    if decision == "keep":
        return "kept_by_you"
    return "flagged_used" if flagged else None


def rejected_rows(report: Any, decisions: Mapping[str, str], automatic: Collection[str] = ()) -> list[dict[str, str]]:
    """The list's rows (see the module docstring), left-out photos first.

    Args:
        report: a ``ScoreReport`` (its findings, batches and τ).
        decisions: relative path -> "keep" | "reject" (``LeaveOut.marks``: every photo left out, by anyone).
        automatic: the rejections the app made, not the operator (``LeaveOut.automatic``).
    """
    found = getattr(report, "findings", None)
    reasons = dict(zip(found.paths, found.reasons, strict=True)) if found is not None else {}
    root = Path(report.root)
    tau = report.threshold.value
    where: dict[str, Any] = {}
    kinds: dict[int, str] = {}
    for b in report.batches:
        for img in b.images:
            where[img.path] = b
        why = explain_batch(b, tau, {p for p, d in decisions.items() if d == "reject"})
        if why is not None:
            kinds[b.index] = why.kind
    rows: dict[str, dict[str, str]] = {}

    def add(path: str, status: str) -> None:
        b = where.get(path)
        found_here = reasons.get(path, ())
        severity = found.severity_of(path) if found is not None else None
        rows[path] = {
            "path": path,
            "absolute_path": str(root.joinpath(*PurePosixPath(path).parts)),
            "status": status,
            "used_in_training": "no" if status.startswith("left_out") else "yes",
            "main_reason": found_here[0] if found_here else "",
            "findings": ";".join(found_here),
            "unusualness": "" if severity is None else f"{severity:.3g}",
            "batch": "" if b is None else str(b.index + 1),
            "batch_frd": "" if b is None else f"{b.frd:.6g}",
            "threshold": "" if tau is None else f"{tau:.6g}",
            "batch_explanation": "" if b is None else kinds.get(b.index, ""),
        }

    for path, codes in reasons.items():
        if codes:
            add(path, _status(path, True, decisions, automatic) or "flagged_used")
    for path in decisions:
        status = _status(path, False, decisions, automatic)
        if path not in rows and status is not None and status != "kept_by_you":
            add(path, status)
    for b in report.batches:
        if b.index in kinds:
            for img in b.images:
                if img.path not in rows:
                    add(img.path, _status(img.path, False, decisions, automatic) or "in_batch_above_threshold")
    order = {s: i for i, s in enumerate(STATUSES)}
    return sorted(
        rows.values(),
        key=lambda r: (order[r["status"]], r["main_reason"] == "", -float(r["unusualness"] or 0.0), r["path"]),
    )


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    r"""Write ``rows`` as UTF-8 CSV with a BOM (so spreadsheet programs read Japanese names), atomically; returns
    ``path``. A file name that is not valid UTF-8 has ``\xNN`` for each undecodable byte (``file_names.csv_field``).
    Raises OSError when it cannot be written (an earlier file stays as it was).
    """
    path = Path(path)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows({k: csv_field(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    write_text_atomic(path, "\ufeff" + text.getvalue())
    return path
