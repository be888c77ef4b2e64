"""Rotating UTF-8 log file in the log dir, and the environment report used by "Copy diagnostics"."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from badbatch_gui import __version__
from badbatch_gui.core.paths import app_paths

LOG_FILE_NAME = "badbatch.log"
_HANDLER_NAME = "badbatch-file"


def setup_logging(verbose: bool = False, log_dir: Path | None = None) -> Path:
    """Attach a rotating file handler (1 MB × 5) to the root logger once; return the log file path.

    With ``verbose`` a stderr handler at INFO is added too. Calling it again does not duplicate handlers. Python
    warnings (from Pillow, torch...) are logged (``logging.captureWarnings``) instead of printed on stderr.
    """
    folder = Path(log_dir) if log_dir is not None else app_paths().log_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for h in list(root.handlers):
        if h.get_name() == _HANDLER_NAME:
            if getattr(h, "baseFilename", None) == str(path.resolve()):
                break
            root.removeHandler(h)
            h.close()
    else:
        # errors: a file name that is not valid UTF-8 is logged with \udcNN escapes instead of a "Logging error"
        fh = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8",
                                                  errors="backslashreplace")
        fh.set_name(_HANDLER_NAME)
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        root.addHandler(fh)
    # Library warnings (Pillow's "Corrupt EXIF data"...) go to the log, not raw onto the operator's terminal
    logging.captureWarnings(True)
    if verbose and not any(h.get_name() == "badbatch-stderr" for h in root.handlers):
        sh = logging.StreamHandler(sys.stderr)
        sh.set_name("badbatch-stderr")
        sh.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(sh)
    return path


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
        except Exception as exc:  # noqa: BLE001
            info["torch"] = f"unavailable ({exc})"
    return info


def format_report(info: dict[str, str]) -> str:
    """The report as "key: value" lines (what "Copy diagnostics" puts on the clipboard)."""
    return "\n".join(f"{k}: {v}" for k, v in info.items())
