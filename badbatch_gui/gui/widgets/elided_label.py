"""ElidedLabel: one line of plain text that is shortened with "…" to the width it gets, never cut off and never
widening the window; the full text is its tooltip.

A plain QLabel asks for the width of its whole text, so a long folder path or device name in a label without
word wrap made the window's minimum width grow past the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 8  # the smallest width asked for, in average characters


class ElidedLabel(QLabel):
    """A QLabel whose text is elided (``mode``: where the "…" goes) to its width; ``full_text()`` is the whole."""

    def __init__(
        self, text: str = "", parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # shrinks to the minimum
        self.setText(text)

    def setText(self, text: str) -> None:
        """Show ``text`` (elided when it does not fit); the full text becomes the tooltip when it is cut."""
        self._full = str(text)
        super().setText(self._full)
        self.setToolTip(self._full)
        self.updateGeometry()
        self.update()

    def full_text(self) -> str:
        """The whole text, however it is shown."""
        return self._full

    def shown_text(self) -> str:
        """The text as it fits the current width."""
        return self.fontMetrics().elidedText(self._full, self._mode, max(0, self.contentsRect().width()))

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the whole text or a few characters, whichever is narrower."""
        fm = self.fontMetrics()
        return QSize(min(fm.horizontalAdvance(self._full), fm.averageCharWidth() * MIN_CHARS), fm.height())

    def sizeHint(self) -> QSize:
        """Wide enough for the whole text on one line."""
        fm = self.fontMetrics()
        m = self.contentsMargins()
        return QSize(fm.horizontalAdvance(self._full) + m.left() + m.right() + 2, fm.height() + m.top() + m.bottom())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the text, elided to the width the label has."""
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), self.shown_text())
