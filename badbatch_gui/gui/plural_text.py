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
        return self.tr("%n photo(s) do not fill a last batch and are not in these batches (later training rounds "
                       "reshuffle them in).", "", n)

    def batches_skipped(self, n: int) -> str:
        """Batches skipped by the in-training batch check during one pass."""
        return self.tr("%n batch(es) skipped.", "", n)
