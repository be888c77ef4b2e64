"""SummaryCard: a small framed box with a big number and a caption (used for scan and batch summaries)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class SummaryCard(QFrame):
    """``value`` in large type over a one-line ``caption``; ``tooltip`` explains the number in one sentence."""

    def __init__(self, object_name: str, caption: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.value = QLabel("–")
        self.value.setObjectName(f"{object_name}Value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, warn: bool = False) -> None:
        """Show ``text``; ``warn`` colours it as something to look at."""
        self.value.setText(text)
        self.value.setStyleSheet("color: #c0392b;" if warn else "")
