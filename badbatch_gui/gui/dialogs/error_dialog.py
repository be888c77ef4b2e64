"""ErrorDialog: a plain-language message; the technical details (a traceback) only go to the clipboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.gui import resources
from badbatch_gui.gui.dialogs.open_folder import open_folder


class ErrorDialog(QDialog):
    """Shows ``message`` (what happened and what to do, in the operator's language). ``details`` (a traceback, the
    core's English sentence) are never shown: "Copy details" puts them on the clipboard with the environment, to
    paste into an e-mail to support, and the log folder keeps them too.

    Buttons: "Copy details", "Open log folder", "Close". The dialog deletes itself when closed
    (``WA_DeleteOnClose``): whoever keeps a reference must drop it on ``finished``.
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
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMinimumWidth(420)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(text, 1)
        self.copied = QLabel()
        self.copied.setObjectName("errorCopied")
        self.copied.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("errorClose")
        close.setText(self.tr("Close"))
        copy = QPushButton(resources.icon("copy"), self.tr("Copy details"))
        copy.setObjectName("errorCopyDetails")
        copy.setToolTip(self.tr("Copies the message and the technical details, to paste into an e-mail to support."))
        copy.clicked.connect(self._on_copy)
        logs = QPushButton(resources.icon("log-folder"), self.tr("Open log folder"))
        logs.setObjectName("errorOpenLogs")
        logs.setToolTip(self.tr("Opens the folder with the app's log files."))
        logs.clicked.connect(self._on_open_logs)
        for b in (copy, logs):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)

    def report_text(self) -> str:
        """What "Copy details" puts on the clipboard: message, technical details and the environment."""
        from badbatch_gui.core.logs import environment_report, format_report

        env = format_report(environment_report(include_torch=False))
        return f"{self.message}\n\n{self.details}\n\n{env}\n"

    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.copied.setText(self.tr("Copied. Paste it into an e-mail to support."))

    def _on_open_logs(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        open_folder(self.log_dir, self)
