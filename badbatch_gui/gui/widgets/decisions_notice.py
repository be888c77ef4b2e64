"""DecisionsNotice: says, on the pages that use them, when the folder's stored keep / leave-out decisions were
damaged (core/scoring/decisions_file.py): set aside whole, partly ignored, or unreadable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.widgets.status_banner import StatusBanner

if TYPE_CHECKING:
    from badbatch_gui.gui.controller_api import Controller


class DecisionsNotice(StatusBanner):
    """A warning banner that follows the controller's current folder: shown when its decisions were damaged."""

    def __init__(self, controller: Controller, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.controller = controller
        controller.folder_changed.connect(self._on_folder_changed)
        self.refresh()

    @Slot(object)
    def _on_folder_changed(self, _folder: Path | None) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the damage of the current folder's decisions, or hide."""
        store = self.controller.decisions
        damage = store.damage if store is not None else None
        if damage is None:
            self.clear()
        else:
            self.show_message(pm.decisions_damage_text(damage.kind, damage.dropped, damage.backup or damage.file),
                              "warning")
