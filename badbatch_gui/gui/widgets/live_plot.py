"""Live training plots (pyqtgraph) that never stall the window (gui_conventions.md §2).

- Each curve is created once; new points go into preallocated float64 buffers that double when full, and
  the curve only ever gets ``setData`` with views of those buffers.
- Redraws are paced by a single-shot GUI-side QTimer: at most one redraw per :data:`REDRAW_MS`
  (≤ 10 per second) however fast points arrive, and none at all while nothing changed.
- ``setDownsampling(auto=True, mode='peak')``, ``setClipToView(True)``, cosmetic width-1 pens,
  ``skipFiniteCheck`` (non-finite points are dropped on append), no OpenGL.
- pyqtgraph ignores the Qt palette, so colours are re-applied on every palette change (light/dark).
- Panning or zooming a plot turns its autoscale off (pyqtgraph's ViewBox does this); the small "A" button
  in the corner turns it back on.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QGridLayout, QToolTip, QVBoxLayout, QWidget

from badbatch_gui.gui.widgets.units import format_duration

REDRAW_MS = 100  # at most 10 redraws per second

# role -> (colour on a light background, colour on a dark background)
COLOURS = {
    "raw": ("#9ec5e8", "#35608a"),
    "smooth": ("#1f4e9c", "#8cc4ff"),
    "speed": ("#2e7d32", "#7bd88f"),
    "allocated": ("#6a3d9a", "#c9a0ff"),
    "reserved": ("#e07b00", "#ffb347"),
    "rss": ("#6a3d9a", "#c9a0ff"),
    "rejected": ("#b00020", "#ff6b6b"),
    "limit": ("#b00020", "#ff6b6b"),
    "forecast": ("#555555", "#bbbbbb"),
}


class SeriesBuffer:
    """Growable x/y float64 arrays (capacity doubles when full); x must increase.

    Appending an x that is not after the last one first drops the points from that x on, which is what a
    resumed run needs: steps done after the last checkpoint are done again and replace the lost ones.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self._x = np.empty(capacity, dtype=np.float64)
        self._y = np.empty(capacity, dtype=np.float64)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        """Add one point."""
        if self.n and x <= self._x[self.n - 1]:
            self.n = int(np.searchsorted(self._x[:self.n], x, side="left"))
        if self.n == self._x.shape[0]:
            cap = 2 * self._x.shape[0]
            self._x = np.resize(self._x, cap)
            self._y = np.resize(self._y, cap)
        self._x[self.n] = x
        self._y[self.n] = y
        self.n += 1

    def clear(self) -> None:
        """Drop every point (capacity kept)."""
        self.n = 0

    @property
    def capacity(self) -> int:
        """Allocated points."""
        return int(self._x.shape[0])

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        """Views (not copies) of the filled part.

        Shape:
            two float64 arrays of shape (n,).
        """
        return self._x[:self.n], self._y[:self.n]

    def y_at(self, x: float) -> float | None:
        """The y of the last point at or before ``x`` (None before the first point)."""
        i = int(np.searchsorted(self._x[:self.n], x, side="right")) - 1
        return float(self._y[i]) if i >= 0 else None


class LivePlot(QWidget):
    """One pyqtgraph plot with named curves fed point by point, redrawn at most 10 times a second."""

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._widget = pg.PlotWidget(parent=self)
        self._widget.setObjectName("livePlotCanvas")
        self.plot_item = self._widget.getPlotItem()
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.plot_item.setClipToView(True)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self.plot_item.setLabel("left", y_label)
        self.plot_item.setLabel("bottom", self.tr("step"))
        self.plot_item.setMenuEnabled(False)
        for axis in ("left", "bottom"):
            self.plot_item.getAxis(axis).enableAutoSIPrefix(False)
        self._legend = self.plot_item.addLegend(offset=(-10, 10))
        self._curves: dict[str, tuple[pg.PlotDataItem, SeriesBuffer, str, Qt.PenStyle]] = {}
        self._lines: dict[str, tuple[pg.InfiniteLine, str]] = {}
        self._dirty: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._on_redraw)
        self.redraws = 0
        self.time_at: Callable[[float], float | None] | None = None
        self._widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._widget)
        self._apply_theme()

    def add_curve(self, key: str, name: str, role: str, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
        """Create a curve once (before any point is added)."""
        item = self.plot_item.plot(name=name, skipFiniteCheck=True)
        self._curves[key] = (item, SeriesBuffer(), role, style)
        self._apply_theme()

    def add_hline(self, key: str, label: str, role: str) -> None:
        """Create a hidden horizontal reference line (e.g. memory capacity); :meth:`set_hline` shows it."""
        line = pg.InfiniteLine(angle=0, movable=False, label=label,
                               labelOpts={"position": 0.02, "anchors": [(0, 0), (0, 0)]})
        line.setVisible(False)
        self.plot_item.addItem(line, ignoreBounds=False)
        self._lines[key] = (line, role)
        self._apply_theme()

    def set_hline(self, key: str, value: float | None) -> None:
        """Move a reference line to ``value``; None hides it."""
        line, _ = self._lines[key]
        line.setVisible(value is not None and math.isfinite(value))
        if value is not None and math.isfinite(value):
            line.setValue(value)

    def append(self, key: str, x: float, y: float) -> None:
        """Add a point (non-finite values are ignored) and schedule a redraw."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        self._curves[key][1].append(x, y)
        self._mark(key)

    def clear(self) -> None:
        """Remove every point (curves and lines stay, lines are hidden)."""
        for key, (_, buf, _, _) in self._curves.items():
            buf.clear()
            self._mark(key)
        for key in self._lines:
            self.set_hline(key, None)

    def set_count_axis(self) -> None:
        """The y values are counts: never below zero, at least 0..2 shown."""
        self.plot_item.vb.setLimits(yMin=-0.2, minYRange=2.0)

    def set_curve_visible(self, key: str, visible: bool) -> None:
        """Show or hide one curve (e.g. CUDA curves on a CPU run); a hidden curve leaves the legend."""
        item = self._curves[key][0]
        if item.isVisible() == visible and (self._legend.getLabel(item) is not None) == visible:
            return
        item.setVisible(visible)
        self._legend.removeItem(item)
        if visible:
            self._legend.addItem(item, item.name())

    def point_count(self, key: str) -> int:
        """Points buffered for a curve."""
        return self._curves[key][1].n

    def drawn_count(self, key: str) -> int:
        """Points the curve item currently holds (after the last redraw)."""
        x = self._curves[key][0].xData
        return 0 if x is None else int(len(x))

    def buffer(self, key: str) -> SeriesBuffer:
        """The buffer behind a curve."""
        return self._curves[key][1]

    def flush(self) -> None:
        """Redraw now (tests, screenshots)."""
        self._timer.stop()
        self._on_redraw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """pyqtgraph does not follow the palette: re-apply colours when it changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)

    def _mark(self, key: str) -> None:
        self._dirty.add(key)
        if not self._timer.isActive():
            self._timer.start()

    def _on_redraw(self) -> None:
        dirty, self._dirty = self._dirty, set()
        for key in dirty:
            item, buf, _, _ = self._curves[key]
            x, y = buf.view()
            item.setData(x, y, skipFiniteCheck=True)
        if dirty:
            self.redraws += 1

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if not self.plot_item.sceneBoundingRect().contains(pos):
            return
        x = self.plot_item.vb.mapSceneToView(pos).x()
        if self.time_at is None or x < 0:
            return
        elapsed = self.time_at(x)
        if elapsed is None:
            return
        text = self.tr("Step {0} — {1} after the start").format(int(round(x)), format_duration(elapsed))
        QToolTip.showText(self._widget.mapToGlobal(self._widget.mapFromScene(pos)), text, self._widget)

    def _apply_theme(self) -> None:
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        fg = pal.color(QPalette.ColorRole.Text)
        self._widget.setBackground(pal.color(QPalette.ColorRole.Base))
        for axis in ("left", "bottom"):
            ax = self.plot_item.getAxis(axis)
            ax.setPen(pg.mkPen(fg, width=1, cosmetic=True))
            ax.setTextPen(pg.mkPen(fg))
        self.plot_item.setTitle(self._title, color=fg.name(), size="10pt")
        self._legend.setLabelTextColor(fg)
        for item, _, role, style in self._curves.values():
            item.setPen(pg.mkPen(QColor(COLOURS[role][1 if dark else 0]), width=1, cosmetic=True, style=style))
        for line, role in self._lines.values():
            colour = QColor(COLOURS[role][1 if dark else 0])
            line.setPen(pg.mkPen(colour, width=1, cosmetic=True, style=Qt.PenStyle.DashLine))
            line.label.setColor(colour)


class TrainingPlots(QWidget):
    """The Train page's four plots: loss (raw + smoothed), images/s, memory, rejected batches.

    Feed it StepMetrics (or the same fields as a dict, e.g. replayed from metrics.jsonl) with
    :meth:`add_metrics`; the x-axis is the step, wall time shows in the tooltip.
    """

    EMA_ALPHA = 0.05

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlots")
        gib = self.tr("GB")
        self.loss = LivePlot(self.tr("Loss (lower is better)"), self.tr("loss"), self)
        self.loss.add_curve("raw", self.tr("each step"), "raw")
        self.loss.add_curve("smooth", self.tr("smoothed"), "smooth")
        self.speed = LivePlot(self.tr("Speed"), self.tr("images per second"), self)
        self.speed.add_curve("speed", self.tr("images/s"), "speed")
        self.memory = LivePlot(self.tr("Memory in use"), gib, self)
        self.memory.add_curve("allocated", self.tr("graphics card: used"), "allocated")
        self.memory.add_curve("reserved", self.tr("graphics card: reserved"), "reserved", Qt.PenStyle.DashLine)
        self.memory.add_curve("rss", self.tr("computer memory (this app)"), "rss")
        self.memory.add_hline("total", self.tr("capacity"), "limit")
        self.memory.add_hline("forecast", self.tr("forecast"), "forecast")
        self.rejected = LivePlot(self.tr("Batches skipped as unrepresentative"), self.tr("batches"), self)
        self.rejected.add_curve("rejected", self.tr("skipped so far"), "rejected")
        self.rejected.set_count_axis()
        for i, plot in enumerate((self.loss, self.speed, self.memory, self.rejected)):
            plot.setObjectName(("lossPlot", "speedPlot", "memoryPlot", "rejectedPlot")[i])
            plot.time_at = self._time_at
        self.loss.setToolTip(self.tr("How well the encoder tells photos apart; it should go down and level off."))
        self.speed.setToolTip(self.tr("How many photos training processes per second."))
        self.memory.setToolTip(self.tr("Memory used by training, against what the device has."))
        self.rejected.setToolTip(self.tr("Batches that looked unlike the rest of the folder and were not "
                                         "trained on (curation)."))
        self._time = SeriesBuffer()
        self._ema: float | None = None
        self._last_step = -1.0
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.loss, 0, 0)
        lay.addWidget(self.speed, 0, 1)
        lay.addWidget(self.memory, 1, 0)
        lay.addWidget(self.rejected, 1, 1)
        self._show_memory_kind(cuda=False)

    def plots(self) -> tuple[LivePlot, ...]:
        """All four plots."""
        return (self.loss, self.speed, self.memory, self.rejected)

    def clear(self) -> None:
        """Start over (new run)."""
        for plot in self.plots():
            plot.clear()
        self._time.clear()
        self._ema, self._last_step = None, -1.0

    def load_history(self, records: list) -> None:
        """Replace the plots with a recorded run (StepMetrics objects or dicts; other lines are ignored)."""
        self.clear()
        for rec in records:
            if isinstance(rec, dict) and "step" not in rec:
                continue
            self.add_metrics(rec)
        for plot in self.plots():
            plot.flush()

    def load_columns(self, cols: dict[str, np.ndarray]) -> None:
        """Replace the plots with a recorded run given as columns (``core.runs.read_metrics``: float64 arrays,
        NaN where missing; ``epoch_*`` columns are ignored).

        Shape:
            each step column (n_steps,).
        """
        keys = [k for k in cols if not k.startswith("epoch_")]
        n = len(cols.get("step", ()))
        self.clear()
        for i in range(n):
            rec = {k: (float(cols[k][i]) if math.isfinite(cols[k][i]) else None) for k in keys}
            rec["skipped"] = bool(rec.get("skipped"))
            self.add_metrics(rec)
        self.flush()

    def set_memory_forecast(self, nbytes: int | None) -> None:
        """Draw the forecast peak as a dashed line on the memory plot (None hides it)."""
        self.memory.set_hline("forecast", nbytes / 2**30 if nbytes else None)

    def add_metrics(self, m: object) -> None:
        """Add one step's figures."""
        get = m.get if isinstance(m, dict) else (lambda k, d=None: getattr(m, k, d))
        step = float(get("step", 0))
        if step <= self._last_step:  # a resumed run redoes steps after its last checkpoint
            self._ema = None
        self._last_step = step
        self._time.append(step, float(get("elapsed_s", 0.0) or 0.0))
        loss = get("loss")
        if not get("skipped", False) and loss is not None and math.isfinite(loss):
            self._ema = loss if self._ema is None else (1 - self.EMA_ALPHA) * self._ema + self.EMA_ALPHA * loss
            self.loss.append("raw", step, loss)
            self.loss.append("smooth", step, self._ema)
        ips = get("images_per_s")
        if ips is not None and not get("skipped", False):
            self.speed.append("speed", step, float(ips))
        alloc, reserved, total = get("cuda_allocated"), get("cuda_reserved"), get("cuda_total")
        if alloc is not None:
            self._show_memory_kind(cuda=True)
            self.memory.append("allocated", step, alloc / 2**30)
            if reserved is not None:
                self.memory.append("reserved", step, reserved / 2**30)
            if total:
                self.memory.set_hline("total", total / 2**30)
        elif get("rss_bytes") is not None:
            self.memory.append("rss", step, get("rss_bytes") / 2**30)
        rej = get("rejected_batches")
        if rej is not None:
            self.rejected.append("rejected", step, float(rej))

    def flush(self) -> None:
        """Redraw every plot now."""
        for plot in self.plots():
            plot.flush()

    def _time_at(self, step: float) -> float | None:
        return self._time.y_at(step)

    def _show_memory_kind(self, cuda: bool) -> None:
        self.memory.set_curve_visible("allocated", cuda)
        self.memory.set_curve_visible("reserved", cuda)
        self.memory.set_curve_visible("rss", not cuda)
