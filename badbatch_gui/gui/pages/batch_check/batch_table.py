"""BatchTable: the list of scored batches, worst (highest score) first, with the verdict, what makes a batch above
the threshold unusual (``core.scoring.batch_explanation``) and who decided what about its photos.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from badbatch_gui.gui import resources
from badbatch_gui.gui.text import batch_text

BATCH_ROLE = Qt.ItemDataRole.UserRole + 1
REJECT_BG = QColor(208, 69, 59, 45)


class BatchTableModel(QAbstractTableModel):
    """Rows: batches sorted by score, highest first. Columns: batch, score, verdict, why, left out / kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batches: list[Any] = []
        self.threshold: float | None = None
        # batch index -> (left out automatically, left out by you, kept by you) photo counts
        self.decided: dict[int, tuple[int, int, int]] = {}
        self.explanations: dict[int, Any] = {}  # batch index -> BatchExplanation (batches above the threshold)
        self.headers = [
            self.tr("Batch"),
            self.tr("Batch score"),
            self.tr("Verdict"),
            self.tr("Why"),
            self.tr("Left out / kept"),
        ]

    def set_batches(self, batches: list[Any], threshold: float | None) -> None:
        """Show ``batches`` (BatchScore objects) sorted worst first."""
        self.beginResetModel()
        self.batches = sorted(batches, key=lambda b: -b.frd)
        self.threshold = threshold
        self.endResetModel()

    def set_threshold(self, threshold: float | None, explanations: dict[int, Any] | None = None) -> None:
        """Update the verdicts (and, given, the explanations) for another threshold (rows keep their order)."""
        self.threshold = threshold
        if explanations is not None:
            self.explanations = explanations
        if self.batches:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.batches) - 1, 3))

    def set_explanations(self, explanations: dict[int, Any]) -> None:
        """Per batch index above the threshold: its ``BatchExplanation``."""
        self.set_threshold(self.threshold, explanations)

    def set_decisions(self, decided: dict[int, tuple[int, int, int]]) -> None:
        """Per batch index: how many of its photos were left out automatically, left out by you, kept by you."""
        self.decided = decided
        if self.batches:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.batches) - 1, 4))

    def is_rejected(self, batch: Any) -> bool:
        """True when the batch's score lies above the current threshold."""
        return self.threshold is not None and batch.frd > self.threshold

    def row_of(self, batch_index: int) -> int:
        """The row showing batch ``batch_index`` (-1 if none)."""
        for row, b in enumerate(self.batches):
            if b.index == batch_index:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """One row per scored batch."""
        return 0 if parent.isValid() else len(self.batches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """Batch, FRD, verdict, cause and the decisions taken on its photos."""
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The column titles and their explanations (tooltips)."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("The batch's number in training's first round."),
                self.tr(
                    "How unusual the batch's photos are together, compared with the folder's typical "
                    "photos (in the augmentation check: how much the two variations of its photos "
                    "disagree). Higher is more unusual. Technically: the Fréchet distance (FRD) between "
                    "the batch's features and the folder's."
                ),
                self.tr("Whether the score is above the threshold."),
                self.tr(
                    "What makes a batch above the threshold unusual: photos that look wrong, mostly one "
                    "photo, or the mix of its photos. Hover over a row for the whole sentence."
                ),
                self.tr(
                    "Which of the batch's photos are left out of training (automatically, because they "
                    "look wrong, or by you) and which you kept."
                ),
            ][section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text, tooltip, icon, colour or alignment; ``BATCH_ROLE`` gives the batch's index."""
        if not index.isValid():
            return None
        b = self.batches[index.row()]
        col = index.column()
        rejected = self.is_rejected(b)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.tr("Batch {0}").format(b.index + 1)
            if col == 1:
                return f"{b.frd:.4g}"
            if col == 2:
                return self.tr("Unrepresentative") if rejected else self.tr("Looks fine")
            if col == 3:
                return batch_text.cause_short(self.explanations.get(b.index)) if rejected else ""
            return batch_text.decisions_cell(*self.decided.get(b.index, (0, 0, 0)))
        if role == Qt.ItemDataRole.ToolTipRole and rejected and col in (2, 3):
            return batch_text.cause_sentence(self.explanations.get(b.index))
        if role == Qt.ItemDataRole.DecorationRole and col == 2:
            return resources.icon("reject" if rejected else "keep")
        if role == Qt.ItemDataRole.BackgroundRole and rejected:
            return QBrush(REJECT_BG)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BATCH_ROLE:
            return b.index
        return None


class BatchTable(QTableView):
    """The batch list view. ``batch_selected(int)`` gives the selected batch's index (-1 for none)."""

    batch_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchTable")
        self.table_model = BatchTableModel(self)
        self.setModel(self.table_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setAlternatingRowColors(False)
        self.selectionModel().currentRowChanged.connect(self._on_current_changed)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.batch_selected.emit(self.table_model.data(current, BATCH_ROLE) if current.isValid() else -1)

    def select_batch(self, batch_index: int) -> None:
        """Select the row of batch ``batch_index``."""
        row = self.table_model.row_of(batch_index)
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.table_model.index(row, 0))

    def step(self, delta: int) -> None:
        """Select the next (+1) or previous (-1) row."""
        n = self.table_model.rowCount()
        if n == 0:
            return
        row = self.currentIndex().row()
        row = 0 if row < 0 else max(0, min(n - 1, row + delta))
        self.selectRow(row)
