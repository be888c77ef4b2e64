"""A run's stored evaluation: ``evaluation.json`` in the run folder, written by ``badbatch eval RUN LABELLED_DIR``.

Evaluating a run on a labelled folder (``training.evaluation``) measures the trained encoder and, beside it, its
untrained twin (the same network with random weights, the baseline every "training helped" claim must beat). Both
results are kept in the run folder so the run's report can show them next to each other; a later evaluation replaces
the earlier one. Torch-free: the report reads it without loading torch.

File (``schema`` 1)::

    {"schema": 1, "evaluated": "2025-...", "labelled_folder": "/abs/labelled",
     "trained": {EvalReport fields}, "untrained": {EvalReport fields} or null}
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.json_checks import JsonObject
from badbatch_gui.core.training.run_folder.runs import read_json

log = logging.getLogger(__name__)

EVALUATION_JSON = "evaluation.json"
SCHEMA = 1
#: The figures a stored result keeps (fractions in [0, 1]; counts), as ``EvalReport`` names them.
FRACTIONS = ("knn_accuracy", "linear_accuracy", "knn1_accuracy", "chance", "majority")
COUNTS = ("n_classes", "n_train", "n_test", "k", "image_size", "skipped_files")


@dataclass(frozen=True)
class StoredEvaluation:
    """One stored evaluation: the trained encoder's figures and, when measured, its untrained twin's.

    Attributes:
        labelled_folder: the labelled folder (one sub-folder per class) it was measured on.
        evaluated: when (ISO time).
        trained / untrained: ``{name: value}`` of :data:`FRACTIONS` and :data:`COUNTS` (a damaged value left out);
            ``untrained`` is None when it was not measured.
    """

    labelled_folder: str
    evaluated: str
    trained: dict[str, float]
    untrained: dict[str, float] | None


def write_evaluation(
    run_dir: Path, labelled_folder: Path, trained: dict[str, Any], untrained: dict[str, Any] | None
) -> Path:
    """Store an evaluation in ``run_dir`` (atomically; replaces an earlier one). ``trained`` / ``untrained`` are
    ``EvalReport.to_dict()`` results. Returns the file.

    Raises:
        OSError: it cannot be written.
    """
    path = Path(run_dir) / EVALUATION_JSON
    write_json_atomic(
        path,
        {
            "schema": SCHEMA,
            "evaluated": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "labelled_folder": str(Path(labelled_folder).expanduser().resolve()),
            "trained": _figures(trained),
            "untrained": _figures(untrained) if untrained is not None else None,
        },
        indent=1,
    )
    return path


def _figures(report: dict[str, Any]) -> dict[str, Any]:
    return {k: report[k] for k in (*FRACTIONS, *COUNTS, "model", "seed") if k in report}


def _checked(data: Any, source: str) -> dict[str, float]:
    d = JsonObject(data, source)
    out: dict[str, float] = {}
    for key in FRACTIONS:
        if (v := d.number(key, None, 0.0, 1.0)) is not None:
            out[key] = float(v)
    for key in COUNTS:
        if (n := d.integer(key, None, 0, 2**40)) is not None:
            out[key] = n
    return out


def read_evaluation(run_dir: Path) -> StoredEvaluation | None:
    """The run's stored evaluation, every value checked; None when there is none (or it is unreadable, logged)."""
    data = read_json(Path(run_dir) / EVALUATION_JSON)
    if data is None:
        return None
    source = f"{display_name(Path(run_dir).name)}/{EVALUATION_JSON}"
    d = JsonObject(data, source)
    trained = _checked(d.value("trained", {}, max_depth=2), source + " trained")
    if "knn_accuracy" not in trained and "linear_accuracy" not in trained:
        log.warning("%s holds no accuracy; it is ignored", source)
        return None
    raw_untrained = d.value("untrained", None, max_depth=2)
    untrained = _checked(raw_untrained, source + " untrained") if isinstance(raw_untrained, dict) else None
    return StoredEvaluation(
        d.text("labelled_folder", "", 4096), d.text("evaluated", "", 64), trained, untrained or None
    )
