"""Closing the window during training asks first; the next start offers to resume the run that was stopped."""

from __future__ import annotations

from argparse import Namespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.events import RunState
from badbatch_gui.core.training.run_folder import runs
from tests.helpers import gui_training as th

pytestmark = pytest.mark.usefixtures("torch_one_thread")  # one torch thread: shared 2-core machine

TRAIN = 2


def _visible(cls_name: str) -> list:
    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == cls_name and w.isVisible()]


def test_closing_during_training_asks_and_the_next_start_offers_resume(qtbot, make_app, demo_folder, monkeypatch):
    from badbatch_gui.gui import app as app_module
    from badbatch_gui.gui.dialogs import close_question

    first = make_app()
    first.open_and_scan(demo_folder)
    page = first.window.page(TRAIN)
    th.tiny_settings(page, epochs=6)
    page.start_button.click()
    qtbot.waitUntil(lambda: page.worker is not None, timeout=th.TASK_TIMEOUT_MS)
    qtbot.waitUntil(lambda: page.plots.loss.point_count("raw") >= 1, timeout=th.TASK_TIMEOUT_MS)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.state is RunState.PAUSED, timeout=th.TASK_TIMEOUT_MS)
    # while paused, nothing says time is passing
    assert page.progress.eta_label.text() == "paused"
    assert "paused" in first.window.status.task.text()
    run_dir = page.run_dir

    asked = []
    monkeypatch.setattr(close_question, "ask", lambda parent: asked.append(parent) or close_question.KEEP)
    first.window.close()
    assert asked == [first.window]
    assert first.window.isVisible()
    assert page.worker is not None
    monkeypatch.setattr(close_question, "ask", lambda parent: asked.append(parent) or close_question.STOP)
    first.window.close()
    assert len(asked) == 2
    assert not first.window.isVisible()
    assert not first.controller.tasks.busy  # stopped, its progress saved, its thread joined
    info = runs.run_info(run_dir)
    assert info.status == "canceled"
    assert info.resumable
    assert info.has_checkpoint

    # the next start: a new window offers to resume that run
    second = make_app()
    monkeypatch.setattr(second.controller, "start_device_probe", lambda: None)
    second.controller.settings.show_first_run_demo = False
    second.controller.settings.last_folder = None
    app_module._after_first_paint(second.window, second.controller, Namespace(folder=None, self_test=False))
    (offer,) = _visible("ResumeOfferDialog")
    assert demo_folder.name in offer.text.text()
    offer.resume_button.click()
    train = second.window.page(TRAIN)
    assert second.window.stack.currentIndex() == TRAIN
    qtbot.waitUntil(lambda: train.worker is not None, timeout=th.TASK_TIMEOUT_MS)
    assert train.run_dir == run_dir
    qtbot.waitUntil(
        lambda: len(th.read_steps(run_dir)) > 0 and train.state is RunState.RUNNING, timeout=th.TASK_TIMEOUT_MS
    )
    train.stop_button.click()
    th.wait_idle(qtbot, second.controller)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_not_now_is_remembered_and_a_crashed_run_is_offered(gui, qtbot, demo_folder, monkeypatch):
    from badbatch_gui.gui import app as app_module
    from badbatch_gui.gui.startup_notes import run_to_offer

    run_dir = gui.paths.runs_dir / "20260101-100000-crashed"
    run_dir.mkdir(parents=True)
    write_json_atomic(
        run_dir / runs.RUN_JSON,
        {
            "status": "running",
            "started": "2026-01-01T10:00:00+00:00",
            "n_images": 32,
            "folder": str(demo_folder),
            "config": {"method": "emc2", "batch_size": 8, "epochs": 2, "image_size": 32},
        },
    )  # no live process: a crash
    assert run_to_offer(gui.window).run_dir == run_dir
    monkeypatch.setattr(gui.controller, "start_device_probe", lambda: None)
    gui.controller.settings.show_first_run_demo = False
    gui.controller.settings.last_folder = None
    app_module._after_first_paint(gui.window, gui.controller, Namespace(folder=None, self_test=False))
    (offer,) = _visible("ResumeOfferDialog")
    offer.later_button.click()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert _visible("ResumeOfferDialog") == []
    assert run_to_offer(gui.window) is None
    assert not gui.controller.tasks.busy
