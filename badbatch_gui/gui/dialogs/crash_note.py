"""CrashNoteDialog: shown once at start when the last session did not close cleanly (core/session_marker.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.core.session_marker import LastSession
from badbatch_gui.gui import resources
from badbatch_gui.gui.dialogs.open_folder import open_folder


class CrashNoteDialog(QDialog):
    """The note "The app closed unexpectedly last time — the log is here", with Open log folder and Close.
    Non-modal; it deletes itself when closed.
    """

    def __init__(self, last: LastSession, log_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashNoteDialog")
        self.setWindowTitle(self.tr("The app closed unexpectedly"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.log_dir = Path(log_dir)
        icon = QLabel()
        icon.setPixmap(resources.pixmap("warning", 32, self.devicePixelRatioF()))
        started = QDateTime.fromString(last.started, Qt.DateFormat.ISODate)
        when = QLocale().toString(started, QLocale.FormatType.ShortFormat) if started.isValid() else "—"
        self.text = QLabel(
            self.tr(
                "BadBatch Studio closed unexpectedly last time (the session started {0}). Your photos, your decisions "
                "and saved training progress are kept; a training run that was interrupted can be resumed on the Train "
                "step.\n\nThe log files that say what happened are in:\n{1}\nIf it happens again, send them to whoever "
                "looks after this computer."
            ).format(when, self.log_dir)
        )
        self.text.setObjectName("crashNoteText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(440)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("crashNoteClose")
        close.setText(self.tr("Close"))
        self.open_button = QPushButton(resources.icon("log-folder"), self.tr("Open log folder"))
        self.open_button.setObjectName("crashNoteOpenLogs")
        self.open_button.setToolTip(self.tr("Opens the folder with the app's log files."))
        self.open_button.clicked.connect(self._open_logs)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(buttons)

    def _open_logs(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        open_folder(self.log_dir, self)
