"""Rotating UTF-8 log file in the log dir, and the environment report used by "Copy diagnostics"."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from badbatch_gui import __version__
from badbatch_gui.core.paths import HOME_ENV
from badbatch_gui.core.write_errors import write_failure

LOG_FILE_NAME = "badbatch.log"
_HANDLER_NAME = "badbatch-file"


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file; a write that fails later (the disk filled up) is dropped quietly instead of printing a
    traceback on stderr for every line.
    """

    def handleError(self, record: logging.LogRecord) -> None:
        pass


@dataclass(frozen=True)
class LogSetup:
    """What :func:`setup_logging` did.

    Attributes:
        file: the log file, or None when its folder cannot be written (the app then runs without one).
        problem: "" when the log file is in place, else one plain sentence saying where and why it is not.
    """

    file: Path | None
    problem: str = ""


def setup_logging(log_dir: Path, verbose: bool = False) -> LogSetup:
    """Attach a rotating file handler (1 MB × 5) in ``log_dir`` (the app's: ``AppPaths.log_dir``) to the root
    logger once.

    With ``verbose`` a stderr handler at INFO is added too. Calling it again does not duplicate handlers. A log
    folder that cannot be created or written (a read-only place, a full disk, ``BADBATCH_HOME`` pointing at a
    file...) never stops the app: it runs without a log file, and :attr:`LogSetup.problem` says so for the caller
    to show. Python warnings (from Pillow, torch...) are logged (``logging.captureWarnings``) instead of printed
    on stderr.
    """
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    # Library warnings (Pillow's "Corrupt EXIF data"...) go to the log, not raw onto the operator's terminal
    logging.captureWarnings(True)
    if verbose and not any(h.get_name() == "badbatch-stderr" for h in root.handlers):
        sh = logging.StreamHandler(sys.stderr)
        sh.set_name("badbatch-stderr")
        sh.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(sh)
    folder = Path(log_dir)
    path = folder / LOG_FILE_NAME
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:
            if getattr(h, "baseFilename", None) == str(path.resolve()):
                return LogSetup(path)
            root.removeHandler(h)
            h.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # errors: a file name that is not valid UTF-8 is logged with \udcNN escapes instead of a "Logging error"
        fh = _LogFile(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        if not root.handlers:  # no log at all, rather than Python's last-resort copy of every warning on stderr
            root.addHandler(logging.NullHandler())
        return LogSetup(
            None,
            f"The log cannot be written in {folder} ({write_failure(exc).reason}); going on "
            f"without a log file. To keep one, make that folder writable or set {HOME_ENV} to a "
            "folder you can write to.",
        )
    fh.set_name(_HANDLER_NAME)
    fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root.addHandler(fh)
    return LogSetup(path)


def environment_report(include_torch: bool = True) -> dict[str, str]:
    """Versions and devices for diagnostics. ``include_torch=False`` avoids importing torch (start-up path)."""
    info = {
        "badbatch_gui": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
    for name in ("numpy", "scipy", "PIL", "safetensors", "platformdirs", "PySide6", "pyqtgraph"):
        mod = sys.modules.get(name)
        if mod is None:
            try:
                mod = __import__(name)
            except Exception:  # noqa: BLE001 - report, never fail
                info[name] = "not installed"
                continue
        info[name] = str(getattr(mod, "__version__", "?"))
    if include_torch:
        try:
            import torch
            import torchvision

            info["torch"] = torch.__version__
            info["torchvision"] = torchvision.__version__
            info["cuda_available"] = str(torch.cuda.is_available())
            if torch.cuda.is_available():
                props = torch.cuda.get_device_properties(0)
                info["gpu"] = f"{props.name}, {props.total_memory / 2**30:.1f} GiB"
                info["cuda"] = str(torch.version.cuda)
        except Exception as exc:  # noqa: BLE001 - a log handler must never raise
            info["torch"] = f"unavailable ({exc})"
    return info


def format_report(info: dict[str, str]) -> str:
    """The report as "key: value" lines (what "Copy diagnostics" puts on the clipboard)."""
    return "\n".join(f"{k}: {v}" for k, v in info.items())
