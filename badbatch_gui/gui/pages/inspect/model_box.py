"""ModelBox: which trained network to inspect (a finished run, or an exported one chosen with a dialog), which photos
to index under it (by default the run's training folder without the photos it left out), and the index's progress.

It only chooses and reports; the page starts and cancels the index task (``build_requested`` / ``cancel_requested``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.gui import resources
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.text import inspect_text
from badbatch_gui.gui.text.inspect_text import InspectCounts
from badbatch_gui.gui.text.run_text import status_text

#: The export's weights file: ``core.nets.encoder_io.WEIGHTS_FILE`` (that module imports torch, which the window
#: never does on its own thread; a test checks the two agree).
WEIGHTS_FILE = "encoder.safetensors"


@dataclass(frozen=True)
class ModelChoice:
    """A network the operator can inspect.

    Attributes:
        kind: "run" or "export".
        path: the run folder or the export folder.
        label: what the list shows.
        folder: the photo folder a run trained on (None for an export: it does not say).
        left_out: relative paths the run left out of training.
    """

    kind: str
    path: Path
    label: str
    folder: Path | None = None
    left_out: tuple[str, ...] = ()


def export_folders(bases: list[Path]) -> list[Path]:
    """The export folders (holding ``encoder.safetensors``) directly inside ``bases``, newest first."""
    found: dict[Path, float] = {}
    for base in bases:
        try:
            children = list(base.iterdir()) if base.is_dir() else []
        except OSError:
            continue
        for child in children:
            weights = child / WEIGHTS_FILE
            try:
                if weights.is_file():
                    found[child.resolve()] = weights.stat().st_mtime
            except OSError:
                continue
    return sorted(found, key=lambda p: found[p], reverse=True)


class ModelBox(QGroupBox):
    """Network chooser, photo folder, leave-out switch, Build / Cancel, progress and the index's status.

    Signals:
        build_requested(): the operator asked for the index.
        cancel_requested(): the operator asked to stop the running job.
        choice_changed(): another network or folder was chosen (the page forgets its index).
    """

    build_requested = Signal()
    cancel_requested = Signal()
    choice_changed = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Network and photos"), parent)
        self.setObjectName("inspectModelBox")
        self.controller = controller
        self.choices: list[ModelChoice] = []
        self._added: list[Path] = []
        self._folder: Path | None = None

        self.network_combo = QComboBox(self)
        self.network_combo.setObjectName("inspectNetworkCombo")
        self.network_combo.setToolTip(
            self.tr("The trained network to put to work: a finished training run, or an exported network.")
        )
        self.network_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.add_export_button = QPushButton(resources.icon("folder-open"), self.tr("Open an export…"), self)
        self.add_export_button.setObjectName("inspectAddExport")
        self.add_export_button.setToolTip(
            self.tr("Choose a folder made by the Export step (it holds encoder.safetensors).")
        )
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("inspectFolderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(resources.icon("folder-open"), self.tr("Change…"), self)
        self.folder_button.setObjectName("inspectFolderButton")
        self.folder_button.setToolTip(self.tr("Index another folder of photos under this network."))
        self.leave_out_check = QCheckBox(self)
        self.leave_out_check.setObjectName("inspectLeaveOut")
        self.leave_out_check.setChecked(True)
        self.leave_out_check.setToolTip(
            self.tr(
                "The photos you or the Batch check left out of training (bad shots, "
                "rejected photos) are not indexed, so they are not taken as normal "
                "photos either."
            )
        )
        self.build_button = QPushButton(resources.icon("play"), self.tr("Build index"), self)
        self.build_button.setObjectName("inspectBuildButton")
        self.build_button.setToolTip(
            self.tr(
                "Let the network look at every photo of the folder once. This is kept, "
                "so next time only new or changed photos are looked at."
            )
        )
        self.cancel_button = QPushButton(resources.icon("cancel"), self.tr("Cancel"), self)
        self.cancel_button.setObjectName("inspectCancelButton")
        self.cancel_button.setToolTip(self.tr("Stop; nothing is changed."))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("inspectProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("inspectIndexStatus")
        self.status.setWordWrap(True)

        grid = QGridLayout(self)
        grid.addWidget(QLabel(self.tr("Network:")), 0, 0)
        grid.addWidget(self.network_combo, 0, 1)
        grid.addWidget(self.add_export_button, 0, 2)
        grid.addWidget(QLabel(self.tr("Photos:")), 1, 0)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.leave_out_check)
        grid.addLayout(folder_row, 1, 1)
        grid.addWidget(self.folder_button, 1, 2)
        self.progress.setFixedWidth(260)
        run_row = QHBoxLayout()
        run_row.addWidget(self.build_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress)
        run_row.addWidget(self.status, 1)
        grid.addLayout(run_row, 2, 0, 1, 3)
        grid.setColumnStretch(1, 1)

        self.network_combo.currentIndexChanged.connect(self._on_network_changed)
        self.add_export_button.clicked.connect(self._on_add_export)
        self.folder_button.clicked.connect(self._on_change_folder)
        self.leave_out_check.toggled.connect(self._on_leave_out_toggled)
        self.build_button.clicked.connect(self.build_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)

    # ------------------------------------------------------------------ choices
    def refresh(self) -> None:
        """Re-read the finished runs and the exports (the current choice is kept when it still exists)."""
        current = self.choice()
        ctl = self.controller
        found: list[ModelChoice] = []
        for r in runs.list_runs(ctl.paths.runs_dir):
            if not r.has_checkpoint or r.status == "running":
                continue
            found.append(
                ModelChoice(
                    "run",
                    Path(r.run_dir),
                    f"{Path(r.run_dir).name} — {status_text(r)}",
                    Path(r.folder) if r.folder else None,
                    tuple(str(p) for p in (r.config.get("exclude") or ())),
                )
            )
        bases = [Path(ctl.paths.exports_dir)] + ([Path(ctl.settings.export_dir)] if ctl.settings.export_dir else [])
        for folder in [*self._added, *[p for p in export_folders(bases) if p not in self._added]]:
            found.append(ModelChoice("export", folder, self.tr("Export: {0}").format(folder.name)))
        self.choices = found
        self.network_combo.blockSignals(True)
        self.network_combo.clear()
        for c in found:
            self.network_combo.addItem(c.label)
            self.network_combo.setItemData(self.network_combo.count() - 1, str(c.path), Qt.ItemDataRole.ToolTipRole)
        keep = next((i for i, c in enumerate(found) if current is not None and c.path == current.path), -1)
        self.network_combo.setCurrentIndex(keep if keep >= 0 else (0 if found else -1))
        self.network_combo.blockSignals(False)
        if keep < 0:
            self._on_network_changed()
        else:
            self._show_folder()

    def choice(self) -> ModelChoice | None:
        """The chosen network (None when there is none)."""
        i = self.network_combo.currentIndex()
        return self.choices[i] if 0 <= i < len(self.choices) else None

    def choose(self, path: Path) -> bool:
        """Choose the run or export in ``path`` (an export not listed yet is added); False when it is neither."""
        path = Path(path).resolve()
        if not any(c.path == path for c in self.choices):
            if not (path / WEIGHTS_FILE).is_file():
                self.refresh()
                if not any(c.path == path for c in self.choices):
                    return False
            else:
                self._added.insert(0, path)
                self.refresh()
        index = next(i for i, c in enumerate(self.choices) if c.path == path)
        self.network_combo.setCurrentIndex(index)
        return True

    def folder(self) -> Path | None:
        """The photo folder to index: the one chosen by hand, else the run's training folder, else the folder
        open in step 1.
        """
        if self._folder is not None:
            return self._folder
        c = self.choice()
        if c is not None and c.folder is not None:
            return c.folder
        return self.controller.folder

    def set_folder(self, folder: Path | None) -> None:
        """Index ``folder`` instead of the default (None: back to the default)."""
        self._folder = Path(folder) if folder is not None else None
        self._show_folder()
        self._show_start()
        self.choice_changed.emit()

    def exclude(self) -> tuple[str, ...]:
        """The photos to leave out of the index: the run's left-out photos when the switch is on and the folder is
        the one it trained on.
        """
        c = self.choice()
        if c is None or not self.leave_out_check.isChecked() or not self._is_training_folder():
            return ()
        return c.left_out

    def _is_training_folder(self) -> bool:
        c, folder = self.choice(), self.folder()
        return (
            c is not None
            and c.folder is not None
            and folder is not None
            and Path(folder).resolve() == Path(c.folder).resolve()
        )

    # ------------------------------------------------------------------ state shown
    def set_busy(self, running_here: bool, app_busy: bool) -> None:
        """Enable the buttons for the state: a job of this page runs, or another task of the app runs."""
        has = self.choice() is not None and self.folder() is not None
        self.build_button.setEnabled(has and not app_busy)
        self.cancel_button.setEnabled(running_here)
        for w in (self.network_combo, self.add_export_button, self.folder_button, self.leave_out_check):
            w.setEnabled(not running_here)

    def show_progress(self, phase: str, done: int, total: int) -> None:
        """A job's progress (total 0: busy, amount unknown)."""
        self.progress.setRange(0, max(0, total))
        self.progress.setValue(min(done, total) if total else 0)
        text = inspect_text.phase_text(phase)
        self.progress.setFormat(f"{text} {done}/{total}" if total else text)

    def end_progress(self, finished: bool) -> None:
        """The job ended (full bar when it finished, empty when not)."""
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if finished else 0)
        self.progress.setFormat("")

    def show_index(self, index: Any) -> None:
        """The status line of a finished index (a FolderIndex)."""
        counts = InspectCounts()
        parts = [counts.indexed(len(index))]
        if index.reused:
            parts.append(counts.from_cache(int(index.reused)))
        if index.skipped:
            parts.append(counts.skipped(len(index.skipped)))
        self.status.setText(self.tr("Ready: {0}.").format(inspect_text.listing(parts)))

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_network_changed(self, *_: object) -> None:
        self._folder = None
        self._show_folder()
        self._show_start()
        self.choice_changed.emit()

    def _show_start(self) -> None:
        self.status.setText(
            self.tr("Build the index to start.")
            if self.choice() is not None
            else self.tr("No trained network yet: train one in step 3, or open an export.")
        )

    def _show_folder(self) -> None:
        c, folder = self.choice(), self.folder()
        if folder is None:
            self.folder_label.setText(self.tr("No folder yet: open one in step 1, or choose one with Change…"))
        elif c is not None and c.kind == "export" and self._folder is None:
            self.folder_label.setText(
                self.tr(
                    "{0} (the folder open in step 1; an export does not say which photos it was trained on)"
                ).format(folder)
            )
        else:
            self.folder_label.setText(str(folder))
        n = len(c.left_out) if c is not None else 0
        self.leave_out_check.setText(InspectCounts().left_out(n))
        self.leave_out_check.setVisible(n > 0 and self._is_training_folder())

    @Slot()
    def _on_add_export(self) -> None:
        start = self.controller.settings.export_dir or str(self.controller.paths.exports_dir)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose an exported network"), start)
        if folder and not self.choose(Path(folder)):
            self.status.setText(self.tr("{0} holds no exported network ({1}).").format(folder, WEIGHTS_FILE))

    @Slot()
    def _on_change_folder(self) -> None:
        start = str(self.folder() or Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the photos to index"), start)
        if folder:
            self.set_folder(Path(folder))

    @Slot(bool)
    def _on_leave_out_toggled(self, _on: bool) -> None:
        self.choice_changed.emit()
