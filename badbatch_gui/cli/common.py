"""Helpers shared by the subcommands: the one way to run a job (:func:`run_job`: Ctrl-C, stop, exit codes), the
folder and output checks, error lines, progress printing and report files.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import write_atomic, write_text_atomic
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import BadBatchError, ConfigError, FolderError
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.paths import is_inside

T = TypeVar("T")


class Stopped(Exception):
    """The job stopped at a step boundary after Ctrl-C; the message says what was (not) written. Exit code 130."""


class JobFailed(Exception):
    """The job started but failed (a self-test, a non-finite loss...): one error line, exit code 1."""


def fail(message: str) -> int:
    """Print one plain error line on stderr and return exit code 2."""
    print(f"badbatch: error: {display_name(message)}", file=sys.stderr)
    return 2


def warn(message: str) -> None:
    """One plain warning line on stderr (the command goes on)."""
    print(f"badbatch: warning: {message}", file=sys.stderr, flush=True)


def out(message: str) -> None:
    """One line of user output on stdout (a file name that is not valid Unicode shows U+FFFD marks)."""
    print(display_name(message), flush=True)


def require_folder(path: str) -> Path:
    """The folder as a Path.

    Raises:
        FolderError: it does not exist or is a file (``cli.main`` prints the line and exits with 2).
    """
    p = Path(path).expanduser()
    if not p.is_dir():
        raise FolderError(f"{path} {'is not a folder' if p.exists() else 'does not exist'}.")
    return p


def require_outside(output: Path, folder: Path, what: str = "The report", folder_name: str = "image folder") -> None:
    """Refuse an output inside the input folder: nothing is ever written into the photos' folder.

    Raises:
        ConfigError: ``output`` is ``folder`` or below it.
    """
    if is_inside(output, folder):
        raise ConfigError(f"{what} {output} would be written inside the {folder_name}; choose a place outside it.")


def write_report(path: Path, content: str | bytes) -> None:
    """Write a report file atomically (its folder is created): text (JSON, CSV) or bytes (a PDF).

    Raises:
        BadBatchError: it cannot be written (code ``report_unwritable``); nothing is left behind.
    """
    try:
        if isinstance(content, str):
            write_text_atomic(path, content)
        else:
            write_atomic(path, lambda fh: fh.write(content))
    except OSError as exc:
        raise BadBatchError(
            f"Cannot write {path}: {exc.strerror or exc}.",
            code="report_unwritable",
            path=str(path),
            reason=str(exc.strerror or exc),
        ) from exc


def run_job(job: Callable[[RunControl], T], stopped: str, failed: tuple[type[BaseException], ...] = ()) -> T:
    """Run a long core job with Ctrl-C mapped to a stop at the next step boundary (a second Ctrl-C aborts).

    Args:
        job: calls the core with the :class:`RunControl` it is given.
        stopped: the line printed when the job was stopped (what was or was not written).
        failed: errors that mean the job itself failed (exit code 1 instead of 2).

    Raises:
        Stopped: the job was stopped (``cli.main`` prints ``stopped``, exit code 130).
        JobFailed: the job raised one of ``failed``.
    """
    control = RunControl()
    undo = install_sigint(control)
    try:
        return job(control)
    except Cancelled:
        raise Stopped(stopped) from None
    except failed as exc:
        raise JobFailed(str(exc)) from exc
    finally:
        undo()


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
            print(display_name(text), file=self._stream, flush=True)

    def __call__(self, event: object) -> None:
        """Print ``event``'s line: steps at most every ``min_interval_s``, epoch ends and checkpoints always."""
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
                self._line(
                    where + f"batch skipped as unrepresentative (FRD {event.batch_frd:.4f}{tau}), "
                    f"{event.rejected_batches} skipped so far{eta}"
                )
            else:
                chance = f" (collapsed: {event.chance_loss:.2f})" if event.chance_loss is not None else ""
                self._line(
                    where + f"loss {event.loss:.4f}{chance}, {event.images_per_s:.1f} img/s, "
                    f"skipped {event.rejected_batches}{eta}"
                )
        elif isinstance(event, ev.EpochEnded):
            chance = f" (all photos alike, collapsed: {event.chance_loss:.2f})" if event.chance_loss is not None else ""
            over_all = (
                f", over all photos {event.global_loss_on_step_scale:.4f}"
                if event.global_loss_on_step_scale is not None
                else ""
            )
            self._line(
                f"epoch {event.epoch + 1}/{event.epochs} done: mean loss {event.mean_loss:.4f}{over_all}{chance}, "
                f"{event.rejected}/{event.batches} batches skipped as unrepresentative",
                force=True,
            )
        elif isinstance(event, ev.CheckpointSaved):
            self._line(f"checkpoint saved: {event.path}", force=True)
        elif isinstance(event, ev.Notice):
            print(display_name(f"{event.level}: {event.message}"), file=sys.stderr, flush=True)
        elif isinstance(event, ev.RunFinished) and event.message and event.reason is not ev.FinishReason.ERRORED:
            self._line(event.message, force=True)  # a failure is said once, on stderr, by cli.main


def install_sigint(control: RunControl) -> Callable[[], None]:
    """Map Ctrl-C to ``control.request_stop()`` (a second Ctrl-C interrupts hard). Returns an undo function."""
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if control.stop_requested:
            raise KeyboardInterrupt
        print("stopping at the next step boundary (Ctrl-C again to abort)...", file=sys.stderr)
        control.request_stop()

    signal.signal(signal.SIGINT, handler)

    def undo() -> None:
        signal.signal(signal.SIGINT, previous)

    return undo
