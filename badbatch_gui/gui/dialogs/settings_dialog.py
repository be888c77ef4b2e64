"""SettingsDialog: edits a copy of AppSettings (language for now); the caller saves what it returns."""

from __future__ import annotations

import copy

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from badbatch_gui.core.settings import AppSettings

LANGUAGES = (("", "System"), ("en", "English"), ("ja", "日本語"))


class SettingsDialog(QDialog):
    """The app's preferences. :meth:`result_settings` returns the edited copy (the original is untouched)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._settings = copy.deepcopy(settings)

        self.language = QComboBox()
        self.language.setObjectName("settingsLanguage")
        for code, name in LANGUAGES:
            self.language.addItem(self.tr("Same as the computer") if code == "" else name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setToolTip(self.tr("The language of the app's windows and messages."))
        note = QLabel(self.tr("A new language takes effect the next time you start the app."))
        note.setObjectName("settingsRestartNote")
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("settingsButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def result_settings(self) -> AppSettings:
        """The edited copy of the settings."""
        self._settings.language = str(self.language.currentData() or "")
        return self._settings
