"""StepSidebar: the numbered list of the four steps (Images, Batch check, Train, Export) on the left."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from badbatch_gui.gui import resources


class StepSidebar(QListWidget):
    """One row per step: icon, number and name. ``step_selected(int)`` fires when the operator picks one."""

    step_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepSidebar")
        self.setIconSize(QSize(24, 24))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setStyleSheet(
            "QListWidget#stepSidebar { border: none; padding-top: 8px; }"
            "QListWidget#stepSidebar::item { padding: 10px 6px; }"
        )
        self.currentRowChanged.connect(self._on_row_changed)

    def add_step(self, icon_name: str, title: str, tooltip: str) -> None:
        """Append a step; the number is added automatically."""
        item = QListWidgetItem(resources.icon(icon_name), f"{self.count() + 1}  {title}")
        item.setToolTip(tooltip)
        item.setSizeHint(QSize(180, 44))
        self.addItem(item)
        self.setFixedWidth(max(self.width() if self.count() > 1 else 0, self.sizeHintForColumn(0) + 24, 170))

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if row >= 0:
            self.step_selected.emit(row)
