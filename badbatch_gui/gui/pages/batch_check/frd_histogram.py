"""FrdHistogram: a pyqtgraph histogram of per-batch FRD scores with a draggable threshold line.

Bars above the threshold are drawn in red, the others in the palette's accent colour; a small tick under the
axis marks each batch. Plot items are created once and only updated (``setOpts``/``setData``), and the colours
are re-applied when the system palette changes (pyqtgraph does not follow it on its own).

The x axis keeps its labels apart (:class:`SpacedAxis`: pyqtgraph picks tick spacing from the axis length alone,
so with a large font or a narrow page "0 10 20 30" ran together), and the plot is never shorter than its tick
labels and axis titles need, so the titles are never cut off.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

REJECT_COLOUR = QColor(208, 69, 59)


class SpacedAxis(pg.AxisItem):
    """A horizontal axis whose major ticks are at least one label width plus two characters apart."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        """The tick levels pyqtgraph chooses, widened so that neighbouring labels never overlap."""
        levels: list[tuple[float, float]] = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not levels or span <= 0 or size <= 0:
            return levels
        metrics = QFontMetrics(self.style.get("tickFont") or self.font())
        step = levels[0][0]
        samples = [minVal, maxVal, (minVal + maxVal) / 2]
        widest = max(metrics.horizontalAdvance(t) for t in self.tickStrings(samples, 1.0, step))
        needed = (widest + 2 * metrics.averageCharWidth()) * span / size  # in data units
        if step >= needed:
            return levels
        return [(nice_step(needed), 0.0)]


def nice_step(at_least: float) -> float:
    """The smallest 1, 2 or 5 × 10^k that is at least ``at_least`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(at_least))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= at_least * (1 - 1e-9))


class FrdHistogram(QWidget):
    """Histogram + threshold line.

    Signals:
        threshold_moving(float): the operator is dragging the line (fires continuously).
        threshold_changed(float): the operator released the line at a new value.
    """

    threshold_moving = Signal(float)
    threshold_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frdHistogram")
        self.scores = np.zeros(0, dtype=np.float64)
        self.plot = pg.PlotWidget(axisItems={"bottom": SpacedAxis("bottom")})
        self.plot.setObjectName("frdHistogramPlot")
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        line = QFontMetrics(self.font()).height()
        self.plot.setMinimumHeight(max(170, 9 * line))  # bars, tick labels and the axis title always fit
        self.plot.showGrid(y=True, alpha=0.15)
        self.bars = pg.BarGraphItem(x=[], height=[], width=1.0)
        self.plot.addItem(self.bars)
        self.ticks = pg.ScatterPlotItem(size=9, symbol="t1", pen=None)
        self.plot.addItem(self.ticks)
        self.line = pg.InfiniteLine(
            pos=0.0, angle=90, movable=True, label="{value:.3g}", labelOpts={"position": 0.92, "movable": False}
        )
        self.line.setZValue(10)
        self.line.setVisible(False)
        self.plot.addItem(self.line)
        self.line.sigPositionChanged.connect(self._on_line_moved)
        self.line.sigPositionChangeFinished.connect(self._on_line_released)
        self._silent = False
        self._edges = np.zeros(0)
        self._counts = np.zeros(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.set_labels("batch score", "batches")
        self._apply_palette()

    def set_labels(self, x_label: str, y_label: str, line_label: str = "") -> None:
        """Axis titles and the word before the threshold line's value (translated by the page)."""
        self.plot.setLabel("bottom", x_label)
        self.plot.setLabel("left", y_label)
        if line_label:
            self.line.label.format = line_label.replace("{", "{{").replace("}", "}}") + " {value:.3g}"
            self.line.label.valueChanged()

    def axis_titles(self) -> dict[str, Any]:
        """The axis titles shown (tests): {"bottom": text, "left": text}."""
        return {name: self.plot.getAxis(name).labelText for name in ("bottom", "left")}

    def set_scores(self, scores: np.ndarray, threshold: float | None) -> None:
        """Show ``scores`` (one per batch) and place the line at ``threshold`` (or past the highest score).

        Shape:
            scores: (n_batches,).
        """
        self.scores = np.asarray(scores, dtype=np.float64).ravel()
        s = self.scores[np.isfinite(self.scores)]
        if len(s) == 0:
            self.bars.setOpts(x=[], height=[], width=1.0)
            self.ticks.setData([], [])
            self.line.setVisible(False)
            return
        bins = int(np.clip(np.sqrt(len(s)) * 2, 8, 60))
        lo, hi = float(s.min()), float(s.max())
        if hi - lo < 1e-12:
            lo, hi = lo - 0.5, hi + 0.5
        pad = 0.05 * (hi - lo)
        self._counts, self._edges = np.histogram(s, bins=bins, range=(lo - pad, hi + pad))
        width = float(self._edges[1] - self._edges[0])
        self.bars.setOpts(x=(self._edges[:-1] + width / 2), height=self._counts.astype(float), width=width * 0.92)
        self.ticks.setData(s, np.full(len(s), -0.04 * max(1, self._counts.max())))
        top = max(1.0, float(self._counts.max()))
        self.plot.setYRange(-0.08 * top, top * 1.15, padding=0)
        span = hi - lo + 2 * pad
        self.plot.setXRange(lo - pad - 0.02 * span, hi + pad + 0.12 * span, padding=0)
        self.line.setBounds((lo - pad - 0.02 * span, hi + pad + 0.12 * span))
        self.line.setVisible(True)
        self.set_threshold(threshold if threshold is not None else hi + pad + 0.05 * span)

    def set_threshold(self, value: float) -> None:
        """Move the line without emitting the operator signals."""
        self._silent = True
        try:
            self.line.setValue(float(value))
        finally:
            self._silent = False
        self._recolour(float(value))

    def threshold(self) -> float:
        """The line's position."""
        return float(self.line.value())

    def rejected_count(self, value: float | None = None) -> int:
        """How many batch scores lie above ``value`` (default: the line)."""
        v = self.threshold() if value is None else float(value)
        return int(np.sum(self.scores > v))

    def _recolour(self, value: float) -> None:
        if len(self._edges) < 2:
            return
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        centres = (self._edges[:-1] + self._edges[1:]) / 2
        brushes = [pg.mkBrush(REJECT_COLOUR if c > value else accent) for c in centres]
        self.bars.setOpts(brushes=brushes, pens=[pg.mkPen(None)] * len(brushes))
        self.ticks.setBrush([pg.mkBrush(REJECT_COLOUR if s > value else accent) for s in self.scores if np.isfinite(s)])

    def _on_line_moved(self) -> None:
        value = self.threshold()
        self._recolour(value)
        if not self._silent:
            self.threshold_moving.emit(value)

    def _on_line_released(self) -> None:
        if not self._silent:
            self.threshold_changed.emit(self.threshold())

    # ------------------------------------------------------------------ theme
    def changeEvent(self, event: QEvent) -> None:
        """Recolour the plot when the palette (light/dark theme) changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        pal = self.palette()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        self.plot.setBackground(base)
        for name in ("bottom", "left"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        self.line.setPen(pg.mkPen(text, width=2))
        self.line.setHoverPen(pg.mkPen(REJECT_COLOUR, width=3))
        self.line.label.setColor(text)
        self._recolour(self.threshold())
