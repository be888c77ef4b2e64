"""The Train page's "leave them out" row: the photos the Batch check flags as bad shots, left out of training by
default (the leave-out rule, core/scoring/leave_out.py), with a switch to use them anyway and a way to review them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.text import run_text


class LeaveOutRow(QWidget):
    """Checkbox, sentence and "Review…" button. ``review_requested`` asks for the Batch check page."""

    review_requested = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaveOutRow")
        self.controller = controller
        self.check = QCheckBox(self.tr("Leave out the photos that look wrong"))
        self.check.setObjectName("trainLeaveOut")
        self.check.setToolTip(
            self.tr(
                "Photos the Batch check finds that look wrong (too dark, blurry, cut off…) "
                "are left out of training automatically. Untick to use them anyway; keep "
                "single photos on the Batch check page. Photos you left out or kept yourself "
                "stay as you decided."
            )
        )
        self.check.setChecked(bool(controller.settings.leave_out_flagged))
        self.check.toggled.connect(self._on_toggled)
        self.label = QLabel(wordWrap=True)
        self.label.setObjectName("trainLeaveOutLabel")
        self.review = QPushButton(self.tr("Review…"))
        self.review.setObjectName("trainReviewFlagged")
        self.review.setToolTip(
            self.tr("Show the photos that look wrong on the Batch check page, where you can keep any of them.")
        )
        self.review.clicked.connect(self.review_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.check, 1)
        top.addWidget(self.review)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.label)
        self.refresh()

    def refresh(self) -> None:
        """Recount from the current Batch check and decisions; hidden until a check has flagged something."""
        flagged = self.controller.flagged_reasons()
        store = self.controller.decisions
        self.setVisible(bool(flagged))
        if not flagged or store is None:
            self.label.setText("")
            return
        self.check.blockSignals(True)
        self.check.setChecked(bool(self.controller.settings.leave_out_flagged))
        self.check.blockSignals(False)
        rule = self.controller.leave_out()
        left = {p: r for p, r in flagged.items() if p in rule.reasons}
        per_reason: dict[str, int] = {}
        for reasons in left.values():
            per_reason[reasons[0]] = per_reason.get(reasons[0], 0) + 1
        kept = len(rule.kept & set(flagged))
        self.label.setText(run_text.flagged_lines(per_reason, len(left), len(flagged) - len(left), kept))

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self.controller.set_leave_out_flagged(on)
