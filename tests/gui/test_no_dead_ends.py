"""No dead ends: an empty or unusable folder is explained, the buttons that cannot work say why, each page shows only
the current folder's figures, and the window keeps its size.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.training.run_folder import runs

TRAIN = 2


def _broken_folder(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "empty.jpg").write_bytes(b"")
    (root / "notes.png").write_text("not a picture", encoding="utf-8")
    return root


def _assert_blocked(button, label, reason_fragment: str) -> None:
    assert not button.isEnabled()
    assert reason_fragment in button.toolTip()  # the reason on the button itself...
    assert not label.isHidden()
    assert reason_fragment in label.text()


def test_an_empty_folder_is_explained_and_the_buttons_say_why(gui, tmp_path):
    empty = tmp_path / "nothing here"
    empty.mkdir()
    gui.open_and_scan(empty)
    images, batch, train = gui.images_page, gui.batch_page, gui.window.page(TRAIN)
    assert images.no_usable.isVisibleTo(images)
    text = images.no_usable.text()
    assert "no picture file was found" in text
    assert "JPEG, PNG" in text
    assert "Choose folder" in text
    assert not images.next_button.isEnabled()
    assert "no usable photo" in images.next_button.toolTip()
    controls = batch.controls
    _assert_blocked(controls.settings_row.start_button, batch.empty, "no usable photo")
    assert not controls.size_note.isVisibleTo(batch)  # no "batch size lowered to 2" for 0 photos
    _assert_blocked(train.start_button, train.setup.blocked_label, "no photos the app can use")
    assert not train.forecast.check_button.isEnabled()  # no "there is room" for nothing


def test_a_folder_of_broken_files_points_at_the_problems(gui, tmp_path, small_demo):
    gui.open_and_scan(_broken_folder(tmp_path / "broken"))
    images = gui.images_page
    assert images.no_usable.isVisibleTo(images)
    assert "2 picture file" in images.no_usable.text()
    assert "Problems tab" in images.no_usable.text()
    assert images.tabs.currentIndex() == 1
    assert images.problems.rowCount() == 2
    train = gui.window.page(TRAIN)
    assert "None of the 2 picture files" in train.setup.blocked_label.text()
    gui.open_and_scan(small_demo)  # a usable folder: the explanations go, the buttons come back
    assert not images.no_usable.isVisibleTo(images)
    assert images.next_button.isEnabled()
    assert gui.batch_page.controls.settings_row.start_button.isEnabled()
    assert "no usable photo" not in gui.batch_page.empty.text()
    assert train.start_button.isEnabled()
    assert not train.setup.blocked_label.isVisibleTo(train)


def test_the_train_page_shows_only_the_current_folders_figures(gui, tmp_path, small_demo):
    gui.open_and_scan(small_demo)
    train = gui.window.page(TRAIN)
    # the figures and curves of a run on this folder
    n = 3
    columns = {k: np.full(n, np.nan) for k in runs.STEP_KEYS}
    columns.update(step=np.arange(1.0, n + 1), loss=np.array([3.0, 2.5, 2.0]), total_steps=np.full(n, 10.0))
    train.plots.load_columns(columns)
    train.summary.set_summary(
        {"train_time_s": 11.0, "images_used": 256, "peak_memory_bytes": 2**30, "memory_kind": "cpu_rss"}, n_images=256
    )
    assert train.plots.loss.point_count("raw") == n
    assert train.summary.figures()["data"] != "—"
    empty = tmp_path / "another"
    empty.mkdir()
    gui.open_and_scan(empty)
    assert train.plots.loss.point_count("raw") == 0
    assert set(train.summary.figures().values()) == {"—"}  # no 256 photos / 11 s under the new folder


def test_resume_is_off_when_the_newest_run_cannot_resume(gui, small_demo):
    gui.open_and_scan(small_demo)
    runs_dir = gui.paths.runs_dir
    older, newest = runs_dir / "20260101-090000-stopped", runs_dir / "20260101-100000-empty"
    for run_dir, status, started, n in (
        (older, "canceled", "2026-01-01T09:00:00+00:00", 32),
        (newest, "errored", "2026-01-01T10:00:00+00:00", None),
    ):
        run_dir.mkdir(parents=True)
        write_json_atomic(
            run_dir / runs.RUN_JSON,
            {
                "status": status,
                "started": started,
                "n_images": n,
                "folder": str(small_demo),
                "config": {"method": "emc2", "batch_size": 16, "epochs": 2, "image_size": 64, "max_images": 256},
            },
        )
    train = gui.window.page(TRAIN)
    train.refresh_runs()
    assert [r.resumable for r in train.run_list.runs()] == [False, True]
    assert not train.resume_button.isEnabled()  # not the older run behind a failed 0-photo one
    assert train.run_list.select_run(older)
    assert train.resume_button.isEnabled()
    item = train.run_list.tree.topLevelItem(1)
    assert item.text(2) == small_demo.name
    assert item.toolTip(2) == str(small_demo)
    assert item.text(3) == "Quick check"  # which preset


def test_the_window_never_grows_for_a_long_path(gui, tmp_path, small_demo):
    deep = tmp_path
    for i in range(6):
        deep = deep / (f"a rather long folder name number {i} " * 3).strip()
    deep.mkdir(parents=True)
    for p in small_demo.glob("*.png"):
        (deep / p.name).write_bytes(p.read_bytes())
        break
    width = gui.window.width()
    minimum = gui.window.minimumWidth()
    gui.open_and_scan(deep)
    gui.window.show_step(TRAIN)
    assert len(str(deep)) > 400
    assert gui.window.width() == width
    assert gui.window.minimumWidth() == minimum
    status = gui.window.status.folder
    assert status.full_text() == str(deep)
    assert status.toolTip() == str(deep)
    assert "…" in status.shown_text()  # elided, never cut off


@pytest.mark.parametrize("lang_ready", [True])
def test_folder_dialog_speaks_the_apps_language(qapp, lang_ready, tmp_path):
    from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
    from PySide6.QtWidgets import QLabel

    from badbatch_gui.gui.app import install_translators
    from badbatch_gui.gui.dialogs import file_dialogs

    installed = install_translators(qapp, "ja")
    try:
        assert all(
            t != s
            for t, s in zip(
                file_dialogs.qt_dialog_texts(), ["&Look in:", "Files of &type:", "Folder", "Drive"], strict=True
            )
        )
        dialog = file_dialogs.folder_dialog(None, "x", str(tmp_path))
        assert file_dialogs.use_qt_dialog() == (QLocale.system().language() != QLocale.Language.Japanese)
        if file_dialogs.use_qt_dialog():
            labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
            assert labels, labels
            assert not any("Look in" in t or "Files of" in t for t in labels), labels
            when = QDateTime(QDate(2026, 12, 7), QTime(17, 13))
            assert QLocale().toString(when, QLocale.FormatType.ShortFormat).startswith("2026/12/07")
        dialog.deleteLater()
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_a_quick_check_run_lists_its_preset_and_folder(qapp):
    from badbatch_gui.core.config import train_preset
    from badbatch_gui.gui.text.run_text import preset_label

    assert preset_label(train_preset("standard").to_dict()) == "Standard"
    assert preset_label(train_preset("standard", batch_size=8).to_dict()) == "Standard, changed"
    assert json.dumps(train_preset("quick_check").to_dict())  # plain data, as run.json holds it


def test_decision_buttons_always_say_what_they_did(gui, small_demo):
    """The button "Leave out all flagged" on photos already left out by default used to change nothing visible."""
    gui.open_and_scan(small_demo)
    paths = [r.path for r in gui.controller.scan.images[:2]]
    gui.controller.set_decision(paths, "reject")
    assert "2 photo(s) left out" in gui.window.statusBar().currentMessage()
    gui.controller.set_decision(paths, "reject")
    assert "Nothing changed" in gui.window.statusBar().currentMessage()
    gui.controller.set_decision(paths[:1], None)
    assert "cleared for 1 photo" in gui.window.statusBar().currentMessage()
