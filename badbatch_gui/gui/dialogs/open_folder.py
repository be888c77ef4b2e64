"""Open a folder in the system's file manager, or, when none answers, show its path to copy.

``QDesktopServices.openUrl`` returns False when no file manager is registered (a bare Linux workstation, a remote
session); the operator then got nothing at all. Every "Open folder" button goes through :func:`open_folder`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


class FolderPathDialog(QDialog):
    """Says that no file manager opened and shows the folder's path, selectable, with a Copy button."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("folderPathDialog")
        self.setWindowTitle(self.tr("Open folder"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = QLabel(
            self.tr(
                "No file manager could be opened on this computer. The folder is here; copy its "
                "path and open it another way:"
            )
        )
        text.setWordWrap(True)
        self.path = QLineEdit(str(folder))
        self.path.setObjectName("folderPathText")
        self.path.setReadOnly(True)
        self.path.setMinimumWidth(420)
        self.path.selectAll()
        copy = QPushButton(self.tr("Copy path"))
        copy.setObjectName("folderPathCopy")
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(self.path)
        lay.addWidget(buttons)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.path.text())


def open_folder(folder: Path, parent: QWidget | None = None) -> bool:
    """Open ``folder`` in the file manager; True when one took it. Otherwise a :class:`FolderPathDialog` shows the
    path (non-blocking) and False is returned.
    """
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        return True
    log.warning("no file manager opened %s; showing its path instead", folder)
    dialog = FolderPathDialog(Path(folder), parent)
    dialog.show()
    return False
