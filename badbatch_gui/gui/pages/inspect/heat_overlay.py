"""Heat maps drawn over a checked photo, on the GUI thread, from the small float grid the check returns.

Colours follow the verdict's own scale so they read the same on every photo: a patch at or below ``low`` (the
typical score of a normal photo) is clear, patches between it and the threshold go from a faint yellow to a strong
orange as they approach it, and patches above the threshold (where the photo differs from every normal photo) are
red. The grid is blown up
with smooth scaling, so cells blend into soft blobs. The photo is looked at as a whole frame, stretched to the
normal photos' shape (core/inspect/frames.py), so the grid covers the whole photo as displayed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

NEAR_FROM, NEAR_TO = (255, 214, 0), (255, 110, 0)  # yellow just above ``low``, orange at the threshold
OVER = (220, 20, 20)  # red: above it
NEAR_ALPHA, OVER_ALPHA = (40, 190), 220  # alpha rising from 40 to 190 below the threshold; above it


def heat_image(heat: np.ndarray, low: float, threshold: float) -> QImage:
    """The grid as a small translucent image, one pixel per cell.

    Args:
        heat: per-patch distances. Shape: (rows, cols) float.
        low: where colour starts (below it a patch is clear).
        threshold: the photo-level threshold (above it a patch is red).

    Returns:
        an independent RGBA8888 QImage of cols × rows pixels.
    """
    h = np.asarray(heat, dtype=np.float64)
    rows, cols = h.shape
    span = max(float(threshold) - float(low), 1e-9)
    t = np.clip((h - float(low)) / span, 0.0, 1.0)
    over = h > float(threshold)
    near = np.asarray(NEAR_FROM, np.float64) + t[..., None] * (np.asarray(NEAR_TO) - np.asarray(NEAR_FROM))
    alpha = np.where(t > 0, NEAR_ALPHA[0] + t * (NEAR_ALPHA[1] - NEAR_ALPHA[0]), 0.0)
    rgba = np.zeros((rows, cols, 4), dtype=np.uint8)
    rgba[..., :3] = np.where(over[..., None], np.asarray(OVER, np.float64), near).round().astype(np.uint8)
    rgba[..., 3] = np.where(over, OVER_ALPHA, alpha).round().astype(np.uint8)
    rgba = np.ascontiguousarray(rgba)
    return QImage(rgba.data, cols, rows, 4 * cols, QImage.Format.Format_RGBA8888).copy()


def photo_rect(side: float, aspect: float) -> QRectF:
    """Where a photo of ``aspect`` (width / height) sits, centred, in a square of ``side`` (as the thumbnail
    grid draws it).
    """
    if aspect >= 1.0:
        w, h = side, side / aspect
    else:
        w, h = side * aspect, side
    return QRectF((side - w) / 2.0, (side - h) / 2.0, w, h)


def paint_heat(
    painter: QPainter,
    rect: QRectF,
    heat: np.ndarray,
    low: float,
    threshold: float,
    peak: tuple[float, float] | None = None,
    blend_to: int = 0,
) -> None:
    """Draw the heat map over ``rect`` (the photo's area) and, when given, a ring round the peak (x, y fractions).

    ``blend_to``: scale the grid smoothly to this many pixels on its longer side before drawing (for a PDF, whose
    viewers draw a small embedded image as hard blocks); 0 leaves the smoothing to the painter.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    image = heat_image(heat, low, threshold)
    if blend_to > 0 and max(image.width(), image.height()) < blend_to:
        w = max(1, round(blend_to * rect.width() / max(rect.width(), rect.height())))
        h = max(1, round(blend_to * rect.height() / max(rect.width(), rect.height())))
        image = image.scaled(w, h, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    painter.drawImage(rect, image)
    if peak is not None:
        radius = max(4.0, 0.06 * min(rect.width(), rect.height()))
        centre = QPointF(rect.left() + peak[0] * rect.width(), rect.top() + peak[1] * rect.height())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 255, 255, 230), 3.0))
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(QPen(QColor(*OVER), 1.5))
        painter.drawEllipse(centre, radius, radius)
    painter.restore()


def with_heat(
    pixmap: QPixmap,
    rect: QRectF,
    heat: np.ndarray,
    low: float,
    threshold: float,
    peak: tuple[float, float] | None = None,
) -> QPixmap:
    """A copy of ``pixmap`` with the heat map drawn over ``rect`` (logical coordinates)."""
    out = QPixmap(pixmap)
    painter = QPainter(out)
    paint_heat(painter, rect, heat, low, threshold, peak)
    painter.end()
    return out
