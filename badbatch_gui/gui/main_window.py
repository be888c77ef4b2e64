"""MainWindow: the shell only — step sidebar, page stack, menus, status bar, folder drops and clean closing.

Pages come from ``gui/pages/<step>/page.py`` (``Page(controller)``); a page module that does not exist yet is
replaced by a :class:`PlaceholderPage` saying what the step will do. Only the first page is built before the
first paint; the others (pyqtgraph plots...) are built right after it, so the window appears quickly.

The window wires the pages together; pages never reach into the window or each other. A page's
``go_to_step(int)`` shows another step; the Train page's ``export_requested(Path)`` shows the Export page with
that run chosen (:meth:`MainWindow.show_export`).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui import __version__
from badbatch_gui.gui import resources, startup_notes
from badbatch_gui.gui.controller import AppController
from badbatch_gui.gui.dialogs import close_question
from badbatch_gui.gui.dialogs.open_folder import open_folder
from badbatch_gui.gui.pages.placeholder import PlaceholderPage
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.widgets.recent_menu import RecentFoldersMenu
from badbatch_gui.gui.widgets.status_banner import StatusBanner
from badbatch_gui.gui.widgets.step_sidebar import StepSidebar
from badbatch_gui.gui.widgets.task_status import TaskStatus

log = logging.getLogger(__name__)

# (module, class, icon) of the steps, in order.
STEPS = (
    ("images.page", "ImagesPage", "step-images"),
    ("batch_check.page", "BatchCheckPage", "step-batch"),
    ("train.page", "TrainPage", "step-train"),
    ("export.page", "ExportPage", "step-export"),
    ("inspect.page", "InspectPage", "step-inspect"),
)
TRAIN_STEP, EXPORT_STEP = 2, 3
MIN_WINDOW_SIZE = QSize(900, 600)
TRAIN_TASK = "train"


class MainWindow(QMainWindow):
    """The app window. ``first_painted`` fires once, right after the window was first drawn."""

    first_painted = Signal()

    def __init__(self, controller: AppController) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller
        controller.dialog_parent = self
        self.setWindowIcon(resources.icon("app"))
        self.setAcceptDrops(True)
        # An explicit minimum: without one, Qt raises the window's minimum to its contents' and widens the window
        # (past the screen) whenever a page's content asks for more room; pages elide or wrap instead.
        self.setMinimumSize(MIN_WINDOW_SIZE)
        self._painted = False
        self.pages: list[QWidget] = []
        self._texts = self._step_texts()

        self.sidebar = StepSidebar()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        for i, (_, _, icon_name) in enumerate(STEPS):
            title, tooltip, _ = self._texts[i]
            self.sidebar.add_step(icon_name, title, tooltip)
            self.stack.addWidget(self._make_page(i) if i == 0 else QWidget())
        self.sidebar.step_selected.connect(self.show_step)
        self.app_banner = StatusBanner()  # a problem with the app itself (its folders), above every page
        self.app_banner.setObjectName("appBanner")
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.app_banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self.status = TaskStatus()
        self.statusBar().addPermanentWidget(self.status, 1)
        self.status.cancel_requested.connect(controller.cancel_task)
        controller.device_ready.connect(self._on_device_ready)
        controller.folder_changed.connect(self._on_folder_changed)
        controller.task_progress.connect(self._on_task_progress)
        controller.task_paused.connect(self._on_task_paused)
        controller.busy_changed.connect(self._on_busy_changed)
        controller.status_message.connect(self._on_status_message)
        self._build_menus()
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)
        self._on_folder_changed(controller.folder)

    def _step_texts(self) -> list[tuple[str, str, str]]:
        return [
            (self.tr("Images"), self.tr("Choose a folder of part photos and check that every file can be used."), ""),
            (self.tr("Batch check"), self.tr("See which training batches look unrepresentative before training."), ""),
            (
                self.tr("Train"),
                self.tr("Teach the feature network what your parts look like."),
                self.tr(
                    "Here you will train the feature network on your photos, watch its progress live, pause "
                    "and resume, and see how much graphics-card memory it needs before you start."
                ),
            ),
            (
                self.tr("Export"),
                self.tr("Save the trained network so other programs can use it."),
                self.tr(
                    "Here you will save the trained network as a file other programs can load, with a record "
                    "of the photos and settings used, and a self-check that the saved copy works."
                ),
            ),
            (
                self.tr("Inspect"),
                self.tr(
                    "Put the trained network to work: photos like this one, new photos "
                    "checked against normal ones, a map of the folder."
                ),
                "",
            ),
        ]

    # ------------------------------------------------------------------ pages
    def _make_page(self, i: int) -> QWidget:
        module, cls, icon_name = STEPS[i]
        try:
            mod = importlib.import_module(f"badbatch_gui.gui.pages.{module}")
        except ImportError as exc:
            if getattr(exc, "name", None) != f"badbatch_gui.gui.pages.{module}":
                log.exception("page %s could not be loaded; showing its placeholder", module)
            title, _, description = self._texts[i]
            return PlaceholderPage(icon_name, title, description)
        page = getattr(mod, cls)(self.controller)
        go_to_step = getattr(page, "go_to_step", None)
        if go_to_step is not None:
            go_to_step.connect(self.show_step)
        export_requested = getattr(page, "export_requested", None)
        if export_requested is not None:
            export_requested.connect(self.show_export)
        return page

    def build_remaining_pages(self) -> None:
        """Replace the stand-ins of pages 2–4 by the real pages (done right after the first paint)."""
        for i in range(1, len(STEPS)):
            old = self.stack.widget(i)
            if isinstance(old, PlaceholderPage) or type(old) is not QWidget:
                continue
            page = self._make_page(i)
            self.stack.insertWidget(i, page)
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages = [w for i in range(self.stack.count()) if (w := self.stack.widget(i)) is not None]
        self.stack.setCurrentIndex(self.sidebar.currentRow())

    def show_storage_problem(self, folder: str, kind: str) -> None:
        """Say, above every page, that the app's own folders cannot be written (it works on without them)."""
        self.app_banner.show_message(pm.storage_problem_text(folder, kind), "warning")

    def page(self, i: int) -> QWidget | None:
        """The widget of step ``i`` (0-based); None for an index out of range."""
        return self.stack.widget(i)

    @Slot(int)
    def show_step(self, i: int) -> None:
        """Switch to step ``i`` (0-based)."""
        if type(self.stack.widget(i)) is QWidget:
            self.build_remaining_pages()
        self.stack.setCurrentIndex(i)
        if self.sidebar.currentRow() != i:
            self.sidebar.setCurrentRow(i)

    @Slot(object)
    def show_export(self, run_dir: Path) -> None:
        """Show the Export step with the run in ``run_dir`` chosen."""
        self.show_step(EXPORT_STEP)
        choose_run = getattr(self.page(EXPORT_STEP), "choose_run", None)  # absent on a placeholder
        if choose_run is not None:
            choose_run(Path(run_dir))

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._add(
            file_menu,
            "actionOpenFolder",
            self.tr("&Open folder…"),
            self.choose_folder,
            QKeySequence.StandardKey.Open,
            "folder-open",
        )
        self.recent_menu = RecentFoldersMenu(
            self.tr("Open &recent"),
            lambda: self.controller.settings.recent_folders,
            file_menu,
            resources.icon("recent"),
        )
        self.recent_menu.setObjectName("menuRecent")
        self.recent_menu.chosen.connect(self.controller.open_folder)
        file_menu.addMenu(self.recent_menu)
        self._add(file_menu, "actionDemo", self.tr("Try the &demo images"), self.controller.open_demo, None, "demo")
        file_menu.addSeparator()
        self._add(
            file_menu,
            "actionSettings",
            self.tr("&Settings…"),
            self.open_settings,
            QKeySequence.StandardKey.Preferences,
            "settings",
        )
        file_menu.addSeparator()
        self._add(file_menu, "actionQuit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        go = self.menuBar().addMenu(self.tr("&Go"))
        for i in range(len(STEPS)):
            act = self._add(
                go,
                f"actionStep{i + 1}",
                f"&{i + 1}  {self._texts[i][0]}",
                self._step_action(i),
                QKeySequence(f"Ctrl+{i + 1}"),
                STEPS[i][2],
            )
            act.setToolTip(self._texts[i][1])
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._add(help_menu, "actionCopyDiagnostics", self.tr("&Copy diagnostics"), self.copy_diagnostics, None, "copy")
        self._add(help_menu, "actionOpenLogs", self.tr("Open &log folder"), self.open_log_folder, None, "log-folder")
        self._add(help_menu, "actionAbout", self.tr("&About BadBatch Studio"), self._about)

    def _add(self, menu: QMenu, name: str, text: str, slot, shortcut=None, icon_name: str = "") -> QAction:
        act = QAction(text, self)
        act.setObjectName(name)
        if icon_name:
            act.setIcon(resources.icon(icon_name))
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        return act

    def _step_action(self, i: int):  # a GUI-thread closure for QAction.triggered
        return lambda: self.show_step(i)

    def choose_folder(self) -> None:
        """Ask for a folder and open it (the Images step's :meth:`ImagesPage.choose_folder`), then show that step."""
        choose = getattr(self.page(0), "choose_folder", None)  # absent on a placeholder
        if choose is not None and choose():
            self.show_step(0)

    def open_settings(self) -> None:
        """Show the Settings dialog; save when accepted."""
        from badbatch_gui.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.controller.settings, self)
        if dialog.exec():
            new = dialog.result_settings()
            changed = new.language != self.controller.settings.language
            self.controller.settings.language = new.language
            self.controller.save_settings()
            if changed:
                self.statusBar().showMessage(self.tr("The new language takes effect after you restart the app."), 10000)

    def copy_diagnostics(self) -> None:
        """Put the environment report (versions, device) on the clipboard."""
        from badbatch_gui.core.logs import environment_report, format_report

        loaded = "torch" in __import__("sys").modules
        QGuiApplication.clipboard().setText(format_report(environment_report(include_torch=loaded)))
        self.statusBar().showMessage(self.tr("Diagnostics copied to the clipboard."), 5000)

    def open_log_folder(self) -> None:
        """Open the log folder in the file manager."""
        self.controller.paths.log_dir.mkdir(parents=True, exist_ok=True)
        open_folder(self.controller.paths.log_dir, self)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About BadBatch Studio"),
            self.tr(
                "BadBatch Studio {0}\nFinds unrepresentative training batches, trains a feature network on your "
                "photos and exports it. Works fully offline."
            ).format(__version__),
        )

    # ------------------------------------------------------------------ controller signals
    @Slot(object)
    def _on_device_ready(self, info: dict[str, Any]) -> None:
        self.status.set_device(info)

    @Slot(object)
    def _on_folder_changed(self, folder: Path | None) -> None:
        self.status.set_folder(folder)
        self.setWindowTitle(f"{folder.name} — BadBatch Studio" if folder else "BadBatch Studio")

    def _task_label(self, name: str) -> str:
        labels = {
            "scan": self.tr("Scanning"),
            "score": self.tr("Checking batches"),
            "demo": self.tr("Making demo"),
            "train": self.tr("Training"),
            "forecast": self.tr("Checking memory"),
            "export": self.tr("Exporting"),
            "index": self.tr("Indexing"),
            "check_photos": self.tr("Checking new photos"),
        }
        return labels.get(name, name)

    @Slot(str, int, int)
    def _on_task_progress(self, name: str, done: int, total: int) -> None:
        self.status.set_progress(self._task_label(name), done, total)

    @Slot(str, bool)
    def _on_task_paused(self, name: str, paused: bool) -> None:
        if self.controller.running_task == name:
            self.status.task.setText(
                self.tr("{0} (paused)").format(self._task_label(name)) if paused else self._task_label(name)
            )

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.status.clear_progress()

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ window events
    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint, and emit ``first_painted`` once, after the window's first paint."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a drag that carries a folder."""
        if _dropped_folder(event.mimeData().urls()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open a dropped folder and show step 1 (Images)."""
        folder = _dropped_folder(event.mimeData().urls())
        if folder is not None:
            event.acceptProposedAction()
            self.controller.open_folder(folder)
            self.show_step(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask first when training runs (stop and keep progress, or keep training); then stop every worker and wait
        for its thread (no 'QThread: Destroyed while thread is still running').
        """
        if self.controller.running_task == TRAIN_TASK:
            if close_question.ask(self) != close_question.STOP:
                event.ignore()
                return
            run_dir = getattr(self.page(TRAIN_STEP), "run_dir", None)
            if run_dir is not None:
                startup_notes.remember_stopped_at_close(self, Path(run_dir))
            self.statusBar().showMessage(self.tr("Stopping training and saving its progress…"))
        else:
            self.statusBar().showMessage(self.tr("Stopping background work…"))
        for i in range(self.stack.count()):
            shutdown = getattr(self.stack.widget(i), "shutdown", None)
            if callable(shutdown):
                shutdown()
        if not self.controller.shutdown(60000):
            log.error("a background task did not stop; closing anyway")
        self._settings().setValue("geometry", self.saveGeometry())
        self.controller.save_settings()
        event.accept()

    def _settings(self) -> QSettings:
        return QSettings(str(self.controller.paths.config_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        geometry = self._settings().value("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)


def _dropped_folder(urls: list[QUrl]) -> Path | None:
    """The folder in a drop: a dropped folder, or the folder of a dropped file."""
    for url in urls:
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.is_dir():
                return p
            if p.is_file():
                return p.parent
    return None
