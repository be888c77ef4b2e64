"""Garbage is collected on the GUI thread only, so no Qt object is ever freed in a worker thread (gc_on_gui_thread.py).

The deadlock itself is reproduced by tests/gui/gc_deadlock_pattern.py in a child process: a hang there ends that
process (faulthandler, in C), never this one.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

PATTERN = Path(__file__).with_name("gc_deadlock_pattern.py")
ROOT = Path(__file__).resolve().parents[2]


def _pattern(mode: str, ticks: int, guard_s: int = 120) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "GC_PATTERN_GUARD_S": str(guard_s),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, str(PATTERN), mode, str(ticks)],
        capture_output=True,
        text=True,
        timeout=guard_s + 60,
        env=env,
        cwd=ROOT,
    )


def test_qt_objects_in_garbage_cycles_are_freed_on_the_gui_thread_while_a_worker_allocates():
    res = _pattern("collector", 200)
    assert res.returncode == 0, (res.stdout[-2000:], res.stderr[-3000:])
    assert "worker=0 " in res.stdout
    assert "Traceback" not in res.stderr


def test_without_the_remedy_the_collector_frees_qt_objects_in_the_worker_thread():
    """The unsafe half of the pattern, without waiting for the hang: exit 3 = a QObject reached its destructor
    in the worker thread (the child stops right there).
    """
    res = _pattern("automatic", 200)
    assert res.returncode == 3, (res.stdout[-2000:], res.stderr[-3000:])


@pytest.mark.slow
def test_without_the_remedy_the_pattern_freezes():
    """The hang itself (opt-in, up to about 2 minutes): at least one of three runs freezes and is ended by the
    child's C-level guard, which prints every thread's stack.
    """
    for _ in range(3):
        res = _pattern("automatic-until-hang", 2000, guard_s=30)
        if res.returncode != 0 and "Timeout" in res.stderr:
            assert "in busy_gui" in res.stderr  # the GUI thread was stuck inside Qt
            return
    pytest.fail("the pattern did not freeze in three runs (a PySide6 or CPython release may have fixed it)")


def test_the_window_collects_garbage_on_the_gui_thread_only(gui, qtbot, small_demo, gc_on_gui_thread):
    """With the window open, a worker thread that allocates (as the scan, scoring and training threads do) no
    longer triggers collections itself: they all run on the GUI thread's timer.
    """
    assert not gc.isenabled()
    threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    def allocate() -> None:  # cyclic garbage: ten times CPython's first threshold
        for _ in range(7_000):
            cycle: list[object] = []
            cycle.append(cycle)

    gc.callbacks.append(record)
    try:
        gui.open_and_scan(small_demo)  # a scan worker and thumbnail jobs run meanwhile
        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join(60)
        qtbot.waitUntil(lambda: bool(threads), timeout=30_000)
    finally:
        gc.callbacks.remove(record)
    assert set(threads) == {threading.get_ident()}
    assert gc_on_gui_thread.elsewhere == 0
    assert gc_on_gui_thread.on_gui_thread >= 1


def _pool_job_frees_its_runner_in(qtbot) -> list[int]:
    """Run a PoolJob whose owner lets go of the job's QObject while it runs; return the thread it was freed in."""
    from PySide6.QtCore import QObject, QThreadPool

    from badbatch_gui.gui.tasks.pool_jobs import PoolJob, wait_for_pool

    release = threading.Event()

    class Runner(QObject):  # a Worker's part that matters here: a QObject with run(), without reference cycles
        def run(self) -> None:
            release.wait(30)

    freed_in: list[int] = []
    pool = QThreadPool()
    runner = Runner()
    weakref.finalize(runner, lambda: freed_in.append(threading.get_ident()))
    pool.start(PoolJob(runner))  # type: ignore[arg-type]  # a QRunnable subclass; the stub wants a callable too
    del runner  # the owner lets go first
    release.set()
    assert wait_for_pool(pool, 30_000)
    qtbot.waitUntil(lambda: bool(freed_in), timeout=10_000)
    return freed_in


def test_a_pool_job_hands_its_worker_to_the_gui_thread(qtbot, gc_on_gui_thread):
    assert _pool_job_frees_its_runner_in(qtbot) == [threading.get_ident()]


def test_without_the_handover_a_pool_job_would_free_its_worker_in_the_pool_thread(qtbot, monkeypatch, gc_on_gui_thread):
    from badbatch_gui.gui.tasks import pool_jobs

    monkeypatch.setattr(pool_jobs, "release_on_gui_thread", lambda obj: None)
    freed_in = _pool_job_frees_its_runner_in(qtbot)
    assert freed_in
    assert freed_in != [threading.get_ident()]
