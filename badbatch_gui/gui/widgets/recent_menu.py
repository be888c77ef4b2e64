"""RecentFoldersMenu: a menu that lists the recent folders each time it opens (File menu and Images page)."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QWidget


class RecentFoldersMenu(QMenu):
    """Refills itself from ``folders()`` when shown; emits ``chosen(str)`` with the folder picked.

    Args:
        folders: returns the current recent-folder list (newest first), e.g. ``lambda: settings.recent_folders``.
    """

    chosen = Signal(str)

    def __init__(self, title: str, folders, parent: QWidget | None = None, icon: QIcon | None = None) -> None:
        super().__init__(title, parent)
        if icon is not None:
            self.setIcon(icon)
        self._folders = folders
        self.aboutToShow.connect(self._refill)

    @Slot()
    def _refill(self) -> None:
        self.clear()
        folders = list(self._folders())
        for folder in folders:
            act = self.addAction(folder)
            act.triggered.connect(lambda _=False, f=folder: self.chosen.emit(f))
        if not folders:
            self.addAction(self.tr("(none yet)")).setEnabled(False)
