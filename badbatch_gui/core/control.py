"""RunControl: thread-safe pause / resume / stop requests honoured by long work at step boundaries."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised by :meth:`RunControl.check` once a stop has been requested."""


class RunControl:
    """Flags set from any thread (GUI, signal handler) and polled by the running job.

    The job calls :meth:`check` at every step boundary: it returns at once when nothing is requested,
    blocks while paused, and raises :class:`Cancelled` once a stop is requested. Nothing is interrupted
    mid-step.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._pause = False
        self._stop = False

    def request_pause(self) -> None:
        """Ask the job to pause at its next step boundary."""
        with self._cond:
            self._pause = True

    def resume(self) -> None:
        """Let a paused job continue."""
        with self._cond:
            self._pause = False
            self._cond.notify_all()

    def request_stop(self) -> None:
        """Ask the job to stop at its next step boundary (also wakes a paused job)."""
        with self._cond:
            self._stop = True
            self._pause = False
            self._cond.notify_all()

    @property
    def pause_requested(self) -> bool:
        """True while a pause is requested and not yet resumed."""
        with self._lock:
            return self._pause

    @property
    def stop_requested(self) -> bool:
        """True once a stop has been requested."""
        with self._lock:
            return self._stop

    def check(self, on_pause: Callable[[], object] | None = None) -> None:
        """Step-boundary check: block while paused, raise :class:`Cancelled` if a stop is requested.

        Args:
            on_pause: called once (without the lock) when the job is about to block, e.g. to emit a
                "paused" event; it is not called when no pause is pending.
        """
        with self._cond:
            if self._stop:
                raise Cancelled()
            if not self._pause:
                return
        if on_pause is not None:
            on_pause()
        with self._cond:
            while self._pause and not self._stop:
                self._cond.wait(timeout=0.5)
            if self._stop:
                raise Cancelled()
