"""Train page, "Use all graphics cards": the box appears with 2+ GPUs and training runs in N processes.

There is no GPU here, so the page is told there are two graphics cards while the settings keep the
device on "auto" (the CPU on this machine): the worker starts ``badbatch train --nproc 2`` as a child, two
gloo CPU processes train, and the page shows their progress, pauses, resumes, stops and resumes the run.
"""

from __future__ import annotations

import json

import pytest

from badbatch_gui.core.events import RunState
from badbatch_gui.core.training.run_folder import runs
from tests.helpers.gui_training import TASK_TIMEOUT_MS, read_steps, run_status, tiny_settings, wait_idle

pytestmark = pytest.mark.usefixtures("torch_one_thread")  # one torch thread: shared 2-core machine


@pytest.fixture
def page(qtbot, controller, monkeypatch):
    from badbatch_gui.gui.pages.train.page import TrainPage

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    p = TrainPage(controller)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    return p


def test_the_box_is_offered_only_with_several_graphics_cards(qtbot, page):
    from badbatch_gui.gui.tasks.multi_gpu_worker import MultiGpuTrainWorker
    from badbatch_gui.gui.tasks.train_workers import TrainWorker

    s = page.forecast.settings
    assert not s.multi_gpu.isVisible()
    assert s.gpu_processes() == 1
    s.set_multi_gpu_available(4)
    assert s.multi_gpu.isVisible()
    assert s.multi_gpu.isEnabled()
    assert s.gpu_processes() == 1
    s.multi_gpu.setChecked(True)
    assert s.gpu_processes() == 4
    s.set_editable(False)
    assert not s.multi_gpu.isEnabled()
    s.set_editable(True)
    assert s.multi_gpu.isEnabled()
    folder = page.controller.folder
    worker = page._train_worker(page.training_config(), folder, folder.parent / "r", None)
    assert isinstance(worker, MultiGpuTrainWorker)
    assert worker.nproc == 4
    assert "--nproc" in worker.command(folder.parent / "s.json")
    s.set_multi_gpu_available(1)
    assert not s.multi_gpu.isVisible()
    assert s.gpu_processes() == 1
    assert isinstance(page._train_worker(page.training_config(), folder, folder.parent / "r", None), TrainWorker)


def test_two_processes_train_pause_stop_and_resume_from_the_page(qtbot, page, controller):
    from badbatch_gui.gui.tasks.multi_gpu_worker import MultiGpuTrainWorker

    tiny_settings(page, epochs=3)  # 4 steps per pass
    s = page.forecast.settings
    s.set_multi_gpu_available(2)
    s.multi_gpu.setChecked(True)
    assert page.start()
    assert isinstance(page.worker, MultiGpuTrainWorker)
    run_dir = page.run_dir
    qtbot.waitUntil(
        lambda: page.monitor.last_metrics is not None and page.monitor.last_metrics.step >= 2, timeout=TASK_TIMEOUT_MS
    )
    page.pause()
    qtbot.waitUntil(lambda: page.state is RunState.PAUSED, timeout=TASK_TIMEOUT_MS)
    at_pause = page.monitor.last_metrics.step
    qtbot.wait(800)
    assert page.monitor.last_metrics.step == at_pause  # both processes wait
    page.resume()
    qtbot.waitUntil(lambda: page.monitor.last_metrics.step > at_pause, timeout=TASK_TIMEOUT_MS)
    page.stop()
    wait_idle(qtbot, controller)
    assert run_status(run_dir) == "canceled"
    stopped = len(read_steps(run_dir))
    assert at_pause < stopped < 12
    assert controller.last_error is None, controller.last_error

    info = runs.run_info(run_dir)
    assert info.resumable
    assert page.resume_run(info)
    assert isinstance(page.worker, MultiGpuTrainWorker)
    wait_idle(qtbot, controller)
    assert run_status(run_dir) == "completed", controller.last_error
    assert controller.last_error is None, controller.last_error
    assert [r["step"] for r in read_steps(run_dir)] == list(range(1, 13))
    record = json.loads((run_dir / runs.RUN_JSON).read_text(encoding="utf-8"))
    assert record["world_size"] == 2
    assert record["summary"]["steps"] == 12
    assert page.monitor.last_metrics.step == 12
    assert not (run_dir / "control.json").exists()
