"""Why a batch above the threshold is unusual, and what rejecting it would throw away (the project's addition).

A batch score alone alarms without explaining. For each batch above τ this module names the cause, from what the
report already holds (the findings of every photo and each photo's share of its batch score,
``frd_per_photo``), in one of three kinds:

- ``flagged``: the batch holds photos that look wrong (the findings flag them); they are named with their reasons.
- ``one_photo``: no photo looks wrong, but one photo alone lifts the batch above τ: without it the batch would
  score at most τ. Its *effect* is its share of the batch score minus the batch's median share, which removes the
  common shift every photo's leave-one-out change carries (a batch of N − 1 scores a little higher than one of N,
  ``frd_per_photo.per_image_loo_reference``), so the batch without it is estimated at score − effect. In the
  augmentation check the shares are the paired bound's terms and the estimate is approximate.
- ``mix``: neither: no single photo makes the batch unusual, the mix of its photos does (several photos a little
  off in the same direction, say).

Each explanation also counts the *good photos* rejecting the batch would throw away: its photos that do not look
wrong and are not left out already. Pure Python and numpy; the CLI writes it into ``badbatch score``'s JSON
(``batches[].explanation``) and output, and the window shows it beside the batch list and in the batch review.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from badbatch_gui.core.scoring.findings import REASON_TEXT

KINDS = ("flagged", "one_photo", "mix")
NAMED_IN_SENTENCE = 3  # photos named in a sentence (the JSON and the window list them all)


@dataclass(frozen=True)
class NamedPhoto:
    """A photo an explanation names: relative path, finding codes (empty: it looks fine), its unusualness (the
    findings' severity: below 1 looks fine; None without findings) and whether it is already left out.
    """

    path: str
    reasons: tuple[str, ...]
    unusualness: float | None
    left_out: bool = False

    def to_json(self) -> dict[str, Any]:
        """{path, reasons, unusualness, left_out}."""
        return {
            "path": self.path,
            "reasons": list(self.reasons),
            "unusualness": self.unusualness,
            "left_out": self.left_out,
        }


@dataclass(frozen=True)
class BatchExplanation:
    """Why one batch above τ is unusual (see the module docstring).

    Attributes:
        batch: the batch's index (0-based, plan order).
        kind: one of :data:`KINDS`.
        photos: the photos that make it unusual (``flagged``: every flagged one, ``one_photo``: that one,
            ``mix``: none), the largest effect first.
        good_photos: photos that look fine and are not left out, which rejecting the batch would throw away.
        n_photos: photos in the batch.
    """

    batch: int
    kind: str
    photos: tuple[NamedPhoto, ...]
    good_photos: int
    n_photos: int

    def sentence(self) -> str:
        """One plain English sentence (the GUI builds its own, translated, from the same fields)."""
        if self.kind == "flagged":
            names = ", ".join(
                f"{p.path} ({', '.join(REASON_TEXT.get(r, r) for r in p.reasons)})"
                for p in self.photos[:NAMED_IN_SENTENCE]
            )
            n = len(self.photos)
            if n > NAMED_IN_SENTENCE:
                names += f" and {n - NAMED_IN_SENTENCE} more"
            cause = f"holds {n} photo{'s' if n != 1 else ''} that look{'s' if n == 1 else ''} wrong: {names}"
        elif self.kind == "one_photo":
            cause = (
                f"mostly one photo, {self.photos[0].path}: it does not look wrong on its own but is the least "
                "typical of the batch"
            )
        else:
            cause = "no single photo: the mix of its photos is less typical of the folder than fine batches are"
        good = self.good_photos
        return (
            f"Batch {self.batch + 1} {cause}. Rejecting it would throw away {good} photo{'s' if good != 1 else ''}"
            " that look fine."
        )

    def to_json(self) -> dict[str, Any]:
        """{kind, photos [{path, reasons, unusualness, left_out}], good_photos, n_photos, sentence}."""
        return {
            "kind": self.kind,
            "photos": [p.to_json() for p in self.photos],
            "good_photos": self.good_photos,
            "n_photos": self.n_photos,
            "sentence": self.sentence(),
        }


def batch_effects(shares: Iterable[float]) -> np.ndarray:
    """Each photo's effect on its batch's score: its share minus the batch's median share (see the module
    docstring). Shape: (N,) -> (N,); positive = the photo raises the batch score more than a typical one.
    """
    s = np.asarray(list(shares), dtype=np.float64)
    return s - float(np.median(s)) if s.size else s


def explain_batch(batch: Any, threshold: float | None, left_out: Collection[str] = ()) -> BatchExplanation | None:
    """The explanation of one batch (a ``score_report.BatchScore``), or None when it is not above ``threshold``.

    Args:
        batch: its ``images`` carry ``path``, ``score`` (share of the batch score), ``reasons``, ``flagged`` and
            ``unusualness``.
        threshold: τ (None: nothing is above it).
        left_out: relative paths already left out of training (the operator's or automatic rejections).
    """
    if threshold is None or not batch.frd > threshold:
        return None
    images = list(batch.images)
    effects = batch_effects(i.score for i in images)
    order = np.argsort(-effects, kind="stable")

    def named(i: int) -> NamedPhoto:
        img = images[i]
        return NamedPhoto(img.path, tuple(img.reasons), getattr(img, "unusualness", None), img.path in left_out)

    good = sum(1 for i in images if not i.flagged and i.path not in left_out)
    flagged = [int(j) for j in order if images[int(j)].flagged]
    if flagged:
        return BatchExplanation(batch.index, "flagged", tuple(named(j) for j in flagged), good, len(images))
    if len(images) and batch.frd - float(effects[order[0]]) <= threshold:
        return BatchExplanation(batch.index, "one_photo", (named(int(order[0])),), good, len(images))
    return BatchExplanation(batch.index, "mix", (), good, len(images))


def explain_batches(
    batches: Iterable[Any], threshold: float | None, left_out: Collection[str] = ()
) -> tuple[BatchExplanation, ...]:
    """Explanations of every batch above ``threshold``, in the order given."""
    out = (explain_batch(b, threshold, left_out) for b in batches)
    return tuple(e for e in out if e is not None)


def good_photos_lost(explanations: Iterable[BatchExplanation]) -> int:
    """How many photos that look fine rejecting all these batches would throw away."""
    return sum(e.good_photos for e in explanations)
