"""A hanging test fails fast (pyproject.toml [tool.pytest.ini_options]): pytest-timeout fails a test whose main
thread still runs Python, and faulthandler ends a process in which no Python thread can run, printing every
thread's stack either way. Both are checked on throw-away tests in a child pytest, with the limits shortened.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HANGS = """
import ctypes
import threading
import time


def test_python_loop_that_never_ends():
    while True:
        time.sleep(0.05)


def test_runs_after_the_hang():
    pass


def test_interpreter_lock_held_while_waiting_for_a_mutex():
    threading.Thread(target=lambda: time.sleep(60), name="bystander", daemon=True).start()
    libc = ctypes.PyDLL(None)  # PyDLL keeps the interpreter lock during the call
    mutex = ctypes.create_string_buffer(64)  # zeroed: PTHREAD_MUTEX_INITIALIZER
    libc.pthread_mutex_lock(mutex)
    libc.pthread_mutex_lock(mutex)  # waits for itself forever: no Python thread can run again


def test_never_reached():
    pass
"""


def _child_pytest(tmp_path: Path, *selection: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_hangs.py").write_text(HANGS, encoding="utf-8")
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(tmp_path),
        "-p",
        "no:cacheprovider",
        "-o",
        "timeout=2",
        "-o",
        "faulthandler_timeout=6",
        *[f"test_hangs.py::{name}" for name in selection],
    ]
    return subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_a_python_level_hang_fails_that_test_and_the_session_goes_on(tmp_path):
    res = _child_pytest(tmp_path, "test_python_loop_that_never_ends", "test_runs_after_the_hang")
    assert res.returncode == 1, res.stdout[-3000:]
    assert "Failed: Timeout (>2.0s) from pytest-timeout" in res.stdout
    assert "1 failed, 1 passed" in res.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pthread mutex layout of glibc")
def test_a_deadlock_holding_the_interpreter_lock_prints_every_stack_and_ends_the_process(tmp_path):
    res = _child_pytest(tmp_path, "test_interpreter_lock_held_while_waiting_for_a_mutex", "test_never_reached")
    output = res.stdout + res.stderr
    assert res.returncode != 0
    assert "Timeout (0:00:06)!" in output
    assert output.count("Thread 0x") >= 2  # the stuck main thread and the bystander
    assert "in test_interpreter_lock_held_while_waiting_for_a_mutex" in output  # where it hangs
    assert "passed" not in output
