"""Shared fixtures for the Train / Export page tests: a demo folder, a scanned controller, tiny settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from badbatch_gui.gui import pyside_fixes

pyside_fixes.apply()  # PySide6 6.12 on Python 3.11 drops references to None/True (see the module)

TASK_TIMEOUT_MS = 240_000  # a tiny CPU run on 2 shared cores; generous, never reached when things work


def tiny_settings(page, epochs: int = 1) -> None:
    """Quick check preset, batch 8, 32 px, ``epochs`` passes (4 steps per pass on the 32-image folder)."""
    s = page.forecast.settings
    s.set_preset("quick_check")
    s.set_values(batch_size=8, epochs=epochs, image_size=32, seed=0)


def wait_idle(qtbot, controller, timeout: int = TASK_TIMEOUT_MS) -> None:
    """Wait until no task runs and its thread has finished."""
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=timeout)


def read_steps(run_dir: Path) -> list[dict]:
    """The step records of a run's metrics.jsonl."""
    out = []
    for line in (Path(run_dir) / "metrics.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("event", "step") == "step":
            out.append(rec)
    return out


def run_status(run_dir: Path) -> str:
    """run.json's status field."""
    return json.loads((Path(run_dir) / "run.json").read_text(encoding="utf-8"))["status"]


@pytest.fixture(autouse=True)
def _one_torch_thread():
    import torch

    old = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(old)


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """The built-in demo folder, 32 pictures (+ broken files and a copy that the scan leaves out)."""
    from badbatch_gui.core.data.demo import write_demo_folder

    folder = tmp_path / "demo photos"
    write_demo_folder(folder, n_images=32, seed=1)
    return folder


@pytest.fixture
def controller(qtbot, demo_folder: Path):
    """An AppController with the demo folder opened and scanned; every task joined at teardown."""
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.controller import AppController

    ctl = AppController(AppSettings(), app_paths().ensure())
    ctl.show_error = lambda message, details: setattr(ctl, "last_error", (message, details))  # no dialogs
    assert ctl.open_folder(demo_folder)
    qtbot.waitUntil(lambda: ctl.scan is not None and not ctl.tasks.busy, timeout=60_000)
    yield ctl
    assert ctl.shutdown(120_000), "a worker thread did not stop"
