"""CaptionDelegate: a thumbnail with two caption lines under it, each shortened on its own ("…") when too wide.

Qt's own icon-mode drawing gives up on the second line as soon as one line is too wide or a fallback font (Japanese)
makes a line taller, so "bad shot / (too dark, blurry)" became "bad shot…"; here each line is elided separately
and the item is as tall as two lines of the view's font.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

LINES = 2
PAD = 4


class CaptionDelegate(QStyledItemDelegate):
    """Draws the decoration (a square thumbnail) centred at the top and the first :data:`LINES` lines of the
    display text under it.
    """

    def __init__(self, side: int, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side, self.width = int(side), int(width)

    def cell_size(self, metrics: QFontMetrics) -> QSize:
        """One item's size for text drawn with ``metrics``."""
        return QSize(self.width, self.side + LINES * metrics.lineSpacing() + 3 * PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Every cell has the same size: the thumbnail and its caption lines."""
        return self.cell_size(option.fontMetrics)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Draw the selection, the thumbnail centred and the caption below it in the verdict's colour."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = self.parent()
        widget = view if isinstance(view, QWidget) else None
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)  # selection
        rect = opt.rect
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            ratio = pixmap.devicePixelRatio() or 1.0
            w, h = round(pixmap.width() / ratio), round(pixmap.height() / ratio)
            painter.drawPixmap(
                QPoint(rect.x() + (rect.width() - w) // 2, rect.y() + PAD + (self.side - h) // 2), pixmap
            )
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        if opt.state & QStyle.StateFlag.State_Selected:
            pen = opt.palette.color(QPalette.ColorRole.HighlightedText)
        elif isinstance(colour, QColor):
            pen = colour
        else:
            pen = opt.palette.color(QPalette.ColorRole.Text)
        painter.save()
        painter.setPen(pen)
        painter.setFont(opt.font)
        fm = opt.fontMetrics
        y = rect.y() + 2 * PAD + self.side
        for line in str(index.data(Qt.ItemDataRole.DisplayRole) or "").split("\n")[:LINES]:
            shown = fm.elidedText(line, Qt.TextElideMode.ElideRight, rect.width() - 2 * PAD)
            painter.drawText(
                QRect(rect.x() + PAD, y, rect.width() - 2 * PAD, fm.lineSpacing()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
            y += fm.lineSpacing()
        painter.restore()
