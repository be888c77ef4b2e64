"""StatusBanner: one coloured, closable sentence (what happened, what the app did, what to do) at the top of the
Train and Export pages, of the window (a problem with the app's own folders) and of the pages that use the folder's
keep / leave-out decisions (when they were damaged).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

# level -> (background light, text light, background dark, text dark)
BANNER_COLOURS = {
    "info": ("#e3f1e6", "#1b5e20", "#1e3a25", "#b8e6c1"),
    "warning": ("#fff4d6", "#6b4a00", "#3d3213", "#ffe08a"),
    "error": ("#fde2e4", "#8c0015", "#4a1c22", "#ffc2c8"),
}


class StatusBanner(QFrame):
    """One coloured sentence above the plots (what happened, what the app did, what to do); closable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainBanner")
        self.level = "info"
        self._styling = False
        self.label = QLabel(self)
        self.label.setObjectName("trainBannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setObjectName("trainBannerClose")
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message."))
        close.clicked.connect(self.clear)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.addWidget(self.label, 1)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        """Show ``text``; ``level`` is "info", "warning" or "error"."""
        self.level = level if level in BANNER_COLOURS else "info"
        self.label.setText(text)
        self._apply_colours()
        self.show()

    def clear(self) -> None:
        """Hide the banner."""
        self.label.clear()
        self.hide()

    def text(self) -> str:
        """The sentence shown ("" when hidden)."""
        return self.label.text() if self.isVisible() or not self.isHidden() else ""

    def changeEvent(self, event: QEvent) -> None:
        """Re-colour on a light/dark change."""
        if event.type() == QEvent.Type.PaletteChange and not self._styling:
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        dark = QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        bg_l, fg_l, bg_d, fg_d = BANNER_COLOURS[self.level]
        bg, fg = (bg_d, fg_d) if dark else (bg_l, fg_l)
        self._styling = True  # setStyleSheet sends a PaletteChange: do not recurse
        try:
            name = self.objectName()  # each banner may have its own name (the shell's, a page's)
            self.setStyleSheet(f"#{name} {{ background: {bg}; border-radius: 4px; }} #{name} QLabel {{ color: {fg}; }}")
        finally:
            self._styling = False
