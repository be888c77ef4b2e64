"""SetupPanel: the Train page's left side — the settings and memory check (ForecastPanel), the photos the Batch
check flags (LeaveOutRow), how many photos training will use, and the Start / Pause / Resume / Stop buttons.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.pages.train.forecast_panel import ForecastPanel
from badbatch_gui.gui.pages.train.leave_out_row import LeaveOutRow


class SetupPanel(QScrollArea):
    """The settings column (scrolls when the window is short). The page connects the buttons.

    Attributes:
        n_images: photos the next run trains on (None: no scan yet).
        n_folder: usable photos in the folder (None: no scan yet).
    """

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(340)
        self.controller = controller
        self.n_images: int | None = None
        self.n_folder: int | None = None
        self.forecast = ForecastPanel(controller, self)
        self.start_button = _button(
            self,
            "trainStartButton",
            self.tr("Start training"),
            self.tr("Check the memory, then start training with these settings."),
        )
        self.pause_button = _button(
            self, "trainPauseButton", self.tr("Pause"), self.tr("Pause after the current step; nothing is lost.")
        )
        self.resume_button = _button(
            self,
            "trainResumeButton",
            self.tr("Resume"),
            self.tr("Continue the paused run, or the interrupted run chosen in Runs."),
        )
        self.stop_button = _button(
            self, "trainStopButton", self.tr("Stop"), self.tr("Stop and save progress; you can resume the run later.")
        )
        self.data_label = QLabel(self)
        self.data_label.setObjectName("trainDataLabel")
        self.data_label.setWordWrap(True)
        self.blocked_label = QLabel(self)  # why Start training is disabled (also its tooltip)
        self.blocked_label.setObjectName("trainBlockedReason")
        self.blocked_label.setWordWrap(True)
        self.blocked_label.setStyleSheet("QLabel { color: palette(highlight); font-weight: bold; }")
        self.blocked_label.hide()
        self._start_tip = self.start_button.toolTip()
        self.leave_out = LeaveOutRow(controller, self)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(b)
        column = QWidget(self)
        lay = QVBoxLayout(column)
        lay.addWidget(self.forecast)
        lay.addWidget(self.leave_out)
        lay.addWidget(self.data_label)
        lay.addLayout(buttons)
        lay.addWidget(self.blocked_label)
        lay.addStretch(1)
        self.setWidget(column)

    def show_blocked(self, reason: str) -> None:
        """Say why training cannot start ("" when it can): under the buttons and on Start's tooltip."""
        self.blocked_label.setText(reason)
        self.blocked_label.setVisible(bool(reason))
        self.start_button.setToolTip(reason or self._start_tip)

    def refresh_data(self) -> None:
        """Recount the photos training will use (scan, the photos left out, the preset's limit)."""
        scan = self.controller.scan
        excluded = len(self.controller.leave_out().paths)
        if scan is None:
            self.n_images = self.n_folder = None
            self.data_label.setText(self.tr("No photos yet: open a folder on the Images step."))
        elif not scan.images:
            self.n_images = self.n_folder = 0
            self.data_label.setText(self.tr("This folder has no usable photo."))
        else:
            self.n_folder = len(scan.training_images())
            self.n_images = max(0, self.n_folder - excluded)
            limit = self.forecast.settings.image_limit()
            text = self.tr("Training will use {0} of {1} photos ({2} left out).")
            if limit is not None and limit < self.n_images:
                self.n_images = limit
                text = self.tr("Training will use {0} of {1} photos (this preset uses at most {0}; {2} left out).")
            self.data_label.setText(text.format(self.n_images, self.n_folder, excluded))
        self.forecast.set_n_images(self.n_images)
        self.leave_out.refresh()


def _button(parent: QWidget, name: str, text: str, tip: str) -> QPushButton:
    """A push button with an object name and a one-sentence tooltip."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b
