"""Plain, translatable words for a batch above the threshold: what makes it unusual, how many good photos rejecting
it would throw away (``core.scoring.batch_explanation``), and who decided about its photos.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QCoreApplication

from badbatch_gui.gui.text import reason_text, sentences
from badbatch_gui.gui.text.plural_text import PluralText

translate = QCoreApplication.translate  # lupdate extracts translate("BatchText", "...") calls
NAMED = 3  # photos named in a sentence; the batch review lists every one


def cause_short(why: Any) -> str:
    """A few words for the batch list ("2 photos look wrong", "mostly one photo", "the mix of photos")."""
    if why is None:
        return ""
    if why.kind == "flagged":
        return PluralText().photos_look_wrong(len(why.photos))
    if why.kind == "one_photo":
        return translate("BatchText", "mostly one photo")
    return translate("BatchText", "the mix of photos")


def _photo(p: Any) -> str:
    name = PurePosixPath(p.path).name
    return translate("BatchText", "{0} ({1})").format(name, reason_text.names(p.reasons)) if p.reasons else name


def cause_sentence(why: Any) -> str:
    """What makes the batch unusual and what rejecting it would cost, in one or two sentences."""
    if why is None:
        return ""
    if why.kind == "flagged":
        names = translate("BatchText", ", ").join(_photo(p) for p in why.photos[:NAMED])
        if len(why.photos) > NAMED:
            names = translate("BatchText", "{0} and {1} more").format(names, len(why.photos) - NAMED)
        cause = translate("BatchText", "Unusual because of the photos that look wrong in it: {0}.").format(names)
    elif why.kind == "one_photo":
        cause = translate(
            "BatchText",
            "Unusual mostly because of one photo, {0}: it does not look wrong on its "
            "own, but it is the least typical of this batch. Rejecting only that photo "
            "is enough.",
        ).format(_photo(why.photos[0]))
    else:
        cause = translate(
            "BatchText",
            "No single photo makes it unusual: the mix of its photos is less typical of "
            "the folder than batches of photos that look fine usually are.",
        )
    return sentences.join(cause, PluralText().good_photos_lost(why.good_photos))


def summary(explanations: Iterable[Any]) -> str:
    """The banner's line on every batch above the threshold: causes by kind, and the good photos rejecting all of
    them would throw away ("" when none).
    """
    items = list(explanations)
    if not items:
        return ""
    kinds = {k: sum(1 for w in items if w.kind == k) for k in ("flagged", "one_photo", "mix")}
    parts = []
    if kinds["flagged"]:
        parts.append(translate("BatchText", "{0} because of photos that look wrong").format(kinds["flagged"]))
    if kinds["one_photo"]:
        parts.append(translate("BatchText", "{0} mostly because of one photo").format(kinds["one_photo"]))
    if kinds["mix"]:
        parts.append(translate("BatchText", "{0} because of the mix of photos").format(kinds["mix"]))
    lost = sum(w.good_photos for w in items)
    return translate(
        "BatchText",
        "Why: {0}. Rejecting all of them would throw away {1} photos that look fine; "
        "pick a batch to see which photos make it unusual.",
    ).format(reason_text.SEPARATOR.join(parts), lost)


def decisions_cell(left_out_auto: int, left_out_by_you: int, kept_by_you: int) -> str:
    """The batch list's "Left out / kept" cell: who decided what about the batch's photos ("—" when nothing)."""
    parts = []
    if left_out_auto:
        parts.append(translate("BatchText", "{0} left out automatically").format(left_out_auto))
    if left_out_by_you:
        parts.append(translate("BatchText", "{0} left out by you").format(left_out_by_you))
    if kept_by_you:
        parts.append(translate("BatchText", "{0} kept by you").format(kept_by_you))
    return translate("BatchText", ", ").join(parts) if parts else "—"
