"""MapPanel ("A map of the folder"): every indexed photo as a dot, photos the network finds alike close together,
coloured by the Batch check's reason or by the operator's decision. Pointing at a dot shows its photo; a click asks
for the photos like it, a double-click opens it; a box or lasso selects photos to leave out of training, keep, or
look at (and ask about) beside the map.

The panel only shows and asks: decisions go through the controller's decision store (the page relays them).
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

import numpy as np
from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core.scoring.findings import REASONS
from badbatch_gui.gui import resources
from badbatch_gui.gui.pages.inspect.map_view import MapView
from badbatch_gui.gui.pages.inspect.photo_list import PhotoListModel
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text import reason_text
from badbatch_gui.gui.text.inspect_text import InspectCounts
from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailGrid

FINE = "fine"
REASON_COLOURS = {
    FINE: "#5b8def",
    "dark": "#37474f",
    "overexposed": "#f9a825",
    "blurry": "#8e24aa",
    "noisy": "#8d6e63",
    "low_contrast": "#26a69a",
    "cut_off": "#ef6c00",
    "unusual": "#d32f2f",
}
DECISION_COLOURS = {"used": "#5b8def", "reject": "#d32f2f", "keep": "#2e7d32"}
HOVER_SIDE = 140


class HoverCard(QFrame):
    """A small floating card with the photo under the pointer and its name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("inspectHoverCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.image = QLabel(self)
        self.image.setFixedSize(HOVER_SIDE, HOVER_SIDE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setMaximumWidth(HOVER_SIDE + 60)
        self.caption.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.caption)
        self.hide()


class MapPanel(QWidget):
    """The "A map of the folder" tab.

    Signals:
        query_requested(str): ask for the photos like this one (a relative path).
        decision_requested(list, object): relative paths and "reject" / "keep" / None.
    """

    query_requested = Signal(str)
    decision_requested = Signal(list, object)

    def __init__(self, thumbnails_dir: Path, ratio: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectMapPanel")
        self.root = Path(".")
        self.paths: tuple[str, ...] = ()
        self.reasons: tuple[tuple[str, ...], ...] = ()
        self.decisions: dict[str, str] = {}
        self.selected = np.zeros(0, dtype=np.int64)
        self._ratio = ratio
        self._hover_path = ""
        self._can_decide = False
        self.hover_loader = ThumbnailLoader(thumbnails_dir, round(HOVER_SIDE * ratio), threads=1, parent=self)
        self.hover_loader.loaded.connect(self._on_hover_thumbnail)
        self.list_loader = ThumbnailLoader(thumbnails_dir, round(80 * ratio), threads=1, parent=self)

        self.colour_combo = QComboBox()
        self.colour_combo.setObjectName("inspectMapColour")
        self.colour_combo.addItem(self.tr("Batch check reason"), "reason")
        self.colour_combo.addItem(self.tr("Your decisions"), "decision")
        self.colour_combo.setToolTip(
            self.tr("Colour each photo by what the Batch check found on it, or by whether training uses it.")
        )
        self.drag_combo = QComboBox()
        self.drag_combo.setObjectName("inspectMapDrag")
        self.drag_combo.addItem(self.tr("Moves the map"), "pan")
        self.drag_combo.addItem(self.tr("Selects a box"), "box")
        self.drag_combo.addItem(self.tr("Selects freehand (lasso)"), "lasso")
        self.drag_combo.setToolTip(
            self.tr(
                "What dragging with the left mouse button does. The wheel zooms; hold "
                "Shift while selecting to add to the selection."
            )
        )
        self.fit_button = QPushButton(self.tr("Show all"))
        self.fit_button.setObjectName("inspectMapFit")
        self.fit_button.setToolTip(self.tr("Zoom out to show every photo."))
        self.view = MapView()
        self.legend = QLabel()
        self.legend.setObjectName("inspectMapLegend")
        self.legend.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setObjectName("inspectMapHint")
        self.hint.setWordWrap(True)
        self.hover = HoverCard(self)

        self.selected_label = QLabel()
        self.selected_label.setObjectName("inspectMapSelected")
        self.leave_out_button = QPushButton(resources.icon("reject"), self.tr("Leave out"))
        self.leave_out_button.setObjectName("inspectMapLeaveOut")
        self.leave_out_button.setToolTip(
            self.tr(
                "Leave the selected photos out of training (saved with the folder's "
                "other decisions, as on the Batch check step)."
            )
        )
        self.keep_button = QPushButton(resources.icon("keep"), self.tr("Keep"))
        self.keep_button.setObjectName("inspectMapKeep")
        self.keep_button.setToolTip(self.tr("Use the selected photos for training, even if they were flagged."))
        self.clear_button = QPushButton(resources.icon("undecided"), self.tr("Clear"))
        self.clear_button.setObjectName("inspectMapClear")
        self.clear_button.setToolTip(self.tr("Forget your decisions for the selected photos."))
        self.decide_note = QLabel()
        self.decide_note.setObjectName("inspectMapDecideNote")
        self.decide_note.setWordWrap(True)
        self.list_model = PhotoListModel(self.list_loader, 80, ratio, self)
        self.list_grid = ThumbnailGrid(self.list_model)
        self.list_grid.setObjectName("inspectMapList")
        self.list_grid.setSelectionMode(ThumbnailGrid.SelectionMode.SingleSelection)
        self.list_grid.setGridSize(QSize(80 + 20, 80 + 30))
        self.list_grid.setToolTip(self.tr("Click a photo to see the photos like it."))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Colour by:")))
        top.addWidget(self.colour_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Dragging:")))
        top.addWidget(self.drag_combo)
        top.addWidget(self.fit_button)
        top.addStretch(1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.legend)
        lv.addWidget(self.view, 1)
        lv.addWidget(self.hint)
        buttons = QHBoxLayout()
        for b in (self.leave_out_button, self.keep_button, self.clear_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.selected_label)
        rv.addLayout(buttons)
        rv.addWidget(self.decide_note)
        rv.addWidget(self.list_grid, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.colour_combo.currentIndexChanged.connect(self._recolour)
        self.drag_combo.currentIndexChanged.connect(self._on_drag_mode)
        self.fit_button.clicked.connect(self.view.fit)
        self.view.hovered.connect(self._on_hovered)
        self.view.clicked.connect(self._on_clicked)
        self.view.double_clicked.connect(self._on_double_clicked)
        self.view.area_selected.connect(self._on_area_selected)
        self.leave_out_button.clicked.connect(self._on_leave_out)
        self.keep_button.clicked.connect(self._on_keep)
        self.clear_button.clicked.connect(self._on_clear)
        self.list_grid.clicked.connect(self._on_list_clicked)
        self.set_can_decide(False, "")
        self._show_selection()

    # ------------------------------------------------------------------ data
    def set_map(
        self,
        root: Path,
        paths: tuple[str, ...],
        coords: np.ndarray,
        explained: np.ndarray,
        reasons: tuple[tuple[str, ...], ...],
    ) -> None:
        """Show a folder's map: ``coords`` (N, 2) for ``paths``, with the Batch check's ``reasons`` per photo
        and the share of the differences the two axes show (``explained``, (2,)).
        """
        self.root, self.paths, self.reasons = Path(root), tuple(paths), tuple(reasons)
        self.view.coords = np.asarray(coords, dtype=np.float64).reshape(-1, 2)
        self.selected = np.zeros(0, dtype=np.int64)
        shown = float(np.sum(explained)) if len(explained) else 0.0
        self.hint.setText(
            self.tr(
                "Each dot is a photo; photos the network finds alike lie close together. Point at "
                "a dot to see its photo, click it to find photos like it, double-click to open "
                "it. This flat map shows {0} % of how the photos differ."
            ).format(round(100 * shown))
        )
        self.hint.setToolTip(
            self.tr(
                "The map is the first two principal components (PCA) of the photos' "
                "embeddings, the lists of numbers the network describes each photo with."
            )
        )
        self._recolour()
        self._show_selection()

    def set_decisions(self, decisions: dict[str, str]) -> None:
        """The operator's keep / reject decisions for the folder (relative path -> "keep" / "reject")."""
        self.decisions = dict(decisions)
        if self.colour_combo.currentData() == "decision":
            self._recolour()

    def set_can_decide(self, can: bool, note: str) -> None:
        """Whether the selection can be left out / kept here, and why not."""
        self._can_decide = can
        self.decide_note.setText(note)
        self.decide_note.setVisible(bool(note))
        self._update_buttons()

    def select_rows(self, rows: np.ndarray) -> None:
        """Select the photos of ``rows`` (also used by tests)."""
        self.selected = np.unique(np.asarray(rows, dtype=np.int64))
        self.view.set_selection(self.selected)
        self._show_selection()

    def selected_paths(self) -> list[str]:
        """Relative paths of the selected photos."""
        return [self.paths[int(r)] for r in self.selected]

    def categories(self) -> tuple[np.ndarray, list[QColor], list[str]]:
        """Each photo's colour category, the colours and their names, for the current "colour by"."""
        if self.colour_combo.currentData() == "decision":
            keys = ["used", "reject", "keep"]
            names = [self.tr("used for training"), self.tr("left out"), self.tr("kept by you")]
            colours = [QColor(DECISION_COLOURS[k]) for k in keys]
            cats = np.array(
                [keys.index(self.decisions.get(p, "used")) if self.decisions.get(p) in keys else 0 for p in self.paths],
                dtype=np.int64,
            )
            return cats, colours, names
        keys = [FINE, *REASONS]
        names = [self.tr("looks fine"), *[reason_text.name(code) for code in REASONS]]
        colours = [QColor(REASON_COLOURS.get(k, "#9e9e9e")) for k in keys]
        cats = np.array([keys.index(r[0]) if r and r[0] in keys else 0 for r in self.reasons], dtype=np.int64)
        return cats, colours, names

    # ------------------------------------------------------------------ internals
    @Slot()
    def _recolour(self, *_: object) -> None:
        cats, colours, names = self.categories()
        self.view.set_points(self.view.coords, cats, colours)
        self.view.set_selection(self.selected)
        counts = np.bincount(cats, minlength=len(colours)) if len(cats) else np.zeros(len(colours), dtype=np.int64)
        self.legend.setText(
            "&nbsp;&nbsp; ".join(
                f'<span style="color:{c.name()}">●</span>&nbsp;{html.escape(name)} ({int(n)})'
                for c, name, n in zip(colours, names, counts, strict=True)
                if n
            )
        )

    @Slot(int)
    def _on_drag_mode(self, _i: int) -> None:
        self.view.set_drag_mode(str(self.drag_combo.currentData()))

    def _show_selection(self) -> None:
        n = len(self.selected)
        self.selected_label.setText(
            InspectCounts().selected(n)
            if n
            else self.tr(
                "Select photos on the map: choose “Selects a box” or “Selects freehand” above, then drag over the dots."
            )
        )
        self.selected_label.setWordWrap(True)
        paths = self.selected_paths()
        marks = {"reject": "✕ ", "keep": "✓ "}
        self.list_model.set_photos(
            self.root, paths, [marks.get(self.decisions.get(p, ""), "") + PurePosixPath(p).name for p in paths]
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        on = bool(len(self.selected)) and self._can_decide
        for b in (self.leave_out_button, self.keep_button, self.clear_button):
            b.setEnabled(on)

    @Slot(int, QPoint)
    def _on_hovered(self, row: int, global_pos: QPoint) -> None:
        if row < 0 or row >= len(self.paths):
            self.hover.hide()
            self._hover_path = ""
            return
        rel = self.paths[row]
        path = str(self.root.joinpath(*PurePosixPath(rel).parts))
        if path != self._hover_path:
            self._hover_path = path
            self.hover.image.clear()
            self.hover.caption.setText(self._caption(row))
            self.hover_loader.request(path)
        self.hover.adjustSize()
        at = self.mapFromGlobal(global_pos)
        pos = at + QPoint(16, 16)
        right = self.view.mapTo(self, QPoint(self.view.width(), 0)).x()  # keep it over the map
        if pos.x() + self.hover.width() > right:  # no room on the right: beside the pointer, on its left
            pos.setX(max(0, at.x() - 16 - self.hover.width()))
        pos.setY(min(pos.y(), max(0, self.height() - self.hover.height())))
        self.hover.move(pos)
        self.hover.show()
        self.hover.raise_()

    def _caption(self, row: int) -> str:
        rel = self.paths[row]
        reasons = self.reasons[row] if row < len(self.reasons) else ()
        found = reason_text.names(reasons) if reasons else self.tr("looks fine")
        decision = {"reject": self.tr("left out of training"), "keep": self.tr("kept by you")}.get(
            self.decisions.get(rel, ""), ""
        )
        return "\n".join(x for x in (PurePosixPath(rel).name, found, decision) if x)

    @Slot(str, QImage)
    def _on_hover_thumbnail(self, path: str, image: QImage) -> None:
        if path == self._hover_path:
            pix = QPixmap.fromImage(image)
            side = round(HOVER_SIDE * self._ratio)
            pix = pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            pix.setDevicePixelRatio(self._ratio)
            self.hover.image.setPixmap(pix)

    @Slot(int)
    def _on_clicked(self, row: int) -> None:
        if 0 <= row < len(self.paths):
            self.query_requested.emit(self.paths[row])

    @Slot(int)
    def _on_double_clicked(self, row: int) -> None:
        if 0 <= row < len(self.paths):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.root.joinpath(*PurePosixPath(self.paths[row]).parts))))

    @Slot(object, bool)
    def _on_area_selected(self, rows: np.ndarray, additive: bool) -> None:
        self.select_rows(np.concatenate([self.selected, rows]) if additive else rows)

    @Slot(QModelIndex)
    def _on_list_clicked(self, index: QModelIndex) -> None:
        path = self.list_model.path_at(index.row())
        if path is not None:
            self.query_requested.emit(path)

    @Slot()
    def _on_leave_out(self) -> None:
        self.decision_requested.emit(self.selected_paths(), "reject")

    @Slot()
    def _on_keep(self) -> None:
        self.decision_requested.emit(self.selected_paths(), "keep")

    @Slot()
    def _on_clear(self) -> None:
        self.decision_requested.emit(self.selected_paths(), None)

    def refresh_marks(self) -> None:
        """Redraw the ✓ / ✕ marks of the selected photos (after a decision)."""
        self._show_selection()

    def shutdown(self) -> None:
        """Stop the thumbnail decoders."""
        self.hover_loader.shutdown()
        self.list_loader.shutdown()
