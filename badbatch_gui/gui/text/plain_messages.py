"""Plain-language, translatable sentences for what can go wrong while training or exporting.

Operators do not read stack traces. Every problem becomes one sentence that says what happened, what the
app did about it, and what to do next — and that no work was lost when that is the case. The core's
messages are English; here they are rebuilt from stable codes and data so they can be translated.

:func:`notice_text` maps core ``Notice`` events; :func:`failure_text` maps an exception raised by a core
entry point (called in the worker thread: ``QCoreApplication.translate`` is safe there).
"""

from __future__ import annotations

import errno
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core.file_names import display_name
from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.plural_text import PluralText

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

MAX_PHOTOS_SHOWN = 3

OOM_CODES = ("oom_batch_halved", "oom", "out_of_memory", "batch_size_reduced")
NAN_CODES = ("non_finite_loss", "nan_loss", "nan")
DISK_CODES = ("disk_full", "no_space")
FOLDER_CODES = ("folder_missing", "folder_gone")


def oom_text(old: int | None, new: int | None, device: str = "cuda") -> str:
    """Out of memory, batch size reduced, training continued."""
    if device == "cuda":
        if old and new:
            return translate(
                "PlainMessages",
                "The graphics card ran out of memory, so the batch size was halved from {0} to {1} and "
                "training continued.",
            ).format(old, new)
        return translate(
            "PlainMessages",
            "The graphics card ran out of memory, so the batch size was reduced and training continued.",
        )
    if old and new:
        return translate(
            "PlainMessages",
            "The computer ran out of memory, so the batch size was halved from {0} to {1} and training continued.",
        ).format(old, new)
    return translate(
        "PlainMessages", "The computer ran out of memory, so the batch size was reduced and training continued."
    )


def oom_final_text() -> str:
    """Out of memory even at the smallest batch: training stopped, checkpoint kept."""
    return translate(
        "PlainMessages",
        "Training ran out of memory even with the smallest batch size and stopped. The last checkpoint "
        "is kept. Choose a smaller image size, close other programs, then press Resume.",
    )


def _photos(paths: Sequence[str] | None) -> str:
    if not paths:
        return "—"
    names = [display_name(Path(p).name) for p in paths[:MAX_PHOTOS_SHOWN]]
    more = len(paths) - len(names)
    text = ", ".join(names)
    if more > 0:
        text = sentences.join(text, translate("PlainMessages", "and {0} more").format(more))
    return text


def nan_text(batch: Any = None, photos: Sequence[str] | None = None) -> str:
    """Non-finite loss: training stopped, the last good checkpoint is kept."""
    where = str(batch) if batch is not None else "—"
    return translate(
        "PlainMessages",
        "Training became unstable at batch {0} (photos: {1}). The last good checkpoint is kept; try a "
        "lower learning rate or Resume.",
    ).format(where, _photos(photos))


def nan_text_from_record(record: Mapping[str, Any] | None) -> str | None:
    """:func:`nan_text` from a run.json record whose ``nonfinite_batch`` names the batch (0-based), else None."""
    bad = (record or {}).get("nonfinite_batch")
    if not isinstance(bad, Mapping):
        return None
    batch = bad.get("batch", 0)
    paths = bad.get("paths")
    return nan_text(
        batch + 1 if type(batch) is int else None,
        [p for p in paths if isinstance(p, str)] if isinstance(paths, list) else None,
    )


def disk_full_text(where: str | Path | None = None, previous_kept: bool = True) -> str:
    """The disk is full while training; says whether a saved checkpoint is kept (``previous_kept``)."""
    if not previous_kept:
        return translate(
            "PlainMessages",
            "The disk is full, so the app could not save to {0}. No checkpoint had been "
            "saved yet. Free some space, then press Resume to start the run again with its "
            "settings.",
        ).format(where or "—")
    if where:
        return translate(
            "PlainMessages",
            "The disk is full, so the app could not save to {0}. Free some space, then press Resume; "
            "the last saved checkpoint is kept.",
        ).format(where)
    return translate(
        "PlainMessages", "The disk is full. Free some space, then press Resume; the last saved checkpoint is kept."
    )


def export_disk_full_text(where: str | Path | None) -> str:
    """The disk is full while exporting; nothing was left behind."""
    return translate(
        "PlainMessages",
        "The disk is full, so the export could not be written to {0}. Nothing was left "
        "behind: free some space there or choose another place, then export again.",
    ).format(where or "—")


def write_reason_text(kind: str) -> str:
    """Why something could not be written, by ``core.write_errors`` kind, in a few words."""
    if kind == "disk_full":
        return translate("PlainMessages", "the disk is full")
    if kind == "no_permission":
        return translate("PlainMessages", "permission denied")
    if kind == "read_only":
        return translate("PlainMessages", "the place is read-only")
    if kind == "not_a_folder":
        return translate("PlainMessages", "a part of the path is a file, not a folder")
    return translate("PlainMessages", "it cannot be written")


def storage_problem_text(folder: str | Path, kind: str) -> str:
    """The app's own folders (settings, runs, caches, log) cannot be created; the window works on without them."""
    return translate(
        "PlainMessages",
        "The app cannot save its own files in {0} ({1}). You can look at photos and "
        "check batches, but settings, keep / leave-out decisions, training runs and the log are not "
        "saved. Make that folder writable, or set BADBATCH_HOME to a folder you can write to, then "
        "restart the app.",
    ).format(folder, write_reason_text(kind))


def decisions_damage_text(kind: str, dropped: int, where: str | Path) -> str:
    """The folder's stored keep / leave-out decisions were damaged (``decisions_file.DecisionsDamage``).

    ``where``: the backup of a file set aside, else the decisions file.
    """
    if kind == "entries_dropped":
        return PluralText().decisions_dropped(dropped)
    if kind == "file_set_aside":
        return translate(
            "PlainMessages",
            "The keep / leave-out list saved for this folder was damaged, so no photo "
            "is left out by it. The damaged file is kept as {0}. Decide again on the Batch check "
            "page.",
        ).format(where)
    return translate(
        "PlainMessages",
        "The keep / leave-out list of this folder cannot be read ({0}), so no photo is left out by it this time.",
    ).format(where)


def findings_damage_text(where: str | Path) -> str:
    """The folder's stored Batch check findings could not be read (``FindingsStore.damage``); ``where``: the backup
    of a file set aside, else the findings file.
    """
    return translate(
        "PlainMessages",
        "The Batch check results saved for this folder could not be read, so the "
        "photos that look wrong are not left out until you run the Batch check again. The file is kept "
        "as {0}.",
    ).format(where)


def folder_missing_text(folder: str | Path | None = None) -> str:
    """The photo folder disappeared (USB drive or network share disconnected)."""
    return translate(
        "PlainMessages",
        "The photo folder {0} can no longer be found (was a USB drive or network share "
        "disconnected?). Reconnect it, then press Resume; nothing was lost.",
    ).format(folder or "—")


def notice_text(code: str, message: str, data: Mapping[str, Any] | None = None) -> str:
    """The operator's sentence for a core ``Notice`` (falls back to the core's own English message)."""
    data = dict(data or {})
    if code in OOM_CODES:
        old = data.get("old", data.get("old_batch_size", data.get("from")))
        new = data.get("new", data.get("new_batch_size", data.get("to")))
        return oom_text(old, new, str(data.get("device", "cuda"))[:4])
    if code in NAN_CODES:
        return nan_text(data.get("batch", data.get("step")), data.get("paths", data.get("photos")))
    if code in DISK_CODES:
        return disk_full_text(data.get("path"))
    if code in FOLDER_CODES:
        return folder_missing_text(data.get("folder"))
    if code == "collapse":
        return translate(
            "PlainMessages",
            "The encoder is collapsing: it gives nearly the same result for every photo, "
            'and its loss sits on the dashed line "all photos alike — collapsed". It has stopped '
            "learning. Stop the run and start again with a lower learning rate (for example a tenth), or "
            "with the Standard preset.",
        )
    if code == "stale_embeddings":
        share = data.get("share")
        pct = f"{100 * float(share):.0f}" if isinstance(share, (int, float)) else "—"
        return translate(
            "PlainMessages",
            "{0} % of the comparisons in recent steps used stored copies of photos' "
            "results that no longer match what the encoder gives those photos now, so training is "
            "steered by out-of-date information. For the next run, choose the method EMC2 (paper) in the "
            "Advanced settings.",
        ).format(pct)
    if code == "no_negatives":
        share = data.get("fraction")
        pct = f"{100 * float(share):.0f}" if isinstance(share, (int, float)) else "—"
        return translate(
            "PlainMessages",
            "{0} % of the photos in recent batches were compared with no other photo, "
            "so training only pulls each photo's two views together. If this goes on, use a larger "
            "batch or the SimCLR method.",
        ).format(pct)
    if code == "export_leftovers_removed":
        return PluralText().export_leftovers_removed(int(data.get("count", 1))).format(data.get("folder", "—"))
    if code == "restarted":
        return translate(
            "PlainMessages",
            "The run was stopped before its first checkpoint, so it starts again from "
            "the beginning with its saved settings.",
        )
    if code == "resumed" and "step" in data:
        return translate("PlainMessages", "Continuing from the saved point: pass {0}, step {1}.").format(
            int(data.get("epoch", 0)) + 1, data["step"]
        )
    if code == "resume_uses_saved_settings":
        return translate(
            "PlainMessages", "Continuing with the run's own saved settings (the settings on the left are for new runs)."
        )
    if code == "skipped_file" and "path" in data:
        from badbatch_gui.gui.text.problem_text import problem_text

        reason = problem_text(str(data.get("reason", "")), "")
        return sentences.join(
            translate("PlainMessages", "{0} could not be read and is left out.").format(data["path"]), reason
        )
    if code == "export_unfinished_run":
        return translate(
            "PlainMessages", "This run did not finish, so the network as it was at its last saved point is exported."
        )
    if code == "self_test_synthetic":
        return translate(
            "PlainMessages", "The run's photos could not be read, so the self-check used generated pictures."
        )
    return message


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and all(cur is not s for s in seen):
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def is_disk_full(exc: BaseException) -> bool:
    """True for "no space left on device" (also when wrapped by torch/pickle in a RuntimeError)."""
    for cur in _chain(exc):
        if isinstance(cur, OSError) and cur.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return True
        if getattr(cur, "code", None) in ("checkpoint_disk_full", "export_disk_full"):
            return True
        text = str(cur).lower()
        if "no space left" in text or "disk full" in text or "there is not enough space on the disk" in text:
            return True
    return False


def is_out_of_memory(exc: BaseException) -> bool:
    """True for CUDA / CPU out-of-memory errors that escaped the trainer's own recovery."""
    if isinstance(exc, MemoryError) or type(exc).__name__ == "OutOfMemoryError":
        return True
    return "out of memory" in str(exc).lower()


def is_non_finite(exc: BaseException) -> bool:
    """True when the message says the loss became NaN / infinite."""
    text = str(exc).lower()
    return "non-finite" in text or "nan" in text.split() or "not finite" in text or "infinite" in text


def failure_text(exc: BaseException, folder: Path | None = None, save_to: Path | None = None) -> str | None:
    """A plain sentence for an exception from a training or export run, or None to keep the original.

    Args:
        exc: what the core raised.
        folder: the photo folder the run reads (to detect a folder that disappeared).
        save_to: where the run writes (named in the disk-full sentence).
    """
    if is_disk_full(exc):
        codes = [str(getattr(e, "code", "")) for e in _chain(exc)]
        if any(code.startswith("export") for code in codes):
            return export_disk_full_text(save_to)
        kept = [getattr(e, "values", {}).get("previous_kept") for e in _chain(exc)]
        return disk_full_text(save_to, previous_kept=False not in kept)
    if folder is not None and not Path(folder).is_dir():
        return folder_missing_text(folder)
    if is_out_of_memory(exc):
        return oom_final_text()
    return None


def loss_is_bad(value: float | None) -> bool:
    """True for a NaN or infinite loss value (a StepMetrics that will end the run)."""
    return value is not None and not math.isfinite(value)
