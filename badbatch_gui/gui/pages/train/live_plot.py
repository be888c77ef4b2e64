"""Live training plots (pyqtgraph) that never stall the window (docs/design/gui.md §2).

- Each curve is created once; new points go into preallocated float64 buffers that double when full, and
  the curve only ever gets ``setData`` with views of those buffers.
- Redraws are paced by a GUI-side QTimer (:class:`RedrawPacer`): each plot is redrawn at most once per
  :data:`REDRAW_MS` (≤ 10 per second) however fast points arrive, plots sharing a pacer are drawn one per
  25 ms tick (never all in one block), and nothing is redrawn while nothing changed.
- ``setDownsampling(auto=True, mode='peak')``, ``setClipToView(True)``, cosmetic width-1 pens,
  ``skipFiniteCheck`` (non-finite points are dropped on append), no OpenGL.
- pyqtgraph ignores the Qt palette, so colours are re-applied on every palette change (light/dark).
- The step axis follows the data in coarse steps (≤ 25 % left empty), so axes are re-rendered rarely (they are cached as pixmaps);
  panning or zooming a plot stops the following and the autoscale; the small "A" button restores both.
- The legend is a line of text under the plot, never inside it, so it cannot cover a curve; reference lines are named
  there too (no label on the line itself).
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QGraphicsItem, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from badbatch_gui.gui.plot_colours import COLOURS
from badbatch_gui.gui.text.units import format_duration

REDRAW_MS = 100  # at most 10 redraws per second

# how a legend entry draws its line (pen style, or "points")
WJ = "\u2060"  # word joiner: a legend glyph never breaks across lines
GLYPHS = {Qt.PenStyle.SolidLine: f"—{WJ}—", Qt.PenStyle.DashLine: "–\u00a0–", Qt.PenStyle.DotLine: "·····"}


@dataclass
class LegendEntry:
    """One name in a plot's legend: a curve or a reference line, drawn in ``role``'s colour and ``style``."""

    name: str
    role: str
    style: Qt.PenStyle
    points: bool = False
    visible: bool = True


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
            self.n = int(np.searchsorted(self._x[: self.n], x, side="left"))
        if self.n == self._x.shape[0]:
            cap = 2 * self._x.shape[0]
            self._x = np.resize(self._x, cap)
            self._y = np.resize(self._y, cap)
        self._x[self.n] = x
        self._y[self.n] = y
        self.n += 1

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Add points (x increasing within ``xs``); like :meth:`append` for each.

        Shape:
            xs, ys: (k,) float64.
        """
        k = int(len(xs))
        if k == 0:
            return
        if self.n and xs[0] <= self._x[self.n - 1]:
            self.n = int(np.searchsorted(self._x[: self.n], xs[0], side="left"))
        need = self.n + k
        if need > self._x.shape[0]:
            cap = self._x.shape[0]
            while cap < need:
                cap *= 2
            self._x = np.resize(self._x, cap)
            self._y = np.resize(self._y, cap)
        self._x[self.n : need] = xs
        self._y[self.n : need] = ys
        self.n = need

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
        return self._x[: self.n], self._y[: self.n]

    def y_at(self, x: float) -> float | None:
        """The y of the last point at or before ``x`` (None before the first point)."""
        i = int(np.searchsorted(self._x[: self.n], x, side="right")) - 1
        return float(self._y[i]) if i >= 0 else None


class RedrawPacer(QObject):
    """Paces the redraws of several plots from one GUI-side timer.

    Every :data:`TICK_MS` at most ONE dirty plot is redrawn — the one waiting longest — and a plot is redrawn
    at most once per :data:`REDRAW_MS` (≤ 10 per second). Four plots that get data at the same moment are
    therefore drawn 25 ms apart instead of in one long block, which keeps the GUI thread's longest stall
    short. The timer stops when nothing is dirty.
    """

    TICK_MS = 25

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dirty: dict[LivePlot, None] = {}
        self._last: dict[LivePlot, float] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    def mark(self, plot: LivePlot) -> None:
        """``plot`` has new data."""
        self._dirty.setdefault(plot)
        if not self._timer.isActive():
            self._timer.start()
            self._on_tick()

    def flush(self) -> None:
        """Redraw every dirty plot now."""
        for plot in list(self._dirty):
            self._draw(plot)

    def _on_tick(self) -> None:
        if not self._dirty:
            self._timer.stop()
            return
        now = time.monotonic()
        due = [p for p in self._dirty if now - self._last.get(p, -1e9) >= REDRAW_MS / 1000]
        if due:
            self._draw(min(due, key=lambda p: self._last.get(p, -1e9)))

    def _draw(self, plot: LivePlot) -> None:
        self._dirty.pop(plot, None)
        self._last[plot] = time.monotonic()
        plot.redraw()


class LivePlot(QWidget):
    """One pyqtgraph plot with named curves fed point by point, redrawn at most 10 times a second."""

    def __init__(
        self, title: str, y_label: str, parent: QWidget | None = None, pacer: RedrawPacer | None = None
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._pacer = pacer if pacer is not None else RedrawPacer(self)
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
            ax = self.plot_item.getAxis(axis)
            ax.enableAutoSIPrefix(False)
            # keep the rendered axis as a pixmap: re-drawing tick labels on every curve update cost ~4 ms each
            ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._legend: dict[str, LegendEntry] = {}  # by curve / line key, in the order added
        self.legend_label = QLabel(self)
        self.legend_label.setObjectName("plotLegend")
        self.legend_label.setWordWrap(False)
        self.legend_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._legend_parts: list[tuple[str, str]] = []  # (rich text, plain text) of each shown entry
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.legend_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # The x-range follows the data in coarse steps (not on every point), so the step axis is re-drawn a
        # few times per decade instead of on every update. y autoscale stays on. Panning or zooming stops the
        # following; the "A" button in the corner restores it.
        self._follow = True
        vb = self.plot_item.vb
        vb.enableAutoRange(x=False, y=True)
        vb.setAutoVisible(y=True)
        vb.sigRangeChangedManually.connect(self._on_user_range)
        self.plot_item.autoBtn.clicked.connect(self._on_auto_button)
        self._curves: dict[str, tuple[pg.PlotDataItem, SeriesBuffer, str, Qt.PenStyle]] = {}
        self._lines: dict[str, tuple[pg.InfiniteLine, str]] = {}
        self._dirty: set[str] = set()
        self.redraws = 0
        self.time_at: Callable[[float], float | None] | None = None
        self._widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self._widget, 1)
        lay.addWidget(self.legend_label)
        self._apply_theme()

    def add_curve(
        self, key: str, name: str, role: str, style: Qt.PenStyle = Qt.PenStyle.SolidLine, points: bool = False
    ) -> None:
        """Create a curve once (before any point is added); ``points`` marks every point with a dot."""
        item = self.plot_item.plot(name=name, skipFiniteCheck=True, symbol="o" if points else None, symbolSize=6)
        self._curves[key] = (item, SeriesBuffer(), role, style)
        self._legend[key] = LegendEntry(name, role, style, points)
        self._apply_theme()

    def add_hline(self, key: str, label: str, role: str, style: Qt.PenStyle = Qt.PenStyle.DashLine) -> None:
        """Create a hidden horizontal reference line (e.g. memory capacity), named ``label`` in the legend while it
        is shown; :meth:`set_hline` shows it.
        """
        line = pg.InfiniteLine(angle=0, movable=False)
        line.setVisible(False)
        self.plot_item.addItem(line, ignoreBounds=False)
        self._lines[key] = (line, role)
        self._legend[key] = LegendEntry(label, role, style, visible=False)
        self._apply_theme()

    def set_hline(self, key: str, value: float | None) -> None:
        """Move a reference line to ``value``; None hides it."""
        line, _ = self._lines[key]
        shown = value is not None and math.isfinite(value)
        line.setVisible(shown)
        if value is not None and shown:
            line.setValue(value)
        if self._legend[key].visible != shown:
            self._legend[key].visible = shown
            self._update_legend()

    def append(self, key: str, x: float, y: float) -> None:
        """Add a point (non-finite values are ignored) and schedule a redraw."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        self._curves[key][1].append(x, y)
        self._mark(key)

    def extend(self, key: str, xs: np.ndarray, ys: np.ndarray) -> None:
        """Add points (rows with a non-finite value are dropped) and schedule a redraw.

        Shape:
            xs, ys: (k,) float64.
        """
        keep = np.isfinite(xs) & np.isfinite(ys)
        if keep.any():
            self._curves[key][1].extend(xs[keep], ys[keep])
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
        if item.isVisible() == visible and self._legend[key].visible == visible:
            return
        item.setVisible(visible)
        self._legend[key].visible = visible
        self._update_legend()

    def legend_names(self) -> list[str]:
        """The names the legend shows now, in order."""
        return [e.name for e in self._legend.values() if e.visible]

    def _update_legend(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self._legend_parts = []
        for e in self._legend.values():
            if not e.visible:
                continue
            glyph = f"—{WJ}●{WJ}—" if e.points else GLYPHS.get(e.style, f"—{WJ}—")
            colour = COLOURS[e.role][1 if dark else 0]
            self._legend_parts.append(
                (
                    f'<span style="color:{colour}; font-weight:bold">{glyph}</span>&nbsp;{html.escape(e.name)}',
                    f"{glyph} {e.name}",
                )
            )
        self._layout_legend()

    def _layout_legend(self) -> None:
        """Lay the legend's entries out in lines that fit the plot's width, breaking only between entries (Qt's own
        wrapping breaks inside an entry at a dash).
        """
        parts = getattr(self, "_legend_parts", [])
        self.legend_label.setVisible(bool(parts))
        if not parts:
            return
        fm = QFontMetrics(self.legend_label.font())
        width, gap = max(120, self.width() - 12), fm.horizontalAdvance("    ")
        lines: list[list[str]] = [[]]
        used = 0
        for rich, plain in parts:
            w = fm.horizontalAdvance(plain) + gap
            if lines[-1] and used + w > width:
                lines.append([])
                used = 0
            lines[-1].append(rich)
            used += w
        self.legend_label.setText("<br>".join("&nbsp;&nbsp;&nbsp; ".join(line) for line in lines))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-break the legend's lines for the new width."""
        super().resizeEvent(event)
        self._layout_legend()

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
        self.redraw()

    def redraw(self) -> None:
        """Give the dirty curves their buffers' current points (called by the pacer)."""
        dirty, self._dirty = self._dirty, set()
        for key in dirty:
            item, buf, _, _ = self._curves[key]
            x, y = buf.view()
            item.setData(x, y, skipFiniteCheck=True)
        if dirty:
            self.redraws += 1
            if self._follow:
                self._follow_x()

    def _follow_x(self) -> None:
        bufs = [b for _, b, _, _ in self._curves.values() if b.n]
        if not bufs:
            return
        lo = min(float(b.view()[0][0]) for b in bufs)
        hi = max(float(b.view()[0][-1]) for b in bufs)
        span = _nice_ceiling(max(hi - lo, 1.0) * 1.1)
        v_lo, v_hi = self.plot_item.vb.viewRange()[0]
        if lo < v_lo or hi > v_hi or (v_hi - v_lo) > 2.5 * span:
            self.plot_item.vb.setXRange(lo, lo + span, padding=0.02)

    def _on_user_range(self, *_: object) -> None:
        self._follow = False

    def _on_auto_button(self) -> None:
        self._follow = True
        self.plot_item.vb.enableAutoRange(x=False, y=True)
        self._follow_x()

    def changeEvent(self, event: QEvent) -> None:
        """Re-apply the plot's colours when the palette changes (pyqtgraph does not follow it)."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)

    def _mark(self, key: str) -> None:
        self._dirty.add(key)
        self._pacer.mark(self)

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
        legend_pal = self.legend_label.palette()  # the legend continues the plot's background below it
        legend_pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.Base))
        legend_pal.setColor(QPalette.ColorRole.WindowText, fg)
        self.legend_label.setPalette(legend_pal)
        self.legend_label.setAutoFillBackground(True)
        for axis in ("left", "bottom"):
            ax = self.plot_item.getAxis(axis)
            ax.setPen(pg.mkPen(fg, width=1, cosmetic=True))
            ax.setTextPen(pg.mkPen(fg))
        self.plot_item.setTitle(self._title, color=fg.name(), size="10pt")
        for key, (item, _, role, style) in self._curves.items():
            colour = QColor(COLOURS[role][1 if dark else 0])
            item.setPen(pg.mkPen(colour, width=1, cosmetic=True, style=style))
            if self._legend[key].points:
                item.setSymbolBrush(pg.mkBrush(colour))
                item.setSymbolPen(pg.mkPen(colour))
        for key, (line, role) in self._lines.items():
            colour = QColor(COLOURS[role][1 if dark else 0])
            line.setPen(pg.mkPen(colour, width=1, cosmetic=True, style=self._legend[key].style))
        self._update_legend()


def _nice_ceiling(x: float) -> float:
    """The smallest m × 10^k at least ``x``, m in 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (≤ 25 % left empty)."""
    k = 10.0 ** math.floor(math.log10(x))
    return next(m * k for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0) if m * k >= x)
