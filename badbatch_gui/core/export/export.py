"""Export a training run's encoder: safetensors weights, model card, README, optional ONNX, self-tested.

Steps (docs/design/architecture.md, docs/design/reliability.md §5, §6): load the run's checkpoint safely; write
everything into a hidden, locked staging folder beside the destination (export_target.py); reload what was written
with :func:`load_encoder` and compare its embeddings with the live model on a few of the run's images (fp32 tolerance
1e-4; a failure fails the export); then move the folder into place. An existing destination is replaced only with
``force`` and only when it is empty or an earlier BadBatch export holding nothing but export files; the image folder is
never touched, and the run folder only records where its export went (``exports.json``, export_record.py). A failure
while writing (a full disk, no permission) is one sentence naming the place, why and what to do, and leaves nothing
behind.
"""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import write_json_atomic, write_text_atomic
from badbatch_gui.core.config import ExportConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import CheckpointError, ExportError
from badbatch_gui.core.export.export_record import record_export
from badbatch_gui.core.export.export_target import Staging, check_target, remove_dead_staging
from badbatch_gui.core.export.model_card import CARD_FILE, README_FILE, RunRecord, build_card, read_run, readme_text
from badbatch_gui.core.export.onnx_export import INSTALL_HINT, ONNX_FILE, check_onnx, export_onnx, onnx_available
from badbatch_gui.core.export.readme_ja import SEPARATOR, readme_text_ja
from badbatch_gui.core.export.self_test import SelfTestResult, run_self_test
from badbatch_gui.core.nets.encoder_io import WEIGHTS_FILE, load_encoder, save_encoder
from badbatch_gui.core.nets.models import ContrastiveModel
from badbatch_gui.core.training.run_folder.runs import CHECKPOINT
from badbatch_gui.core.weights_io import sha256_file
from badbatch_gui.core.write_errors import DISK_FULL, OTHER, write_failure

log = logging.getLogger(__name__)

SELF_TEST_TOLERANCE = 1e-4
_STEPS = 6


class ExportFailedError(ExportError):
    """The export started but could not be completed (write error, ONNX exporter failure, failed checks)."""


class SelfTestError(ExportFailedError):
    """The reloaded export (or its ONNX file) does not reproduce the live model's embeddings."""


@dataclass(frozen=True)
class ExportResult:
    """A finished export.

    Attributes:
        out_dir: the export folder.
        files: names of the files written in it.
        self_test: reload-and-compare result (max_abs_diff, passed, tolerance, n_images).
        onnx_status: "not_requested" or "passed" (a failing ONNX check fails the export).
        onnx_message: plain sentence about the ONNX file.
        model_card: the card as written.
    """

    out_dir: Path
    files: tuple[str, ...]
    self_test: SelfTestResult
    onnx_status: str = "not_requested"
    onnx_message: str = ""
    model_card: dict[str, Any] = field(default_factory=dict)


def _load_live_model(run_dir: Path, run_config: dict[str, Any]) -> tuple[ContrastiveModel, dict[str, Any], int]:
    """The trained model from the run's checkpoint (weights_only, the previous good file when it is damaged), its
    checkpoint facts and input size (``training.run_folder.checkpoint.load_run_model``).
    """
    from badbatch_gui.core.training.run_folder.checkpoint import load_run_model

    try:
        return load_run_model(run_dir / CHECKPOINT, run_config)
    except CheckpointError as exc:
        if exc.code != "checkpoint_without_model":
            raise
        raise ExportError(
            "The run's checkpoint holds no model weights or no description of them, so it cannot be exported.",
            code="export_no_weights",
        ) from None


def _check(control: RunControl | None) -> None:
    if control is not None:
        control.check()


def _failed(exc: Exception, target: Path) -> ExportFailedError:
    """One plain sentence for an export that failed while being written: where, why and what to do."""
    if isinstance(exc, ExportFailedError):
        return exc
    if isinstance(exc, ExportError):
        return ExportFailedError(str(exc), code=exc.code, **exc.values)
    failure = write_failure(exc)
    if failure.kind == OTHER and not isinstance(exc, OSError):
        log.exception("export to %s failed", target)
        return ExportFailedError(
            f"The export to {target} failed unexpectedly ({type(exc).__name__}); nothing was "
            "left behind. The details are in the log.",
            code="export_failed",
            target=str(target),
        )
    log.warning("export to %s failed: %r", target, exc)
    code = "export_disk_full" if failure.kind == DISK_FULL else "export_write_failed"
    return ExportFailedError(
        f"The export could not be written to {target} ({failure.reason}); nothing was left behind. {failure.advice}",
        code=code,
        target=str(target),
        reason=failure.reason,
        kind=failure.kind,
    )


def _write(
    tmp: Path,
    model: ContrastiveModel,
    ckpt_info: dict[str, Any],
    size: int,
    rec: RunRecord,
    target: Path,
    config: ExportConfig,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    progress: Callable[[int, str], None],
) -> tuple[SelfTestResult, str, str, dict[str, Any]]:
    """Write and check the export in the empty folder ``tmp``: returns the self-test, the ONNX status and message,
    and the model card.
    """
    progress(1, "writing encoder.safetensors")
    arch = save_encoder(model, tmp / WEIGHTS_FILE, size, config.include_head, {"source_run": rec.run_dir.name})
    _check(control)
    progress(2, "self-test: reloading the export and comparing embeddings")
    encoder, preprocess = load_encoder(tmp)
    st, x, reloaded = run_self_test(
        model, encoder, preprocess, rec, config.self_test_images, SELF_TEST_TOLERANCE, config.include_head
    )
    if st.source == "synthetic":
        ev.emit(
            on_event,
            ev.Notice(
                "self_test_synthetic",
                "The run's images could not be read, so the self-test used generated images.",
                "warning",
            ),
        )
    if not st.passed:
        raise SelfTestError(
            f"The export failed its self-test: the reloaded encoder differs from the trained "
            f"one by {st.max_abs_diff:.3g} (tolerance {st.tolerance:.0e}). Nothing was written.",
            code="export_self_test_failed",
            difference=st.max_abs_diff,
            tolerance=st.tolerance,
        )
    _check(control)
    onnx_status, onnx_msg = "not_requested", ""
    onnx_card: dict[str, Any] = {"status": "not_requested"}
    if config.onnx:
        progress(3, "writing encoder.onnx")
        export_onnx(encoder.backbone, tmp / ONNX_FILE, size)
        chk = check_onnx(tmp / ONNX_FILE, x, reloaded)
        onnx_card = {
            "status": "passed" if chk.passed else "failed",
            "max_abs_diff": chk.max_abs_diff,
            "tolerance": chk.tolerance,
            "runtime": chk.runtime,
            "n_images": chk.n_images,
            "input": "images",
            "output": "embeddings",
            "dynamic_batch": True,
        }
        if not chk.passed:
            raise SelfTestError(
                f"The ONNX file failed its check: it differs from the encoder by "
                f"{chk.max_abs_diff:.3g} (tolerance {chk.tolerance:.2g}). Nothing was written.",
                code="onnx_self_test_failed",
                difference=chk.max_abs_diff,
                tolerance=chk.tolerance,
            )
        onnx_status = "passed"
        onnx_msg = f"encoder.onnx matches the encoder (max difference {chk.max_abs_diff:.2e}, {chk.runtime})."
        _check(control)
    progress(4, "writing the model card")
    created = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    card = build_card(
        rec,
        name=target.name,
        created=created,
        architecture=arch,
        preprocessing=preprocess.to_dict(),
        checkpoint_info=ckpt_info,
        include_head=config.include_head,
        extra=config.extra,
    )
    card["self_test"] = st.to_dict()
    card["onnx"] = onnx_card
    card["files"] = {
        p.name: {"bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in sorted(tmp.iterdir()) if p.is_file()
    }
    write_json_atomic(tmp / CARD_FILE, card)
    # both languages: the folder is read on other computers, often without the app (core/export/readme_ja.py)
    write_text_atomic(tmp / README_FILE, readme_text(card, config.onnx) + SEPARATOR + readme_text_ja(card, config.onnx))
    _check(control)
    return st, onnx_status, onnx_msg, card


def _export(
    run_dir: Path, out_dir: Path, config: ExportConfig, control: RunControl | None, on_event: ev.EventCallback | None
) -> ExportResult:
    def progress(step: int, message: str) -> None:
        ev.emit(on_event, ev.Progress("export", step, _STEPS, message))

    run_dir = Path(run_dir).expanduser().resolve()
    rec = read_run(run_dir)
    target = check_target(Path(out_dir), config.force, protected=[run_dir, rec.root])
    if config.onnx:
        ok, why = onnx_available()
        if not ok:
            raise ExportError(why, code="onnx_missing", install=INSTALL_HINT)
    if rec.status != "completed":
        ev.emit(
            on_event,
            ev.Notice(
                "export_unfinished_run",
                f"This run did not complete (status: {rec.status}); its last checkpoint is exported.",
                "warning",
            ),
        )
    removed = remove_dead_staging(target.parent)
    if removed:
        ev.emit(
            on_event,
            ev.Notice(
                "export_leftovers_removed",
                f"Removed {len(removed)} unfinished export folder"
                f"{'s' if len(removed) != 1 else ''} left in {target.parent} by an export that "
                "was interrupted.",
                "info",
                {"count": len(removed), "folder": str(target.parent)},
            ),
        )
    with Staging(target) as staging:  # a destination that cannot be written is refused before any work
        progress(0, "loading the run's checkpoint")
        model, ckpt_info, size = _load_live_model(run_dir, rec.config)
        _check(control)
        try:
            st, onnx_status, onnx_msg, card = _write(
                staging.export_dir, model, ckpt_info, size, rec, target, config, control, on_event, progress
            )
            progress(5, "moving the export into place")
            staging.install()
        except Cancelled:
            raise
        except Exception as exc:  # every failure becomes one plain sentence
            raise _failed(exc, target) from exc
    progress(6, "done")
    record_export(run_dir, target, str(card.get("created") or ""))  # the run's report finds its export from here
    files = tuple(sorted(p.name for p in target.iterdir() if p.is_file()))
    log.info("exported %s to %s (self-test max diff %.3g)", run_dir, target, st.max_abs_diff)
    return ExportResult(target, files, st, onnx_status, onnx_msg, card)


def export_encoder(
    run_dir: Path,
    out_dir: Path,
    config: ExportConfig | None = None,
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
) -> ExportResult:
    """Export the encoder of the run in ``run_dir`` to the new folder ``out_dir``.

    Args:
        run_dir: a training run folder (run.json, images.json, checkpoint.pt).
        out_dir: the export folder to create; its name must be safe (see :mod:`safe_names`).
        config: ONNX, force, include_head, number of self-test images, extra card entries.
        control: checked between steps; a stop request removes the partial export.
        on_event: receives Progress/Notice events and exactly one RunFinished.

    Returns:
        :class:`ExportResult`.

    Raises:
        ExportError: bad destination, unreadable run or missing ONNX extra (checked before any work).
        ExportFailedError: writing failed or a check failed (:class:`SelfTestError`); nothing is left behind.
        Cancelled: a stop was requested (nothing is left behind).
    """
    config = config or ExportConfig()
    config.validate()
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    export_config = config
    return ev.finish_once(
        on_event,
        lambda: _export(Path(run_dir), Path(out_dir), export_config, control, on_event),
        "Export canceled; nothing was written.",
        lambda result: f"Exported to {result.out_dir}.",
    )


__all__ = [
    "ExportFailedError",
    "ExportResult",
    "SelfTestError",
    "SelfTestResult",
    "export_encoder",
    "SELF_TEST_TOLERANCE",
]
