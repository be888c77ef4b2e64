"""MemoryBar: the memory forecast as stacked parts over the device's capacity, with a plain verdict line.

The page turns a core ``MemoryForecast`` into ``(label, bytes)`` parts; this widget only draws. During
training :meth:`MemoryBar.set_live` adds a marker for the memory actually in use.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

from badbatch_gui.gui.text import memory_text
from badbatch_gui.gui.text.units import format_bytes

# Verdict -> (light colour, dark colour) of the verdict text and the bar outline.
VERDICT_COLOURS = {
    "ok": ("#1b7f3b", "#5fd38a"),
    "tight": ("#9a6100", "#f0b000"),
    "too_big": ("#b00020", "#ff6b6b"),
    "unknown": ("#555555", "#aaaaaa"),
}
PART_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948")
MIN_PART_PX = 4.0


class _Bar(QWidget):
    """The painted bar itself (parts left to right, capacity = full width, live-use marker)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parts: list[tuple[str, int]] = []
        self.capacity: int | None = None
        self.live: int | None = None
        self.outline = QColor("#555555")
        self.setMinimumHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 22)

    def paintEvent(self, event: QEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -1.5, -1.5)
        p.fillRect(r, self.palette().color(QPalette.ColorRole.Base))
        total = sum(b for _, b in self.parts)
        scale_to = max(self.capacity or 0, total, self.live or 0, 1)
        x = r.left()
        for i, (_, nbytes) in enumerate(self.parts):
            # every part at least MIN_PART_PX wide: a need of 1 % of the memory would otherwise be an empty bar,
            # which reads as "nothing measured" (the legend gives the exact sizes)
            w = max(r.width() * nbytes / scale_to, MIN_PART_PX if nbytes > 0 else 0.0)
            p.fillRect(QRectF(x, r.top(), w, r.height()), QColor(PART_COLOURS[i % len(PART_COLOURS)]))
            x += w
        if self.capacity and total > self.capacity:  # the part that does not fit, hatched over the end
            cx = r.left() + r.width() * self.capacity / scale_to
            p.fillRect(QRectF(cx, r.top(), r.right() - cx, r.height()), QColor(255, 0, 0, 70))
            p.setPen(QPen(self.outline, 2))
            p.drawLine(int(cx), int(r.top()), int(cx), int(r.bottom()))
        if self.live:
            lx = r.left() + r.width() * self.live / scale_to
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Text), 2, Qt.PenStyle.DashLine))
            p.drawLine(int(lx), int(r.top()), int(lx), int(r.bottom()))
        pen = QPen(self.outline, 1)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawRect(r)
        p.end()


class MemoryBar(QWidget):
    """Forecast bar + legend + verdict sentence.

    Call :meth:`set_forecast` with the parts, the capacity and a verdict ("ok", "tight", "too_big",
    "unknown") plus the sentence to show; :meth:`clear` returns to the "not measured yet" state.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memoryBar")
        self._verdict = "unknown"
        self._bar = _Bar(self)
        self._bar.setObjectName("memoryBarGraphic")
        self._legend = QLabel(self)
        self._legend.setObjectName("memoryBarLegend")
        self._legend.setWordWrap(True)
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._verdict_label = QLabel(self)
        self._verdict_label.setObjectName("memoryVerdict")
        self._verdict_label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self._bar)
        lay.addWidget(self._legend)
        lay.addWidget(self._verdict_label)
        self.setToolTip(
            self.tr(
                "How much memory training will need, measured with one trial batch, "
                "compared with what this computer has."
            )
            + "\n\n"
            + memory_text.parts_tip()
        )
        self.clear()

    @property
    def verdict(self) -> str:
        """The last verdict shown ("ok", "tight", "too_big" or "unknown")."""
        return self._verdict

    def verdict_text(self) -> str:
        """The verdict sentence currently shown."""
        return self._verdict_label.text()

    def clear(self, message: str = "") -> None:
        """Forget the forecast; show ``message`` (default: how to get one)."""
        self._bar.parts, self._bar.capacity, self._bar.live = [], None, None
        self._legend.setText("")
        self._set_verdict("unknown", message or self.tr("Memory not measured yet. Press “Check memory”."))
        self._bar.update()

    def set_forecast(
        self, parts: Sequence[tuple[str, int]], capacity: int | None, capacity_label: str, verdict: str, text: str
    ) -> None:
        """Show a forecast.

        Args:
            parts: (plain label, bytes) per component, drawn left to right.
            capacity: usable bytes of the device (None when unknown).
            capacity_label: what the capacity is, e.g. "graphics card (NVIDIA RTX 3060)" or "computer memory".
            verdict: "ok", "tight", "too_big" or "unknown".
            text: the plain verdict sentence.
        """
        self._bar.parts = [(str(label), int(max(0, b))) for label, b in parts]
        self._bar.capacity = int(capacity) if capacity else None
        total = sum(b for _, b in self._bar.parts)
        cells = [
            f'<td nowrap><span style="color:{PART_COLOURS[i % len(PART_COLOURS)]}">■</span>&nbsp;{label}'
            f"&nbsp;{format_bytes(b)}&nbsp;&nbsp;</td>"
            for i, (label, b) in enumerate(self._bar.parts)
        ]
        rows = "".join("<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2))
        summary = self.tr("Needs {0} of {1} ({2})").format(
            format_bytes(total), format_bytes(capacity) if capacity else self.tr("unknown"), capacity_label
        )
        self._legend.setText(f'<table cellspacing="0" cellpadding="0">{rows}</table>{summary}')
        self._set_verdict(verdict, text)
        self._bar.update()

    def set_live(self, used: int | None) -> None:
        """Mark the memory in use right now (dashed line); None removes the marker."""
        self._bar.live = int(used) if used else None
        self._bar.update()

    def changeEvent(self, event: QEvent) -> None:
        """Re-colour the verdict when the colour scheme changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._set_verdict(self._verdict, self._verdict_label.text())
        super().changeEvent(event)

    def _set_verdict(self, verdict: str, text: str) -> None:
        self._verdict = verdict if verdict in VERDICT_COLOURS else "unknown"
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colour = QColor(VERDICT_COLOURS[self._verdict][1 if dark else 0])
        self._verdict_label.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        self._verdict_label.setText(text)
        self._bar.outline = colour
