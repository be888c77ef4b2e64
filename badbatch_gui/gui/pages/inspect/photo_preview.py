"""PhotoPreview: one checked photo, large, with its heat map and a ring round its most unusual spot, and what the
check said about it in plain words. The picture is decoded at preview size by the thumbnail machinery.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Slot
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from badbatch_gui.gui.pages.inspect.heat_overlay import paint_heat
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text import inspect_text, reason_text

PREVIEW_SIDE = 480


class HeatPicture(QWidget):
    """Paints a photo scaled to fit, and its heat map over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectHeatPicture")
        self.image = QImage()
        self.heat: Any = None
        self.peak: tuple[float, float] | None = None
        self.low, self.threshold = 0.0, float("inf")
        self.show_heat = True
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        """360 × 300 px preferred; the layout stretches it (the photo keeps its aspect ratio)."""
        return QSize(360, 300)

    def picture_rect(self) -> QRectF:
        """Where the photo is drawn (keeps its aspect ratio, centred)."""
        if self.image.isNull():
            return QRectF()
        size = QSize(self.image.width(), self.image.height()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF(
            (self.width() - size.width()) / 2, (self.height() - size.height()) / 2, size.width(), size.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the photo (aspect ratio kept) and, when shown, its heat map over it."""
        if self.image.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        rect = self.picture_rect()
        painter.drawImage(rect, self.image)
        if self.show_heat and self.heat is not None and self.threshold < float("inf"):
            paint_heat(painter, rect, self.heat, self.low, self.threshold, self.peak)
        painter.end()


class PhotoPreview(QWidget):
    """The selected checked photo with its heat map, verdict, score and reasons."""

    def __init__(self, thumbnails_dir: Path, ratio: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectPhotoPreview")
        self.loader = ThumbnailLoader(thumbnails_dir, round(PREVIEW_SIDE * ratio), threads=1, parent=self)
        self.loader.loaded.connect(self._on_loaded)
        self.photo: Any = None
        self._path = ""
        self.picture = HeatPicture(self)
        self.text = QLabel(self)
        self.text.setObjectName("inspectPreviewText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(
            self.tr(
                "Red: this spot differs from every normal photo. Orange: it is close to "
                "differing. The ring marks the most unusual spot."
            ),
            self,
        )
        self.legend.setObjectName("inspectHeatLegend")
        self.legend.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.picture, 1)
        lay.addWidget(self.text)
        lay.addWidget(self.legend)
        self.show_photo(None, Path("."))

    def show_photo(self, photo: Any, root: Path) -> None:
        """Show a ``PhotoCheck`` of the folder ``root`` (None: nothing)."""
        self.photo = photo
        self.picture.heat = photo.heat_map if photo is not None and photo.verdict != "bad_shot" else None
        self.picture.peak = tuple(photo.peak) if photo is not None and photo.verdict == "unusual" else None
        self.legend.setVisible(self.picture.show_heat and self.picture.heat is not None)
        if photo is None:
            self.picture.image = QImage()
            self._path = ""
            self.text.setText(self.tr("Pick a checked photo to see where it differs from the normal photos."))
            self.picture.update()
            return
        path = str(root.joinpath(*Path(photo.path).parts))
        if path != self._path:
            self._path = path
            self.picture.image = QImage()
            self.loader.request(path)
        self._describe()
        self.picture.update()

    def set_scale(self, low: float, threshold: float) -> None:
        """The heat map's colour scale (see ``heat_overlay``)."""
        self.picture.low, self.picture.threshold = float(low), float(threshold)
        self._describe()
        self.picture.update()

    def set_show_heat(self, on: bool) -> None:
        """Draw the heat map, or only the photo."""
        self.picture.show_heat = bool(on)
        self.legend.setVisible(on and self.picture.heat is not None)
        self.picture.update()

    def _describe(self) -> None:
        photo = self.photo
        if photo is None:
            return
        lines = [f"<b>{Path(photo.path).name}</b> — {inspect_text.verdict_text(photo.verdict, photo.reasons)}"]
        if self.picture.threshold < float("inf"):
            lines.append(
                self.tr("How unusual: {0} (photos above {1} look unusual).").format(
                    inspect_text.score(photo.score), inspect_text.score(self.picture.threshold)
                )
            )
        lines += [f"• {reason_text.name(c)}: {reason_text.explanation(c)}" for c in photo.reasons]
        if photo.verdict == "bad_shot":
            lines.append(self.tr("A bad shot is named for how it was taken, not as a faulty part; take it again."))
        self.text.setText("<br>".join(lines))
        self.text.setToolTip(inspect_text.score_tooltip(photo.score, self.picture.threshold))

    @Slot(str, QImage)
    def _on_loaded(self, path: str, image: QImage) -> None:
        if path == self._path:
            self.picture.image = image
            self.picture.update()

    def shutdown(self) -> None:
        """Stop the decoder."""
        self.loader.shutdown()
