"""RunProgress: the Train page's progress row (what training is doing, "step x of y", the time left)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from badbatch_gui.gui.text.units import format_duration


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
        self.eta_label.setText(
            self.tr("about {0} left").format(format_duration(eta_s))
            if eta_s is not None
            else self.tr("estimating time left…")
        )

    def set_paused(self, paused: bool) -> None:
        """While paused no time passes: the time left is not shown (it comes back with the next step)."""
        if paused:
            self.eta_label.setText(self.tr("paused"))

    def finish(self) -> None:
        """The run ended: no time left to show."""
        self.eta_label.clear()

    def reset(self) -> None:
        """No run: an empty bar, no step count, no time left."""
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setFormat("")
        self.eta_label.clear()
