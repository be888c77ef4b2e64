"""Plain, translatable words for training runs: a run's status, and the photos training leaves out and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core.config import matching_preset
from badbatch_gui.gui.text import reason_text, sentences, train_text
from badbatch_gui.gui.text.plural_text import PluralText

translate = QCoreApplication.translate  # lupdate extracts translate("RunText", "...") calls


def status_text(info: Any) -> str:
    """A plain status word for a run (a RunInfo: ``status``, ``resumable``)."""
    resumable = bool(getattr(info, "resumable", False))
    return {
        "completed": translate("RunText", "Finished"),
        "running": translate("RunText", "Training now"),
        "canceled": translate("RunText", "Stopped — can resume") if resumable else translate("RunText", "Stopped"),
        "errored": translate("RunText", "Failed — can resume") if resumable else translate("RunText", "Failed"),
        "interrupted": (
            translate("RunText", "Interrupted — can resume") if resumable else translate("RunText", "Interrupted")
        ),
    }.get(getattr(info, "status", ""), str(getattr(info, "status", "")))


def trial_label(info: Any) -> str:
    """The label "trial (Quick check)" for a trial run (``RunInfo.trial``), "" otherwise: for the run list, the
    Export page's run choice and anywhere a run is named.
    """
    return translate("RunText", "trial (Quick check)") if getattr(info, "trial", False) else ""


def trial_sentence() -> str:
    """What a trial run is, said where its model could be taken for a result."""
    return translate(
        "RunText",
        "This is a trial run (Quick check): it shows that the photos, the settings and this "
        "computer work together, but its network is not ready for use. Train with the "
        "Standard or Small GPU preset for one to use.",
    )


def preset_label(config: Mapping[str, Any]) -> str:
    """The preset a run used ("Standard"), or "Standard, changed" when some of its settings were edited."""
    key, exact = matching_preset(config or {})
    name = train_text.preset_name(key)
    return name if exact else translate("RunText", "{0}, changed").format(name)


def left_out_sentence(left_out: Mapping[str, Any]) -> str:
    """The sentence "12 photos left out: 4 too dark · 3 blurry · 5 by hand" from a run's ``left_out`` record
    ("" when none).
    """
    count = int(left_out.get("count", 0) or 0)
    if count == 0:
        return ""
    parts = [reason_text.counts(dict(left_out.get("by_reason") or {}))] if left_out.get("by_reason") else []
    if left_out.get("by_hand"):
        parts.append(PluralText().by_hand(int(left_out["by_hand"])))
    return PluralText().left_out_figure(count) + sentences.colon() + reason_text.SEPARATOR.join(p for p in parts if p)


def flagged_lines(left_per_reason: Mapping[str, int], n_left: int, n_used: int, n_kept: int) -> str:
    """The Train page's lines on the photos the Batch check flags: how many training leaves out (by first reason)
    and how many it uses anyway (``n_kept`` of them kept by the operator).
    """
    lines = []
    if n_left:
        lines.append(
            sentences.end(
                PluralText().flagged_left_out(n_left) + sentences.colon() + reason_text.counts(left_per_reason)
            )
        )
    if n_used:
        kept = translate("RunText", "({0} kept by you)").format(n_kept) if n_kept else ""
        lines.append(sentences.end(sentences.join(PluralText().flagged_used(n_used), kept)))
    return "\n".join(lines)
