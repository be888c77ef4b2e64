"""The Train page's message banner and its progress row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)

from badbatch_gui.gui.text.units import format_duration

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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
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
            self.setStyleSheet(f"#trainBanner {{ background: {bg}; border-radius: 4px; }} "
                               f"#trainBannerText {{ color: {fg}; }}")
        finally:
            self._styling = False


class RunProgress(QWidget):
    """One row: what training is doing, "step x of y", and the time left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = QLabel(self.tr("Not training."), self)
        self.state_label.setObjectName("trainStateLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("trainProgress")
        self.bar.setTextVisible(True)
        self.eta_label = QLabel("", self)
        self.eta_label.setObjectName("trainEtaLabel")
        self.eta_label.setToolTip(self.tr("Estimated from the speed of the last steps."))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.state_label)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.eta_label)

    def set_state_text(self, text: str) -> None:
        """What training is doing, in a few words."""
        self.state_label.setText(text)

    def set_step(self, step: int, total: int, eta_s: float | None) -> None:
        """Progress of the steps and the time left (None: still estimating)."""
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(step, total))
        self.bar.setFormat(self.tr("step %v of %m"))
        self.eta_label.setText(self.tr("about {0} left").format(format_duration(eta_s)) if eta_s is not None
                               else self.tr("estimating time left…"))

    def finish(self) -> None:
        """The run ended: no time left to show."""
        self.eta_label.clear()


def make_button(parent: QWidget, name: str, text: str, tip: str) -> QPushButton:
    """A push button with an object name and a one-sentence tooltip."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b
