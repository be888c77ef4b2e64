"""Train page (pytest-qt, offscreen): real tiny CPU trainings on the demo folder."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.events import RunState
from badbatch_gui.core.training.run_folder import runs
from tests.helpers.gui_training import TASK_TIMEOUT_MS, read_steps, run_status, tiny_settings, wait_idle

pytestmark = pytest.mark.usefixtures("torch_one_thread")  # one torch thread: shared 2-core machine


@pytest.fixture
def page(qtbot, controller):
    from badbatch_gui.gui.pages.train.page import TrainPage

    p = TrainPage(controller)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    return p


def _start(qtbot, page) -> None:
    """Click Start: memory forecast first, then training."""
    page.start_button.click()
    qtbot.waitUntil(lambda: page.worker is not None, timeout=TASK_TIMEOUT_MS)


def test_tiny_training_puts_points_on_the_loss_plot_and_records_the_run(qtbot, page, controller):
    tiny_settings(page, epochs=2)
    _start(qtbot, page)
    assert page.forecast.memory_bar.verdict in ("ok", "tight")  # the forecast ran before training
    wait_idle(qtbot, controller)
    page.plots.flush()
    steps = read_steps(page.run_dir)
    trained = [s for s in steps if not s["skipped"]]
    assert len(steps) == 8  # 32 photos, batch 8, 2 passes
    assert page.plots.loss.point_count("raw") == len(trained)
    assert page.plots.loss.drawn_count("raw") == len(trained)  # setData reached the curve item
    assert page.plots.speed.point_count("speed") == len(trained)
    assert page.plots.memory.point_count("rss") == len(steps)  # CPU: process memory
    assert run_status(page.run_dir) == "completed"
    figures = page.summary.figures()
    assert figures["data"] == "32"
    assert figures["time"] != "—"
    assert figures["memory"] != "—"
    listed = {Path(r.run_dir): r for r in page.run_list.runs()}
    assert listed[page.run_dir].status == "completed"
    # replaying the recorded curves gives the same points
    page.plots.clear()
    page.show_run(listed[page.run_dir])
    assert page.plots.loss.point_count("raw") == len(trained)
    x, y = page.plots.loss.buffer("raw").view()
    assert list(x) == [float(s["step"]) for s in trained]
    assert y == pytest.approx([s["loss"] for s in trained])


def test_pause_resume_and_stop(qtbot, page, controller):
    tiny_settings(page, epochs=6)
    _start(qtbot, page)
    qtbot.waitUntil(lambda: page.plots.loss.point_count("raw") >= 1, timeout=TASK_TIMEOUT_MS)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.state is RunState.PAUSED, timeout=TASK_TIMEOUT_MS)
    assert not page.pause_button.isEnabled()
    assert page.resume_button.isEnabled()
    assert page.stop_button.isEnabled()
    assert page.progress.state_label.text() == "Paused."
    assert not page.forecast.settings.preset.isEnabled()
    n_paused = len(read_steps(page.run_dir))
    qtbot.wait(1500)
    assert len(read_steps(page.run_dir)) == n_paused  # nothing trains while paused
    page.resume_button.click()
    qtbot.waitUntil(lambda: len(read_steps(page.run_dir)) > n_paused, timeout=TASK_TIMEOUT_MS)
    assert page.state is RunState.RUNNING
    assert page.pause_button.isEnabled()
    assert not page.resume_button.isEnabled()
    page.stop_button.click()
    assert page.progress.state_label.text() == "Stopping and saving…"
    assert not page.stop_button.isEnabled()
    wait_idle(qtbot, controller)
    info = runs.run_info(page.run_dir)
    assert info.status == "canceled"
    assert info.resumable
    assert info.has_checkpoint
    assert len(read_steps(page.run_dir)) < 24  # stopped before the end
    assert page.state is RunState.IDLE
    assert page.start_button.isEnabled()
    assert page.progress.state_label.text() == "Not training."
    assert page.forecast.settings.preset.isEnabled()
    assert any("Progress saved" in line for line in page.log_view.lines())


CRASH_SCRIPT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    import torch
    torch.set_num_threads(1)
    from badbatch_gui.core import events as ev
    from badbatch_gui.core.config import train_preset
    from badbatch_gui.core.training.loop.trainer import Trainer

    cfg = train_preset("quick_check", batch_size=8, epochs=2, image_size=32, seed=0, checkpoint_every_steps=2)

    def on_event(e):
        # a hard crash (no cleanup, run.json still says "running") one step after the checkpoint of step 2
        if isinstance(e, ev.StepMetrics) and e.step == 3:
            os._exit(9)

    Trainer(cfg, Path(sys.argv[1]), Path(sys.argv[2])).run(on_event=on_event)
""")


def test_crashed_run_resumes_from_the_runs_list(qtbot, page, controller, demo_folder):
    run_dir = runs.new_run_dir("crashed", controller.paths.runs_dir)
    res = subprocess.run(
        [sys.executable, "-c", CRASH_SCRIPT, str(demo_folder), str(run_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        env=os.environ.copy(),
    )
    assert res.returncode == 9, res.stderr[-2000:]
    assert [s["step"] for s in read_steps(run_dir)] == [1, 2, 3]
    page.refresh_runs()
    assert page.run_list.select_run(run_dir)
    info = page.run_list.selected()
    assert info.status == "interrupted"
    assert info.resumable
    assert page.run_list.resume_button.isEnabled()
    page.run_list.resume_button.click()
    assert page.worker is not None
    wait_idle(qtbot, controller)
    assert run_status(run_dir) == "completed"
    steps = [s["step"] for s in read_steps(run_dir)]
    assert steps == list(range(1, 9))  # step 3 was redone once, nothing lost or doubled
    trained = [s for s in read_steps(run_dir) if not s["skipped"]]
    page.plots.flush()
    x, _ = page.plots.loss.buffer("raw").view()
    assert list(x) == [float(s["step"]) for s in trained]  # the replayed curve continued without a doubled step
    assert any("Resumed" in line or "Resuming" in line for line in page.log_view.lines())


def test_closing_the_window_during_training_exits_cleanly(qtbot, controller):
    from badbatch_gui.gui.main_window import MainWindow
    from badbatch_gui.gui.pages.train.page import TrainPage

    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.show_step(2)
    page = window.page(2)
    assert isinstance(page, TrainPage)
    tiny_settings(page, epochs=8)
    _start(qtbot, page)
    qtbot.waitUntil(lambda: page.plots.loss.point_count("raw") >= 1, timeout=TASK_TIMEOUT_MS)
    run_dir = page.run_dir
    assert window.close()
    assert not controller.tasks.busy  # closeEvent stopped and joined the training thread
    info = runs.run_info(run_dir)
    assert info.status == "canceled"
    assert info.has_checkpoint


def test_out_of_memory_is_explained_and_training_continues(qtbot, page, controller, monkeypatch):
    import torch

    from badbatch_gui.core.training.loop.step_model import StepModel

    original = StepModel.forward_views
    state = {"raised": False}

    def flaky(self, v1, v2):
        if v1.shape[0] == 8 and not state["raised"]:
            state["raised"] = True
            raise torch.OutOfMemoryError("CUDA out of memory (simulated)")
        return original(self, v1, v2)

    monkeypatch.setattr(StepModel, "forward_views", flaky)
    tiny_settings(page, epochs=1)
    _start(qtbot, page)
    wait_idle(qtbot, controller)
    assert state["raised"]
    text = page.banner.label.text()
    assert "halved from 8 to 4" in text
    assert "continued" in text
    assert run_status(page.run_dir) == "completed"


def test_nan_loss_names_the_batch_and_keeps_the_checkpoint(qtbot, page, controller, nan_loss_at):
    import torch

    nan_loss_at(3)
    tiny_settings(page, epochs=1)
    _start(qtbot, page)
    wait_idle(qtbot, controller)
    text = page.banner.label.text()
    assert text.startswith("Training became unstable at batch 3 (photos: ")
    assert controller.last_error is not None
    assert controller.last_error[0] == text
    assert run_status(page.run_dir) == "errored"
    del torch


def test_folder_that_disappeared_is_explained_on_resume(qtbot, page, controller, demo_folder):
    run_dir = runs.new_run_dir("gone", controller.paths.runs_dir)
    write_json_atomic(
        run_dir / "run.json",
        {"config": {}, "folder": str(demo_folder / "unplugged"), "status": "canceled", "started": runs.now_iso()},
    )
    (run_dir / "checkpoint.pt").write_bytes(b"x")
    page.refresh_runs()
    assert page.run_list.select_run(run_dir)
    page.run_list.resume_button.click()
    assert page.worker is None
    assert not controller.tasks.busy
    assert "can no longer be found" in page.banner.label.text()
    assert str(demo_folder / "unplugged") in page.banner.label.text()


def test_presets_fill_the_advanced_fields_and_exclude_rejected_photos(qtbot, page, controller):
    s = page.forecast.settings
    for key in ("quick_check", "standard", "small_gpu", "paper"):
        s.set_preset(key)
        assert s.description.text()
    s.set_preset("small_gpu")
    assert s.batch.value() == 16
    assert "small graphics card" in s.description.text()
    first = controller.scan.training_images()[0].path
    controller.set_decision([first], "reject")
    config = page.training_config()
    assert config.exclude == (first,)
    assert config.batch_size == 16
    assert "31 of 32" in page.data_label.text()
    assert not s.multi_gpu.isVisible()  # one or no CUDA device here


def test_train_and_error_sentences_are_translated_to_japanese(qtbot, controller):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from badbatch_gui.gui.app import install_translators
    from badbatch_gui.gui.pages.train.page import TrainPage
    from badbatch_gui.gui.text import plain_messages as pm

    app = QApplication.instance()
    installed = install_translators(app, "ja")
    try:
        assert installed, "badbatch_ja.qm not found"
        page = TrainPage(controller)
        qtbot.addWidget(page)
        assert page.start_button.text() == "学習を開始"
        assert page.forecast.settings.preset_name("small_gpu") == "小型GPU"
        assert pm.oom_text(32, 16) == (
            "グラフィックボードのメモリーが足りなくなったため、バッチサイズを 32 から 16 に半分にして学習を続けました。"
        )
        assert pm.nan_text(3, ["a/b.jpg"]).startswith("バッチ 3 で学習が不安定になりました（写真: b.jpg）")
        assert "見つかりません" in pm.folder_missing_text("/mnt/usb")
        assert "ディスクがいっぱい" in pm.disk_full_text()
    finally:
        for tr in installed:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_plain_sentences_for_core_notices_and_exceptions(tmp_path):
    import errno

    from badbatch_gui.gui.text import plain_messages as pm

    text = pm.notice_text("oom_batch_halved", "core text", {"from": 32, "to": 16, "device": "cuda"})
    assert (
        text
        == "The graphics card ran out of memory, so the batch size was halved from 32 to 16 and training continued."
    )
    assert pm.notice_text("something_else", "core text", {}) == "core text"
    wrapped = RuntimeError("checkpoint failed")
    wrapped.__cause__ = OSError(errno.ENOSPC, "No space left on device")
    assert pm.failure_text(wrapped, save_to=tmp_path).startswith("The disk is full, so the app could not save to")
    assert pm.failure_text(ValueError("x"), folder=tmp_path / "gone").startswith("The photo folder")
    assert pm.failure_text(ValueError("x"), folder=tmp_path) is None
    record = {"nonfinite_batch": {"batch": 4, "paths": [f"p{i}.jpg" for i in range(8)]}}
    assert pm.nan_text_from_record(record) == (
        "Training became unstable at batch 5 (photos: p0.jpg, p1.jpg, p2.jpg and "
        "5 more). The last good checkpoint is kept; try a lower learning rate or "
        "Resume."
    )


def test_full_disk_is_explained_and_the_run_resumes_after_space_is_freed(qtbot, page, controller, monkeypatch):
    import errno

    from badbatch_gui.core.training.run_folder import checkpoint

    original = checkpoint.save_atomic
    calls = {"n": 0}

    def disk_fills_up(obj, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] >= 2:  # the first checkpoint (end of pass 1) is written, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(obj, path, *args, **kwargs)

    monkeypatch.setattr(checkpoint, "save_atomic", disk_fills_up)
    tiny_settings(page, epochs=2)
    _start(qtbot, page)
    wait_idle(qtbot, controller)
    run_dir = page.run_dir
    text = page.banner.label.text()
    assert text.startswith("The disk is full, so the app could not save to ")
    assert str(run_dir) in text
    info = runs.run_info(run_dir)
    assert info.status == "errored"
    assert info.resumable
    monkeypatch.setattr(checkpoint, "save_atomic", original)  # space freed
    assert page.run_list.select_run(run_dir)
    page.resume_button.click()
    wait_idle(qtbot, controller)
    assert run_status(run_dir) == "completed"
    assert [s["step"] for s in read_steps(run_dir)] == list(range(1, 9))


def test_a_forecast_that_does_not_fit_blocks_start_and_offers_the_suggested_batch_size(qtbot, page, controller):
    from types import SimpleNamespace

    parts = {
        "model": 45 << 20,
        "gradients": 45 << 20,
        "optimizer": 90 << 20,
        "activations": 7 << 30,
        "sampler": 0,
        "frd": 1 << 20,
        "images": 0,
    }
    fc = SimpleNamespace(
        device="cuda:0",
        batch_size=32,
        suggested_batch_size=16,
        verdict="will not fit",
        total_bytes=sum(parts.values()),
        capacity_bytes=8 << 30,
        free_bytes=6 << 30,
        parts=lambda: parts,
    )
    s = page.forecast.settings
    s.set_values(batch_size=32)  # one batch of the folder's 32 photos (a larger one cannot start at all)
    page.forecast._config = page.training_config()
    page.forecast._on_done({"forecast": fc, "device_label": "CUDA: test card", "cuda_count": 1})
    bar = page.forecast.memory_bar
    assert bar.verdict == "too_big"
    assert bar.verdict_text().startswith("Will not fit")
    assert "Suggested batch size: 16." in bar.verdict_text()
    with qtbot.waitSignal(page.forecast.forecast_ready, timeout=5000) as blocker:
        page.start_button.click()  # the shown forecast is for exactly these settings: no new measurement
    assert blocker.args == [False]
    assert page.worker is None
    assert "not started" in page.banner.label.text()
    assert page.forecast.suggest_button.isVisible()
    page.forecast.suggest_button.click()
    assert s.batch.value() == 16
    assert page.forecast.result is None  # settings changed: memory is checked again before training


def test_export_button_in_the_runs_list_opens_the_export_page_with_that_run(qtbot, controller):
    from badbatch_gui.gui.main_window import MainWindow

    run_dir = runs.new_run_dir("done", controller.paths.runs_dir)
    write_json_atomic(
        run_dir / "run.json",
        {"config": {}, "folder": "x", "status": "completed", "started": runs.now_iso(), "summary": {"images_used": 5}},
    )
    (run_dir / "checkpoint.pt").write_bytes(b"x")
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    window.show_step(2)
    train = window.page(2)
    train.refresh_runs()
    assert train.run_list.select_run(run_dir)
    train.run_list.export_button.click()
    assert window.stack.currentIndex() == 3
    assert Path(window.page(3).selected_run().run_dir) == run_dir
    window.show_step(2)
    train.leave_out.review.click()  # "Review…" the flagged photos: the Batch check
    assert window.stack.currentIndex() == 1


def test_cuda_metrics_draw_allocated_reserved_and_capacity(qtbot):
    from badbatch_gui.core.events import StepMetrics
    from badbatch_gui.gui.pages.train.training_plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)

    def m(step: int, loss: float, skipped: bool = False) -> StepMetrics:
        return StepMetrics(
            step=step,
            total_steps=100,
            epoch=0,
            epochs=1,
            loss=loss,
            lr=1e-3,
            images_per_s=500.0,
            batch_frd=1.0,
            frd_threshold=2.0,
            rejected_batches=int(skipped),
            batch_size=32,
            eta_s=9.0,
            elapsed_s=step * 0.1,
            cuda_allocated=2 << 30,
            cuda_reserved=3 << 30,
            cuda_total=8 << 30,
            skipped=skipped,
            chance_loss=math.log(62),
        )

    plots.add_many([m(1, 4.0), m(2, float("nan"), skipped=True), m(3, 2.0)])
    plots.set_memory_forecast(5 << 30)
    plots.flush()
    line = plots.loss._lines["chance"][0]  # "all photos alike — collapsed" at log(2B - 2) = log(62) for B = 32
    assert line.isVisible()
    assert line.value() == pytest.approx(math.log(62))
    assert plots.memory.point_count("allocated") == 3
    assert plots.memory.point_count("rss") == 0
    assert plots.memory.buffer("reserved").view()[1].tolist() == [3.0, 3.0, 3.0]
    assert plots.loss.buffer("raw").view()[0].tolist() == [1.0, 3.0]  # the skipped batch has no loss point
    # bias-corrected smoothing: (0.95 * 0.05 * 4 + 0.05 * 2) / (0.95 * 0.05 + 0.05), the steps' weighted mean
    assert plots.loss.buffer("smooth").view()[1].tolist() == pytest.approx([4.0, (0.19 + 0.1) / 0.0975])
    assert plots.rejected.buffer("rejected").view()[1].tolist() == [0.0, 1.0, 0.0]
    assert plots.memory._lines["total"][0].value() == pytest.approx(8.0)
    assert plots.memory._lines["forecast"][0].isVisible()
    # a resumed run repeats step 3: the point is replaced, not doubled
    plots.add_many([m(3, 1.0), m(4, 1.0)])
    assert plots.loss.buffer("raw").view()[0].tolist() == [1.0, 3.0, 4.0]


def test_the_loss_plot_shows_the_start_the_collapse_level_and_the_loss_over_all_photos(qtbot):
    """Issue 20: the dashed line is named for what it is, the start (untrained encoder) is drawn, each pass's loss
    over all photos is a point, and the legend sits under the plot, not over the curves.
    """
    from badbatch_gui.core.events import EpochEnded, StepMetrics
    from badbatch_gui.gui.pages.train.training_plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(900, 600)
    plots.loss.layout().activate()

    def m(step: int, loss: float) -> StepMetrics:
        return StepMetrics(
            step=step,
            total_steps=20,
            epoch=0,
            epochs=2,
            loss=loss,
            lr=1e-3,
            images_per_s=50.0,
            batch_frd=1.0,
            frd_threshold=None,
            rejected_batches=0,
            batch_size=16,
            eta_s=1.0,
            elapsed_s=step * 0.1,
            rss_bytes=1 << 30,
            chance_loss=math.log(30),
        )

    import numpy as np

    plots.add_many([m(1, 4.0), m(2, float("nan")), m(3, 3.8), m(4, 3.6), m(5, 3.0), m(6, 2.6), m(7, 1.0)])
    plots.add_epoch(
        EpochEnded(
            epoch=0,
            epochs=2,
            mean_loss=3.0,
            rejected=0,
            batches=7,
            chance_loss=math.log(30),
            global_loss=5.5,
            global_photos=112,
            global_loss_on_step_scale=2.9,
            step=7,
        )
    )
    plots.flush()
    start = plots.loss._lines["start"][0]
    assert start.isVisible()
    assert start.value() == pytest.approx((4.0 + 3.8 + 3.6 + 3.0 + 2.6) / 5)
    assert plots.loss._lines["chance"][0].value() == pytest.approx(math.log(30))
    assert plots.loss.buffer("global").view()[0].tolist() == [7.0]
    assert plots.loss.buffer("global").view()[1].tolist() == [2.9]
    names = plots.loss.legend_names()
    assert names == ["each step", "smoothed", "all photos, per pass", "at the start", "all photos alike — collapsed"]
    legend, canvas = plots.loss.legend_label, plots.loss._widget
    assert not legend.isHidden()
    assert legend.geometry().top() >= canvas.geometry().bottom()
    assert "all photos alike" in legend.text()
    assert plots.memory.legend_names() == ["computer memory (this app)"]
    # a recorded run replays the same lines from metrics.jsonl's columns
    replay = TrainingPlots()
    qtbot.addWidget(replay)
    replay.load_columns(
        {
            "step": np.array([1.0, 2.0, 3.0]),
            "loss": np.array([3.0, 2.0, 1.0]),
            "chance_loss": np.full(3, math.log(30)),
            "epoch_step": np.array([3.0]),
            "epoch_global_loss_on_step_scale": np.array([1.5]),
        }
    )
    assert replay.loss.buffer("global").view()[1].tolist() == [1.5]
    assert replay.loss._lines["start"][0].value() == pytest.approx(2.0)


def test_the_finished_run_says_how_its_loss_ended_in_english_and_japanese(qtbot, controller):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from badbatch_gui.gui.app import install_translators
    from badbatch_gui.gui.text import plain_messages as pm
    from badbatch_gui.gui.text import train_text

    learned = {"start_loss": 3.6, "last_pass_loss": 1.2, "collapsed_loss": math.log(30)}
    text = train_text.loss_outcome_text(learned)
    assert "fell from 3.60 at the start to 1.20" in text
    assert "3.40" in text
    assert "learned" in text
    assert "chance" in train_text.loss_outcome_text({**learned, "last_pass_loss": 3.39})
    assert "hardly fell" in train_text.loss_outcome_text({**learned, "start_loss": 4.3, "last_pass_loss": 4.2})
    assert train_text.loss_outcome_text({}) == ""
    app = QApplication.instance()
    translators = install_translators(app, "ja")
    try:
        ja = train_text.loss_outcome_text(learned)
        assert "3.60" in ja
        assert "1.20" in ja
        assert "見分けられる" in ja
        assert ja.endswith("。")
        stale = pm.notice_text("stale_embeddings", "", {"share": 0.2})
        assert "20 %" in stale
        assert "EMC2（論文どおり）" in stale
        assert "すべての写真が同じ — 崩壊" in pm.notice_text("collapse", "", {})
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_the_method_choice_names_each_emc2_variant_and_the_paper_one_trains_on_one_card(qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from badbatch_gui.gui.pages.train.settings_panel import TrainSettingsPanel

    monkeypatch.setattr(sys, "platform", "linux")
    panel = TrainSettingsPanel()
    qtbot.addWidget(panel)
    names = [panel.method.itemText(i) for i in range(panel.method.count())]
    # plain words first, the technical name in brackets (README, model card): each variant named for what it is
    assert names == [
        "Recommended, small batches (EMC2 with stored embeddings)",
        "As in the paper, slower (EMC2, paper)",
        "Classic, large batches (SimCLR)",
        "Classic with averages (SogCLR)",
    ]
    tips = [panel.method.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(panel.method.count())]
    assert "stored copies where the paper looks at the photos again" in tips[0]
    assert "a third more work" in tips[1]
    assert panel.config().emc2_variant == "stored"
    assert panel.config().method == "emc2"
    panel.set_multi_gpu_available(2)
    assert panel.multi_gpu.isEnabled()
    panel.set_values(method="emc2", emc2_variant="paper")
    assert panel.config().emc2_variant == "paper"
    assert not panel.multi_gpu.isEnabled()
    assert panel.gpu_processes() == 1
    assert "one graphics card" in panel.multi_gpu.toolTip()
    panel.set_values(method="simclr")
    assert panel.multi_gpu.isEnabled()
    assert panel.config().method == "simclr"
    panel.set_values(method="emc2", emc2_variant="official")  # a run's comparison setting is shown by its name
    assert panel.method.currentText() == "EMC2 as the official code runs it"
    assert panel.config().emc2_variant == "official"
