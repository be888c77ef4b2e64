"""A4 pages for a report: Qt's PDF writer and painter with a top-to-bottom cursor (QtGui only, no widget).

:class:`PdfCanvas` lays blocks out one below the other in millimetres: headings, wrapped paragraphs, label/value
tables, rows of pictures, and a chart area handed to a drawing function; a block that does not fit starts a new page,
and every page gets the same footer. Text is set in :func:`fonts.report_families` (a Latin face, then a Japanese one).
Paths and file names that do not fit are shortened in the middle with ``QFontMetricsF.elidedText``, which cuts
between characters, never inside one. The PDF is drawn into memory (:meth:`PdfCanvas.finish` returns its
bytes); ``headless.write_pdf`` writes it atomically, so a failed write leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from badbatch_gui.gui.report.fonts import report_families

DPI = 300
MARGIN_MM = 14.0
INK = QColor("#1a1a1a")
MUTED = QColor("#5f6368")
RULE = QColor("#c8ccd0")
ACCENT = QColor("#1f4e9c")
WARN = QColor("#b00020")


def mm(x: float) -> float:
    """Millimetres to the writer's device pixels."""
    return x * DPI / 25.4


def rgb_image(pixels: np.ndarray) -> QImage:
    """A QImage owning a copy of ``pixels``. Shape: (h, w, 3) uint8 RGB."""
    arr = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class PdfCanvas:
    """One report being drawn: ``begin`` with :meth:`__init__`, add blocks, then :meth:`save`."""

    def __init__(self, title: str, footer: str) -> None:
        self._bytes = QByteArray()
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self._buffer)
        self.writer.setResolution(DPI)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.writer.setTitle(title)
        self.writer.setCreator("BadBatch Studio")
        self.families = report_families()
        self.mono_families = report_families(mono=True)
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise OSError("the PDF writer could not start")
        self.page_rect = QRectF(self.writer.pageLayout().paintRectPixels(DPI))
        self.width = self.page_rect.width()
        self.footer = footer
        self.page = 1
        self.y = 0.0
        self.bottom = self.page_rect.height() - mm(9)  # room for the footer

    # ------------------------------------------------------------------ fonts and text
    def font(self, pt: float, bold: bool = False, mono: bool = False) -> QFont:
        """The report's font at ``pt`` points (its families, a Japanese one among them when installed; ``mono``: hashes)."""
        f = QFont()
        f.setFamilies(self.mono_families if mono else self.families)
        f.setPointSizeF(pt)
        f.setBold(bold)
        return f

    def elided(self, text: str, font: QFont, width: float) -> str:
        """``text`` shortened in the middle with an ellipsis to fit ``width`` (whole characters only)."""
        return QFontMetricsF(font, self.writer).elidedText(text, Qt.TextElideMode.ElideMiddle, width)

    def _text_height(self, text: str, font: QFont, width: float) -> float:
        self.painter.setFont(font)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        return self.painter.boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def _draw_text(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        colour: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(rect, int(Qt.TextFlag.TextWordWrap) | int(align), text)

    # ------------------------------------------------------------------ pages
    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` device pixels still fit on this one."""
        if self.y + height > self.bottom and self.y > 0:
            self.new_page()

    def new_page(self) -> None:
        """Finish the page with its footer and start the next one."""
        self._draw_footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def _draw_footer(self) -> None:
        font = self.font(7.5)
        rect = QRectF(0, self.page_rect.height() - mm(6), self.width, mm(6))
        self.painter.setPen(QPen(RULE, mm(0.2)))
        self.painter.drawLine(rect.topLeft(), rect.topRight())
        self._draw_text(rect.adjusted(0, mm(1.5), 0, 0), self.elided(self.footer, font, self.width * 0.85), font, MUTED)
        self._draw_text(rect.adjusted(0, mm(1.5), 0, 0), str(self.page), font, MUTED, Qt.AlignmentFlag.AlignRight)

    # ------------------------------------------------------------------ blocks
    def title(self, text: str, subtitle: str = "") -> None:
        """The page's title line and its subtitle, with a rule under them."""
        font = self.font(17, bold=True)
        h = self._text_height(text, font, self.width)
        self._draw_text(QRectF(0, self.y, self.width, h), text, font, ACCENT)
        self.y += h + mm(1)
        if subtitle:
            self.paragraph(subtitle, pt=9, colour=MUTED)
        self.painter.setPen(QPen(ACCENT, mm(0.5)))
        self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))
        self.y += mm(3)

    def heading(self, text: str, keep_with: float = mm(20)) -> None:
        """A section heading, kept on the same page as the first ``keep_with`` of what follows."""
        font = self.font(11.5, bold=True)
        h = self._text_height(text, font, self.width)
        self.ensure(h + keep_with + mm(3))
        self.y += mm(2.5)
        self._draw_text(QRectF(0, self.y, self.width, h), text, font, ACCENT)
        self.y += h + mm(1.2)

    def paragraph(
        self, text: str, pt: float = 9.5, colour: QColor = INK, bold: bool = False, indent: float = 0.0
    ) -> None:
        """A wrapped paragraph at the cursor (a new page when it does not fit)."""
        if not text:
            return
        font = self.font(pt, bold)
        width = self.width - indent
        h = self._text_height(text, font, width)
        self.ensure(h)
        self._draw_text(QRectF(indent, self.y, width, h), text, font, colour)
        self.y += h + mm(1.2)

    def bullets(self, items: Sequence[str], pt: float = 9.0, colour: QColor = INK) -> None:
        """A bulleted list, one wrapped paragraph per item."""
        for item in items:
            font = self.font(pt)
            width = self.width - mm(5)
            h = self._text_height(item, font, width)
            self.ensure(h)
            self._draw_text(QRectF(mm(1), self.y, mm(4), h), "•", font, colour)
            self._draw_text(QRectF(mm(5), self.y, width, h), item, font, colour)
            self.y += h + mm(0.8)

    def table(
        self, rows: Sequence[tuple[str, str]], label_width: float = mm(48), pt: float = 9.0, elide: Sequence[int] = ()
    ) -> None:
        """Label / value rows; the values of rows listed in ``elide`` (paths) stay on one line, shortened."""
        label_font, value_font = self.font(pt, bold=True), self.font(pt)
        width = self.width - label_width
        for i, (label, value) in enumerate(rows):
            if i in elide:
                value = self.elided(value, value_font, width)
            h = max(
                self._text_height(label, label_font, label_width - mm(2)), self._text_height(value, value_font, width)
            )
            self.ensure(h)
            self._draw_text(QRectF(0, self.y, label_width - mm(2), h), label, label_font, MUTED)
            self._draw_text(QRectF(label_width, self.y, width, h), value, value_font)
            self.y += h + mm(0.9)
        self.y += mm(1)

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        pt: float = 8.5,
        mono_columns: Sequence[int] = (),
        elide_columns: Sequence[int] = (),
    ) -> None:
        """A table with a header row; ``widths`` are fractions of the page width."""
        fonts = [self.font(pt, mono=i in mono_columns) for i in range(len(widths))]
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w * self.width)
        head_font = self.font(pt, bold=True)
        line = QFontMetricsF(head_font, self.writer).height()
        self.ensure(line * 2)
        for i, text in enumerate(header):
            self._draw_text(QRectF(xs[i], self.y, xs[i + 1] - xs[i] - mm(1.5), line), text, head_font, MUTED)
        self.y += line + mm(0.6)
        self.painter.setPen(QPen(RULE, mm(0.2)))
        self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))
        self.y += mm(0.8)
        for row in rows:
            cells = [
                self.elided(c, fonts[i], xs[i + 1] - xs[i] - mm(1.5)) if i in elide_columns else c
                for i, c in enumerate(row)
            ]
            h = max(self._text_height(c, fonts[i], xs[i + 1] - xs[i] - mm(1.5)) for i, c in enumerate(cells))
            self.ensure(h)
            for i, c in enumerate(cells):
                self._draw_text(QRectF(xs[i], self.y, xs[i + 1] - xs[i] - mm(1.5), h), c, fonts[i])
            self.y += h + mm(0.7)
        self.y += mm(1.5)

    def figures(self, items: Sequence[tuple[str, str, str]]) -> None:
        """Big figures side by side in boxes: (title, value, detail) each."""
        gap = mm(3)
        box_w = (self.width - gap * (len(items) - 1)) / max(1, len(items))
        title_f, value_f, detail_f = self.font(8.5), self.font(16, bold=True), self.font(7.5)
        detail_h = max((self._text_height(d, detail_f, box_w - mm(4)) for _t, _v, d in items), default=0.0)
        box_h = mm(16) + detail_h
        self.ensure(box_h)
        for i, (title, value, detail) in enumerate(items):
            x = i * (box_w + gap)
            self.painter.setPen(QPen(RULE, mm(0.3)))
            self.painter.setBrush(QColor("#f5f7fa"))
            self.painter.drawRoundedRect(QRectF(x, self.y, box_w, box_h), mm(1.5), mm(1.5))
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = box_w - mm(4)
            self._draw_text(QRectF(x + mm(2), self.y + mm(1.5), inner, mm(5)), title, title_f, MUTED)
            self._draw_text(
                QRectF(x + mm(2), self.y + mm(5.5), inner, mm(9)), self.elided(value, value_f, inner), value_f, INK
            )
            self._draw_text(QRectF(x + mm(2), self.y + mm(14), inner, detail_h + mm(1)), detail, detail_f, MUTED)
        self.y += box_h + mm(3)

    def pictures(
        self,
        items: Sequence[tuple[QImage | None, str, str]],
        per_row: int = 8,
        caption_pt: float = 7.0,
        height_mm: float = 22.0,
        overlay: Callable[[QPainter, QRectF, int], None] | None = None,
    ) -> None:
        """A row (or rows) of pictures, aspect kept (None draws an empty frame), each with its file name on one line
        (shortened in the middle when too long) and a detail under it: (picture, name, detail) each.
        ``overlay(painter, picture_rect, index)`` draws over a picture (heat maps, markers).
        """
        gap = mm(2)
        cell_w = (self.width - gap * (per_row - 1)) / per_row
        pic_h = mm(height_mm)
        font = self.font(caption_pt)
        line = QFontMetricsF(font, self.writer).height()
        for start in range(0, len(items), per_row):
            row = items[start : start + per_row]
            captions = [f"{self.elided(name, font, cell_w)}\n{detail}" for _img, name, detail in row]
            cap_h = min(max(self._text_height(c, font, cell_w) for c in captions), line * 3)
            self.ensure(pic_h + cap_h + mm(2))
            for j, ((img, _name, _detail), caption) in enumerate(zip(row, captions, strict=True)):
                x = j * (cell_w + gap)
                frame = QRectF(x, self.y, cell_w, pic_h)
                self.painter.setPen(QPen(RULE, mm(0.2)))
                self.painter.drawRect(frame)
                if img is not None and not img.isNull():
                    scale = min(frame.width() / img.width(), frame.height() / img.height())
                    w, h = img.width() * scale, img.height() * scale
                    target = QRectF(frame.center().x() - w / 2, frame.center().y() - h / 2, w, h)
                    self.painter.drawImage(target, img)
                    if overlay is not None:
                        overlay(self.painter, target, start + j)
                self._draw_text(
                    QRectF(x, self.y + pic_h + mm(0.8), cell_w, cap_h),
                    caption,
                    font,
                    INK,
                    Qt.AlignmentFlag.AlignHCenter,
                )
            self.y += pic_h + cap_h + mm(3)

    def area(self, height: float, draw: Callable[[QPainter, QRectF], None]) -> None:
        """A block of ``height`` device pixels drawn by ``draw(painter, rect)``."""
        self.ensure(height)
        self.painter.save()
        draw(self.painter, QRectF(0, self.y, self.width, height))
        self.painter.restore()
        self.y += height + mm(2)

    # ------------------------------------------------------------------ the file
    def finish(self) -> bytes:
        """End the document; its bytes."""
        self._draw_footer()
        self.painter.end()
        self._buffer.close()
        return bytes(self._bytes.data())
