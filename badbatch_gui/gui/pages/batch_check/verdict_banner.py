"""VerdictBanner: the Batch check's one-line verdict in large type, with plain-language notices under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from badbatch_gui.gui import resources


class VerdictBanner(QFrame):
    """``set_verdict(text, level)``, ``set_detail(text, level)`` (a second line) and
    ``set_notices([(level, text), ...])``; level is "ok", "info", "warning".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdictText")
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.verdict.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("verdictDetail")
        self.detail.setWordWrap(True)
        bold = self.detail.font()
        bold.setBold(True)
        self.detail.setFont(bold)
        self.detail.setVisible(False)
        self.notes = QVBoxLayout()
        self.notes.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.verdict)
        layout.addWidget(self.detail)
        layout.addLayout(self.notes)
        self._note_widgets: list[QWidget] = []
        self._note_labels: list[QLabel] = []

    def notice_texts(self) -> list[str]:
        """The notices shown, in order."""
        return [label.text() for label in self._note_labels]

    def set_verdict(self, text: str, level: str = "ok") -> None:
        """The main sentence; "warning" colours it red."""
        self.verdict.setText(text)
        self.verdict.setStyleSheet("color: #c0392b;" if level == "warning" else "")

    def set_detail(self, text: str, level: str = "ok") -> None:
        """A second, smaller line under the verdict (hidden when empty); "warning" colours it red."""
        self.detail.setText(text)
        self.detail.setVisible(bool(text))
        self.detail.setStyleSheet("color: #c0392b;" if level == "warning" else "")

    def set_notices(self, notices: list[tuple[str, str]]) -> None:
        """Replace the notices under the verdict."""
        for w in self._note_widgets:
            w.setParent(None)
            w.deleteLater()
        self._note_widgets = []
        self._note_labels = []
        for level, text in notices:
            row = QWidget()
            row.setObjectName("verdictNotice")
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            icon = QLabel()
            icon.setPixmap(resources.pixmap("warning" if level == "warning" else "info", 16, self.devicePixelRatioF()))
            h.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setObjectName(f"notice_{level}")
            h.addWidget(label, 1)
            self.notes.addWidget(row)
            self._note_widgets.append(row)
            self._note_labels.append(label)
