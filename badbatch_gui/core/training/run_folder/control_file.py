"""The run folder's control file: how the window pauses or stops a training that runs in other processes.

A multi-process run (torchrun, one process per GPU) cannot receive the window's RunControl, so the window writes
``control.json`` (``{"stop": bool, "pause": bool}``) into the run folder and rank 0 reads it at every step
boundary (:meth:`~badbatch_gui.core.training.distributed.DistContext.step_boundary`), which shares the flags with
every rank. The file is written atomically; a half-written file is read again at the next step.
"""

from __future__ import annotations

from pathlib import Path

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.json_checks import JsonObject, read_json_file

__all__ = ["CONTROL_FILE", "ControlFileReader", "clear_control", "write_control"]

CONTROL_FILE = "control.json"


def write_control(run_dir: Path, stop: bool = False, pause: bool = False) -> None:
    """Ask a running multi-process training to pause or stop (read by rank 0 at each step boundary)."""
    write_json_atomic(Path(run_dir) / CONTROL_FILE, {"stop": bool(stop), "pause": bool(pause)}, indent=None)


def clear_control(run_dir: Path) -> None:
    """Remove a control file left by an earlier session (before launching, and after the run ended)."""
    try:
        (Path(run_dir) / CONTROL_FILE).unlink()
    except FileNotFoundError:
        pass


class ControlFileReader:
    """Rank 0's view of the control file: (stop, pause), re-read only when the file's modification time changes."""

    def __init__(self) -> None:
        self._stamp = -1
        self._flags = (False, False)

    def read(self, run_dir: Path) -> tuple[bool, bool]:
        """The flags; (False, False) while there is no file."""
        path = Path(run_dir) / CONTROL_FILE
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return False, False
        if stamp != self._stamp:
            self._stamp = stamp
            try:
                data = JsonObject(read_json_file(path, max_bytes=4096), CONTROL_FILE, strict=True)
                self._flags = (bool(data.flag("stop", False)), bool(data.flag("pause", False)))
            except (OSError, RecordError):
                self._stamp = -1  # half-written: read again at the next step
        return self._flags
