"""Plain-language, translatable sentences for the Batch check: the verdict and the scorer's notices.

The core's notices are English; they are rebuilt here from their stable codes and data so Japanese operators
read them in Japanese. An unknown code falls back to the core's English sentence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from badbatch_gui.core.scoring.frd import MIN_RELIABLE_N
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES, TOO_MANY_REJECTED
from badbatch_gui.gui.text import reason_text
from badbatch_gui.gui.text.plural_text import PluralText

translate = QCoreApplication.translate  # lupdate extracts translate("ScoreText", "...") calls


def percent(fraction: float) -> str:
    """``fraction`` as a locale-formatted percentage with one decimal ("7.5 %")."""
    return f"{QLocale().toString(100.0 * fraction, 'f', 1)} %"


def verdict(n_batches: int, n_rejected: int, threshold: float | None) -> tuple[str, str]:
    """(sentence, level) for the verdict line; level is "ok", "info" or "warning"."""
    if n_batches == 0:
        return translate("ScoreText", "No batch was scored."), "info"
    if threshold is None:
        return translate("ScoreText", "No batch is rejected: there is no threshold yet."), "info"
    if n_rejected == 0:
        return PluralText().none_rejected(n_batches), "ok"
    text = translate("ScoreText", "{0} of {1} batches ({2}) look unrepresentative.").format(
        n_rejected, n_batches, percent(n_rejected / n_batches)
    )
    return text, "warning" if n_rejected / n_batches > TOO_MANY_REJECTED else "ok"


def too_many_text() -> str:
    """The warning when more than TOO_MANY_REJECTED (30 %) of the batches are rejected."""
    return translate(
        "ScoreText", "Rejecting this many batches throws away variety in your photos; consider raising the threshold."
    )


def untrained_text() -> str:
    """The untrained-feature-network notice."""
    return translate(
        "ScoreText",
        "These scores come from an untrained feature network: it sees brightness, colour and texture, not "
        "what your parts look like. Scores become more meaningful after training (step 3) — then check "
        "again with the trained network.",
    )


def notice_text(code: str, message: str, data: dict[str, Any], n_batches: int, batch_size: int) -> str | None:
    """The translated sentence for a scorer notice; None for notices the page shows in another way."""
    if code == "untrained_features":
        return untrained_text()
    if code == "too_many_rejected":
        return None  # rebuilt live from the threshold line (too_many_text)
    if code == "no_threshold":
        if data.get("batch_size") and data.get("suggested"):
            return translate(
                "ScoreText",
                "No threshold was set: batches of {0} give only {1} batches, and the "
                "automatic threshold needs at least {3}. Choose a batch size of {2} or "
                "less, or drag the line to set a threshold yourself.",
            ).format(data["batch_size"], n_batches, data["suggested"], MIN_SCORES)
        if data.get("batch_size"):
            return translate(
                "ScoreText",
                "No threshold was set: the folder has too few photos for {0} batches, "
                "which the automatic threshold needs. Drag the line to set a threshold "
                "yourself.",
            ).format(MIN_SCORES)
        if n_batches < MIN_SCORES:
            return translate(
                "ScoreText",
                "Only {0} batches were scored; an automatic threshold needs at least {1}. "
                "Choose a smaller batch size, or drag the line to set a threshold "
                "yourself.",
            ).format(n_batches, MIN_SCORES)
        return translate(
            "ScoreText",
            "The batch scores are all alike, so no automatic threshold can be set. Drag the line to set one yourself.",
        )
    if code == "small_batches":
        return translate(
            "ScoreText", "Batches of {0} photos are small, which makes the scores noisy; {1} or more are recommended."
        ).format(batch_size, MIN_RELIABLE_N)
    if code == "skipped_files":
        return PluralText().files_skipped(int(data.get("count", 0)))
    if code == "unscored_remainder":
        return PluralText().photos_unscored(int(data.get("count", 0)))
    if code == "batch_size_lowered":
        return translate(
            "ScoreText",
            "The batch size was lowered from {0} to {1}, so the {2} photos give {3} "
            "batches: the automatic threshold needs at least {4}.",
        ).format(data.get("requested"), data.get("size"), data.get("n_images"), data.get("n_batches"), MIN_SCORES)
    if code == "flagged_in_most_batches":
        return translate(
            "ScoreText",
            "Most batches hold a photo that looks wrong, so many batches look "
            "unrepresentative. Leave the photos that look wrong out (training does this by "
            "default) rather than rejecting whole batches, then check again.",
        )
    if code == "reference_trimmed":
        return translate(
            "ScoreText",
            "The folder's typical photos ({0}) are what each batch is compared with; the "
            "{1} photos far from the rest are not part of that yardstick.",
        ).format(data.get("reference_images"), data.get("left_out"))
    if code == "threshold_context":
        return translate(
            "ScoreText", "The threshold you typed was set for another batch size or check mode; its meaning may differ."
        )
    return message


def mode_help(mode: str) -> str:
    """One plain sentence explaining a check mode."""
    return {
        "reference": translate(
            "ScoreText",
            "Compares each batch's photos with the folder's typical photos, so "
            "batches holding photos that look wrong (dark, blurry, cut off…) stand "
            "out.",
        ),
        "views": translate(
            "ScoreText",
            "The check training itself applies to every batch (the paper's score): how "
            "much the two random variations of a batch disagree. Use it to see whether "
            "the variations are too strong for your photos; it does not show bad "
            "shots.",
        ),
        "original": translate(
            "ScoreText",
            "Compares each batch's variations with the unchanged photos, showing how much the variations change them.",
        ),
    }.get(mode, "")


def mode_name(mode: str) -> str:
    """Short name of a check mode."""
    return {
        "views": translate("ScoreText", "augmentation check"),
        "original": translate("ScoreText", "variations against the original"),
        "reference": translate("ScoreText", "against the folder's typical photos"),
    }.get(mode, mode)


def banner(
    report: Any, tau: float | None, excluded: int, excluded_automatically: int = 0
) -> tuple[str, str, str, str, list[tuple[str, str]]]:
    """The Batch check's banner for ``report`` at threshold ``tau``: (verdict, level, second line, its level,
    notices as (level, sentence)). The photos that look wrong lead; the batches' verdict is the second line.
    ``excluded``: photos left out of the checked batches, ``excluded_automatically`` of them by the app (the
    photos that look wrong), the rest by the operator.
    """
    n = len(report.batches)
    rejected = int(sum(1 for v in report.scores if tau is not None and v > tau))
    text, level = verdict(n, rejected, tau)
    found = report.findings
    if found is not None:
        photos, photo_level = reason_text.verdict(int(found.flagged.sum()), found.counts(), len(found))
        head = (photos, photo_level, text, level)
    else:
        head = (text, level, "", "ok")
    notes: list[tuple[str, str]] = []
    flagged_note = any(x.code == "flagged_in_most_batches" for x in report.notices)
    if tau is not None and n and rejected / n > TOO_MANY_REJECTED and not flagged_note:
        notes.append(("warning", too_many_text()))
    for notice in report.notices:
        sentence = notice_text(notice.code, notice.message, notice.data, n, report.batch_size)
        if sentence and not (tau is not None and notice.code == "no_threshold"):
            notes.append(("warning" if notice.level == "warning" else "info", sentence))
    if excluded_automatically:
        notes.append(("info", PluralText().automatic_left_out_of_batches(excluded_automatically)))
    if excluded > excluded_automatically:
        notes.append(("info", PluralText().rejected_left_out_of_batches(excluded - excluded_automatically)))
    notes.append(
        (
            "info",
            translate("ScoreText", "Checked “{0}” with batches of {1}, using {2}.").format(
                mode_name(report.mode), report.batch_size, network_name(report.feature_network)
            ),
        )
    )
    return (*head, notes)


def network_name(feature_network: dict[str, Any]) -> str:
    """The feature network in plain words (the technical name stays in the report and the log)."""
    name = str(feature_network.get("name", ""))
    if feature_network.get("untrained"):
        return translate("ScoreText", "the built-in untrained network")
    if name.startswith("ImageNet"):
        return translate("ScoreText", "the network trained on ImageNet's everyday photos")
    if name.startswith("trained encoder"):
        run = name.removeprefix("trained encoder").strip(" ()")
        return translate("ScoreText", "the network trained on your photos ({0})").format(run)
    return name
