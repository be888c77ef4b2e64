"""The window shell: steps, placeholders, device probe, settings dialog, translations, diagnostics, object names."""

from __future__ import annotations

from argparse import Namespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from badbatch_gui.gui import main_window
from badbatch_gui.gui.pages.placeholder import PlaceholderPage


def test_five_steps_and_a_placeholder_for_missing_pages(gui, qtbot, monkeypatch):
    assert gui.window.sidebar.count() == 5
    assert [gui.window.sidebar.item(i).text()[:1] for i in range(5)] == ["1", "2", "3", "4", "5"]
    monkeypatch.setattr(main_window, "STEPS", (*main_window.STEPS[:3], ("no_such_page", "NoSuchPage", "step-export")))
    page = gui.window._make_page(3)
    assert isinstance(page, PlaceholderPage)
    assert "self-check" in page.findChild(QWidget, "placeholderText").text()
    gui.window.show_step(1)
    assert gui.window.stack.currentIndex() == 1
    assert gui.window.sidebar.currentRow() == 1


def test_device_probe_loads_torch_after_paint_and_shows_the_device(gui, qtbot):
    with qtbot.waitSignal(gui.controller.device_ready, timeout=120_000) as ready:
        gui.controller.start_device_probe()
    info = ready.args[0]
    assert info["kind"] in ("cpu", "cuda")
    text = gui.window.status.device.text()
    assert ("GPU" in text) if info["kind"] == "cuda" else ("CPU" in text)
    qtbot.waitUntil(lambda: not gui.controller.probing, timeout=10_000)


def test_settings_dialog_saves_the_language_for_the_next_start(gui, qtbot, monkeypatch):
    from badbatch_gui.core.settings import load_settings
    from badbatch_gui.gui.dialogs.settings_dialog import SettingsDialog

    monkeypatch.setattr(
        SettingsDialog, "exec", lambda self: (self.language.setCurrentIndex(self.language.findData("ja")), 1)[1]
    )
    gui.window.open_settings()
    assert load_settings(gui.paths.settings_file).language == "ja"
    assert "restart" in gui.window.statusBar().currentMessage()


def test_japanese_translation_is_compiled_and_loads(qapp):
    from badbatch_gui.gui.app import choose_language, install_translators

    assert choose_language("", "ja") == "ja"
    assert choose_language("en") == "en"
    installed = install_translators(qapp, "ja")
    try:
        assert installed, "no .qm file was found"
        text = QCoreApplication.translate("ImagesPage", "Choose folder…")
        assert text != "Choose folder…"
        assert "フォルダー" in text
        plural = QCoreApplication.translate("BatchCheckPage", "%n batch(es) above the threshold", None, 3)
        assert "3" in plural
        assert "バッチ" in plural
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
    installed = install_translators(qapp, "en")
    try:
        assert (
            QCoreApplication.translate("BatchCheckPage", "%n batch(es) above the threshold", None, 1)
            == "1 batch above the threshold"
        )
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)


INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QAbstractItemView)


def _unnamed(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or w.objectName():
            continue
        parent, internal = w.parentWidget(), False
        while parent is not None and parent is not root:  # parts of a composite widget (spin box editor...)
            if isinstance(parent, (QTabBar, QAbstractSpinBox, QComboBox, QAbstractItemView)) or type(
                parent
            ).__module__.startswith("pyqtgraph"):
                internal = True
            parent = parent.parentWidget()
        if not internal and not type(w).__module__.startswith("pyqtgraph"):
            out.append(f"{type(w).__name__} in {type(w.parentWidget()).__name__}")
    return out


def test_every_interactive_widget_of_pages_1_2_and_the_shell_has_an_object_name(gui, small_demo):
    gui.open_and_scan(small_demo)
    for root in (gui.images_page, gui.batch_page, gui.window.sidebar, gui.window.status):
        assert _unnamed(root) == [], type(root).__name__
    for action in gui.window.menuBar().actions():
        for sub in action.menu().actions():
            assert sub.isSeparator() or sub.menu() is not None or sub.objectName(), sub.text()


def test_copy_diagnostics_and_error_dialog(gui, qtbot, tmp_path):
    gui.window.copy_diagnostics()
    text = QApplication.clipboard().text()
    assert "python:" in text
    assert "PySide6:" in text
    from badbatch_gui.gui.dialogs.error_dialog import ErrorDialog

    dialog = ErrorDialog("The folder is gone.", "Traceback (most recent call last): details here", tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "The folder is gone." in shown
    assert "Traceback" not in shown
    dialog.findChild(QAbstractButton, "errorCopyDetails").click()
    assert "The folder is gone." in QApplication.clipboard().text()
    assert "details here" in QApplication.clipboard().text()
    assert dialog.copied.text()  # the click is visibly acknowledged


@pytest.mark.parametrize("remembered", [True, False])
def test_start_opens_the_last_folder_or_nothing(gui, qtbot, small_demo, remembered, monkeypatch):
    from badbatch_gui.gui import app

    gui.controller.settings.last_folder = str(small_demo) if remembered else None
    gui.controller.settings.show_first_run_demo = False
    monkeypatch.setattr(gui.controller, "start_device_probe", lambda: None)
    app._after_first_paint(gui.window, gui.controller, Namespace(folder=None, self_test=False))
    if remembered:
        qtbot.waitUntil(lambda: gui.controller.scan is not None and not gui.controller.tasks.busy, timeout=60_000)
        assert gui.controller.folder == small_demo.resolve()
    else:
        assert gui.controller.folder is None
        assert not gui.controller.tasks.busy
