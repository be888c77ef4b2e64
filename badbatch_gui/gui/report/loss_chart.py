"""The run report's loss chart: the Train page's loss plot on paper (the same lines, names and colours).

Each step's values as a light band (the lowest and highest of each column, ``core/report/loss_curve.envelope``, so a
spike is never thinned away), the smoothed curve, the loss over all photos once per pass (points), the dotted start
line and the dashed collapse line, with a legend under the plot.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from badbatch_gui.core.report.loss_curve import LossCurve, envelope
from badbatch_gui.gui.plot_colours import COLOURS
from badbatch_gui.gui.report.pdf_canvas import INK, MUTED, RULE, mm

translate = QCoreApplication.translate
COLUMNS = 400


def _colour(role: str) -> QColor:
    return QColor(COLOURS[role][0])


def _nice_ticks(lo: float, hi: float, n: int = 5, smallest: float = 0.0) -> list[float]:
    span = max(hi - lo, 1e-9)
    raw = max(span / n, smallest)
    step = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * step:
            step *= m
            break
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def _polyline(xs: np.ndarray, ys: np.ndarray, pt: Callable[[float, float], QPointF], stride: int) -> QPainterPath:
    """Every ``stride``-th point joined, broken where a value is not finite. Shape: xs, ys (n,)."""
    path = QPainterPath()
    pen_down = False
    for x, y in zip(xs[::stride], ys[::stride], strict=True):
        if not math.isfinite(y):
            pen_down = False
            continue
        (path.lineTo if pen_down else path.moveTo)(pt(float(x), float(y)))
        pen_down = True
    return path


def legend_items() -> list[tuple[str, str, Qt.PenStyle | None]]:
    """(label, colour role, pen style; None for points), as the Train page names the lines."""
    return [
        (translate("TrainingPlots", "each step"), "raw", Qt.PenStyle.SolidLine),
        (translate("TrainingPlots", "smoothed"), "smooth", Qt.PenStyle.SolidLine),
        (translate("TrainingPlots", "all photos, per pass"), "global", None),
        (translate("TrainingPlots", "at the start"), "start", Qt.PenStyle.DotLine),
        (translate("TrainingPlots", "all photos alike — collapsed"), "forecast", Qt.PenStyle.DashLine),
    ]


def draw_loss_chart(p: QPainter, rect: QRectF, curve: LossCurve, font: QFont) -> None:
    """Draw ``curve`` into ``rect`` (axes, lines, legend below)."""
    fm = QFontMetricsF(font, p.device())
    legend_h = fm.height() * 1.6
    axis_w = fm.horizontalAdvance("-0.00") + mm(3)
    plot = QRectF(
        rect.left() + axis_w,
        rect.top() + mm(1),
        rect.width() - axis_w - mm(2),
        rect.height() - legend_h - fm.height() - mm(3),
    )
    p.setFont(font)
    steps = curve.steps
    values = [curve.raw, curve.smoothed, curve.pass_values, np.array([curve.start, curve.collapsed])]
    finite = np.concatenate([v[np.isfinite(v)] for v in values])
    if finite.size == 0 or steps.size == 0:
        p.setPen(MUTED)
        p.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), translate("LossChart", "No loss was recorded."))
        return
    y_lo, y_hi = float(finite.min()), float(finite.max())
    pad = max((y_hi - y_lo) * 0.06, 1e-3)
    y_lo, y_hi = y_lo - pad, y_hi + pad
    first, last = float(np.nanmin(steps)), max(float(np.nanmax(steps)), float(np.nanmin(steps)) + 1)
    x_lo, x_hi = first - 0.02 * (last - first), last + 0.02 * (last - first)

    def pt(x: float, y: float) -> QPointF:
        return QPointF(
            plot.left() + (x - x_lo) / (x_hi - x_lo) * plot.width(),
            plot.bottom() - (y - y_lo) / (y_hi - y_lo) * plot.height(),
        )

    # grid and axes
    p.setPen(QPen(RULE, mm(0.15)))
    for t in _nice_ticks(y_lo, y_hi):
        a = pt(x_lo, t)
        p.drawLine(QLineF(a, QPointF(plot.right(), a.y())))
        p.setPen(MUTED)
        p.drawText(
            QRectF(rect.left(), a.y() - fm.height() / 2, axis_w - mm(1.5), fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            f"{t:.2f}",
        )
        p.setPen(QPen(RULE, mm(0.15)))
    p.setPen(MUTED)
    step_label = translate("LossChart", "step")
    label_left = plot.right() - fm.horizontalAdvance(step_label) - mm(1)
    for t in _nice_ticks(first, last, smallest=1.0):
        a = pt(t, y_lo)
        text = f"{t:.0f}"
        if a.x() + fm.horizontalAdvance(text) / 2 < label_left:
            p.drawText(
                QRectF(a.x() - mm(8), plot.bottom() + mm(0.8), mm(16), fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                text,
            )
    p.drawText(
        QRectF(plot.left(), plot.bottom() + mm(0.8), plot.width(), fm.height()),
        int(Qt.AlignmentFlag.AlignRight),
        step_label,
    )
    p.setPen(QPen(INK, mm(0.25)))
    p.drawRect(plot)

    p.save()
    p.setClipRect(plot)
    # each step: a line while the steps are few, else the band of lows and highs per column
    if int(np.isfinite(curve.raw).sum()) <= COLUMNS:
        p.setPen(QPen(_colour("raw"), mm(0.3)))
        p.drawPath(_polyline(steps, curve.raw, pt, 1))
    else:
        xs, lows, highs = envelope(steps, curve.raw, COLUMNS)
        p.setPen(QPen(_colour("raw"), max(plot.width() / COLUMNS, mm(0.2))))
        for x, lo, hi in zip(xs, lows, highs, strict=True):
            p.drawLine(QLineF(pt(x, lo), pt(x, hi if hi > lo else lo + (y_hi - y_lo) * 0.002)))
    # the smoothed curve (gaps at skipped steps)
    p.setPen(QPen(_colour("smooth"), mm(0.45)))
    p.drawPath(_polyline(steps, curve.smoothed, pt, max(1, steps.size // (COLUMNS * 2))))
    # reference lines
    for value, role, line_style in (
        (curve.start, "start", Qt.PenStyle.DotLine),
        (curve.collapsed, "forecast", Qt.PenStyle.DashLine),
    ):
        if math.isfinite(value):
            p.setPen(QPen(_colour(role), mm(0.4), line_style))
            p.drawLine(QLineF(pt(x_lo, value), pt(x_hi, value)))
    # all photos, per pass
    p.setPen(QPen(_colour("global"), mm(0.3)))
    p.setBrush(_colour("global"))
    for x, y in zip(curve.pass_steps, curve.pass_values, strict=True):
        p.drawEllipse(pt(float(x), float(y)), mm(0.8), mm(0.8))
    p.restore()

    # legend
    x = plot.left()
    y = rect.bottom() - legend_h / 2
    for label, role, style in legend_items():
        if style is None:
            p.setPen(QPen(_colour(role), mm(0.3)))
            p.setBrush(_colour(role))
            p.drawEllipse(QPointF(x + mm(2.5), y), mm(0.8), mm(0.8))
            p.setBrush(Qt.BrushStyle.NoBrush)
        else:
            p.setPen(QPen(_colour(role), mm(0.5), style))
            p.drawLine(QLineF(x, y, x + mm(5), y))
        p.setPen(INK)
        w = fm.horizontalAdvance(label) + mm(1)
        p.drawText(QRectF(x + mm(6), y - fm.height() / 2, w, fm.height()), int(Qt.AlignmentFlag.AlignVCenter), label)
        x += mm(6) + w + mm(4)
