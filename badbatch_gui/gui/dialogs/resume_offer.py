"""ResumeOfferDialog: at start, offers to continue the training run that was interrupted (Resume / Not now)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.gui import resources
from badbatch_gui.gui.text.run_text import preset_label


class ResumeOfferDialog(QDialog):
    """Names the interrupted run (folder, preset, when it started) and asks whether to continue it.

    ``accepted`` means Resume; ``rejected`` (Not now, Escape, the window's close button) means not now. Non-modal;
    it deletes itself when closed.
    """

    def __init__(self, info: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeOfferDialog")
        self.setWindowTitle(self.tr("Continue the interrupted training?"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info = info
        icon = QLabel()
        icon.setPixmap(resources.pixmap("step-train", 32, self.devicePixelRatioF()))
        started = QDateTime.fromString(str(info.started or ""), Qt.DateFormat.ISODate)
        when = QLocale().toString(started, QLocale.FormatType.ShortFormat) if started.isValid() else "—"
        folder = Path(info.folder).name if info.folder else "—"
        self.text = QLabel(
            self.tr(
                "The last training run did not finish (photos: “{0}”, preset: {1}, started {2}).\n\nResume continues it "
                "from its last saved point; nothing is lost. You can also resume it later from the Runs tab of the "
                "Train step."
            ).format(folder, preset_label(info.config), when)
        )
        self.text.setObjectName("resumeOfferText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setToolTip(str(info.folder or ""))
        self.text.setMinimumWidth(420)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("resumeOfferResume")
        self.resume_button.setDefault(True)
        self.later_button = QPushButton(self.tr("Not now"))
        self.later_button.setObjectName("resumeOfferLater")
        buttons.addButton(self.resume_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(buttons)
