"""MapView: a pyqtgraph scatter of a folder's map (one dot per photo), with hover, click and area selection by box
or lasso (the legend is the panel's, beside the plot, so it never hides dots).

Plot items are created once and only updated (``setData``; docs/design/gui.md §2). Hover and clicks find the dot
nearest the pointer within a few screen pixels (one vectorised distance over the dots, microseconds at 10,000);
the selection outline is drawn in the view and the dots inside it are found with an even–odd ray test. Colours
follow the system palette (pyqtgraph does not on its own).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

DRAG_MODES = ("pan", "box", "lasso")
HOVER_PIXELS = 8.0
DOT_SIZE = 8


def points_in_polygon(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Which points lie inside a polygon (even–odd rule).

    Shape: points (N, 2), polygon (M, 2) with M ≥ 3 -> (N,) bool.
    """
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    poly = np.asarray(polygon, dtype=np.float64).reshape(-1, 2)
    inside = np.zeros(len(pts), dtype=bool)
    if len(poly) < 3 or not len(pts):
        return inside
    x, y = pts[:, 0], pts[:, 1]
    x0, y0 = poly[:, 0], poly[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    for ax, ay, bx, by in zip(x0, y0, x1, y1, strict=True):
        crosses = (ay > y) != (by > y)
        if not crosses.any():
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            at = ax + (y - ay) * (bx - ax) / (by - ay)
        inside ^= crosses & (x < at)
    return inside


class MapViewBox(pg.ViewBox):
    """A ViewBox whose left-button drag selects (box or lasso) instead of panning, when asked.

    Signals:
        area_selected(object, bool): the outline (M, 2) in map coordinates, and whether Shift was held (add to the
            selection).
    """

    area_selected = Signal(object, bool)

    def __init__(self) -> None:
        super().__init__()
        self.drag_mode = "pan"
        self._trace: list[tuple[float, float]] = []
        self.outline = pg.PlotCurveItem(pen=pg.mkPen(QColor(30, 136, 229), width=1, style=Qt.PenStyle.DashLine))
        self.outline.setZValue(20)
        self.outline.setVisible(False)
        self.addItem(self.outline, ignoreBounds=True)

    def mouseDragEvent(self, ev, axis=None) -> None:  # pyqtgraph's override; ev: its MouseDragEvent
        """A left-button drag draws a box or a lasso and emits ``area_selected``; other drags pan as usual."""
        if self.drag_mode == "pan" or ev.button() != Qt.MouseButton.LeftButton or axis is not None:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        here = self.mapSceneToView(ev.scenePos())
        if ev.isStart():
            start = self.mapSceneToView(ev.buttonDownScenePos())
            self._trace = [(start.x(), start.y())]
        self._trace.append((here.x(), here.y()))
        outline = self._outline()
        closed = np.vstack([outline, outline[:1]])
        self.outline.setData(closed[:, 0], closed[:, 1])
        self.outline.setVisible(True)
        if ev.isFinish():
            self.outline.setVisible(False)
            additive = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.area_selected.emit(outline, additive)
            self._trace = []

    def _outline(self) -> np.ndarray:
        trace = np.asarray(self._trace, dtype=np.float64)
        if self.drag_mode == "box":
            (xa, ya), (xb, yb) = trace[0], trace[-1]
            return np.array([(xa, ya), (xb, ya), (xb, yb), (xa, yb)], dtype=np.float64)
        return trace


class MapView(QWidget):
    """The scatter plot of the map.

    Signals:
        hovered(int, QPoint): the dot under the pointer (-1: none) and the pointer's global position.
        clicked(int): a dot was clicked. double_clicked(int): a dot was double-clicked.
        area_selected(object, bool): the rows inside a box or lasso (int64 array), and "add to the selection".
    """

    hovered = Signal(int, QPoint)
    clicked = Signal(int)
    double_clicked = Signal(int)
    area_selected = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectMapView")
        self.coords = np.zeros((0, 2), dtype=np.float64)
        self.box = MapViewBox()
        self.plot = pg.PlotWidget(viewBox=self.box)
        self.plot.setObjectName("inspectMapPlot")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for name in ("left", "bottom"):
            self.plot.hideAxis(name)
        self.plot.setAspectLocked(False)
        self.scatter = pg.ScatterPlotItem(size=DOT_SIZE, pen=None, antialias=True)
        self.plot.addItem(self.scatter)
        self.ring = pg.ScatterPlotItem(size=DOT_SIZE + 6, brush=None, symbol="o")
        self.ring.setZValue(10)
        self.plot.addItem(self.ring)
        self._hovered = -1
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.box.area_selected.connect(self._on_area)
        self._apply_palette()

    # ------------------------------------------------------------------ data
    def set_points(self, coords: np.ndarray, categories: np.ndarray, colours: Sequence[QColor]) -> None:
        """Dots at ``coords`` (N, 2), each coloured by its category (N,) int indexing ``colours``."""
        self.coords = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
        cats = np.asarray(categories, dtype=np.int64).reshape(-1)
        brushes = [pg.mkBrush(c) for c in colours]
        self.scatter.setData(
            self.coords[:, 0],
            self.coords[:, 1],
            brush=[brushes[int(c)] for c in cats],
            data=np.arange(len(self.coords)),
        )
        self.set_selection(np.zeros(0, dtype=np.int64))
        self.fit()

    def set_selection(self, rows: np.ndarray) -> None:
        """Ring the dots of ``rows``."""
        rows = np.asarray(rows, dtype=np.int64)
        pts = self.coords[rows] if len(rows) else np.zeros((0, 2))
        self.ring.setData(pts[:, 0], pts[:, 1], pen=pg.mkPen(self._text_colour(), width=1.5))

    def set_drag_mode(self, mode: str) -> None:
        """What a left-button drag does: "pan" (move the map), "box" or "lasso" (select)."""
        self.box.drag_mode = mode if mode in DRAG_MODES else "pan"

    def fit(self) -> None:
        """Show every dot."""
        if len(self.coords):
            self.box.autoRange(padding=0.06)

    def nearest(self, scene_pos: QPointF) -> int:
        """The dot within a few pixels of a scene position (-1: none)."""
        if not len(self.coords) or not self.box.sceneBoundingRect().contains(scene_pos):
            return -1
        here = self.box.mapSceneToView(scene_pos)
        px, py = self.box.viewPixelSize()
        dx = (self.coords[:, 0] - here.x()) / max(px, 1e-12)
        dy = (self.coords[:, 1] - here.y()) / max(py, 1e-12)
        d2 = dx * dx + dy * dy
        row = int(np.argmin(d2))
        return row if d2[row] <= HOVER_PIXELS**2 else -1

    def scene_pos_of(self, row: int) -> QPointF:
        """The scene position of a dot (tests and the hover popup)."""
        return self.box.mapViewToScene(QPointF(float(self.coords[row, 0]), float(self.coords[row, 1])))

    # ------------------------------------------------------------------ events
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        row = self.nearest(scene_pos)
        if row != self._hovered or row >= 0:
            self._hovered = row
            view_pos = self.plot.mapFromScene(scene_pos)
            self.hovered.emit(row, self.plot.viewport().mapToGlobal(view_pos))

    def _on_mouse_clicked(self, ev) -> None:  # ev: pyqtgraph's MouseClickEvent
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        row = self.nearest(ev.scenePos())
        if row < 0:
            return
        if ev.double():
            self.double_clicked.emit(row)
        else:
            self.clicked.emit(row)

    def _on_area(self, outline: np.ndarray, additive: bool) -> None:
        rows = np.flatnonzero(points_in_polygon(self.coords, outline)).astype(np.int64)
        self.area_selected.emit(rows, additive)

    def leaveEvent(self, event: QEvent) -> None:
        """Clear the hovered point when the pointer leaves the map."""
        self._hovered = -1
        self.hovered.emit(-1, QPoint())
        super().leaveEvent(event)

    # ------------------------------------------------------------------ theme
    def changeEvent(self, event: QEvent) -> None:
        """Recolour the map when the palette (light/dark theme) changes."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def _apply_palette(self) -> None:
        pal = self.palette()
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        self.set_selection(np.zeros(0, dtype=np.int64))
