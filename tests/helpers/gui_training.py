"""Helpers for the GUI training tests: tiny settings, waits and the run folder's records.

Their fixtures (``demo_folder``, ``controller``) live in ``tests/gui/conftest.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

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
