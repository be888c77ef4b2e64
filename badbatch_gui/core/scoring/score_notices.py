"""The Batch check's plain-language notices, each with a stable code and its data (the GUI rebuilds the
sentence from these in the operator's language, ``gui/text/score_text.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from badbatch_gui.core.events import Notice
from badbatch_gui.core.scoring import frd
from badbatch_gui.core.scoring.batch_size_rule import MIN_BATCH_SIZE, BatchSizeChoice
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES

if TYPE_CHECKING:
    from badbatch_gui.core.scoring.score_report import ScoreReport

MIN_RELIABLE_BATCH = 16


def threshold_notices(
    tau: frd.ThresholdResult, n_batches: int, choice: BatchSizeChoice | None = None, n_flagged_planned: int = 0
) -> tuple[Notice, ...]:
    """Notices about τ: none set (too few batches, zero spread), too many rejected (because of flagged photos in
    the batches, ``n_flagged_planned`` of them, or not), a fixed τ set elsewhere.
    """
    out = []
    if tau.value is None:
        data: dict[str, Any] = {"n_batches": n_batches}
        message = f"No batch is rejected: {tau.note}"
        if choice is not None and not choice.enough_for_threshold:
            data.update(batch_size=choice.size, n_images=choice.n_images, suggested=choice.largest_size_with_threshold)
            better = (
                f"; a batch size of {choice.largest_size_with_threshold} or less would give enough"
                if choice.largest_size_with_threshold
                else f"; the folder has too few photos for {MIN_SCORES} batches of at least {MIN_BATCH_SIZE}"
            )
            message = (
                f"No threshold was set: batches of {choice.size} give only {n_batches} batches from "
                f"{choice.n_images} photos, and the automatic threshold needs at least {MIN_SCORES}"
                f"{better}."
            )
        out.append(Notice("no_threshold", message, "info", data))
    if tau.too_many_rejected and n_flagged_planned:
        out.append(
            Notice(
                "flagged_in_most_batches",
                f"{tau.rejected_fraction:.0%} of the batches hold photos unlike the folder's typical ones, "
                f"and {n_flagged_planned} photos in them look wrong. Leave those photos out (training does "
                "by default) rather than rejecting whole batches, then check again.",
                data={"rejected_fraction": tau.rejected_fraction, "flagged": n_flagged_planned},
            )
        )
    elif tau.too_many_rejected:
        out.append(
            Notice(
                "too_many_rejected",
                f"{tau.rejected_fraction:.0%} of the batches are above the threshold (more than 30 %). "
                "The threshold may be too low or the augmentations too strong; rejecting that many "
                "batches throws away much of the folder's variety.",
                data={"rejected_fraction": tau.rejected_fraction},
            )
        )
    if tau.context_mismatch:
        out.append(Notice("threshold_context", tau.note))
    return tuple(out)


def make_notices(report: ScoreReport, n_leftover: int = 0) -> tuple[Notice, ...]:
    """Every plain-language warning for a fresh report (docs/design/frd.md §2, §4, §6)."""
    out = []
    fn = report.feature_network
    if fn.get("untrained"):
        out.append(
            Notice(
                "untrained_features",
                "These scores come from an untrained feature network (random weights): it sees "
                "brightness, colour and texture but not what the photos show. Train an encoder on this "
                "folder, or pick ImageNet weights, and score again for meaningful batch scores.",
                data={"layer": fn.get("layer"), "normalisation": fn.get("normalisation")},
            )
        )
    choice = report.batch_size_choice
    if choice is not None and choice.lowered:
        out.append(
            Notice(
                "batch_size_lowered",
                f"The batch size was lowered from {choice.requested} to {choice.size} so the "
                f"{choice.n_images} photos give {choice.n_batches} batches; the automatic threshold needs "
                f"at least {MIN_SCORES}.",
                "info",
                {
                    "requested": choice.requested,
                    "size": choice.size,
                    "n_images": choice.n_images,
                    "n_batches": choice.n_batches,
                },
            )
        )
    elif report.batch_size < MIN_RELIABLE_BATCH:
        out.append(
            Notice(
                "small_batches",
                f"Batches of {report.batch_size} images are small: small batches make FRD noisy "
                f"({MIN_RELIABLE_BATCH} or more are recommended).",
            )
        )
    flagged = report.flagged_in_plan if report.mode == "reference" else 0  # reference τ: from fine photos
    out.extend(threshold_notices(report.threshold, len(report.batches), choice, flagged))
    if report.failed:
        names = ", ".join(f.path for f in report.failed[:3]) + (" ..." if len(report.failed) > 3 else "")
        out.append(
            Notice(
                "skipped_files",
                f"{len(report.failed)} file(s) could not be read and were skipped: {names}.",
                data={"count": len(report.failed)},
            )
        )
    if report.mode == "reference" and 0 < report.reference_images < report.n_images:
        left = report.n_images - report.reference_images
        out.append(
            Notice(
                "reference_trimmed",
                f"The folder statistics come from the {report.reference_images} typical photos; {left} "
                "photo(s) far from the rest (top of the outlier list) are left out of them, so batches "
                "holding such photos stand out.",
                "info",
                {"reference_images": report.reference_images, "left_out": left},
            )
        )
    if n_leftover > 0:
        out.append(
            Notice(
                "unscored_remainder",
                f"{n_leftover} image(s) do not fill a last batch of {report.batch_size} and are not in "
                "this epoch's batches (training leaves them out of epoch 1 too; later epochs reshuffle).",
                "info",
                {"count": n_leftover},
            )
        )
    return tuple(out)
