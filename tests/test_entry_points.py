"""The installed entry points start in a fresh process (only one QApplication may exist per process)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import badbatch_gui

BIN = Path(sys.executable).parent


def _run(args: list[str], home: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BADBATCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)


def test_cli_version_and_help(badbatch_home: Path) -> None:
    exe = shutil.which("badbatch", path=str(BIN)) or ""
    args = [exe] if exe else [sys.executable, "-m", "badbatch_gui.cli"]
    res = _run([*args, "--version"], badbatch_home)
    assert res.returncode == 0
    assert badbatch_gui.__version__ in res.stdout
    res = _run([sys.executable, "-m", "badbatch_gui.cli", "--help"], badbatch_home)
    assert res.returncode == 0
    for command in ("scan", "demo"):
        assert command in res.stdout


def test_cli_bad_arguments_exit_2_with_one_line(badbatch_home: Path) -> None:
    res = _run([sys.executable, "-m", "badbatch_gui.cli", "scan"], badbatch_home)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.strip().count("\n") <= 2  # usage line + one error line


def test_gui_self_test_exits_0_offscreen(badbatch_home: Path) -> None:
    app = Path(badbatch_gui.__file__).parent / "gui" / "app.py"
    assert app.is_file(), f"{app}, the window's entry point, is missing"
    exe = shutil.which("badbatch-gui", path=str(BIN))
    args = [exe] if exe else [sys.executable, "-m", "badbatch_gui"]
    res = _run([*args, "--self-test"], badbatch_home, timeout=180)
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-2000:])
    # app.main switched automatic garbage collection off: every collection ran on the GUI thread
    assert "garbage collection: automatic off," in res.stdout, res.stdout
    assert " 0 elsewhere" in res.stdout, res.stdout
    # the self-test generated and scanned the demo folder inside the app's data dir, never elsewhere
    assert any((badbatch_home / "data").rglob("*.jpg"))
    # a clean exit removes the "session running" marker: the next start does not report a crash
    assert list(badbatch_home.rglob("session.running")) == []
    assert any(badbatch_home.rglob("faults.log"))  # ... and faulthandler had its file beside it
