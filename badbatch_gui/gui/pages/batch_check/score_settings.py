"""ScoreSettings: the Batch check's settings row — batch size, check mode, feature network — and its buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.gui import resources
from badbatch_gui.gui.dialogs import file_dialogs
from badbatch_gui.gui.text import score_text

CHOOSE_FILE = "__choose__"


class ScoreSettings(QWidget):
    """Inputs of a batch check. Signals: ``start_requested()``, ``cancel_requested()``, ``changed()``."""

    start_requested = Signal()
    cancel_requested = Signal()
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreSettings")
        self.batch_size = QSpinBox()
        self.batch_size.setObjectName("scoreBatchSize")
        self.batch_size.setRange(2, 4096)
        self.batch_size.setValue(32)
        self.batch_size.setToolTip(
            self.tr("How many photos training looks at together; use the same number you will train with.")
        )
        self.mode = QComboBox()
        self.mode.setObjectName("scoreMode")
        self.mode.addItem(self.tr("Typical photos (recommended)"), "reference")
        self.mode.addItem(self.tr("Augmentation check (as in training)"), "views")
        self.mode.addItem(self.tr("Variations against the original"), "original")
        self.mode.setToolTip(self.tr("What each batch is compared with to decide whether it is unusual."))
        self.mode_help = QLabel()
        self.mode_help.setObjectName("scoreModeHelp")
        self.mode_help.setWordWrap(True)
        self.network = QComboBox()
        self.network.setObjectName("scoreNetwork")
        self.network.setToolTip(
            self.tr(
                "The network that turns photos into numbers to compare. A network "
                "trained on your photos gives the most meaningful scores."
            )
        )
        self.network.setMinimumContentsLength(22)
        # a fixed width: long run names are elided in the box (shown whole in the list), never widening the window
        self.network.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.fill_networks([])
        self.start_button = QPushButton(resources.icon("play"), self.tr("Check batches"))
        self.start_button.setObjectName("scoreStart")
        self.start_button.setToolTip(self.tr("Score every batch training will use, in the background."))
        self.cancel_button = QPushButton(resources.icon("cancel"), self.tr("Cancel"))
        self.cancel_button.setObjectName("scoreCancel")
        self.cancel_button.setToolTip(self.tr("Stop the check. Nothing is changed."))
        self.cancel_button.setVisible(False)
        self.start_button.clicked.connect(self.start_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.network.activated.connect(self._on_network_activated)
        self.batch_size.valueChanged.connect(self.changed)

        self.batch_size.setMinimumWidth(80)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # three fixed texts
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (self.tr("Batch size:"), self.batch_size),
            (self.tr("Check mode:"), self.mode),
            (self.tr("Feature network:"), self.network),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(12)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.mode_help)
        self._on_mode_changed()

    @Slot()
    def _on_mode_changed(self) -> None:
        self.mode_help.setText(score_text.mode_help(self.current_mode()))
        self.changed.emit()

    def current_mode(self) -> str:
        """The mode: "views", "original" or "reference"."""
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        """Select a mode by its code."""
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def fill_networks(self, runs: list[tuple[str, str]]) -> None:
        """The choices: untrained, then trained runs (label, folder), then "Choose a file…"."""
        current = self.network.currentData()
        self.network.blockSignals(True)
        self.network.clear()
        self.network.addItem(self.tr("Untrained (built in)"), "")
        for label, folder in runs:
            self.network.addItem(self.tr("Trained: {0}").format(label), folder)
        self.network.addItem(self.tr("Choose a file…"), CHOOSE_FILE)
        index = self.network.findData(current) if current else 0
        self.network.setCurrentIndex(max(0, index))
        self.network.blockSignals(False)

    def weights(self) -> str | None:
        """The chosen weights (None = untrained)."""
        data = self.network.currentData()
        return str(data) if data and data != CHOOSE_FILE else None

    @Slot(int)
    def _on_network_activated(self, index: int) -> None:
        if self.network.itemData(index) != CHOOSE_FILE:
            self.changed.emit()
            return
        path = file_dialogs.open_file(
            self,
            self.tr("Choose a trained network"),
            str(Path.home()),
            self.tr("Network files (*.safetensors *.pt *.pth);;All files (*)"),
        )
        if path:
            self.network.insertItem(index, Path(path).name, path)
            self.network.setItemData(index, path, Qt.ItemDataRole.ToolTipRole)
            self.network.setCurrentIndex(index)
        else:
            self.network.setCurrentIndex(0)
        self.changed.emit()

    def set_running(self, running: bool) -> None:
        """Swap the Check and Cancel buttons and lock the inputs while a check runs."""
        self.start_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        for w in (self.batch_size, self.mode, self.network):
            w.setEnabled(not running)
