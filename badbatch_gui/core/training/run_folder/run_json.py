"""What a run's ``run.json`` may hold, checked field by field on every read (docs/design/reliability.md §1).

A run folder outlives the process that wrote it: a crash, a full disk, a hand edit or a copy from elsewhere can
leave a ``run.json`` with a wrong type, a huge number or deep nesting in any field. :func:`clean_run_record` reads it
leniently (``json_checks.JsonObject``): every known field comes back with its type and range, a damaged value is
dropped with a log line (the run still lists, with that figure unknown), unknown fields are kept when shallow. The
run history, the Train page, the model card and the run record's own updates all read run.json through it.
"""

from __future__ import annotations

from typing import Any

from badbatch_gui.core.json_checks import JsonObject

STATUSES = ("running", "completed", "canceled", "errored", "interrupted")
BIG = 2**62
# summary field -> (kind, low, high)
_SUMMARY: dict[str, tuple[str, float, float]] = {
    "train_time_s": ("number", 0, 1e12),
    "peak_memory_bytes": ("integer", 0, BIG),
    "images_used": ("integer", 0, BIG),
    "samples_seen": ("integer", 0, BIG),
    "rejected_batches": ("integer", 0, BIG),
    "final_loss": ("number", -1e30, 1e30),
    "steps": ("integer", 0, BIG),
    "epochs_done": ("integer", 0, BIG),
    "batch_size": ("integer", 0, BIG),
    "scaler_skipped_steps": ("integer", 0, BIG),
    "operator_overrides": ("integer", 0, BIG),
    # the loss reading (loss_reading.py): the start line, the last pass, over all photos, the collapse level
    "start_loss": ("number", -1e30, 1e30),
    "last_pass_loss": ("number", -1e30, 1e30),
    "global_loss": ("number", -1e30, 1e30),
    "collapsed_loss": ("number", -1e30, 1e30),
}
_SUMMARY_TEXT = ("memory_kind", "status", "device", "precision", "run_dir", "headline", "loss_outcome")
_TEXT = {
    "started": 64,
    "finished": 64,
    "folder": 4096,
    "reason_message": 8192,
    "file_list_hash": 128,
    "app_version": 64,
    "device": 256,
    "precision": 16,
    "host": 256,
}
_INTEGER = {"schema": (0, 2**31), "n_images": (0, BIG), "world_size": (1, 2**20), "pid": (0, 2**32)}
MAX_CHANGES = 10_000


def _summary(d: JsonObject) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, (kind, lo, hi) in _SUMMARY.items():
        value = d.integer(key, None, int(lo), int(hi)) if kind == "integer" else d.number(key, None, lo, hi)
        if value is not None:
            out[key] = value
    for key in _SUMMARY_TEXT:
        if (text := d.text(key, None, 8192)) is not None:
            out[key] = text
    changes = d.value("batch_size_changes", [], max_depth=2)
    if isinstance(changes, list) and len(changes) <= MAX_CHANGES:
        out["batch_size_changes"] = [_scalars(c) for c in changes if isinstance(c, dict)]
    return out


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    """The plain values (numbers, texts, true/false) of a shallow object, e.g. one batch-size change."""
    d = JsonObject(data, "batch_size_changes")
    out: dict[str, Any] = {}
    for key in d.keys():
        v = d.data[key]
        if isinstance(v, bool) or v is None or isinstance(v, str) and len(v) <= 4096:
            out[key] = v
        elif isinstance(v, (int, float)) and (value := d.number(key, None, -1e30, 1e30)) is not None:
            out[key] = int(v) if isinstance(v, int) else value
    return out


def _nonfinite(bad: JsonObject) -> dict[str, Any]:
    """The batch that stopped a run with a non-finite loss: step, epoch, batch, its photos' paths and indices."""
    out: dict[str, Any] = {k: n for k in ("step", "epoch", "batch") if (n := bad.integer(k, None, 0, BIG)) is not None}
    indices = bad.value("indices", [], max_depth=1)
    out["indices"] = [i for i in indices if type(i) is int] if isinstance(indices, list) else []
    out["paths"] = bad.texts("paths", [], max_items=MAX_CHANGES)
    out["loss"] = bad.text("loss", "", 64)
    if (frd := bad.value("frd", None, max_depth=1)) is not None:
        out["frd"] = frd
    return out


def clean_run_record(data: Any, source: str = "run.json") -> dict[str, Any]:
    """run.json with every known field of its type and in range (see the module docstring).

    Returns:
        A dict with ``status`` (one of :data:`STATUSES`, "interrupted" when unknown), ``config`` (a shallow dict,
        not yet validated: ``TrainConfig.from_record`` does that where it is used), ``summary`` (only the known
        figures, typed), ``left_out`` (``count``, ``by_hand``, ``by_reason``, and ``automatic`` when recorded; empty when not recorded), the
        known texts and numbers when present, and unknown fields nested at most 8 levels.
    """
    d = JsonObject(data, source)
    out: dict[str, Any] = {}
    known = {"status", "config", "summary", "left_out", "resumed", "nonfinite_batch", *_TEXT, *_INTEGER}
    for key in d.keys():
        if key not in known and (value := d.value(key, None)) is not None:
            out[key] = value
    for key, max_len in _TEXT.items():
        if (text := d.text(key, None, max_len)) is not None:
            out[key] = text
    for key, (lo, hi) in _INTEGER.items():
        if (number := d.integer(key, None, lo, hi)) is not None:
            out[key] = number
    out["status"] = d.text("status", "interrupted", choices=STATUSES)
    config = d.value("config", {}, max_depth=3)
    out["config"] = config if isinstance(config, dict) else {}
    out["summary"] = _summary(d.child("summary"))
    left = d.child("left_out")
    out["left_out"] = (
        {
            "count": left.integer("count", 0, 0, BIG),
            "by_hand": left.integer("by_hand", 0, 0, BIG),
            "by_reason": left.counts("by_reason", BIG),
        }
        if "left_out" in d
        else {}
    )
    if "automatic" in left:  # recorded since the flagged photos the app leaves out are told apart (issue 19)
        out["left_out"]["automatic"] = left.integer("automatic", 0, 0, BIG)
    if "resumed" in d:
        out["resumed"] = d.texts("resumed", [], max_items=100_000, max_len=64)
    if "nonfinite_batch" in d:
        out["nonfinite_batch"] = _nonfinite(d.child("nonfinite_batch"))
    return out
