"""The export's ``model_card.json`` and ``README.txt``: what was trained, on what, how, and how to use it.

The card says first whether the run was a *trial* (``trial``, ``trial_note``: a Quick check run proves that the
chain works; its model is not for use), then the three figures managers ask for (training time, peak memory,
amount of data), then the architecture, exact preprocessing, training settings, dataset fingerprint (image count and sha256 of
the sorted relative file list), FRD curation summary, batch-size changes, final metrics and versions.
Everything is read from the run folder (docs/design/architecture.md "Run folder layout"); missing pieces become null.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from badbatch_gui.core.config import TRIAL_NOTE, TrainConfig, is_trial, method_name
from badbatch_gui.core.errors import ConfigError, ExportError
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.json_checks import JsonObject
from badbatch_gui.core.logs import environment_report
from badbatch_gui.core.paths import file_list_hash
from badbatch_gui.core.scoring.leave_out import LeftOutSummary
from badbatch_gui.core.training.run_folder.runs import (
    IMAGES_JSON,
    METRICS_JSONL,
    REJECTED_JSONL,
    RUN_JSON,
    read_json,
    read_jsonl,
    read_run_record,
    run_info,
)

log = logging.getLogger(__name__)

CARD_FILE = "model_card.json"
README_FILE = "README.txt"
CARD_FORMAT = "badbatch-model-card"
CARD_VERSION = 1
_VERSION_KEYS = ("badbatch_gui", "python", "platform", "torch", "torchvision", "numpy", "safetensors", "PIL")


@dataclass(frozen=True)
class RunRecord:
    """What the card needs from a run folder. ``paths`` is the dataset (images.json), index order."""

    run_dir: Path
    status: str
    run: dict[str, Any]
    config: dict[str, Any]
    summary: dict[str, Any]
    paths: tuple[str, ...]
    root: str | None
    metrics: list[dict[str, Any]]
    rejected_logged: int


def read_run(run_dir: Path) -> RunRecord:
    """Read run.json, images.json, metrics.jsonl and rejected_batches.jsonl of ``run_dir``, every value checked
    (``run_json.clean_run_record``; a damaged figure becomes unknown, damaged settings are left out, logged).

    Raises:
        ExportError: ``run_dir`` is not a readable run folder.
    """
    run_dir = Path(run_dir)
    info = run_info(run_dir)
    run = read_run_record(run_dir)
    if info is None or run is None:
        raise ExportError(
            f"{display_name(run_dir)} is not a training run folder (its {RUN_JSON} is missing or unreadable).",
            code="export_not_a_run",
            run_dir=display_name(run_dir),
        )
    images = JsonObject(read_json(run_dir / IMAGES_JSON) or {}, f"{display_name(run_dir.name)}/{IMAGES_JSON}")
    paths = tuple(images.texts("paths", []))
    config = run["config"]
    try:
        TrainConfig.from_record(config)
    except ConfigError as exc:
        log.warning(
            "the settings recorded in %s/%s are damaged (%s); the model card leaves them out",
            display_name(run_dir.name),
            RUN_JSON,
            exc,
        )
        config = {}
    return RunRecord(
        run_dir,
        info.status,
        run,
        config,
        run["summary"],
        paths,
        images.text("root", None) or run.get("folder"),
        read_jsonl(run_dir / METRICS_JSONL),
        len(read_jsonl(run_dir / REJECTED_JSONL)),
    )


def human_duration(seconds: float | None) -> str | None:
    """``3725`` -> ``"1 h 02 min"``; under a minute -> ``"42 s"``."""
    if seconds is None:
        return None
    s = int(round(float(seconds)))
    if s < 60:
        return f"{s} s"
    h, m = divmod(s // 60, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min {s % 60:02d} s"


def human_bytes(n: float | None) -> str | None:
    """``1536`` -> ``"1.5 KiB"``."""
    if n is None:
        return None
    value = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return None  # pragma: no cover


def left_out(rec: RunRecord) -> LeftOutSummary:
    """Photos the run left out and why (run.json "left_out"); a run recorded before it existed counts its exclusions
    as made by hand.
    """
    return LeftOutSummary.from_json(rec.run.get("left_out"), excluded=len(rec.config.get("exclude") or ()))


def key_figures(rec: RunRecord) -> dict[str, Any]:
    """Training time, peak memory and amount of data, as numbers and as readable text."""
    s, cfg = rec.summary, rec.config
    kind = s.get("memory_kind")
    where = {"cuda": "GPU memory", "cpu_rss": "process RAM (CPU run)"}.get(str(kind), "memory")
    images = s.get("images_used", rec.run.get("n_images", len(rec.paths) or None))
    epochs = s.get("epochs_done", cfg.get("epochs"))
    seen = s.get("samples_seen")
    data = f"{images} images x {epochs} epochs" if images is not None and epochs is not None else None
    if data and seen is not None:
        data += f" ({seen} samples seen)"
    left = left_out(rec)
    if data and left.count:
        data += f"; {left.sentence(who=False)}"
    return {
        "training_time": human_duration(s.get("train_time_s")),
        "training_time_s": s.get("train_time_s"),
        "peak_memory": f"{human_bytes(s.get('peak_memory_bytes'))} {where}" if s.get("peak_memory_bytes") else None,
        "peak_memory_bytes": s.get("peak_memory_bytes"),
        "memory_kind": kind,
        "data_used": data,
        "images_used": images,
        "images_left_out": left.count,
        "epochs": epochs,
        "samples_seen": seen,
    }


def curation_summary(rec: RunRecord) -> dict[str, Any]:
    """FRD curation: settings, rejected batches, the operator's hand rejections, batch-size changes."""
    cfg, s = rec.config, rec.summary
    excluded = len(cfg.get("exclude") or ())
    return {
        "enabled": cfg.get("curate"),
        "rejected_batches": s.get("rejected_batches", rec.rejected_logged),
        "rejected_batches_logged": rec.rejected_logged,
        "operator_overrides": s.get("operator_overrides", excluded),
        "images_excluded_by_operator": excluded,
        # photos left out of training and why: by_reason counts the photos the Batch check flagged as bad shots
        # (under their main finding code), by_hand the ones the operator rejected otherwise
        "images_left_out": left_out(rec).to_json(),
        "settings": {k: cfg.get(k) for k in ("frd_k", "frd_window", "frd_warmup_batches", "frd_redraws")},
        "batch_size_changes": list(s.get("batch_size_changes") or []),
    }


def final_metrics(rec: RunRecord) -> dict[str, Any]:
    """The last logged step and epoch plus the summary's final loss."""
    steps = [m for m in rec.metrics if m.get("event", "step") == "step"]
    epochs = [m for m in rec.metrics if m.get("event") == "epoch"]
    last = steps[-1] if steps else {}
    monitored = "surrogate" in last  # runs before the monitor logged the method's surrogate as "loss"
    s = rec.summary
    return {
        "final_loss": s.get("final_loss", last.get("loss")) if monitored else None,
        "loss_definition": "in-batch global contrastive loss (the same for every method); a collapsed network "
        "(every photo alike) scores chance_loss = log(2B-2); start_loss is the untrained "
        "network's (mean of the first steps); global_loss is the last pass's loss over all "
        "photos on the same scale"
        if monitored
        else "not recorded (the run predates the method-independent loss monitor)",
        "chance_loss": last.get("chance_loss"),
        "start_loss": s.get("start_loss"),
        "last_pass_loss": s.get("last_pass_loss"),
        "global_loss": s.get("global_loss"),
        "loss_outcome": s.get("loss_outcome"),
        "last_step": {
            k: last.get(k)
            for k in (
                "step",
                "total_steps",
                "epoch",
                "loss",
                "chance_loss",
                "surrogate",
                "mean_cosine",
                "rows_without_negative",
                "lr",
                "images_per_s",
            )
        }
        if last
        else None,
        "last_epoch": epochs[-1] if epochs else None,
    }


def _method_name(cfg: dict[str, Any]) -> str | None:
    """The method's name, e.g. "EMC2 (paper)", "EMC2 with stored embeddings" or "SimCLR", for the run's settings."""
    try:
        config = TrainConfig.from_record(cfg)
    except (ConfigError, TypeError):
        return cfg.get("method")
    return method_name(config.method, config.emc2_variant)


def build_card(
    rec: RunRecord,
    *,
    name: str,
    created: str,
    architecture: dict[str, Any],
    preprocessing: dict[str, Any],
    checkpoint_info: dict[str, Any],
    include_head: bool,
    extra: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The model card without the self-test, ONNX and file sections (the export adds those)."""
    env = environment_report(include_torch=True)
    cfg = rec.config
    trial = is_trial(cfg) or bool(rec.run.get("trial"))
    return {
        "format": CARD_FORMAT,
        "format_version": CARD_VERSION,
        "name": name,
        "created": created,
        "trial": trial,
        "trial_note": TRIAL_NOTE if trial else None,
        "preset": cfg.get("preset") or None,
        "key_figures": key_figures(rec),
        "architecture": {**architecture, "include_head": include_head},
        "input_size": preprocessing.get("input_size"),
        "preprocessing": preprocessing,
        "embedding": {
            "dim": architecture.get("feature_dim"),
            "output": "backbone features before the projection head (global average pool), not L2-normalised",
            "dtype": "float32",
        },
        "training": {
            "method": cfg.get("method"),
            "method_name": _method_name(cfg),
            "settings": cfg,
            "status": rec.status,
            "reason_message": rec.run.get("reason_message"),
            "started": rec.run.get("started"),
            "finished": rec.run.get("finished"),
            "checkpoint": checkpoint_info,
            "device": rec.run.get("device", rec.summary.get("device")),
            "precision": rec.run.get("precision", rec.summary.get("precision")),
            "trained_with_version": rec.run.get("app_version"),
        },
        "dataset": {
            "image_count": len(rec.paths) if rec.paths else rec.run.get("n_images"),
            "file_list_hash": file_list_hash(rec.paths) if rec.paths else None,
            "file_list_hash_recipe": "sha256 of the sorted relative POSIX paths joined by newlines",
            "scan_file_list_hash": rec.run.get("file_list_hash"),
            "folder": rec.root,
        },
        "curation": curation_summary(rec),
        "final_metrics": final_metrics(rec),
        "software": {k: env[k] for k in _VERSION_KEYS if k in env},
        "extra": dict(extra or {}),
    }


def readme_text(card: dict[str, Any], onnx_written: bool) -> str:
    """A short plain-text guide to loading and using the export."""
    kf, size = card["key_figures"], card["input_size"]
    trial = bool(card.get("trial"))
    lines = [
        f"BadBatch Studio encoder export: {card['name']} (created {card['created']})",
        *([f"*** {TRIAL_NOTE} ***"] if trial else []),
        "",
        f"Trained for {kf['training_time'] or 'unknown time'}; peak {kf['peak_memory'] or 'memory unknown'}; "
        f"data: {kf['data_used'] or 'unknown'}.",
        f"File check (self-test): {'PASS' if card['self_test']['passed'] else 'FAIL'}: the saved file gives the "
        f"same answers as the {'trial ' if trial else ''}network it was saved from (max abs difference "
        f"{card['self_test']['max_abs_diff']:.2e}, tolerance {card['self_test']['tolerance']:.0e}). It checks the "
        "file, not how good the network is.",
        "",
        "Files: encoder.safetensors (weights), model_card.json (architecture, preprocessing, training record)"
        + (", encoder.onnx" if onnx_written else "")
        + ".",
        "",
        "Load in Python (pip install badbatch-gui):",
        "    from badbatch_gui import load_encoder",
        "    encoder, preprocess = load_encoder('<this folder>')",
        "    x = preprocess('photo.jpg').unsqueeze(0)      # (1, 3, S, S) float in [0, 1]",
        f"    embedding = encoder(x)                         # (1, {card['embedding']['dim']})",
        "",
        "Embed a whole folder:  badbatch embed <this folder> <image folder> --out embeddings.npy",
        "",
        f"Preprocessing: {card['preprocessing']['resize']}; {card['preprocessing']['crop']}; RGB scaled to [0, 1].",
        "ImageNet mean/std normalisation is inside the model: do not normalise again.",
        "Only load weights with safetensors or torch.load(weights_only=True); never unpickle untrusted files.",
    ]
    if onnx_written:
        lines += [
            "",
            f"ONNX: input 'images' float32 (N, 3, {size}, {size}) in [0, 1]; output 'embeddings' (N, "
            f"{card['embedding']['dim']}). Example: onnxruntime.InferenceSession('encoder.onnx')"
            ".run(None, {'images': x})",
        ]
    return "\n".join(lines) + "\n"
