"""Plain-language, translatable sentences for the Batch check: the verdict and the scorer's notices.

The core's notices are English; they are rebuilt here from their stable codes and data so Japanese operators
read them in Japanese. An unknown code falls back to the core's English sentence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from badbatch_gui.gui.plural_text import PluralText

TOO_MANY = 0.30
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
        n_rejected, n_batches, percent(n_rejected / n_batches))
    return text, "warning" if n_rejected / n_batches > TOO_MANY else "ok"


def too_many_text() -> str:
    """The >30 % warning."""
    return translate("ScoreText", "Rejecting this many batches throws away variety in your photos; consider raising the threshold.")


def untrained_text() -> str:
    """The untrained-feature-network notice."""
    return translate("ScoreText", "These scores come from an untrained feature network: it sees brightness, colour and texture, not "
               "what your parts look like. Scores become more meaningful after training (step 3) — then check "
               "again with the trained network.")


def notice_text(code: str, message: str, data: dict[str, Any], n_batches: int, batch_size: int) -> str | None:
    """The translated sentence for a scorer notice; None for notices the page shows in another way."""
    if code == "untrained_features":
        return untrained_text()
    if code == "too_many_rejected":
        return None  # rebuilt live from the threshold line (too_many_text)
    if code == "no_threshold":
        if n_batches < 20:
            return translate("ScoreText", "Only {0} batches were scored; an automatic threshold needs at least 20. Choose a smaller "
                       "batch size, or drag the line to set a threshold yourself.").format(n_batches)
        return translate("ScoreText", "The batch scores are all alike, so no automatic threshold can be set. Drag the line to set "
                   "one yourself.")
    if code == "small_batches":
        return translate("ScoreText", "Batches of {0} photos are small, which makes the scores noisy; 16 or more are recommended."
                   ).format(batch_size)
    if code == "skipped_files":
        return PluralText().files_skipped(int(data.get("count", 0)))
    if code == "unscored_remainder":
        return PluralText().photos_unscored(int(data.get("count", 0)))
    if code == "threshold_context":
        return translate("ScoreText", "The threshold you typed was set for another batch size or check mode; its meaning may differ.")
    return message


def mode_name(mode: str) -> str:
    """Short name of a check mode."""
    return {"views": translate("ScoreText", "two views"), "original": translate("ScoreText", "views against the original"),
            "reference": translate("ScoreText", "against the whole folder")}.get(mode, mode)
