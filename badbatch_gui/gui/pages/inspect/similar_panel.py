"""SimilarPanel ("Photos like this one"): pick a photo of the indexed folder, or drop one from anywhere, and see the
photos the network finds most alike, with their similarity. One switch puts the untrained network's answer beside
the trained one's, so the operator sees what training changed. The folder's near-duplicate groups, above a
similarity the operator sets, can be listed instead of the whole folder.

The panel only shows and asks: the page runs the searches (pool jobs) and hands the answers back.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core.data.scan import EXTENSIONS
from badbatch_gui.gui.pages.inspect.photo_list import PhotoListModel
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text import inspect_text, sentences
from badbatch_gui.gui.text.inspect_text import InspectCounts
from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailGrid

ALL, DUPLICATES = "all", "duplicates"
DEFAULT_DUPLICATE_SIMILARITY = 0.95
QUERY_SIDE = 150
FOLDER_SIDE, ANSWER_SIDE = 80, 84


def dropped_photo(urls: list[Any]) -> Path | None:
    """The first local image file among dropped URLs."""
    for url in urls:
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.is_file() and p.suffix.lower() in EXTENSIONS:
                return p
    return None


class ResultColumn(QWidget):
    """A title and a grid of answers ("Trained network" / "Untrained network")."""

    def __init__(
        self, title: str, tooltip: str, model: PhotoListModel, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<b>{title}</b>")
        self.title.setToolTip(tooltip)
        self.model = model
        self.grid = ThumbnailGrid(model)
        self.grid.setObjectName(name)
        self.grid.setSelectionMode(ThumbnailGrid.SelectionMode.SingleSelection)
        side = model.thumb_size
        self.grid.setGridSize(QSize(side + 14, side + 26))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.grid, 1)


class SimilarPanel(QWidget):
    """The "Photos like this one" tab.

    Signals:
        query_requested(str): a relative path of the indexed folder, or the path of a dropped file.
        compare_toggled(bool): the untrained comparison was switched on or off.
        duplicates_requested(float): list the near-duplicate groups at this similarity.
    """

    query_requested = Signal(str)
    compare_toggled = Signal(bool)
    duplicates_requested = Signal(float)

    def __init__(self, thumbnails_dir: Path, ratio: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectSimilarPanel")
        self.setAcceptDrops(True)
        self.root = Path(".")
        self.paths: list[str] = []
        self.groups: tuple[tuple[str, ...], ...] = ()
        self.query: str | None = None
        self.answer: Any = None
        self._query_path = ""
        self.loaders = [
            ThumbnailLoader(thumbnails_dir, round(side * ratio), threads=1, parent=self)
            for side in (FOLDER_SIDE, ANSWER_SIDE, ANSWER_SIDE, QUERY_SIDE)
        ]
        self._ratio = ratio

        hint = QLabel(self.tr("Click a photo to see the photos most like it — or drop a photo here from anywhere."))
        hint.setWordWrap(True)
        self.show_combo = QComboBox()
        self.show_combo.setObjectName("inspectShowCombo")
        self.show_combo.setToolTip(self.tr("List every indexed photo, or only the groups of near-duplicates."))
        self.dup_slider = QSlider(Qt.Orientation.Horizontal)
        self.dup_slider.setObjectName("inspectDuplicateSlider")
        self.dup_slider.setRange(80, 100)
        self.dup_spin = QDoubleSpinBox()
        self.dup_spin.setObjectName("inspectDuplicateSpin")
        self.dup_spin.setRange(0.80, 1.00)
        self.dup_spin.setSingleStep(0.01)
        self.dup_spin.setDecimals(2)
        for w in (self.dup_slider, self.dup_spin):
            w.setToolTip(inspect_text.similarity_tooltip())
        self.dup_note = QLabel(
            self.tr(
                "Photos at least this alike are grouped as near-duplicates: 1.00 means the "
                "network sees no difference at all; 0.95 catches the same shot taken again "
                "with small changes."
            )
        )
        self.dup_note.setWordWrap(True)
        self.dup_note.setObjectName("inspectDuplicateNote")
        self.folder_model = PhotoListModel(self.loaders[0], FOLDER_SIDE, ratio, self)
        self.folder_grid = ThumbnailGrid(self.folder_model)
        self.folder_grid.setObjectName("inspectFolderGrid")
        self.folder_grid.setSelectionMode(ThumbnailGrid.SelectionMode.SingleSelection)

        self.dup_row = QWidget()
        dup_row = QHBoxLayout(self.dup_row)
        dup_row.setContentsMargins(0, 0, 0, 0)
        dup_row.addWidget(QLabel(self.tr("Alike at least:")))
        dup_row.addWidget(self.dup_slider, 1)
        dup_row.addWidget(self.dup_spin)
        show_row = QHBoxLayout()
        show_row.addWidget(QLabel(self.tr("Show:")))
        show_row.addWidget(self.show_combo, 1)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(hint)
        lv.addLayout(show_row)
        lv.addWidget(self.dup_row)
        lv.addWidget(self.dup_note)
        lv.addWidget(self.folder_grid, 1)

        self.query_image = QLabel()
        self.query_image.setObjectName("inspectQueryImage")
        self.query_image.setFixedSize(QUERY_SIDE, QUERY_SIDE)
        self.query_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.query_image.setFrameShape(QLabel.Shape.StyledPanel)
        self.query_label = QLabel(self.tr("No photo chosen yet."))
        self.query_label.setObjectName("inspectQueryLabel")
        self.query_label.setWordWrap(True)
        self.query_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_check = QCheckBox(self.tr("Compare with the untrained network"))
        self.compare_check.setObjectName("inspectCompareCheck")
        self.compare_check.setToolTip(
            self.tr(
                "Show, beside these answers, what the same network gives before any "
                "training (random starting weights). Where the two lists differ, "
                "training changed what the network finds alike."
            )
        )
        self.k_spin = QSpinBox()
        self.k_spin.setObjectName("inspectKSpin")
        self.k_spin.setRange(4, 48)
        self.k_spin.setValue(12)
        self.k_spin.setToolTip(self.tr("How many similar photos to show."))
        self.compare_note = QLabel()
        self.compare_note.setObjectName("inspectCompareNote")
        self.compare_note.setWordWrap(True)
        query_text = QVBoxLayout()
        query_text.addWidget(self.query_label)
        k_row = QHBoxLayout()
        k_row.addWidget(QLabel(self.tr("Photos shown:")))
        k_row.addWidget(self.k_spin)
        k_row.addStretch(1)
        query_text.addLayout(k_row)
        query_text.addWidget(self.compare_check)
        query_text.addWidget(self.compare_note)
        query_text.addStretch(1)
        query_row = QHBoxLayout()
        query_row.addWidget(self.query_image)
        query_row.addLayout(query_text, 1)

        self.trained_model = PhotoListModel(self.loaders[1], ANSWER_SIDE, ratio, self)
        self.untrained_model = PhotoListModel(self.loaders[2], ANSWER_SIDE, ratio, self)
        self.trained = ResultColumn(
            self.tr("Trained network"),
            self.tr("What your trained network finds alike."),
            self.trained_model,
            "inspectTrainedGrid",
        )
        self.untrained = ResultColumn(
            self.tr("Untrained network (before training)"),
            self.tr("What the same network finds alike with random starting weights, before any training."),
            self.untrained_model,
            "inspectUntrainedGrid",
        )
        self.untrained.setVisible(False)
        results = QHBoxLayout()
        results.addWidget(self.trained, 1)
        results.addWidget(self.untrained, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(query_row)
        rv.addLayout(results, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.show_combo.currentIndexChanged.connect(self._on_show_changed)
        self.dup_slider.valueChanged.connect(self._on_slider)
        self.dup_spin.valueChanged.connect(self._on_spin)
        self.folder_grid.clicked.connect(self._on_photo_clicked)
        self.folder_grid.selectionModel().currentChanged.connect(self._on_current_changed)
        self.trained.grid.clicked.connect(self._on_answer_clicked)
        self.untrained.grid.clicked.connect(self._on_answer_clicked)
        self.compare_check.toggled.connect(self._on_compare_toggled)
        self.k_spin.valueChanged.connect(self._on_k_changed)
        self.loaders[3].loaded.connect(self._on_query_thumbnail)
        self.set_duplicate_similarity(DEFAULT_DUPLICATE_SIMILARITY)
        self.set_index(Path("."), [])

    # ------------------------------------------------------------------ filling
    def set_index(self, root: Path, paths: list[str]) -> None:
        """Show the indexed photos (relative paths under ``root``); forget the answers and the groups."""
        self.root, self.paths, self.groups = Path(root), list(paths), ()
        self.query, self.answer = None, None
        self.show_combo.blockSignals(True)
        self.show_combo.clear()
        self.show_combo.addItem(InspectCounts().all_photos(len(paths)), ALL)
        self.show_combo.addItem(self.tr("Near-duplicates only"), DUPLICATES)
        self.show_combo.blockSignals(False)
        self._show_folder()
        self.trained_model.set_photos(self.root, [])
        self.untrained_model.set_photos(self.root, [])
        self.query_image.clear()
        self.query_label.setText(self.tr("No photo chosen yet."))
        self.compare_note.clear()

    def show_groups(self, threshold: float, groups: tuple[tuple[str, ...], ...]) -> None:
        """The near-duplicate groups at ``threshold`` (ignored when the spin box has moved on since)."""
        if abs(threshold - self.duplicate_similarity()) > 1e-9:
            return
        self.groups = tuple(groups)
        self.show_combo.setItemText(1, InspectCounts().duplicate_groups(len(groups)))
        if self.mode() == DUPLICATES:
            self._show_folder()

    def show_answer(self, answer: Any) -> None:
        """A ``SimilarAnswer`` (trained, and untrained when compared) for the photo asked last."""
        if answer.photo != self.query:
            return
        self.answer = answer
        self._fill(self.trained_model, answer.trained)
        untrained = answer.untrained
        self._fill(self.untrained_model, untrained)
        name = PurePosixPath(answer.trained.query.replace("\\", "/")).name
        where = self.tr("from this folder") if answer.trained.in_folder else self.tr("from outside the folder")
        self.query_label.setText(self.tr("<b>Photos like {0}</b> ({1})").format(name, where))
        self.query_label.setToolTip(answer.trained.query)
        if untrained is not None:
            trained_set = {n.path for n in answer.trained.neighbours}
            same = sum(n.path in trained_set for n in untrained.neighbours)
            self.compare_note.setText(
                sentences.join(
                    InspectCounts().same_in_both(same, len(answer.trained.neighbours)),
                    self.tr("Photos only in the trained list are what training taught the network to see as alike."),
                )
            )
        elif self.compare_check.isChecked():
            self.compare_note.setText(self.tr("Preparing the untrained network…"))
        else:
            self.compare_note.clear()

    def _fill(self, model: PhotoListModel, similar: Any) -> None:
        if similar is None:
            model.set_photos(self.root, [])
            return
        neighbours = list(similar.neighbours)
        tip = inspect_text.similarity_tooltip()
        line = self.tr("Similarity: {0}")
        model.set_photos(
            self.root,
            [n.path for n in neighbours],
            [inspect_text.similarity(n.similarity) for n in neighbours],
            ["\n".join((n.path, line.format(inspect_text.similarity(n.similarity)), "", tip)) for n in neighbours],
        )

    def set_compare_note(self, text: str) -> None:
        """A line under the comparison switch (e.g. while the untrained network indexes the folder)."""
        self.compare_note.setText(text)

    # ------------------------------------------------------------------ asking
    def ask(self, photo: str) -> None:
        """Ask for the photos like ``photo`` (a relative path of the folder, or any image file)."""
        self.query = str(photo)
        p = Path(photo)
        absolute = p if p.is_absolute() else self.root.joinpath(*PurePosixPath(str(photo)).parts)
        self.query_image.clear()
        self.query_label.setText(self.tr("<b>Photos like {0}</b> (searching…)").format(p.name))
        self.loaders[3].request(str(absolute))
        self._query_path = str(absolute)
        self.query_requested.emit(self.query)

    def mode(self) -> str:
        """What the folder grid lists: :data:`ALL` or :data:`DUPLICATES`."""
        return str(self.show_combo.currentData() or ALL)

    def duplicate_similarity(self) -> float:
        """The similarity at which photos count as near-duplicates."""
        return round(self.dup_spin.value(), 2)

    def set_duplicate_similarity(self, value: float) -> None:
        """Set the near-duplicate similarity (both controls)."""
        self.dup_spin.setValue(value)

    def compare(self) -> bool:
        """The untrained comparison is on."""
        return self.compare_check.isChecked()

    def k(self) -> int:
        """How many similar photos to show."""
        return self.k_spin.value()

    # ------------------------------------------------------------------ internals
    def _show_folder(self) -> None:
        if self.mode() == DUPLICATES:
            paths: list[str] = []
            captions: list[str] = []
            for g, group in enumerate(self.groups, start=1):
                paths += group
                captions += [self.tr("Group {0} · {1}").format(g, PurePosixPath(p).name) for p in group]
            self.folder_model.set_photos(self.root, paths, captions)
            if not self.groups:
                self.dup_note.setText(self.tr("No near-duplicates at this similarity."))
        else:
            self.folder_model.set_photos(self.root, self.paths)
        self._update_note()

    def _update_note(self) -> None:
        duplicates = self.mode() == DUPLICATES
        self.dup_row.setVisible(duplicates)
        self.dup_note.setVisible(duplicates)
        if not duplicates or self.groups:
            self.dup_note.setText(
                self.tr(
                    "Photos at least this alike are grouped as near-duplicates: 1.00 means the "
                    "network sees no difference at all; 0.95 catches the same shot taken "
                    "again with small changes."
                )
            )

    @Slot(int)
    def _on_show_changed(self, _i: int) -> None:
        if self.mode() == DUPLICATES:
            self.duplicates_requested.emit(self.duplicate_similarity())
        self._show_folder()

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        if abs(self.dup_spin.value() - value / 100.0) > 1e-9:
            self.dup_spin.setValue(value / 100.0)

    @Slot(float)
    def _on_spin(self, value: float) -> None:
        self.dup_slider.blockSignals(True)
        self.dup_slider.setValue(round(value * 100))
        self.dup_slider.blockSignals(False)
        if self.paths:
            self.duplicates_requested.emit(self.duplicate_similarity())

    @Slot(QModelIndex)
    def _on_photo_clicked(self, index: QModelIndex) -> None:
        path = self.folder_model.path_at(index.row())
        if path is not None and path != self.query:
            self.ask(path)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._on_photo_clicked(current)

    @Slot(QModelIndex)
    def _on_answer_clicked(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, PhotoListModel):
            path = model.path_at(index.row())
            if path is not None:
                self.ask(path)

    @Slot(bool)
    def _on_compare_toggled(self, on: bool) -> None:
        self.untrained.setVisible(on)
        self.compare_note.clear()
        self.compare_toggled.emit(on)

    @Slot(int)
    def _on_k_changed(self, _k: int) -> None:
        if self.query is not None:
            self.query_requested.emit(self.query)

    @Slot(str, QImage)
    def _on_query_thumbnail(self, path: str, image: QImage) -> None:
        if path == self._query_path:
            pix = QPixmap.fromImage(image)
            side = round(QUERY_SIDE * self._ratio)
            pix = pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            pix.setDevicePixelRatio(self._ratio)
            self.query_image.setPixmap(pix)

    # ------------------------------------------------------------------ drops
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a drag that carries one photo."""
        if dropped_photo(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Look up photos like the dropped one."""
        photo = dropped_photo(event.mimeData().urls())
        if photo is not None:
            event.acceptProposedAction()
            self.ask(str(photo))

    def shutdown(self) -> None:
        """Stop the thumbnail decoders."""
        for loader in self.loaders:
            loader.shutdown()
