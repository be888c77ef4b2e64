"""Export page (pytest-qt, offscreen): export a finished tiny run, see the self-test pass, open the folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from badbatch_gui.core.training.run_folder import runs
from tests.helpers import gui_training as th

pytestmark = pytest.mark.usefixtures("torch_one_thread")  # one torch thread: shared 2-core machine


@pytest.fixture
def finished_run(controller, demo_folder) -> Path:
    """A completed one-pass run (32 photos, batch 8, 32 px) trained directly with the core."""
    from badbatch_gui.core.config import train_preset
    from badbatch_gui.core.training.loop.trainer import Trainer

    run_dir = runs.new_run_dir("finished", controller.paths.runs_dir)
    config = train_preset("quick_check", batch_size=8, epochs=1, image_size=32, seed=0)
    Trainer(config, demo_folder, run_dir, scan=controller.scan).run()
    return run_dir


@pytest.fixture
def page(qtbot, controller):
    from badbatch_gui.gui.pages.export.page import ExportPage

    p = ExportPage(controller)
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    return p


def test_export_a_finished_run_and_see_the_self_test_pass(qtbot, page, controller, finished_run, tmp_path, monkeypatch):
    page.refresh_runs()
    assert page.select_run(finished_run)
    assert page.summary.figures()["data"] == "32"  # the three figures of the chosen run
    dest = tmp_path / "exports"
    page.dest_edit.setText(str(dest))
    # a Quick check run is a trial: said in the run choice, the note, the folder name, the result and the card
    assert page.target_dir() == dest / f"{finished_run.name}-trial"
    assert "trial (Quick check)" in page.run_combo.currentText()
    assert "not ready for use" in page.run_note.text()
    assert page.safetensors_check.isChecked()
    assert not page.safetensors_check.isEnabled()
    assert not page.open_button.isEnabled()
    page.export_button.click()
    assert page.worker is not None
    th.wait_idle(qtbot, controller)
    assert page.result is not None, controller.last_error
    assert page.result.self_test.passed
    assert page.banner.label.text().startswith("Saved a trial")
    assert "not ready for use" in page.banner.label.text()
    assert "checks the file, not how good the network is" in page.banner.toolTip()
    out = dest / f"{finished_run.name}-trial"
    assert page.out_dir == out
    assert (out / "encoder.safetensors").is_file()
    card = json.loads((out / "model_card.json").read_text(encoding="utf-8"))
    assert card["self_test"]["passed"] is True
    assert card["trial"] is True
    run_summary = json.loads((finished_run / "run.json").read_text(encoding="utf-8"))["summary"]
    figures = card["key_figures"]  # the three figures shown on the page travel with the model
    assert figures["images_used"] == 32 == run_summary["images_used"]
    assert figures["training_time_s"] == run_summary["train_time_s"] > 0
    assert figures["peak_memory_bytes"] == run_summary["peak_memory_bytes"] > 0
    assert controller.settings.export_dir == str(dest)
    # a second export of the same run goes to a new folder instead of failing on the existing one
    assert page.target_dir() == dest / f"{finished_run.name}-trial-2"
    opened: list[str] = []
    monkeypatch.setattr(
        "badbatch_gui.gui.pages.export.page.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    assert page.open_button.isEnabled()
    page.open_button.click()
    assert opened == [str(out)]


def test_onnx_choice_follows_what_is_installed(page):
    from badbatch_gui.gui.tasks.train_workers import onnx_available

    assert page.onnx_check.isEnabled() == onnx_available()
    if not onnx_available():
        assert "not installed" in page.onnx_check.toolTip()


def test_no_run_yet_says_what_to_do(page):
    assert page.selected_run() is None
    assert "Train step" in page.run_note.text()
    assert not page.export_button.isEnabled()


def test_a_run_that_is_not_a_trial_exports_under_its_own_name(page, finished_run, tmp_path):
    import shutil

    other = finished_run.with_name(finished_run.name + "-standard")
    shutil.copytree(finished_run, other)
    record = json.loads((other / "run.json").read_text(encoding="utf-8"))
    record["config"]["preset"] = "standard"
    (other / "run.json").write_text(json.dumps(record), encoding="utf-8")
    page.refresh_runs()
    assert page.select_run(other)
    page.dest_edit.setText(str(tmp_path / "exports"))
    assert page.target_dir() == tmp_path / "exports" / other.name
    assert "trial" not in page.run_combo.currentText()
    assert "trial" not in page.run_note.text()
