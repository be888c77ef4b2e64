"""What a training run's report says, gathered from its run folder (Qt-free; ``gui/report/run_pdf.py`` draws it).

Everything comes from the records the Train page, the run list and the model card read (docs/design/architecture.md
§5): ``run.json`` (through ``runs.run_info`` and ``runs.read_run_record``, every value checked), ``metrics.jsonl``
(the loss curve, ``loss_curve.py``, and the health notices the run raised), the folder's stored keep / leave-out
decisions (why each left-out photo was left out), the run's export (``export.export_record``) and its stored
evaluation (``training.evaluation_record``). Nothing is worked out differently from the pages: the figures are the
recorded ones, and sentences are left to the renderer (this module hands over codes and numbers).
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from badbatch_gui import __version__
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.errors import ConfigError, RecordError
from badbatch_gui.core.export.export_record import ExportFacts, find_export
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.paths import AppPaths
from badbatch_gui.core.report.loss_curve import LossCurve, loss_curve
from badbatch_gui.core.report.photo_strip import photo_thumbnail
from badbatch_gui.core.scoring.findings import REASONS
from badbatch_gui.core.scoring.leave_out import leave_out, load_review
from badbatch_gui.core.training.evaluation_record import StoredEvaluation, read_evaluation
from badbatch_gui.core.training.run_folder.runs import (
    RecordedNotice,
    read_metrics,
    read_notices,
    read_run_record,
    run_info,
)

log = logging.getLogger(__name__)

STRIP_PHOTOS = 8  # example thumbnails of the photos left out
BY_HAND = "by_hand"  # the group of photos left out without a Batch check reason


@dataclass(frozen=True)
class LeftOutPhoto:
    """One example of a photo the run left out.

    Attributes:
        path: relative path in the photo folder.
        reasons: the Batch check's finding codes (``findings.REASONS``), worst first; empty when left out by hand.
        automatic: the app left it out (it looks wrong), not the operator.
        thumbnail: the photo, uint8 RGB of shape (h, w, 3); None when it can no longer be read.
    """

    path: str
    reasons: tuple[str, ...]
    automatic: bool
    thumbnail: np.ndarray | None


@dataclass(frozen=True)
class RunSettings:
    """The settings a run trained with (as recorded; None where a value is unknown).

    ``config`` is the recorded settings dict (for the preset's name); ``batch_size_end`` the batch size at the end
    (lower than ``batch_size`` after an out-of-memory halving); ``epochs_done`` the passes completed.
    """

    method: str
    emc2_variant: str
    batch_size: int | None
    batch_size_end: int | None
    epochs: int | None
    epochs_done: int | None
    image_size: int | None
    seed: int | None
    curate: bool | None
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RunReport:
    """Everything a run's report shows (see the module docstring).

    Attributes:
        run_dir: the run folder; folder: the photo folder it trained on ("" when unknown).
        status: "completed", "canceled", "errored", "interrupted" or "running"; resumable: it can be resumed.
        reason_message: the English sentence the run ended with (technical; the renderer shows codes it knows).
        trial: a Quick check run (proves the chain works; its network is not for use).
        started / finished: ISO times (None when unknown); resumed: the times it was resumed.
        app_version / device / precision / host: what it was trained with, where.
        n_images: run.json's ``n_images``, the photos the run trained on (None when unknown).
        summary: run.json's summary (``train_time_s``, ``peak_memory_bytes``, ``memory_kind``, ``images_used``,
            ``samples_seen``, ``rejected_batches``, ``start_loss``, ``last_pass_loss``, ``collapsed_loss``,
            ``batch_size_changes``...), as the Train page reads it.
        left_out: run.json's ``left_out`` (``count``, ``by_hand``, ``by_reason``, ``automatic``).
        left_out_photos: up to :data:`STRIP_PHOTOS` examples, spread over the reasons.
        settings: the training settings.
        loss: the loss curve.
        notices: the health notices the run raised (code, English message, data, step).
        nonfinite_batch: the batch that stopped the run with a non-finite loss (run.json), or None.
        export: the run's newest export, or None; evaluation: its stored evaluation, or None.
        created: when the report was made; made_with: this app's version.
    """

    run_dir: Path
    folder: str
    status: str
    resumable: bool
    reason_message: str
    trial: bool
    started: str | None
    finished: str | None
    resumed: tuple[str, ...]
    app_version: str
    device: str
    precision: str
    host: str
    n_images: int | None
    summary: dict[str, Any]
    left_out: dict[str, Any]
    left_out_photos: tuple[LeftOutPhoto, ...]
    settings: RunSettings
    loss: LossCurve
    notices: tuple[RecordedNotice, ...]
    nonfinite_batch: dict[str, Any] | None
    export: ExportFacts | None
    evaluation: StoredEvaluation | None
    created: str
    made_with: str = __version__

    @property
    def name(self) -> str:
        """The run's name (its folder's)."""
        return self.run_dir.name


def _settings(config: dict[str, Any], summary: dict[str, Any]) -> RunSettings:
    try:
        cfg = TrainConfig.from_record(config)
    except (ConfigError, TypeError, ValueError) as exc:
        log.warning("the run's recorded settings are damaged (%s); the report leaves them out", exc)
        return RunSettings(
            str(config.get("method", "")),
            "",
            None,
            summary.get("batch_size"),
            None,
            summary.get("epochs_done"),
            None,
            None,
            None,
            {},
        )
    return RunSettings(
        cfg.method,
        cfg.emc2_variant if cfg.method == "emc2" else "",
        cfg.batch_size,
        summary.get("batch_size"),
        cfg.epochs,
        summary.get("epochs_done"),
        cfg.image_size,
        cfg.seed,
        cfg.curate,
        dict(config),
    )


def _examples(folder: str, exclude: list[str], limit: int, paths: AppPaths) -> tuple[LeftOutPhoto, ...]:
    """Up to ``limit`` left-out photos, taking one of each reason in turn (the Batch check's order, "by hand" last),
    with their pictures. Reasons come from the folder's stored findings and decisions (``scoring.leave_out``).
    """
    if not folder or not exclude or limit <= 0:
        return ()
    root = Path(folder)
    rule = None
    if root.is_dir():
        decisions, findings = load_review(paths, root)
        rule = leave_out(findings.flagged(), decisions, leave_out_flagged=True)
    groups: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for rel in sorted(exclude):
        reasons = tuple(rule.reasons.get(rel, ())) if rule is not None else ()
        automatic = rule is not None and rel in rule.automatic
        groups.setdefault(reasons[0] if reasons else BY_HAND, []).append((rel, reasons, automatic))
    order = [g for g in (*REASONS, BY_HAND) if g in groups] + sorted(set(groups) - {*REASONS, BY_HAND})
    picked: list[tuple[str, tuple[str, ...], bool]] = []
    while len(picked) < limit and any(groups[g] for g in order):
        for g in order:
            if groups[g] and len(picked) < limit:
                picked.append(groups[g].pop(0))
    return tuple(
        LeftOutPhoto(rel, reasons, automatic, photo_thumbnail(root, rel)) for rel, reasons, automatic in picked
    )


def gather_run_report(run_dir: Path, paths: AppPaths, strip_photos: int = STRIP_PHOTOS) -> RunReport:
    """Read everything the report of the run in ``run_dir`` shows (``paths``: the app's folders, where the photo
    folder's findings and decisions and the exports are).

    Raises:
        RecordError: ``run_dir`` is not a readable training run folder (code ``report_not_a_run``).
    """
    run_dir = Path(run_dir).expanduser()
    run = read_run_record(run_dir) if run_dir.is_dir() else None
    info = run_info(run_dir, run) if run is not None else None
    if info is None or run is None:
        raise RecordError(
            f"{display_name(run_dir)} is not a training run folder (its run.json is missing or cannot be read).",
            code="report_not_a_run",
            run_dir=display_name(run_dir),
        )
    config = dict(run.get("config") or {})
    summary = dict(run.get("summary") or {})
    exclude = [p for p in config.get("exclude") or () if isinstance(p, str)]
    left = dict(run.get("left_out") or {"count": len(exclude), "by_hand": len(exclude), "by_reason": {}})
    folder = str(run.get("folder") or info.folder or "")
    return RunReport(
        run_dir=run_dir,
        folder=folder,
        status=info.status,
        resumable=info.resumable,
        reason_message=info.reason_message,
        trial=info.trial or bool(run.get("trial")),
        started=run.get("started"),
        finished=run.get("finished"),
        resumed=tuple(run.get("resumed") or ()),
        app_version=str(run.get("app_version") or ""),
        device=str(run.get("device") or summary.get("device") or ""),
        precision=str(run.get("precision") or summary.get("precision") or ""),
        host=str(run.get("host") or ""),
        n_images=run.get("n_images") if isinstance(run.get("n_images"), int) else None,
        summary=summary,
        left_out=left,
        left_out_photos=_examples(folder, exclude, strip_photos, paths),
        settings=_settings(config, summary),
        loss=loss_curve(read_metrics(run_dir)),
        notices=tuple(read_notices(run_dir)),
        nonfinite_batch=run.get("nonfinite_batch"),
        export=find_export(run_dir, run, paths.exports_dir),
        evaluation=read_evaluation(run_dir),
        created=_dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )
