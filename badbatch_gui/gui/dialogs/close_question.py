"""CloseQuestion: asked when the window is closed while training runs (stop and keep progress, or keep training)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

STOP, KEEP = "stop", "keep"


class CloseQuestion(QMessageBox):
    """The question "Training is still running" with two answers: *Stop and keep progress* (the run saves its
    progress and the window closes; the next start offers to resume it) and *Keep training* (nothing happens; also
    Escape and the title bar's close button). A third "Cancel" would do exactly what "Keep training" does, so there
    is none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeQuestion")
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Training is running"))
        self.setText(self.tr("Training is still running. Close the app anyway?"))
        self.setInformativeText(
            self.tr(
                "“Stop and keep progress” saves the run's progress and closes the app; the next time you start it, it "
                "offers to continue the run. “Keep training” goes back to the window."
            )
        )
        self.stop_button = self.addButton(self.tr("Stop and keep progress"), QMessageBox.ButtonRole.DestructiveRole)
        self.stop_button.setObjectName("closeQuestionStop")
        self.keep_button = self.addButton(self.tr("Keep training"), QMessageBox.ButtonRole.RejectRole)
        self.keep_button.setObjectName("closeQuestionKeep")
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)

    def choice(self) -> str:
        """:data:`STOP` or :data:`KEEP`, after the question was answered."""
        return STOP if self.clickedButton() is self.stop_button else KEEP


def ask(parent: QWidget | None) -> str:
    """Ask (modal) and return :data:`STOP` or :data:`KEEP`. Tests replace this function."""
    box = CloseQuestion(parent)
    box.exec()
    return box.choice()
