"""CheckPanel ("Check new photos"): point at a folder of new photos and check each against the indexed normal
photos. Results are listed as they arrive, most unusual first, with score and verdict ("looks normal", "looks
unusual", "bad shot (reason)") and a heat map over each photo; a filter by verdict; the false-alarm rate, read and
changed in plain words (re-judging at once, nothing recomputed); and the list saved as CSV.

The panel only shows and asks: the page runs the check (the controller's task) and re-judges at another rate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.gui import resources
from badbatch_gui.gui.pages.inspect.caption_delegate import CaptionDelegate
from badbatch_gui.gui.pages.inspect.check_results import CheckResultsModel
from badbatch_gui.gui.pages.inspect.photo_preview import PhotoPreview
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text import inspect_text, sentences
from badbatch_gui.gui.text.inspect_text import InspectCounts
from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailGrid

DEFAULT_RATE_PERCENT = 1.0


class CheckPanel(QWidget):
    """The "Check new photos" tab.

    Signals:
        check_requested(object, float): check the folder (Path) at this false-alarm rate (0.01 = 1 %).
        cancel_requested(): stop the running check.
        rate_changed(float): the operator changed the false-alarm rate.
        save_requested(): save the results as CSV.
        report_requested(): save the check's report as a PDF.
        folder_chosen(): the operator chose the folder of new photos.
    """

    check_requested = Signal(object, float)
    folder_chosen = Signal()
    cancel_requested = Signal()
    rate_changed = Signal(float)
    save_requested = Signal()
    report_requested = Signal()

    def __init__(self, thumbnails_dir: Path, ratio: float = 1.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectCheckPanel")
        self.folder: Path | None = None
        self.root = Path(".")
        self.loader = ThumbnailLoader(thumbnails_dir, round(104 * ratio), parent=self)
        self.model = CheckResultsModel(self.loader, 104, ratio, self)

        self.folder_label = QLabel(self.tr("Choose a folder of new photos to check."))
        self.folder_label.setObjectName("inspectNewFolderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton(resources.icon("folder-open"), self.tr("Choose folder…"))
        self.folder_button.setObjectName("inspectNewFolderButton")
        self.folder_button.setToolTip(self.tr("The new photos to check (the folder is only read, never changed)."))
        self.check_button = QPushButton(resources.icon("play"), self.tr("Check"))
        self.check_button.setObjectName("inspectCheckButton")
        self.check_button.setToolTip(
            self.tr(
                "Compare every new photo with the normal photos. The first time, the "
                "app first learns what the normal photos look like (this is kept)."
            )
        )
        self.cancel_button = QPushButton(resources.icon("cancel"), self.tr("Cancel"))
        self.cancel_button.setObjectName("inspectCheckCancel")
        self.cancel_button.setToolTip(self.tr("Stop checking; the photos checked so far stay listed."))
        self.progress = QProgressBar()
        self.progress.setObjectName("inspectCheckProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.normal_label = QLabel()
        self.normal_label.setObjectName("inspectNormalLabel")
        self.normal_label.setWordWrap(True)

        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setObjectName("inspectRateSpin")
        self.rate_spin.setRange(0.1, 20.0)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setSingleStep(0.5)
        self.rate_spin.setSuffix(" %")
        self.rate_spin.setValue(DEFAULT_RATE_PERCENT)
        self.rate_spin.setToolTip(
            self.tr(
                "The share of normal photos the check may call unusual by mistake. The "
                "threshold is set from the normal photos' own scores, so no photos of "
                "faulty parts are needed."
            )
        )
        self.rate_note = QLabel()
        self.rate_note.setObjectName("inspectRateNote")
        self.rate_note.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("inspectCheckSummary")
        self.summary.setWordWrap(True)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("inspectCheckFilter")
        self.filter_combo.setToolTip(self.tr("Show every checked photo, or only those of one verdict."))
        self.heat_check = QCheckBox(self.tr("Show where it differs"))
        self.heat_check.setObjectName("inspectHeatCheck")
        self.heat_check.setChecked(True)
        self.heat_check.setToolTip(
            self.tr(
                "Colour each photo where it differs from the normal photos (a heat "
                "map): red above the threshold, orange close to it."
            )
        )
        self.save_button = QPushButton(resources.icon("export-list"), self.tr("Save as CSV…"))
        self.save_button.setObjectName("inspectSaveCsv")
        self.save_button.setToolTip(
            self.tr("Save every checked photo with its score, verdict and reasons as a CSV file for a spreadsheet.")
        )
        self.report_button = QPushButton(self.tr("Report…"))
        self.report_button.setObjectName("inspectReportButton")
        self.report_button.setToolTip(
            self.tr(
                "Save a report of this check as a PDF to hand over: how many photos "
                "look normal or unusual, the threshold and its false-alarm rate, and "
                "the most unusual photos with where they differ."
            )
        )
        self.grid = ThumbnailGrid(self.model)
        self.grid.setObjectName("inspectCheckGrid")
        self.grid.setSelectionMode(ThumbnailGrid.SelectionMode.SingleSelection)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.delegate = CaptionDelegate(104, 104 + 40, self.grid)  # score and verdict on two lines, in any font
        self.grid.setItemDelegate(self.delegate)
        self.grid.setGridSize(self.delegate.cell_size(self.grid.fontMetrics()))
        self.preview = PhotoPreview(thumbnails_dir, ratio)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("New photos:")))
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.folder_button)
        top.addWidget(self.check_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress)
        rate = QHBoxLayout()
        rate.addWidget(QLabel(self.tr("False alarms:")))
        rate.addWidget(self.rate_spin)
        rate.addWidget(self.rate_note, 1)
        show = QHBoxLayout()
        show.addWidget(QLabel(self.tr("Show:")))
        show.addWidget(self.filter_combo)
        show.addWidget(self.heat_check)
        show.addStretch(1)
        show.addWidget(self.save_button)
        show.addWidget(self.report_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.normal_label)
        lay.addLayout(rate)
        lay.addWidget(self.summary)
        lay.addLayout(show)
        lay.addWidget(self.splitter, 1)

        self.folder_button.clicked.connect(self._on_choose_folder)
        self.check_button.clicked.connect(self._on_check)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.rate_spin.valueChanged.connect(self._on_rate)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        self.heat_check.toggled.connect(self._on_heat_toggled)
        self.save_button.clicked.connect(self.save_requested)
        self.report_button.clicked.connect(self.report_requested)
        self.grid.selectionModel().selectionChanged.connect(self._on_selection)
        self.set_rate_note(None)
        self._update_filter_items()
        self.set_state(running=False, app_busy=False, has_normal=False, has_result=False)

    # ------------------------------------------------------------------ public
    def rate(self) -> float:
        """The false-alarm rate (0.01 = 1 %)."""
        return round(self.rate_spin.value(), 1) / 100.0

    def set_folder(self, folder: Path | None) -> None:
        """The folder of new photos to check."""
        self.folder = Path(folder) if folder is not None else None
        self.folder_label.setText(
            str(folder) if folder is not None else self.tr("Choose a folder of new photos to check.")
        )

    def set_normal(self, n_photos: int, folder: Path | None) -> None:
        """Say which photos count as normal (the index)."""
        if folder is None:
            self.normal_label.setText(self.tr("Build the index first: its photos are taken as normal."))
        else:
            self.normal_label.setText(
                self.tr(
                    "Each new photo is compared with the {0} indexed photos of {1}, taken as photos of normal parts."
                ).format(n_photos, folder)
            )

    def set_normal_model(self, n_used: int, n_bad_shots: int, folder: Path) -> None:
        """Say which photos the check learnt as normal (after it learnt them)."""
        text = self.tr("Each new photo is compared with {0} photos of normal parts from {1}.").format(n_used, folder)
        if n_bad_shots:
            text = sentences.join(text, InspectCounts().bad_shots_not_used(n_bad_shots))
        self.normal_label.setText(text)

    def set_rate_note(self, threshold: Any) -> None:
        """The sentence under the rate (a ``Threshold``, or None before any check)."""
        if threshold is None:
            self.rate_note.setText(inspect_text.false_alarm_sentence(self.rate()))
        else:
            self.rate_note.setText(
                inspect_text.false_alarm_sentence(
                    threshold.false_alarm_rate, threshold.expected_rate, threshold.n_normal
                )
            )

    def start(self, root: Path) -> None:
        """A check of ``root`` started: clear the list."""
        self.root = Path(root)
        self.model.clear(self.root)
        self.preview.show_photo(None, self.root)
        self.summary.setText(self.tr("Checking…"))
        self._update_filter_items()

    def add_photos(self, photos: list[Any]) -> None:
        """Photos just checked (listed at once, in their sorted place)."""
        self.model.add(photos)
        self._update_filter_items()

    def set_scale(self, low: float, threshold: float) -> None:
        """The heat maps' colour scale (the normal photos' typical score and the threshold)."""
        self.model.set_scale(low, threshold)
        self.preview.set_scale(low, threshold)

    def show_result(self, result: Any) -> None:
        """A finished check (``CheckResult``), or the same check judged at another rate."""
        self.root = Path(result.root)
        selected = self.selected_photo()
        self.model.set_photos(result.photos)
        c = result.counts()
        text = "<b>" + InspectCounts().summary(len(result.photos), c["unusual"], c["bad_shot"], c["normal"]) + "</b>"
        if result.skipped:
            text += "<br>" + InspectCounts().unreadable(len(result.skipped))
        self.summary.setText(text)
        self.set_rate_note(result.threshold)
        self._update_filter_items()
        if selected is not None:
            self.select(selected.path)
        elif result.photos:
            self.select(result.photos[0].path)

    def show_stopped(self, n_checked: int) -> None:
        """The check was stopped after ``n_checked`` photos."""
        self.summary.setText(InspectCounts().checked_so_far(n_checked))

    def show_progress(self, phase: str, done: int, total: int) -> None:
        """The check's progress (total 0: busy)."""
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(min(done, total) if total else 0)
        text = inspect_text.phase_text(phase)
        self.progress.setFormat(f"{text} {done}/{total}" if total else text)

    def end_progress(self, finished: bool) -> None:
        """The check ended."""
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if finished else 0)
        self.progress.setFormat("")

    def set_state(self, running: bool, app_busy: bool, has_normal: bool, has_result: bool) -> None:
        """Enable the controls for the state."""
        self.check_button.setEnabled(has_normal and self.folder is not None and not app_busy)
        self.cancel_button.setEnabled(running)
        self.folder_button.setEnabled(not running)
        self.rate_spin.setEnabled(not running)
        self.save_button.setEnabled(has_result and not running)
        self.report_button.setEnabled(has_result and not running)

    def select(self, path: str) -> None:
        """Select (and preview) the photo at ``path``."""
        row = self.model.row_of(path)
        if row >= 0:
            self.grid.setCurrentIndex(self.model.index(row))

    def selected_photo(self) -> Any:
        """The previewed ``PhotoCheck`` (None when none)."""
        return self.preview.photo

    def ask_csv_path(self, start: Path) -> Path | None:
        """Ask where to save the CSV."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the checked photos"), str(start), self.tr("CSV files (*.csv)")
        )
        return Path(path) if path else None

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_choose_folder(self) -> None:
        start = str(self.folder or Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder of new photos"), start)
        if folder:
            self.set_folder(Path(folder))
            self.folder_chosen.emit()

    @Slot()
    def _on_check(self) -> None:
        if self.folder is not None:
            self.check_requested.emit(self.folder, self.rate())

    @Slot(float)
    def _on_rate(self, _value: float) -> None:
        self.set_rate_note(None)
        self.rate_changed.emit(self.rate())

    @Slot(int)
    def _on_filter(self, _i: int) -> None:
        self.model.set_filter(str(self.filter_combo.currentData() or "all"))
        photo = self.preview.photo
        if photo is not None and self.model.row_of(photo.path) >= 0:
            self.select(photo.path)

    @Slot(bool)
    def _on_heat_toggled(self, on: bool) -> None:
        self.model.set_show_heat(on)
        self.preview.set_show_heat(on)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = [i.row() for i in self.grid.selectionModel().selectedIndexes()]
        photo = self.model.photo_at(rows[0]) if rows else None
        if photo is not None:
            self.preview.show_photo(photo, self.root)

    def _update_filter_items(self) -> None:
        c = self.model.counts()
        labels = {
            "all": self.tr("All ({0})"),
            "unusual": self.tr("Looks unusual ({0})"),
            "bad_shot": self.tr("Bad shots ({0})"),
            "normal": self.tr("Looks normal ({0})"),
        }
        current = str(self.filter_combo.currentData() or "all")
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for key in ("all", "unusual", "bad_shot", "normal"):
            self.filter_combo.addItem(labels[key].format(c.get(key, 0)), key)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(current)))
        self.filter_combo.blockSignals(False)

    def shutdown(self) -> None:
        """Stop the thumbnail decoders."""
        self.loader.shutdown()
        self.preview.shutdown()

    def index_of(self, path: str) -> QModelIndex:
        """The model index of a visible photo (tests)."""
        row = self.model.row_of(path)
        return self.model.index(row) if row >= 0 else QModelIndex()
