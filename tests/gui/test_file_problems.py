"""The window tells the operator about file problems it met: damaged keep / leave-out decisions (Batch check and
Train pages), app folders it cannot write (a banner above every page), a full disk (truthful about checkpoints).
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from badbatch_gui.core.errors import CheckpointError, TrainingError
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.scoring.decisions import DecisionStore
from badbatch_gui.gui.text import plain_messages as pm

TASK_MS = 180_000


def _damage_decisions(folder: Path, how: str) -> Path:
    store = DecisionStore.load(folder, app_paths().decisions_file(folder))
    store.set_image(next(p for p in sorted(folder.iterdir()) if p.suffix == ".jpg"), "reject", ["dark"])
    store.save()
    if how == "file":
        store.file.write_text("{damaged", encoding="utf-8")
    else:
        data = json.loads(store.file.read_text(encoding="utf-8"))
        data["images"]["x.jpg"] = {"decision": "reject", "size_bytes": -5}
        data["images"]["y.jpg"] = {"decision": "keep", "mtime_ns": "soon"}
        store.file.write_text(json.dumps(data), encoding="utf-8")
    return store.file


@pytest.mark.parametrize("how", ["file", "entries"])
def test_damaged_decisions_are_said_on_the_batch_check_and_train_pages(gui, small_demo, how):
    file = _damage_decisions(small_demo, how)
    gui.open_and_scan(small_demo)
    batch_notice = gui.batch_page.decisions_notice
    train_notice = gui.window.page(2).decisions_notice
    for notice in (batch_notice, train_notice):  # shown (on pages that are not the current one yet)
        assert not notice.isHidden()
        assert notice.level == "warning"
    text = batch_notice.text()
    assert text == train_notice.text()
    if how == "file":
        assert str(file) + ".broken" in text
        assert "no photo is left out" in text
        assert gui.controller.decisions.rejected_paths() == ()
    else:
        assert text.startswith("2 damaged decision")
        assert "all other decisions still apply" in text
        assert len(gui.controller.decisions.rejected_paths()) == 1
    gui.controller.open_folder(small_demo, scan=False)  # opened again: nothing damaged any more (file case)
    assert batch_notice.isHidden() is (how == "file")


def test_the_decisions_notice_is_translated(qapp):
    from PySide6.QtCore import QLocale

    from badbatch_gui.gui.app import install_translators

    installed = install_translators(qapp, "ja")
    try:
        assert installed
        assert "2 件" in pm.decisions_damage_text("entries_dropped", 2, "/d.json")
        assert "/d.json.broken" in pm.decisions_damage_text("file_set_aside", 0, "/d.json.broken")
        text = pm.storage_problem_text("/home/x", "read_only")
        assert "/home/x" in text
        assert "読み取り専用" in text
        assert "書き出せませんでした" in pm.export_disk_full_text("/e")
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_a_home_that_cannot_be_written_is_said_above_every_page_and_photos_still_open(
    qtbot, tmp_path, monkeypatch, small_demo
):
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import load_settings
    from badbatch_gui.gui.app import build_window, prepare_folders

    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BADBATCH_HOME", str(blocker / "home"))
    paths = app_paths()
    problem = prepare_folders(paths)
    assert problem is not None
    assert problem[1] == "not_a_folder"
    assert str(blocker) in problem[0]
    controller, window = build_window(load_settings(paths.settings_file), paths, install_hooks=False)
    errors: list[tuple[str, str]] = []
    controller.show_error = lambda m, d: errors.append((m, d))
    qtbot.addWidget(window)
    window.show_storage_problem(*problem)
    window.show()
    window.build_remaining_pages()
    assert window.app_banner.isVisible()
    assert "BADBATCH_HOME" in window.app_banner.text()
    with qtbot.waitSignal(controller.scan_changed, timeout=TASK_MS, check_params_cb=lambda s: s is not None):
        assert controller.open_folder(small_demo)
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=TASK_MS)
    assert len(controller.scan.images) > 0
    assert errors == []
    window.close()
    assert controller.shutdown(60_000)
    assert blocker.read_text() == "not a folder"


def test_a_full_disk_says_whether_a_checkpoint_was_kept(tmp_path):
    def failure(previous_kept: bool) -> TrainingError:
        cause = CheckpointError(
            "The disk is full: ...",
            code="checkpoint_disk_full",
            folder=str(tmp_path),
            reason="the disk is full",
            previous_kept=previous_kept,
        )
        cause.__cause__ = OSError(errno.ENOSPC, "No space left on device")
        error = TrainingError("Training stopped: ...", code=cause.code, **cause.values)
        error.__cause__ = cause
        return error

    kept = pm.failure_text(failure(True), save_to=tmp_path)
    none = pm.failure_text(failure(False), save_to=tmp_path)
    assert kept is not None
    assert "the last saved checkpoint is kept" in kept
    assert none is not None
    assert "No checkpoint had been saved yet" in none
    assert "kept" not in none
    from badbatch_gui.core.export.export import ExportFailedError

    export = ExportFailedError("The export could not be written ...", code="export_disk_full", out="/e")
    text = pm.failure_text(export, save_to=Path("/e"))
    assert text is not None
    assert "export" in text
    assert "Resume" not in text
    assert "checkpoint" not in text


def test_damaged_batch_check_findings_are_said_and_a_new_check_replaces_them(gui, small_demo, tmp_path):
    import shutil

    folder = Path(shutil.copytree(small_demo, tmp_path / "photos"))
    file = gui.paths.findings_file(folder)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("{damaged", encoding="utf-8")
    gui.open_and_scan(folder)
    notice = gui.batch_page.decisions_notice
    backup = file.with_name(file.name + ".broken")
    assert not notice.isHidden()
    assert str(backup) in notice.text()
    assert "run the Batch check again" in notice.text()
    assert backup.read_text(encoding="utf-8") == "{damaged"
    assert gui.controller.leave_out().automatic == frozenset()
    gui.score(batch_size=4, mode="reference")  # the next check saves good findings: the notice goes
    assert notice.isHidden()
    assert gui.controller.leave_out().automatic == set(gui.controller.report.flagged_paths)
