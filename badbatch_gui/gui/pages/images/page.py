"""Step 1, Images: choose a folder (dialog, drop, recent list or the demo), scan it, see what is usable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core.file_names import display_name
from badbatch_gui.gui import resources
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.dialogs import file_dialogs
from badbatch_gui.gui.pages.images.summary_card import SummaryCard
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text.problem_text import problem_text
from badbatch_gui.gui.widgets.elided_label import ElidedLabel
from badbatch_gui.gui.widgets.recent_menu import RecentFoldersMenu
from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailGrid, ThumbnailModel

THUMB_SIZE = 112


class ImagesPage(QWidget):
    """Folder choice, background scan with progress and cancel, summary, problems, duplicates, thumbnails.

    Signals:
        go_to_step(int): the operator asked for another step (0-based), e.g. "Next: Batch check".
    """

    go_to_step = Signal(int)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagesPage")
        self.controller = controller
        ratio = self.devicePixelRatioF() or 1.0
        self.loader = ThumbnailLoader(controller.paths.thumbnails_dir, round(THUMB_SIZE * ratio), parent=self)
        self.model = ThumbnailModel(self.loader, THUMB_SIZE, ratio, self)

        title = QLabel(self.tr("<h2>1 · Images</h2>"))
        intro = QLabel(
            self.tr(
                "Choose the folder that holds your part photos. The app checks every file and "
                "never changes, moves or copies your photos."
            )
        )
        intro.setWordWrap(True)

        self.folder_label = ElidedLabel()  # a long path is shortened, never widening the window
        self.folder_label.setObjectName("imagesFolderLabel")
        self.choose_button = QPushButton(resources.icon("folder-open"), self.tr("Choose folder…"))
        self.choose_button.setObjectName("imagesChooseFolder")
        self.choose_button.setToolTip(
            self.tr("Pick the folder of photos to check and train on. You can also drop a folder onto this window.")
        )
        self.choose_button.clicked.connect(self.choose_folder)
        self.recent_button = QToolButton()
        self.recent_button.setObjectName("imagesRecent")
        self.recent_button.setText(self.tr("Recent"))
        self.recent_button.setIcon(resources.icon("recent"))
        self.recent_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.recent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent_button.setToolTip(self.tr("Open a folder you used before."))
        self.recent_menu = RecentFoldersMenu("", lambda: self.controller.settings.recent_folders, self.recent_button)
        self.recent_menu.setObjectName("imagesRecentMenu")
        self.recent_menu.chosen.connect(self.controller.open_folder)
        self.recent_button.setMenu(self.recent_menu)
        self.demo_button = QPushButton(resources.icon("demo"), self.tr("Try the demo images"))
        self.demo_button.setObjectName("imagesDemo")
        self.demo_button.setToolTip(
            self.tr(
                "Opens a small built-in folder of example part photos, with a few bad "
                "ones mixed in, so you can try every step."
            )
        )
        self.demo_button.clicked.connect(controller.open_demo)
        self.rescan_button = QPushButton(resources.icon("scan"), self.tr("Scan again"))
        self.rescan_button.setObjectName("imagesRescan")
        self.rescan_button.setToolTip(self.tr("Check the folder again, e.g. after adding or removing photos."))
        self.rescan_button.setEnabled(False)
        self.rescan_button.clicked.connect(lambda: controller.start_scan())
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.rescan_button)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.recent_button)
        folder_row.addWidget(self.demo_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("imagesScanProgress")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("imagesScanLabel")
        self.cancel_button = QPushButton(resources.icon("cancel"), self.tr("Cancel"))
        self.cancel_button.setObjectName("imagesCancelScan")
        self.cancel_button.setToolTip(self.tr("Stop the scan. Nothing is changed."))
        self.cancel_button.clicked.connect(controller.cancel_task)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)

        self.card_usable = SummaryCard(
            "cardUsable", self.tr("usable photos"), self.tr("Photos that can be opened and are big enough to train on.")
        )
        self.card_problems = SummaryCard(
            "cardProblems",
            self.tr("files with problems"),
            self.tr("Files that cannot be used; see the Problems tab for why."),
        )
        self.card_duplicates = SummaryCard(
            "cardDuplicates",
            self.tr("duplicate groups"),
            self.tr("Groups of identical files; only one of each group is used."),
        )
        self.card_sizes = SummaryCard(
            "cardSizes",
            self.tr("most common size (pixels)"),
            self.tr("The most frequent photo size and the smallest and largest ones."),
        )
        cards = QHBoxLayout()
        for card in (self.card_usable, self.card_problems, self.card_duplicates, self.card_sizes):
            cards.addWidget(card, 1)

        self.grid = ThumbnailGrid(self.model)
        self.grid.setToolTip("")
        self.problems = QTableWidget(0, 2)
        self.problems.setObjectName("imagesProblemsTable")
        self.problems.setHorizontalHeaderLabels([self.tr("File"), self.tr("Why it cannot be used")])
        self.problems.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setColumnWidth(0, 320)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.duplicates = QTreeWidget()
        self.duplicates.setObjectName("imagesDuplicatesTree")
        self.duplicates.setHeaderLabels([self.tr("Identical files (only the first one is used)")])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("imagesTabs")
        self.tabs.addTab(self.grid, resources.icon("step-images"), self.tr("Photos"))
        self.tabs.addTab(self.problems, resources.icon("warning"), self.tr("Problems"))
        self.tabs.addTab(self.duplicates, resources.icon("copy"), self.tr("Duplicates"))

        self.next_button = QPushButton(resources.icon("next"), self.tr("Next: Batch check"))
        self.next_button.setObjectName("imagesNext")
        self.next_button.setToolTip(self.tr("Go to step 2 to see which training batches look unrepresentative."))
        self.next_button.setEnabled(False)
        self._next_tip = self.next_button.toolTip()
        self.next_button.clicked.connect(lambda: self.go_to_step.emit(1))
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)

        self.no_usable = QLabel()  # an empty or unusable folder: what was found, what to do
        self.no_usable.setObjectName("imagesNoUsable")
        self.no_usable.setWordWrap(True)
        self.no_usable.setTextFormat(Qt.TextFormat.PlainText)
        self.no_usable.setStyleSheet(
            "QLabel { background: palette(alternate-base); border: 2px solid "
            "palette(highlight); border-radius: 8px; padding: 12px; }"
        )
        self.no_usable.hide()

        content = QWidget()
        lay = QVBoxLayout(content)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(cards)
        lay.addWidget(self.no_usable)
        lay.addWidget(self.tabs, 1)
        lay.addLayout(bottom)
        self.empty = QLabel(
            self.tr(
                "Drop a folder of photos here, or click “Choose folder…”.\n\n"
                "New to the app? Click “Try the demo images”."
            )
        )
        self.empty.setObjectName("imagesEmptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("QLabel { border: 2px dashed palette(mid); border-radius: 12px; padding: 40px; }")
        self.body = QStackedWidget()
        self.body.addWidget(self.empty)
        self.body.addWidget(content)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.body, 1)

        controller.folder_changed.connect(self._on_folder_changed)
        controller.scan_changed.connect(self._on_scan_changed)
        controller.task_progress.connect(self._on_task_progress)
        controller.task_ended.connect(self._on_task_ended)
        controller.busy_changed.connect(self._on_busy_changed)
        self._on_folder_changed(controller.folder)
        self._on_scan_changed(controller.scan)

    # ------------------------------------------------------------------ actions
    def choose_folder(self) -> bool:
        """Ask for a folder with the system dialog and open it (the one place that does, also for the main window's
        File menu). True when one was chosen and opened.
        """
        start = self.controller.settings.last_folder or str(Path.home())
        folder = file_dialogs.choose_folder(self, self.tr("Choose the folder with your part photos"), start)
        return bool(folder) and self.controller.open_folder(folder)

    def shutdown(self) -> None:
        """Stop the thumbnail decoders (called when the window closes)."""
        self.loader.shutdown()

    # ------------------------------------------------------------------ controller signals
    @Slot(object)
    def _on_folder_changed(self, folder: Path | None) -> None:
        if folder is None:
            self.folder_label.setText(self.tr("No folder chosen yet."))
        else:
            self.folder_label.setText(self.tr("Folder: {0}").format(folder))
        self.body.setCurrentIndex(0 if folder is None else 1)

    @Slot(object)
    def _on_scan_changed(self, scan: Any) -> None:
        if scan is None:
            self.model.set_images(Path("."), [])
            for card in (self.card_usable, self.card_problems, self.card_duplicates, self.card_sizes):
                card.set_value("–")
            self.problems.setRowCount(0)
            self.duplicates.clear()
            self.next_button.setEnabled(False)
            self.no_usable.hide()
            return
        self.body.setCurrentIndex(1)
        images = list(scan.images)
        self.model.set_images(scan.root, [(r.path, r.width, r.height, r.size_bytes) for r in images])
        self.card_usable.set_value(f"{len(images):,}", warn=not images)
        self.card_problems.set_value(f"{len(scan.problems):,}", warn=bool(scan.problems))
        self.card_duplicates.set_value(f"{len(scan.duplicates):,}", warn=bool(scan.duplicates))
        self.card_sizes.set_value(_size_summary(images))
        self.card_sizes.caption.setText(
            self.tr("most common size (pixels); from {0} to {1}").format(*_size_range(images))
            if images
            else self.tr("most common size (pixels)")
        )
        self._fill_problems(scan.problems)
        self._fill_duplicates(scan.duplicates)
        self.tabs.setTabText(0, self.tr("Photos ({0})").format(len(images)))
        self.tabs.setTabText(1, self.tr("Problems ({0})").format(len(scan.problems)))
        self.tabs.setTabText(2, self.tr("Duplicates ({0})").format(len(scan.duplicates)))
        self.next_button.setEnabled(bool(images))
        self.next_button.setToolTip(self._next_tip if images else self.tr("This folder has no usable photo."))
        self.no_usable.setText(self.no_usable_text(scan))
        self.no_usable.setVisible(not images)
        if not images and scan.problems:
            self.tabs.setCurrentIndex(1)  # the reasons are the only thing to see

    def no_usable_text(self, scan: Any) -> str:
        """What an empty or unusable folder holds and what to do ("" when it has usable photos)."""
        if scan.images:
            return ""
        accepted = self.tr("The app uses JPEG, PNG, BMP, TIFF and WebP photos, also in sub-folders.")
        if scan.problems:
            return (
                self.tr(
                    "No photo in this folder can be used: %n picture file(s) were found, but none can be "
                    "opened (the Problems tab says why for each file).",
                    "",
                    len(scan.problems),
                )
                + "\n"
                + accepted
                + "\n"
                + self.tr(
                    "What to do: choose another folder with “Choose folder…”, or replace "
                    "the damaged files and click “Scan again”."
                )
            )
        return (
            self.tr("This folder holds no photos the app can use: no picture file was found in it.")
            + "\n"
            + accepted
            + "\n"
            + self.tr(
                "What to do: choose another folder with “Choose folder…”, or click “Try "
                "the demo images” to see how the app works."
            )
        )

    def _fill_problems(self, problems: Any) -> None:
        self.problems.setRowCount(len(problems))
        for i, p in enumerate(problems):
            name = QTableWidgetItem(display_name(p.path))
            name.setToolTip(display_name(self.controller.scan.absolute(p.path) if self.controller.scan else p.path))
            why = QTableWidgetItem(problem_text(p.reason, p.message, p.detail))
            why.setData(Qt.ItemDataRole.UserRole, p.reason)
            why.setToolTip(self.tr("Reason code: {0}").format(p.reason))
            self.problems.setItem(i, 0, name)
            self.problems.setItem(i, 1, why)

    def _fill_duplicates(self, groups: Any) -> None:
        self.duplicates.clear()
        for group in groups:
            top = QTreeWidgetItem([self.tr("{0} identical files").format(len(group))])
            for path in group:
                top.addChild(QTreeWidgetItem([display_name(path)]))
            self.duplicates.addTopLevelItem(top)
        self.duplicates.expandAll()

    @Slot(str, int, int)
    def _on_task_progress(self, name: str, done: int, total: int) -> None:
        if name not in ("scan", "demo"):
            return
        self.progress_row.setVisible(True)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.progress.setRange(0, max(0, total))
        if total > 0:
            self.progress.setValue(min(done, total))
            text = (
                self.tr("Checking files: {0} of {1}").format(done, total)
                if name == "scan"
                else self.tr("Making the demo images: {0} of {1}").format(done, total)
            )
        else:
            text = self.tr("Looking for photos…") if name == "scan" else self.tr("Making the demo images…")
        self.progress_label.setText(text)

    @Slot(str, str)
    def _on_task_ended(self, name: str, how: str) -> None:
        if name not in ("scan", "demo"):
            return
        stopped = name == "scan" and how == "canceled"
        self.progress_row.setVisible(stopped)
        if stopped:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            self.progress_label.setText(self.tr("The scan was stopped. Click “Scan again” to check the folder."))

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        for w in (self.choose_button, self.recent_button, self.demo_button):
            w.setEnabled(not busy)
        self.rescan_button.setEnabled(not busy and self.controller.folder is not None)


def _size_summary(images: list) -> str:
    if not images:
        return "–"
    (w, h), _ = Counter((r.width, r.height) for r in images).most_common(1)[0]
    return f"{w} × {h}"


def _size_range(images: list) -> tuple[str, str]:
    small = min(images, key=lambda r: r.width * r.height)
    big = max(images, key=lambda r: r.width * r.height)
    return f"{small.width} × {small.height}", f"{big.width} × {big.height}"
