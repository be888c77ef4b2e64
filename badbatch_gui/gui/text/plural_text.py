"""Sentences with a count, so English gets "1 batch" / "5 batches" and Japanese its own form.

pyside6-lupdate extracts plural (numerus) forms only from ``tr(text, disambiguation, n)`` calls on a QObject, not
from ``QCoreApplication.translate(context, text, disambiguation, n)``; such sentences therefore live here.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class PluralText(QObject):
    """Counted sentences (create one where needed; it holds no state)."""

    def none_rejected(self, n_batches: int) -> str:
        """Verdict when no batch is above the threshold."""
        return self.tr("No batch looks unrepresentative (%n batch(es) checked).", "", n_batches)

    def files_skipped(self, n: int) -> str:
        """Files that could not be decoded while scoring."""
        return self.tr("%n file(s) could not be read and were skipped.", "", n)

    def photos_unscored(self, n: int) -> str:
        """Photos left over after the last full batch."""
        return self.tr(
            "%n photo(s) do not fill a last batch and are not in these batches (later training rounds "
            "reshuffle them in).",
            "",
            n,
        )

    def batches_skipped(self, n: int) -> str:
        """Batches skipped by the in-training batch check during one pass."""
        return self.tr("%n batch(es) skipped.", "", n)

    def photos_look_wrong(self, n: int) -> str:
        """The Batch check's lead: how many photos the checks flag."""
        return self.tr("%n photo(s) look wrong", "", n)

    def no_photo_looks_wrong(self, n_checked: int) -> str:
        """The Batch check's lead when nothing is flagged."""
        return self.tr("No photo looks wrong (%n photo(s) checked).", "", n_checked)

    def flagged_left_out(self, n: int) -> str:
        """The Train page: photos flagged as bad shots that training leaves out."""
        return self.tr("%n photo(s) that look wrong will be left out", "", n)

    def flagged_used(self, n: int) -> str:
        """The Train page: flagged photos training will use anyway."""
        return self.tr("%n photo(s) that look wrong will be used anyway", "", n)

    def left_out_figure(self, n: int) -> str:
        """Run figures: photos the run left out."""
        return self.tr("%n photo(s) left out", "", n)

    def by_hand(self, n: int) -> str:
        """A count of photos rejected by hand (in a list of reasons)."""
        return self.tr("%n by hand", "", n)

    def automatic_left_out_of_batches(self, n: int) -> str:
        """The Batch check: photos that look wrong, left out automatically, are not in the checked batches."""
        return self.tr("%n photo(s) that look wrong, left out automatically, are not in these batches.", "", n)

    def rejected_left_out_of_batches(self, n: int) -> str:
        """The Batch check: photos the operator rejected are not in the checked batches."""
        return self.tr("%n photo(s) you rejected are left out of these batches.", "", n)

    def good_photos_lost(self, n: int) -> str:
        """A batch above the threshold: photos that look fine that rejecting it would throw away."""
        return self.tr("Rejecting the whole batch would throw away %n photo(s) that look fine.", "", n)

    def left_out_by_you(self, n: int) -> str:
        """Feedback after the operator leaves photos out."""
        return self.tr("%n photo(s) left out by you.", "", n)

    def kept_by_you(self, n: int) -> str:
        """Feedback after the operator keeps photos."""
        return self.tr("%n photo(s) kept for training by you.", "", n)

    def decisions_cleared(self, n: int) -> str:
        """Feedback after the operator clears decisions."""
        return self.tr("Your decisions for %n photo(s) were cleared: the app's default applies again.", "", n)

    def decisions_dropped(self, n: int) -> str:
        """Damaged entries of the folder's keep / leave-out decisions that were ignored."""
        return self.tr(
            "%n damaged decision(s) in the keep / leave-out list of this folder were ignored; all other "
            "decisions still apply. The list is backed up before it is next saved.",
            "",
            n,
        )

    def export_leftovers_removed(self, n: int) -> str:
        """Staging folders of interrupted exports removed before an export; ``{0}`` is their folder."""
        return self.tr("Removed %n unfinished export folder(s) that an interrupted export left in {0}.", "", n)
