"""OutlierList: the folder-wide "least typical photos" as thumbnails, with keep / reject for the selection."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.gui import resources
from badbatch_gui.gui.widgets.thumbnail_grid import PATH_ROLE, ThumbnailGrid, ThumbnailModel


class OutlierModel(ThumbnailModel):
    """Thumbnails of the outliers, labelled with rank and the operator's decision."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scores: dict[str, float] = {}
        self.decisions: dict[str, str] = {}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            rel = self.rows[index.row()][0]
            mark = {"keep": "✓ ", "reject": "✕ "}.get(self.decisions.get(rel, ""), "")
            return f"{mark}{index.row() + 1}. {PurePosixPath(rel).name}"
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            rel = self.rows[index.row()][0]
            return self.tr("{0}\nHow unusual, compared with the whole folder: {1:.3g}").format(
                rel, self.scores.get(rel, 0.0))
        return super().data(index, role)

    def set_decisions(self, decisions: dict[str, str]) -> None:
        """Refresh the marks."""
        self.decisions = dict(decisions)
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [Qt.ItemDataRole.DisplayRole])


class OutlierList(QWidget):
    """Signal ``decision_requested(list, object)``: relative paths and "keep" / "reject" / None."""

    decision_requested = Signal(list, object)

    def __init__(self, model: OutlierModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlierList")
        self.model = model
        intro = QLabel(self.tr("The photos least like the rest of the folder, most unusual first. One odd photo "
                               "barely moves a batch score, so look here for single bad shots."))
        intro.setWordWrap(True)
        self.grid = ThumbnailGrid(model)
        self.grid.setObjectName("outlierGrid")
        buttons = QHBoxLayout()
        for icon, text, name, tip, decision in (
                ("reject", self.tr("Reject selected"), "outliersReject",
                 self.tr("Leave the selected photos out of training."), "reject"),
                ("keep", self.tr("Keep selected"), "outliersKeep",
                 self.tr("Use the selected photos for training."), "keep"),
                ("undecided", self.tr("Clear"), "outliersClear",
                 self.tr("Forget your decisions for the selected photos."), None)):
            b = QPushButton(resources.icon(icon), text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, d=decision: self._decide(d))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    def selected_paths(self) -> list[str]:
        """Relative paths of the selected thumbnails."""
        return [self.model.data(i, PATH_ROLE) for i in self.grid.selectionModel().selectedIndexes()]

    def _decide(self, decision: str | None) -> None:
        paths = self.selected_paths()
        if paths:
            self.decision_requested.emit(paths, decision)
