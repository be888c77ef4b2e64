"""Plain, translatable words for the Batch check's finding codes
(``core.scoring.findings.REASONS``) and its verdict line.

Short names fit a thumbnail caption and a count ("4 too dark"); each code also has one sentence for a tooltip.
An unknown code is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core.scoring.findings import REASONS
from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.plural_text import PluralText

translate = QCoreApplication.translate  # lupdate extracts translate("ReasonText", "...") calls
SEPARATOR = " · "


def name(code: str) -> str:
    """The short plain name of a finding code ("too dark")."""
    return {
        "dark": translate("ReasonText", "too dark"),
        "overexposed": translate("ReasonText", "too bright"),
        "blurry": translate("ReasonText", "blurry"),
        "noisy": translate("ReasonText", "grainy"),
        "low_contrast": translate("ReasonText", "washed out"),
        "cut_off": translate("ReasonText", "cut off"),
        "unusual": translate("ReasonText", "unlike the rest"),
    }.get(code, code)


def explanation(code: str) -> str:
    """One sentence on what the check saw, compared with the folder's typical photo."""
    return {
        "dark": translate("ReasonText", "Much darker than the folder's typical photo."),
        "overexposed": translate(
            "ReasonText", "Much brighter than the folder's typical photo, with parts burnt out to white."
        ),
        "blurry": translate("ReasonText", "Out of focus or shaken: fine detail is missing."),
        "noisy": translate("ReasonText", "Speckled with grain (sensor noise), as in a shot taken in poor light."),
        "low_contrast": translate(
            "ReasonText", "Washed out, as through fog or a dirty lens: little difference between light and dark."
        ),
        "cut_off": translate(
            "ReasonText",
            "Part of the view is empty or covered: the part may be out of frame, or something is in front of the lens.",
        ),
        "unusual": translate(
            "ReasonText",
            "Unlike the other photos of the folder (a different subject, or something on it that does not belong).",
        ),
    }.get(code, code)


def names(codes: Iterable[str]) -> str:
    """Several codes as plain names, worst first ("too dark, grainy")."""
    return translate("ReasonText", ", ").join(name(c) for c in codes)


def counts(per_reason: Mapping[str, int]) -> str:
    """The counts, e.g. "4 too dark · 3 blurry · 5 unlike the rest", in the fixed order of the reason codes."""
    order = {code: i for i, code in enumerate(REASONS)}
    items = sorted(per_reason.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    return SEPARATOR.join(translate("ReasonText", "{0} {1}").format(n, name(code)) for code, n in items if n)


def verdict(n_flagged: int, per_reason: Mapping[str, int], n_checked: int) -> tuple[str, str]:
    """(sentence, level) for the Batch check's lead line; level is "ok" or "warning"."""
    if n_flagged == 0:
        return PluralText().no_photo_looks_wrong(n_checked), "ok"
    return PluralText().photos_look_wrong(n_flagged) + sentences.colon() + counts(per_reason), "warning"
