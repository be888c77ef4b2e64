"""A "session running" marker in the log folder, so the next start can tell that the app did not close cleanly.

The desktop app writes ``session.running`` when it starts and removes it when it exits normally. A marker still
there at the next start means the last session ended some other way: a crash (faulthandler's ``faults.log`` beside
it has the native stack), the process was killed, or the computer lost power. The window then says so once and
points at the log folder.

Two windows of the app may run at once, so the marker holds this process's id: a marker whose process still runs
(another window) is not a crash.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from badbatch_gui.core import atomic_files

log = logging.getLogger(__name__)

MARKER_NAME = "session.running"
FAULT_LOG_NAME = "faults.log"


@dataclass(frozen=True)
class LastSession:
    """What a marker left by an earlier session says.

    Attributes:
        started: ISO time the unclean session started ("" when the marker could not be read).
        pid: its process id (0 when unknown).
        fault_log: ``faults.log`` when it exists (the native stack of a hard crash), else None.
    """

    started: str
    pid: int
    fault_log: Path | None


class SessionMarker:
    """The marker file of one app session in ``log_dir``.

    Use :meth:`previous` first (what the last session left), then :meth:`begin` and, on a normal exit, :meth:`end`.
    Failures to write or remove the marker are logged and ignored: the marker never stops the app.
    """

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = Path(log_dir)
        self.path = self.log_dir / MARKER_NAME

    def previous(self) -> LastSession | None:
        """The session that did not end cleanly, or None (no marker, or its process is still running)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cannot read %s: %s", self.path, exc)
            text = ""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        pid = int(data.get("pid", 0) or 0) if isinstance(data, dict) else 0
        if pid and pid != os.getpid() and _process_exists(pid):
            return None  # another window of the app is running
        faults = self.log_dir / FAULT_LOG_NAME
        started = str(data.get("started", "")) if isinstance(data, dict) else ""
        return LastSession(started, pid, faults if faults.is_file() and faults.stat().st_size > 0 else None)

    def begin(self, started: str) -> None:
        """Write the marker for this session (``started``: an ISO time)."""
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            atomic_files.write_json_atomic(self.path, {"pid": os.getpid(), "started": started})
        except OSError as exc:
            log.warning("cannot write the session marker %s: %s", self.path, exc)

    def end(self) -> None:
        """Remove the marker (a clean exit)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot remove the session marker %s: %s", self.path, exc)


def _process_exists(pid: int) -> bool:
    """True when a process with ``pid`` runs (POSIX: signal 0; Windows: OpenProcess)."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
