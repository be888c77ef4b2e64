"""Finds the app's icons and translations: the packaged copy first, then the repository's ``resources/``.

Icons are monochrome SVGs drawn with ``currentColor``; :func:`icon` substitutes the palette's text colour and
renders crisp pixmaps for 1x and 2x screens, so they follow the system light/dark palette and high-DPI scaling.
This is the only module that knows asset paths.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap

log = logging.getLogger(__name__)

_PACKAGE_DIR = Path(__file__).resolve().parents[1] / "resources"
_REPO_DIR = Path(__file__).resolve().parents[2] / "resources"
ICON_SIZES = (16, 20, 24, 32, 48, 64)


def resource_dirs() -> tuple[Path, ...]:
    """Candidate resource folders, most preferred first (only those that exist)."""
    return tuple(d for d in (_PACKAGE_DIR, _REPO_DIR) if d.is_dir())


def resource_path(*parts: str) -> Path | None:
    """The first existing ``resources/<parts...>`` file, or None."""
    for base in resource_dirs():
        p = base.joinpath(*parts)
        if p.exists():
            return p
    return None


def translations_dir() -> Path | None:
    """The folder holding the compiled ``badbatch_<lang>.qm`` files."""
    p = resource_path("translations")
    return p if p is not None and p.is_dir() else None


@cache
def _svg_text(name: str) -> str | None:
    p = resource_path("icons", f"{name}.svg")
    if p is None:
        log.warning("icon %s not found in %s", name, [str(d) for d in resource_dirs()])
        return None
    return p.read_text(encoding="utf-8")


def _render(svg: str, size: int, ratio: float) -> QPixmap:
    from PySide6.QtSvg import QSvgRenderer  # only needed once icons are drawn

    px = max(1, round(size * ratio))
    image = QImage(px, px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(svg.encode("utf-8"))).render(painter, QRectF(0, 0, px, px))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _text_colour() -> QColor:
    app = QGuiApplication.instance()
    if app is None:
        return QColor("#303030")
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def _window_colour() -> QColor:
    if QGuiApplication.instance() is None:
        return QColor("#f0f0f0")
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The SVG icon ``name`` drawn in ``colour`` (default: the palette's text colour), for 1x and 2x screens.

    A missing icon gives an empty QIcon (logged), never an exception.
    """
    text = _svg_text(name)
    result = QIcon()
    if text is None:
        return result
    c = colour if colour is not None else _text_colour()
    svg = text.replace("currentColor", c.name())
    svg_disabled = text.replace("currentColor", _blend(c, _window_colour(), 0.55).name())
    for size in ICON_SIZES:
        for ratio in (1.0, 2.0):
            result.addPixmap(_render(svg, size, ratio), QIcon.Mode.Normal)
            result.addPixmap(_render(svg_disabled, size, ratio), QIcon.Mode.Disabled)
    return result


def pixmap(name: str, size: int, ratio: float = 1.0, colour: QColor | None = None) -> QPixmap:
    """One rendered pixmap of icon ``name`` (``size`` logical pixels at device pixel ratio ``ratio``)."""
    svg = _svg_text(name)
    if svg is None:
        return QPixmap(QSize(size, size))
    c = colour if colour is not None else _text_colour()
    return _render(svg.replace("currentColor", c.name()), size, ratio)
