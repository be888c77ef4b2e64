"""Folder and file dialogs that speak the app's language, also when the computer's language is another one.

Why the folder dialog showed "Look in:", "Files of type:" and dates like "7 12 2026" in Japanese mode (found on
Linux with PySide6-Essentials 6.11, system locale C.UTF-8):

- Without a desktop platform theme Qt has no native dialog and shows its own widget dialog. Its labels come from
  Qt's translation ``qtbase_ja.qm``, which the wheel ships and the app loads, but that file predates the labels'
  keyboard mnemonics: it translates "Look in:" while the dialog asks for "&Look in:" (likewise "Files of &type:"),
  and it has no entry for the type column's "Folder". Those few messages are supplied by the app's own translation
  (:func:`qt_dialog_texts`, same contexts as Qt's).
- The dialog's file model formats dates with ``QLocale::system()`` (the computer's locale), not with the app's
  ``QLocale.setDefault``. A proxy model (:class:`_LocalDates`) re-formats the date column with the app's locale.
- A native dialog (Windows, macOS, a Linux desktop theme) speaks the computer's language. When that differs from the
  app's language, the app uses Qt's own dialog with the fixes above instead, so the operator sees one language.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QTreeView, QWidget

translate = QCoreApplication.translate
DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified


def qt_dialog_texts() -> list[str]:
    """Messages of Qt's own file dialog that ``qtbase_ja.qm`` lacks, in Qt's contexts, so lupdate puts them in the
    app's translation (Qt asks every installed translator). Returned so a test can check they are translated.
    """
    return [
        translate("QFileDialog", "&Look in:"),
        translate("QFileDialog", "Files of &type:"),
        translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
        translate("QAbstractFileIconProvider", "Drive", "All other platforms"),
    ]


class _LocalDates(QIdentityProxyModel):
    """The file model with its date column formatted by the app's locale (the default QLocale)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.column() == DATE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                modified = source.lastModified(self.mapToSource(index))
                if modified.isValid():
                    return QLocale().toString(modified, QLocale.FormatType.ShortFormat)
        return super().data(index, role)


def use_qt_dialog() -> bool:
    """True when the app's language differs from the computer's: a native dialog would speak the computer's."""
    return QLocale().language() != QLocale.system().language()


def _dialog(parent: QWidget | None, title: str, start: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, start)
    dialog.setObjectName("fileDialog")
    if use_qt_dialog():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setProxyModel(_LocalDates(dialog))
        tree = dialog.findChild(QTreeView, "treeView")  # the detail view: room for the longer local dates
        if tree is not None:
            tree.header().setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
    return dialog


def folder_dialog(parent: QWidget | None, title: str, start: str) -> QFileDialog:
    """A configured "choose a folder" dialog (not shown)."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def choose_folder(parent: QWidget | None, title: str, start: str) -> str:
    """Ask for a folder (modal); "" when cancelled."""
    dialog = folder_dialog(parent, title, start)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def save_file(parent: QWidget | None, title: str, start: str, name_filter: str) -> str:
    """Ask for a file name to save to (modal); "" when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def open_file(parent: QWidget | None, title: str, start: str, name_filter: str) -> str:
    """Ask for an existing file (modal); "" when cancelled."""
    dialog = _dialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(name_filter)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
