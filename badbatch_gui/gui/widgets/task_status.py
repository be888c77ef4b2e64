"""TaskStatus: the status-bar strip showing the compute device, the current folder and background progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from badbatch_gui.gui import resources
from badbatch_gui.gui.widgets.elided_label import ElidedLabel


class TaskStatus(QWidget):
    """Device, folder and task progress for the status bar. ``cancel_requested`` fires on the Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskStatus")
        self.device = ElidedLabel(self.tr("Loading the machine-learning runtime…"), mode=Qt.TextElideMode.ElideRight)
        self.device.setObjectName("statusDevice")
        self.device_tip = self.tr(
            "The processor used for scoring and training; a graphics card (GPU) is much faster than the CPU."
        )
        self.device.setToolTip(self.device_tip)
        self.device_icon = QLabel()
        self.device_icon.setObjectName("statusDeviceIcon")
        self.folder = ElidedLabel(self.tr("No folder"))
        self.folder.setObjectName("statusFolder")
        self.task = QLabel("")
        self.task.setObjectName("statusTask")
        self.progress = QProgressBar()
        self.progress.setObjectName("statusProgress")
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.cancel = QToolButton()
        self.cancel.setObjectName("statusCancel")
        self.cancel.setIcon(resources.icon("cancel"))
        self.cancel.setToolTip(self.tr("Stop the task that is running."))
        self.cancel.setAutoRaise(True)
        self.cancel.setVisible(False)
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.device_icon)
        layout.addWidget(self.device)
        layout.addWidget(_separator())
        layout.addWidget(self.folder, 1)
        layout.addWidget(self.task)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel)

    def set_device(self, info: dict) -> None:
        """Show the device dict from the background probe."""
        kind = info.get("kind")
        if kind == "cuda":
            mem = QLocale().formattedDataSize(
                int(info.get("total_memory", 0)), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
            )
            self.device.setText(self.tr("GPU: {0}, {1}").format(info.get("name", "?"), mem))
            self.device_icon.setPixmap(resources.pixmap("device-gpu", 16, self.devicePixelRatioF()))
        elif kind == "cpu":
            self.device.setText(self.tr("CPU (no graphics card found)"))
            self.device_icon.setPixmap(resources.pixmap("device-cpu", 16, self.devicePixelRatioF()))
        else:
            self.device.setText(self.tr("Machine-learning runtime unavailable"))
        self.device.setToolTip(f"{self.device.full_text()}\n{self.device_tip}")

    def set_folder(self, folder: Path | None) -> None:
        """Show the current folder (elided in the middle to fit, the full path in the tooltip)."""
        self.folder.setText(self.tr("No folder") if folder is None else str(folder))

    @Slot(str, int, int)
    def set_progress(self, label: str, done: int, total: int) -> None:
        """Show a running task; ``total`` 0 = busy, amount unknown."""
        self.task.setText(label)
        self.progress.setVisible(True)
        self.cancel.setVisible(True)
        self.progress.setRange(0, max(0, total))
        if total > 0:
            self.progress.setValue(min(done, total))

    def clear_progress(self) -> None:
        """Hide the progress widgets (no task running)."""
        self.task.setText("")
        self.progress.setVisible(False)
        self.cancel.setVisible(False)


def _separator() -> QLabel:
    sep = QLabel("|")
    sep.setEnabled(False)
    return sep
