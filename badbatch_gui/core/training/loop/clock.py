"""Time in a training run: the training time ("the three figures": pauses and decoding excluded), the step speed
behind images/s and the ETA, and the step boundary where a pause begins and ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.training.distributed import DistContext
from badbatch_gui.core.training.run_folder.run_recorder import TrainPosition

log = logging.getLogger(__name__)


class TrainClock:
    """Started when the training loop starts; adds the time since the last reading to ``position.train_time_s``.

    The step speed is an exponential moving average (weight 0.1) of the step times after the first step, which
    includes warm-up costs; the ETA is given from the third timed step on.
    """

    def __init__(self) -> None:
        self.started = False
        self._segment_start = self._paused_at = time.perf_counter()
        self.ema_step_s: float | None = None
        self.steps_timed = 0

    def start(self) -> None:
        """The training loop starts (again): time counts from now."""
        self._segment_start = self._paused_at = time.perf_counter()
        self.ema_step_s = None
        self.steps_timed = 0
        self.started = True

    def add_to(self, position: TrainPosition) -> None:
        """Add the training time since the last reading (or the last resume from a pause); nothing before
        :meth:`start`.
        """
        if not self.started:
            return
        now = time.perf_counter()
        position.train_time_s += now - self._segment_start
        self._segment_start = now

    def elapsed(self, position: TrainPosition) -> float:
        """Training time so far, including the running segment."""
        return position.train_time_s + time.perf_counter() - self._segment_start

    def pause(self, position: TrainPosition) -> None:
        """A pause begins: the time until :meth:`resume` does not count."""
        self._paused_at = time.perf_counter()
        self.add_to(position)

    def resume(self) -> None:
        """The pause ended."""
        self._segment_start = time.perf_counter()
        log.info("paused for %.1f s", self._segment_start - self._paused_at)

    def step_done(self, step_s: float) -> None:
        """Record one step's duration."""
        self.steps_timed += 1
        if self.steps_timed > 1:  # the first step includes warm-up costs
            self.ema_step_s = step_s if self.ema_step_s is None else 0.9 * self.ema_step_s + 0.1 * step_s

    def eta(self, steps_left: int) -> float | None:
        """Seconds until the end (None until three steps were timed)."""
        return self.ema_step_s * steps_left if self.ema_step_s and self.steps_timed >= 3 else None

    def images_per_s(self, batch_size: int, step_s: float) -> float:
        """Training speed."""
        return batch_size / (self.ema_step_s or step_s or 1e-9)


def step_boundary(
    control: RunControl | None,
    dist: DistContext | None,
    run_dir: Path,
    clock: TrainClock,
    position: TrainPosition,
    emit: Callable[[object], None],
) -> None:
    """Where a run pauses or stops: between two batches. A pause does not count as training time.

    With several processes every rank pauses and stops at the same step (``DistContext.step_boundary``, which also
    reads the window's control file in the run folder).

    Raises:
        Cancelled: a stop was requested.
    """
    if dist is not None:

        def began() -> None:
            clock.pause(position)
            emit(ev.StateChanged(ev.RunState.PAUSED))

        def ended() -> None:
            clock.resume()
            emit(ev.StateChanged(ev.RunState.RUNNING))

        dist.step_boundary(control, run_dir, began, ended)
        return
    if control is None:
        return
    if control.pause_requested:
        clock.pause(position)
        try:
            control.check(on_pause=lambda: emit(ev.StateChanged(ev.RunState.PAUSED)))
        finally:
            clock.resume()
        emit(ev.StateChanged(ev.RunState.RUNNING))
    else:
        control.check()
