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
