"""Test-wide set-up: offscreen Qt before any QApplication exists, an isolated app home per test."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process; assign (not setdefault: an empty value must be replaced).
if not os.environ.get("DISPLAY") or os.environ.get("CI"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("OMP_NUM_THREADS", "2")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def badbatch_home(tmp_path, monkeypatch):
    """Point every app folder (settings, runs, caches, logs) at a fresh temporary folder."""
    home = tmp_path / "badbatch_home"
    monkeypatch.setenv("BADBATCH_HOME", str(home))
    return home


@pytest.fixture
def nan_loss_at(monkeypatch):
    """``nan_loss_at(n)`` makes the n-th training loss NaN (``StepModel.loss``), as a diverging run would."""

    def install(n: int) -> None:
        from badbatch_gui.core.training.step_model import StepModel

        original = StepModel.loss
        calls = {"n": 0}

        def loss(self, *args, **kwargs):
            calls["n"] += 1
            value, figures = original(self, *args, **kwargs)
            return (value * float("nan") if calls["n"] == n else value), figures

        monkeypatch.setattr(StepModel, "loss", loss)

    return install
