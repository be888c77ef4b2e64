"""A grouped bar chart of each estimator's gradient bias with its seed range, drawn with Qt's QPainter (no
matplotlib in the project): one group per (batch size, beta), one bar per estimator, a whisker from the smallest to
the largest seed's value, the legend below the plot (never over a bar).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COLOURS = ("#4e79a7", "#a0cbe8", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#bab0ac", "#79706e")


def draw_bias_plot(
    summary: list[dict[str, Any]],
    estimators: Sequence[str],
    labels: dict[str, str],
    configs: Sequence[tuple[int, float]],
    out: Path,
    width: int = 1100,
    height: int = 620,
) -> None:
    """Write the chart to ``out`` (PNG)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPointSize(10)
    p.setFont(font)
    left, right, top = 70, width - 20, 50
    legend_rows = (len(estimators) + 1) // 2
    bottom = height - 50 - 22 * legend_rows
    ymax = max(1.05, *(r["bias_max"] for r in summary)) * 1.05
    p.drawText(
        QRectF(0, 8, width, 24),
        Qt.AlignmentFlag.AlignHCenter,
        "Relative bias of the gradient (0: unbiased, 1: as far off as an all-zero gradient); whiskers: seed range",
    )

    def y(v: float) -> float:
        return bottom - (bottom - top) * v / ymax

    p.setPen(QPen(QColor("#dddddd"), 1))
    tick = 0.0
    while tick <= ymax:
        p.drawLine(QPointF(left, y(tick)), QPointF(right, y(tick)))
        p.setPen(QPen(QColor("#333333"), 1))
        p.drawText(QRectF(0, y(tick) - 8, left - 8, 16), Qt.AlignmentFlag.AlignRight, f"{tick:.1f}")
        p.setPen(QPen(QColor("#dddddd"), 1))
        tick += 0.2
    p.setPen(QPen(QColor("#333333"), 1))
    p.drawLine(QPointF(left, bottom), QPointF(right, bottom))
    group_w = (right - left) / len(configs)
    bar_w = group_w * 0.8 / len(estimators)
    for g, (b, beta) in enumerate(configs):
        x0 = left + g * group_w + group_w * 0.1
        p.drawText(
            QRectF(left + g * group_w, bottom + 4, group_w, 20), Qt.AlignmentFlag.AlignHCenter, f"B = {b}, β = {beta:g}"
        )
        for k, name in enumerate(estimators):
            r = next(
                (x for x in summary if x["estimator"] == name and x["batch_size"] == b and x["beta"] == beta), None
            )
            if r is None:
                continue
            x = x0 + k * bar_w
            p.fillRect(QRectF(x, y(r["bias"]), bar_w * 0.9, bottom - y(r["bias"])), QColor(COLOURS[k % len(COLOURS)]))
            cx = x + bar_w * 0.45
            p.setPen(QPen(QColor("#222222"), 1.5))
            p.drawLine(QPointF(cx, y(r["bias_min"])), QPointF(cx, y(r["bias_max"])))
            p.drawLine(QPointF(cx - 3, y(r["bias_min"])), QPointF(cx + 3, y(r["bias_min"])))
            p.drawLine(QPointF(cx - 3, y(r["bias_max"])), QPointF(cx + 3, y(r["bias_max"])))
    ly = bottom + 30
    col_w = (right - left) / 2
    for k, name in enumerate(estimators):
        lx = left + (k % 2) * col_w
        row_y = ly + (k // 2) * 22
        p.fillRect(QRectF(lx, row_y + 3, 14, 12), QColor(COLOURS[k % len(COLOURS)]))
        p.setPen(QPen(QColor("#222222"), 1))
        p.drawText(QRectF(lx + 20, row_y, col_w - 24, 20), Qt.AlignmentFlag.AlignLeft, labels.get(name, name))
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    del app
