"""CheckControls: the top of the Batch check page — the check's settings row (mode, feature network, batch size,
Check / Cancel), the note when the batch-size rule lowered the size, and the progress row while scoring runs.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.scoring.batch_size_rule import choose_batch_size
from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.pages.batch_check.score_settings import ScoreSettings

TASK = "score"
MIN_PHOTOS = 2  # the smallest batch


class CheckControls(QWidget):
    """Settings, size note and progress of the Batch check. The batch size is the core's batch-size rule's
    (``core.scoring.batch_size_rule``) until the operator types one, which is then used as it is.

    The field and the note always show the size the *next* check will use, computed from the same photos it will
    check (the usable photos minus those left out), so they never disagree (issue 19: the note said 14 while the
    field showed the 13 of a check that ran without the flagged photos); the banner says which size a finished
    check used.
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._size_by_hand = False
        self.settings_row = ScoreSettings()
        self.settings_row.batch_size.setValue(controller.settings.score_batch_size)
        self.settings_row.set_mode(controller.settings.score_mode)
        self.settings_row.cancel_requested.connect(controller.cancel_task)
        self.settings_row.batch_size.valueChanged.connect(self._on_size_edited)
        self.settings_row.changed.connect(self.remember)
        self.size_note = QLabel()
        self.size_note.setObjectName("scoreSizeNote")
        self.size_note.setWordWrap(True)
        self.size_note.setVisible(False)
        self._start_tip = self.settings_row.start_button.toolTip()
        self.progress = QProgressBar()
        self.progress.setObjectName("scoreProgress")
        self.progress_label = QLabel()
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        self.progress_row.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.settings_row, self.size_note, self.progress_row):
            layout.addWidget(w)
        controller.scan_changed.connect(self._on_scan_changed)
        controller.task_progress.connect(self._on_task_progress)
        controller.task_phase.connect(self._on_task_phase)
        controller.busy_changed.connect(self._on_busy_changed)
        controller.decisions_changed.connect(self.refresh_size)
        self._on_scan_changed(controller.scan)

    def config(self, image_size: int) -> ScoreConfig:
        """The check's configuration. A batch size the operator typed is used as it is; otherwise the remembered
        one goes to the core's batch-size rule, which may lower it (and says so).
        """
        s = self.settings_row
        size = s.batch_size.value() if self._size_by_hand else self.controller.settings.score_batch_size
        return ScoreConfig(
            batch_size=size,
            auto_batch_size=not self._size_by_hand,
            mode=s.current_mode(),
            weights=s.weights(),
            image_size=image_size,
        )

    @Slot()
    def remember(self) -> None:
        """Keep the mode (and a batch size the operator typed) in the settings."""
        if self._size_by_hand:
            self.controller.settings.score_batch_size = self.settings_row.batch_size.value()
        self.controller.settings.score_mode = self.settings_row.current_mode()

    def show_size(self, size: int) -> None:
        """Put the rule's size in the spin box without counting it as the operator's choice."""
        self.settings_row.batch_size.blockSignals(True)
        self.settings_row.batch_size.setValue(size)
        self.settings_row.batch_size.blockSignals(False)

    @Slot(int)
    def _on_size_edited(self, _value: int) -> None:
        self._size_by_hand = True
        self.size_note.setVisible(False)

    def start_problem(self) -> str:
        """Why the check cannot start on the current folder, in the operator's words ("" when it can)."""
        scan = self.controller.scan
        if scan is None:
            return self.tr("Choose and scan a folder on the Images step first.")
        if not scan.images:
            return self.tr(
                "This folder has no usable photo, so there is nothing to check. Choose another folder "
                "on the Images step; it says what it found."
            )
        if len(scan.training_images()) < MIN_PHOTOS:
            return self.tr("The folder has only one usable photo; the check needs at least {0}.").format(MIN_PHOTOS)
        return ""

    def _update_start(self) -> None:
        """Enable Check batches, or say why not on its tooltip (the page says it in its middle: a check cannot
        have run on such a folder, so the page shows its hint).
        """
        problem = self.start_problem()
        button = self.settings_row.start_button
        button.setEnabled(not self.controller.busy and not problem)
        button.setToolTip(problem or self._start_tip)

    @Slot(object)
    def _on_scan_changed(self, scan: Any) -> None:
        n = len(scan.training_images()) if scan is not None else 0
        self.size_note.setVisible(False)
        self._update_start()
        if scan is None or n < MIN_PHOTOS:
            return
        self._size_by_hand = False
        self.refresh_size()

    def photos_to_check(self) -> int:
        """How many photos the next check will score: the usable ones minus those left out (``ScoreConfig.exclude``
        is what the leave-out rule leaves out, ``AppController.start_scoring``).
        """
        scan = self.controller.scan
        if scan is None:
            return 0
        usable = {r.path for r in scan.training_images()}
        return len(usable - set(self.controller.leave_out().paths))

    @Slot()
    def refresh_size(self) -> None:
        """Show the size the batch-size rule gives the next check, and say when it is lowered (a size typed by the
        operator stays as it is).
        """
        if self.controller.scan is None:
            self.size_note.setVisible(False)
        if self.controller.scan is None or self._size_by_hand:
            return
        n = self.photos_to_check()
        choice = choose_batch_size(n, self.controller.settings.score_batch_size, automatic=True)
        self.show_size(choice.size)
        self.size_note.setText(
            self.tr(
                "Next check: batches of {0}, lowered from {1} so the {2} photos not left out "
                "give at least {3} batches, which the automatic threshold needs."
            ).format(choice.size, choice.requested, n, MIN_SCORES)
        )
        self.size_note.setVisible(choice.lowered)

    @Slot(str, int, int)
    def _on_task_progress(self, name: str, done: int, total: int) -> None:
        if name != TASK:
            return
        if not self.progress_row.isVisible() and not self.progress_label.text():
            self.progress_label.setText(self.tr("Preparing…"))
        self.progress_row.setVisible(True)
        self.progress.setRange(0, max(0, total))
        if total > 0:
            self.progress.setValue(min(done, total))

    @Slot(str, str)
    def _on_task_phase(self, name: str, phase: str) -> None:
        if name == TASK:
            self.progress_label.setText(
                {
                    "decode": self.tr("Reading the photos…"),
                    "features": self.tr("Looking at the original photos…"),
                    "scoring": self.tr("Scoring batches…"),
                }.get(phase, self.tr("Working…"))
            )

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        scoring = busy and self.controller.running_task == TASK
        self.settings_row.set_running(scoring)
        if not busy:
            self.progress_row.setVisible(False)
            self.progress_label.setText("")
        elif scoring:
            self.progress_label.setText(self.tr("Loading the machine-learning runtime…"))
        self._update_start()
