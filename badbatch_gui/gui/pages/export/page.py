"""Step 4, Export: pick a run, choose formats and a destination; the export runs as the controller's task (an
ExportWorker) and shows its self-test (reload the saved encoder, compare its answers with the trained one);
"Open folder" at the end.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ExportConfig
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.tasks.train_workers import ExportWorker, onnx_available
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text.run_text import status_text, trial_label, trial_sentence
from badbatch_gui.gui.widgets.run_summary import RunSummaryView
from badbatch_gui.gui.widgets.status_banner import StatusBanner

log = logging.getLogger(__name__)
TASK = "export"


class ExportPage(QWidget):
    """The Export step: run picker, formats, destination, Export button, self-test result, Open folder."""

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.setObjectName("exportPage")
        self.controller = controller
        self.worker: ExportWorker | None = None
        self.result: Any = None
        self.out_dir: Path | None = None
        self._runs: list[Any] = []

        self.run_combo = QComboBox(self)
        self.run_combo.setObjectName("exportRunCombo")
        self.run_combo.setToolTip(self.tr("The training run whose trained network is saved."))
        self.run_note = QLabel(self)
        self.run_note.setObjectName("exportRunNote")
        self.run_note.setWordWrap(True)
        self.summary = RunSummaryView(self)
        run_box = QGroupBox(self.tr("Trained run"), self)
        run_lay = QVBoxLayout(run_box)
        run_lay.addWidget(self.run_combo)
        run_lay.addWidget(self.run_note)
        run_lay.addWidget(self.summary)

        self.safetensors_check = QCheckBox(
            self.tr(
                "The trained network for Python programs, with a description of "
                "how it was trained and an example of how to load it (always "
                "saved)"
            ),
            self,
        )
        self.safetensors_check.setObjectName("exportSafetensorsCheck")
        self.safetensors_check.setChecked(True)
        self.safetensors_check.setEnabled(False)
        self.safetensors_check.setToolTip(
            self.tr(
                "Files: encoder.safetensors (the network's numbers in the "
                "safetensors format, which holds no program code and is safe to "
                "open; read by PyTorch), model_card.json (how and on which photos "
                "it was trained) and README.txt (how to load it)."
            )
        )
        self.onnx_check = QCheckBox(self.tr("Also a copy for other programs (C++, C#, inspection software…)"), self)
        self.onnx_check.setObjectName("exportOnnxCheck")
        has_onnx = onnx_available()
        self.onnx_check.setEnabled(has_onnx)
        self.onnx_check.setToolTip(
            self.tr(
                "Also saves encoder.onnx, in ONNX, a standard format that many programs "
                "and devices can run without Python; it is checked against the "
                "original."
            )
            if has_onnx
            else self.tr(
                "Not available: the optional ONNX packages (onnx, onnxscript) are not "
                "installed on this computer. ONNX is a standard format that many "
                "programs can run without Python."
            )
        )
        fmt_box = QGroupBox(self.tr("Formats"), self)
        fmt_lay = QVBoxLayout(fmt_box)
        fmt_lay.addWidget(self.safetensors_check)
        fmt_lay.addWidget(self.onnx_check)

        self.dest_edit = QLineEdit(self)
        self.dest_edit.setObjectName("exportDestEdit")
        self.dest_edit.setToolTip(self.tr("The folder in which a new folder with the exported network is made."))
        self.dest_edit.setText(controller.settings.export_dir or str(controller.paths.exports_dir))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.setObjectName("exportBrowseButton")
        self.browse_button.setToolTip(self.tr("Choose where the export is saved."))
        self.target_label = QLabel(self)
        self.target_label.setObjectName("exportTargetLabel")
        self.target_label.setWordWrap(True)
        dest_box = QGroupBox(self.tr("Destination"), self)
        dest_lay = QVBoxLayout(dest_box)
        row = QHBoxLayout()
        row.addWidget(self.dest_edit, 1)
        row.addWidget(self.browse_button)
        dest_lay.addLayout(row)
        dest_lay.addWidget(self.target_label)

        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            self.tr(
                "Save the trained network, then check that the saved copy gives the same answers as the trained one."
            )
        )
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("exportCancelButton")
        self.cancel_button.setToolTip(self.tr("Stop the export; nothing is left behind."))
        self.open_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.setObjectName("exportOpenButton")
        self.open_button.setToolTip(self.tr("Show the exported files in the file manager."))
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.banner = StatusBanner(self)
        self.banner.setObjectName("exportBanner")
        self.details = QLabel(self)
        self.details.setObjectName("exportDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for b in (self.export_button, self.cancel_button, self.open_button):
            buttons.addWidget(b)
        buttons.addWidget(self.progress, 1)

        lay = QVBoxLayout(self)
        lay.addWidget(run_box)
        lay.addWidget(fmt_box)
        lay.addWidget(dest_box)
        lay.addLayout(buttons)
        lay.addWidget(self.banner)
        lay.addWidget(self.details)
        lay.addStretch(1)

        self.run_combo.currentIndexChanged.connect(self._on_run_changed)
        self.dest_edit.textChanged.connect(self._update_target)
        self.browse_button.clicked.connect(self._on_browse)
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_folder)
        controller.busy_changed.connect(self._on_busy_changed)
        self.refresh_runs()

    # ------------------------------------------------------------------ public
    def refresh_runs(self) -> None:
        """Re-read the runs folder (runs with a checkpoint that are not training now)."""
        current = self.selected_run()
        keep = Path(current.run_dir) if current is not None else None
        self._runs = [
            r for r in runs.list_runs(self.controller.paths.runs_dir) if r.has_checkpoint and r.status != "running"
        ]
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        for r in self._runs:
            trial = trial_label(r)
            self.run_combo.addItem(f"{Path(r.run_dir).name} — {status_text(r)}" + (f" — {trial}" if trial else ""))
        self.run_combo.blockSignals(False)
        if keep is None or not self.select_run(keep):
            done = next((i for i, r in enumerate(self._runs) if r.status == "completed"), 0)
            self.run_combo.setCurrentIndex(done if self._runs else -1)
        self._on_run_changed()

    def select_run(self, run_dir: Path) -> bool:
        """Choose the run in ``run_dir``; False when it is not exportable."""
        for i, r in enumerate(self._runs):
            if Path(r.run_dir) == Path(run_dir):
                self.run_combo.setCurrentIndex(i)
                self._on_run_changed()
                return True
        return False

    def choose_run(self, run_dir: Path) -> bool:
        """Re-read the runs and choose the one in ``run_dir`` (the Train page's "Export…"); False when it is not
        exportable.
        """
        self.refresh_runs()
        return self.select_run(run_dir)

    def selected_run(self) -> Any:
        """The chosen RunInfo (None when there is none)."""
        i = self.run_combo.currentIndex()
        return self._runs[i] if 0 <= i < len(self._runs) else None

    def target_dir(self) -> Path | None:
        """The new folder the export will be written to: destination / run name, "-trial" added for a trial run
        (with -2, -3... if taken).
        """
        info = self.selected_run()
        dest = self.dest_edit.text().strip()
        if info is None or not dest:
            return None
        name = Path(info.run_dir).name + ("-trial" if info.trial else "")
        base = Path(dest).expanduser() / name
        candidate, i = base, 2
        while candidate.exists():
            candidate = base.with_name(f"{base.name}-{i}")
            i += 1
        return candidate

    @Slot()
    def export(self) -> bool:
        """Start the export in the background."""
        info, target = self.selected_run(), self.target_dir()
        if info is None or target is None:
            self.banner.show_message(self.tr("Choose a trained run and a destination first."), "warning")
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.banner.show_message(
                self.tr("The destination cannot be used: {0}").format(exc.strerror or exc), "error"
            )
            return False
        worker = ExportWorker(Path(info.run_dir), target, ExportConfig(onnx=self.onnx_check.isChecked()))
        if not self.controller.start_task(
            worker,
            TASK,
            done=self._on_done,
            failed=self._on_failed,
            canceled=self._on_canceled,
            notice=self._on_notice,
            phase=self._on_phase,
        ):
            self.banner.show_message(self.tr("Another task is running; export when it has finished."), "warning")
            return False
        self.worker, self.result, self.out_dir = worker, None, None
        self.banner.show_message(self.tr("Exporting to {0}…").format(target), "info")
        self.banner.setToolTip("")
        self.details.clear()
        self.progress.setRange(0, 0)
        self.controller.settings.export_dir = str(target.parent)
        self.controller.save_settings()
        self._update_buttons()
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the running export (the partial folder is removed by the exporter)."""
        if self.worker is not None:
            self.worker.control.request_stop()

    @Slot()
    def open_folder(self) -> None:
        """Open the last export's folder in the file manager."""
        if self.out_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.out_dir)))

    def shutdown(self) -> None:
        """Window closing: stop a running export (the controller joins the thread)."""
        self.cancel()

    def showEvent(self, event: QShowEvent) -> None:
        """Runs may have finished since the page was last shown."""
        if self.worker is None:
            self.refresh_runs()
        super().showEvent(event)

    # ------------------------------------------------------------------ slots
    @Slot(object)
    def _on_phase(self, progress: ev.Progress) -> None:
        self.progress.setRange(0, max(1, progress.total or 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(progress.message)

    @Slot(object)
    def _on_notice(self, notice: ev.Notice) -> None:
        self.details.setText(pm.notice_text(notice.code, notice.message, notice.data))

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.result, self.out_dir = result, Path(result.out_dir)
        st = result.self_test
        trial = bool(result.model_card.get("trial"))
        if st.passed and trial:
            self.banner.show_message(
                self.tr(
                    "Saved a trial: the saved copy gives the same answers as the trained "
                    "network, but this network comes from a Quick check and is not ready "
                    "for use."
                ),
                "warning",
            )
        elif st.passed:
            self.banner.show_message(
                self.tr("Saved and checked: the saved copy gives the same answers as the trained network."), "info"
            )
        else:
            self.banner.show_message(
                self.tr("The check FAILED: the saved copy does not give the same answers as the trained network."),
                "error",
            )
        self.banner.setToolTip(
            self.tr(
                "Check after saving (self-test): the saved file was loaded again and "
                "compared with the trained network on sample photos. Largest difference "
                "{0:.1e}, allowed {1:.0e}. It checks the file, not how good the network "
                "is."
            ).format(st.max_abs_diff, st.tolerance)
        )
        lines = [self.tr("Saved in {0}").format(result.out_dir), self.tr("Files: {0}").format(", ".join(result.files))]
        if result.onnx_status == "passed":
            lines.append(
                self.tr("The copy for other programs (encoder.onnx) gives the same answers as the trained network.")
            )
        self.details.setText("\n".join(lines))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("done"))

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.banner.show_message(message, "error")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.controller.show_error(message, details)

    @Slot()
    def _on_canceled(self) -> None:
        self.banner.show_message(self.tr("Export canceled; nothing was written."), "warning")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy and self.worker is not None:
            self.worker = None
        self._update_buttons()

    @Slot()
    def _on_run_changed(self, *_: object) -> None:
        info = self.selected_run()
        if info is None:
            self.summary.clear()
            self.run_note.setText(self.tr("No trained run yet: train one on the Train step first."))
        else:
            self.summary.set_summary(info.summary)
            notes = (
                []
                if info.status == "completed"
                else [self.tr("This run did not finish; the network from its last saved point is exported.")]
            )
            if info.trial:
                notes.append(trial_sentence())
            self.run_note.setText(" ".join(notes))
        self._update_target()

    @Slot()
    def _update_target(self, *_: object) -> None:
        target = self.target_dir()
        self.target_label.setText(self.tr("The export will be saved in: {0}").format(target) if target else "")
        self._update_buttons()

    @Slot()
    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose where to save the export"), self.dest_edit.text()
        )
        if folder:
            self.dest_edit.setText(folder)

    def _update_buttons(self) -> None:
        busy = self.controller.busy
        self.export_button.setEnabled(not busy and self.target_dir() is not None)
        self.cancel_button.setEnabled(self.worker is not None)
        self.open_button.setEnabled(self.out_dir is not None and self.out_dir.is_dir())
        self.run_combo.setEnabled(self.worker is None)
