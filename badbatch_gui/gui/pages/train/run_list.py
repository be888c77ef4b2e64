"""RunList: past and interrupted training runs with their status, photo folder, preset and the three figures.

Fed with ``core.training.run_folder.runs.RunInfo`` objects (duck-typed: ``run_dir``, ``status``, ``started``, ``summary``,
``config``, ``resumable``). Buttons emit signals; the page decides what happens.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.gui.text import train_text
from badbatch_gui.gui.text.run_text import preset_label, status_text
from badbatch_gui.gui.text.units import format_bytes, format_count, format_duration

RUN_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDER_COLUMN = 2


class RunList(QWidget):
    """A table of runs (newest first) with Show curves / Resume / Export buttons.

    Signals:
        run_selected(object): the RunInfo now selected (None when nothing is).
        show_requested(object): replay this run's curves.
        resume_requested(object): continue this interrupted run from its last checkpoint.
        export_requested(object): go to the Export page with this run.
        report_requested(object): save this run's report (a PDF).
        refresh_requested(): re-read the runs folder.
    """

    run_selected = Signal(object)
    show_requested = Signal(object)
    resume_requested = Signal(object)
    export_requested = Signal(object)
    report_requested = Signal(object)
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runList")
        self._runs: list[Any] = []
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("runTable")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                self.tr("Started"),
                self.tr("Status"),
                self.tr("Folder"),
                self.tr("Preset"),
                self.tr("Method"),
                self.tr("Photos"),
                self.tr("Training time"),
                self.tr("Peak memory"),
            ]
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setToolTip(self.tr("Every training run on this computer, newest first."))
        self.tree.itemSelectionChanged.connect(self._on_selection)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        self.show_button = self._button(
            "runShowButton", self.tr("Show curves"), self.tr("Draw this run's recorded curves on the plots.")
        )
        self.resume_button = self._button(
            "runResumeButton", self.tr("Resume"), self.tr("Continue this interrupted run from its last saved point.")
        )
        self.export_button = self._button(
            "runExportButton", self.tr("Export…"), self.tr("Save this run's trained encoder for use in other programs.")
        )
        self.report_button = self._button(
            "runReportButton",
            self.tr("Report…"),
            self.tr(
                "Save this run's report as a PDF to hand over: the photos used and "
                "left out, the time and memory it took, its loss curve, settings "
                "and export."
            ),
        )
        self.refresh_button = self._button(
            "runRefreshButton", self.tr("Refresh"), self.tr("Read the list of runs again.")
        )
        self.show_button.clicked.connect(lambda: self._emit(self.show_requested))
        self.resume_button.clicked.connect(lambda: self._emit(self.resume_requested))
        self.export_button.clicked.connect(lambda: self._emit(self.export_requested))
        self.report_button.clicked.connect(lambda: self._emit(self.report_requested))
        self.refresh_button.clicked.connect(self.refresh_requested)
        buttons = QHBoxLayout()
        for b in (self.show_button, self.resume_button, self.export_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree, 1)
        lay.addLayout(buttons)
        self._busy = False
        self._update_buttons()

    def set_runs(self, runs: Sequence[Any]) -> None:
        """Show ``runs`` (keeps the selection when the same run folder is still listed)."""
        selected = self.selected()
        keep = Path(selected.run_dir) if selected is not None else None
        self._runs = list(runs)
        self.tree.blockSignals(True)
        self.tree.clear()
        for info in self._runs:
            summary = dict(getattr(info, "summary", {}) or {})
            config = dict(getattr(info, "config", {}) or {})
            folder = str(getattr(info, "folder", "") or "")
            item = QTreeWidgetItem(
                [
                    _short_time(getattr(info, "started", None)),
                    status_text(info),
                    Path(folder).name or "—",
                    preset_label(config) if config else "—",
                    train_text.run_method_text(config),
                    format_count(summary.get("images_used")),
                    format_duration(summary.get("train_time_s")),
                    format_bytes(summary.get("peak_memory_bytes")),
                ]
            )
            item.setData(0, RUN_ROLE, info)
            item.setToolTip(0, str(getattr(info, "run_dir", "")))
            item.setToolTip(FOLDER_COLUMN, folder)
            msg = getattr(info, "reason_message", "")
            if msg:
                item.setToolTip(1, msg)
            self.tree.addTopLevelItem(item)
            if keep is not None and Path(info.run_dir) == keep:
                item.setSelected(True)
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._on_selection()

    def runs(self) -> list[Any]:
        """The listed runs."""
        return list(self._runs)

    def selected(self) -> Any | None:
        """The selected RunInfo, if any."""
        items = self.tree.selectedItems()
        return items[0].data(0, RUN_ROLE) if items else None

    def select_run(self, run_dir: Path) -> bool:
        """Select the row of ``run_dir``; False when it is not listed."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and Path(item.data(0, RUN_ROLE).run_dir) == Path(run_dir):
                self.tree.setCurrentItem(item)
                item.setSelected(True)
                return True
        return False

    def set_busy(self, busy: bool) -> None:
        """While a task runs, Resume is disabled (one task at a time)."""
        self._busy = busy
        self._update_buttons()

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.setToolTip(tip)
        return b

    def _emit(self, signal: Any) -> None:
        info = self.selected()
        if info is not None:
            signal.emit(info)

    @Slot()
    def _on_selection(self) -> None:
        self._update_buttons()
        self.run_selected.emit(self.selected())

    @Slot(QTreeWidgetItem, int)
    def _on_double_click(self, item: QTreeWidgetItem, column: int) -> None:
        self.show_requested.emit(item.data(0, RUN_ROLE))

    def _update_buttons(self) -> None:
        info = self.selected()
        self.show_button.setEnabled(info is not None)
        self.resume_button.setEnabled(info is not None and bool(getattr(info, "resumable", False)) and not self._busy)
        self.export_button.setEnabled(
            info is not None and getattr(info, "has_checkpoint", False) and getattr(info, "status", "") != "running"
        )
        self.report_button.setEnabled(info is not None and getattr(info, "status", "") != "running")


def _short_time(iso: str | None) -> str:
    """ISO time -> "2025-03-01 14:05" (local), or the raw text when it does not parse."""
    if not iso:
        return "—"
    try:
        return _dt.datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso
