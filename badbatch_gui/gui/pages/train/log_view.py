"""LogView: a read-only, bounded log of plain-language lines (time, level colour) for the Train and Export pages."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QWidget

MAX_LINES = 2000
LEVELS = ("info", "warning", "error")


class LogView(QPlainTextEdit):
    """Append-only log. Old lines are dropped past :data:`MAX_LINES` so memory stays flat on long runs.

    Lines are plain text the operator can read (no tracebacks); warnings and errors are coloured.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.setReadOnly(True)
        self.setMaximumBlockCount(MAX_LINES)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setToolTip(self.tr("What the app did during this run, newest at the bottom."))
        self._colours: dict[str, str] = {}
        self._apply_palette()

    def add(self, message: str, level: str = "info", when: float | None = None) -> None:
        """Append one line ``HH:MM:SS message``; ``level`` is "info", "warning" or "error"."""
        stamp = time.strftime("%H:%M:%S", time.localtime(when if when is not None else time.time()))
        level = level if level in LEVELS else "info"
        text = html.escape(message).replace("\n", "<br>")
        colour = self._colours.get(level)
        body = f'<span style="color:{colour}">{text}</span>' if colour else text
        self.appendHtml(f'<span style="color:{self._colours["time"]}">{stamp}</span>&nbsp; {body}')
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def lines(self) -> list[str]:
        """The visible lines as plain text (for tests and "Copy log")."""
        return self.toPlainText().splitlines()

    def changeEvent(self, event: QEvent) -> None:
        """Re-pick the level colours when the colour scheme changes (light/dark)."""
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        base = self.palette().color(QPalette.ColorRole.Base)
        dark = base.lightness() < 128
        self._colours = {
            "time": self.palette().color(QPalette.ColorRole.PlaceholderText).name(),
            "warning": QColor("#f0b000" if dark else "#9a6100").name(),
            "error": QColor("#ff6b6b" if dark else "#b00020").name(),
        }
