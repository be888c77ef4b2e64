"""Render the app icon (``resources/icons/app.svg``) for the desktop: hicolor PNGs, a Windows .ico, a macOS .icns.

Usage: ``python packaging/tools/make_icons.py OUT_DIR`` (run by ``make -C packaging``; needs no display).

The SVG is drawn with Qt's ``QSvgRenderer`` at each size (not scaled from one bitmap, so small sizes stay
crisp); Pillow packs the PNGs into the .ico and .icns. Output::

    OUT_DIR/hicolor/<N>x<N>/apps/io.github.badbatch.Studio.png   N in 16 24 32 48 64 128 256 512
    OUT_DIR/hicolor/scalable/apps/io.github.badbatch.Studio.svg
    OUT_DIR/app.ico    (16-256 px, Windows exe + installer)
    OUT_DIR/app.icns   (16-512 px, macOS .app)
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

APP_ID = "io.github.badbatch.Studio"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "icons" / "app.svg"


def render_png(svg: Path, size: int, out: Path) -> None:
    """Draw ``svg`` into a transparent ``size`` x ``size`` PNG at ``out``."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"make_icons: could not write {out}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.stderr.write("usage: make_icons.py OUT_DIR\n")
        return 2
    if not SOURCE.is_file():
        sys.stderr.write(f"make_icons: {SOURCE} is missing\n")
        return 2
    out = Path(argv[0])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841 - fonts/painting need it
    pngs: dict[int, Path] = {}
    for size in SIZES:
        png = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render_png(SOURCE, size, png)
        pngs[size] = png
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)

    largest = Image.open(pngs[256]).convert("RGBA")
    # Pillow writes every requested size; handing it the 256 px master plus the crisp smaller renders via
    # append_images keeps Qt's per-size drawing instead of Pillow's downscaling.
    largest.save(
        out / "app.ico",
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[Image.open(pngs[s]).convert("RGBA") for s in ICO_SIZES if s != 256],
    )
    Image.open(pngs[512]).convert("RGBA").save(
        out / "app.icns",
        format="ICNS",
        append_images=[Image.open(pngs[s]).convert("RGBA") for s in (16, 32, 64, 128, 256)],
    )
    sys.stdout.write(f"make_icons: {len(pngs)} PNGs, app.ico, app.icns in {out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
