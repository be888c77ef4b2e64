"""ErrorDialog: a plain-language message, with the technical details hidden behind "Copy details"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.gui import resources


class ErrorDialog(QDialog):
    """Shows ``message`` to the operator; ``details`` (a traceback) only when they ask for it.

    Buttons: "Show details", "Copy details" (message + details + environment to the clipboard),
    "Open log folder", "Close".
    """

    def __init__(self, message: str, details: str, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("Something needs your attention"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message, self.details, self.log_dir = message, details, Path(log_dir)

        icon = QLabel()
        icon.setPixmap(resources.pixmap("warning", 32, self.devicePixelRatioF()))
        text = QLabel(message)
        text.setObjectName("errorMessage")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMinimumWidth(360)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(text, 1)

        self.details_box = QPlainTextEdit(details)
        self.details_box.setObjectName("errorDetails")
        self.details_box.setReadOnly(True)
        self.details_box.setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.show_button = QPushButton(self.tr("Show details"))
        self.show_button.setObjectName("errorShowDetails")
        self.show_button.setEnabled(bool(details))
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self.details_box.setVisible)
        copy = QPushButton(resources.icon("copy"), self.tr("Copy details"))
        copy.setObjectName("errorCopyDetails")
        copy.setToolTip(self.tr("Copies the message and technical details, to paste into an e-mail to support."))
        copy.clicked.connect(self._on_copy)
        logs = QPushButton(resources.icon("log-folder"), self.tr("Open log folder"))
        logs.setObjectName("errorOpenLogs")
        logs.setToolTip(self.tr("Opens the folder with the app's log files."))
        logs.clicked.connect(self._on_open_logs)
        for b in (self.show_button, copy, logs):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_box, 1)
        layout.addWidget(buttons)

    def report_text(self) -> str:
        """What "Copy details" puts on the clipboard."""
        from badbatch_gui.core.logs import environment_report, format_report

        env = format_report(environment_report(include_torch=False))
        return f"{self.message}\n\n{self.details}\n\n{env}\n"

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def _on_open_logs(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))
