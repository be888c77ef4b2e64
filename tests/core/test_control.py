"""RunControl: pause blocks at a step boundary, resume continues, stop raises Cancelled, from another thread."""

from __future__ import annotations

import threading
import time

import pytest

from badbatch_gui.core.control import Cancelled, RunControl


def _loop(control: RunControl, steps: list[int], n: int = 10_000) -> None:
    for i in range(n):
        control.check()
        steps.append(i)
        time.sleep(0.001)


def test_check_is_a_no_op_without_requests() -> None:
    c = RunControl()
    for _ in range(100):
        c.check()
    assert not c.stop_requested
    assert not c.pause_requested


def test_stop_from_another_thread_raises_cancelled() -> None:
    c = RunControl()
    steps: list[int] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            _loop(c, steps)
        except Cancelled as exc:
            errors.append(exc)

    t = threading.Thread(target=target)
    t.start()
    time.sleep(0.05)
    c.request_stop()
    t.join(5)
    assert not t.is_alive()
    assert len(errors) == 1
    assert 0 < len(steps) < 10_000


def test_pause_blocks_until_resume() -> None:
    c = RunControl()
    steps: list[int] = []
    paused_calls: list[int] = []
    t = threading.Thread(target=lambda: _loop_with_pause_cb(c, steps, paused_calls), daemon=True)
    t.start()
    time.sleep(0.05)
    c.request_pause()
    time.sleep(0.1)
    frozen = len(steps)
    time.sleep(0.2)
    assert len(steps) in (frozen, frozen + 1)  # at most the step in flight completes
    assert paused_calls == [1]
    c.resume()
    time.sleep(0.1)
    assert len(steps) > frozen + 5
    c.request_stop()
    t.join(5)
    assert not t.is_alive()


def _loop_with_pause_cb(c: RunControl, steps: list[int], paused_calls: list[int]) -> None:
    try:
        for i in range(100_000):
            c.check(on_pause=lambda: paused_calls.append(1))
            steps.append(i)
            time.sleep(0.001)
    except Cancelled:
        pass


def test_stop_wakes_a_paused_job() -> None:
    c = RunControl()
    c.request_pause()
    threading.Timer(0.1, c.request_stop).start()
    with pytest.raises(Cancelled):
        c.check()
