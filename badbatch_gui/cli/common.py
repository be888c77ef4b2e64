"""Small helpers shared by the subcommands: error lines, progress printing, Ctrl-C handling."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import RunControl


def fail(message: str) -> int:
    """Print one plain error line on stderr and return exit code 2."""
    print(f"badbatch: error: {message}", file=sys.stderr)  # noqa: T201 - user output
    return 2


def out(message: str) -> None:
    """One line of user output on stdout."""
    print(message, flush=True)  # noqa: T201 - user output


def existing_folder(path: str) -> Path | None:
    """The folder as a Path, or None when it is missing or not a folder (callers then ``fail``)."""
    p = Path(path).expanduser()
    return p if p.is_dir() else None


class EventPrinter:
    """An ``on_event`` callback that prints progress lines, at most a few per second."""

    def __init__(self, min_interval_s: float = 0.5, stream: Any = None) -> None:
        self._min = min_interval_s
        self._last = 0.0
        self._stream = stream or sys.stdout

    def _line(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= self._min:
            self._last = now
            print(text, file=self._stream, flush=True)  # noqa: T201 - user output

    def __call__(self, event: object) -> None:
        if isinstance(event, ev.ScanProgress):
            self._line(f"scanning: {event.done} files examined" if event.done else "scanning: listing the folder...")
        elif isinstance(event, ev.Progress):
            total = f"/{event.total}" if event.total else ""
            self._line(f"{event.phase}: {event.done}{total} {event.message}".rstrip())
        elif isinstance(event, ev.BatchScored):
            self._line(f"scored batch {event.index + 1}/{event.total}: FRD {event.frd:.4f}")
        elif isinstance(event, ev.StepMetrics):
            eta = f", ETA {event.eta_s:.0f} s" if event.eta_s is not None else ""
            where = f"epoch {event.epoch + 1}/{event.epochs} step {event.step}/{event.total_steps}: "
            if event.skipped:
                tau = f" > threshold {event.frd_threshold:.4f}" if event.frd_threshold is not None else ""
                self._line(where + f"batch skipped as unrepresentative (FRD {event.batch_frd:.4f}{tau}), "
                           f"{event.rejected_batches} skipped so far{eta}")
            else:
                chance = f" (learned nothing: {event.chance_loss:.2f})" if event.chance_loss is not None else ""
                self._line(where + f"loss {event.loss:.4f}{chance}, {event.images_per_s:.1f} img/s, "
                           f"skipped {event.rejected_batches}{eta}")
        elif isinstance(event, ev.EpochEnded):
            chance = f" (learned nothing: {event.chance_loss:.2f})" if event.chance_loss is not None else ""
            self._line(f"epoch {event.epoch + 1}/{event.epochs} done: mean loss {event.mean_loss:.4f}{chance}, "
                       f"{event.rejected}/{event.batches} batches skipped as unrepresentative", force=True)
        elif isinstance(event, ev.CheckpointSaved):
            self._line(f"checkpoint saved: {event.path}", force=True)
        elif isinstance(event, ev.Notice):
            print(f"{event.level}: {event.message}", file=sys.stderr, flush=True)  # noqa: T201
        elif isinstance(event, ev.RunFinished) and event.message:
            self._line(event.message, force=True)


def install_sigint(control: RunControl) -> Callable[[], None]:
    """Map Ctrl-C to ``control.request_stop()`` (a second Ctrl-C interrupts hard). Returns an undo function."""
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if control.stop_requested:
            raise KeyboardInterrupt
        print("stopping at the next step boundary (Ctrl-C again to abort)...", file=sys.stderr)  # noqa: T201
        control.request_stop()

    signal.signal(signal.SIGINT, handler)

    def undo() -> None:
        signal.signal(signal.SIGINT, previous)

    return undo
