"""DecisionsNotice: says, on the pages that use them, when the folder's stored keep / leave-out decisions were
damaged (core/scoring/decisions_file.py): set aside whole, partly ignored, or unreadable; and when its stored Batch
check findings could not be read (core/scoring/findings_store.py), so nothing is left out automatically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text import sentences
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
        controller.decisions_changed.connect(self.refresh)  # a check saved good findings over a damaged file
        self.refresh()

    @Slot(object)
    def _on_folder_changed(self, _folder: Path | None) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Show the damage of the current folder's decisions and findings, or hide."""
        store, findings = self.controller.decisions, self.controller.findings
        damage = store.damage if store is not None else None
        texts = [pm.decisions_damage_text(damage.kind, damage.dropped, damage.backup or damage.file)] if damage else []
        if findings is not None and findings.damage:
            texts.append(pm.findings_damage_text(findings.backup or findings.file))
        if texts:
            self.show_message(sentences.join(*texts), "warning")
        else:
            self.clear()
