"""AppSettings: the small versioned JSON settings file in the config dir (language, recent folders, defaults)."""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from badbatch_gui.core.atomic_files import set_aside, write_json_atomic

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: the Batch check's default mode became "reference"; leave_out_flagged
MAX_RECENT = 10


@dataclass
class AppSettings:
    """User preferences. Unknown keys in the file are ignored; missing keys take these defaults.

    ``language``: "" follows the system locale, else "en" or "ja".
    ``leave_out_flagged``: photos the Batch check flags as bad shots are rejected (with their reasons) in the
    folder's decisions, so training leaves them out; the Train page switches it.
    """

    version: int = SCHEMA_VERSION
    language: str = ""
    recent_folders: list[str] = field(default_factory=list)
    last_folder: str | None = None
    score_batch_size: int = 32
    score_mode: str = "reference"
    leave_out_flagged: bool = True  # training leaves out the photos the Batch check flags as bad shots
    train_preset: str = "quick_check"
    export_dir: str | None = None
    show_first_run_demo: bool = True

    def add_recent(self, folder: str) -> None:
        """Move ``folder`` to the top of the recent list (no duplicates, at most ``MAX_RECENT``)."""
        folder = str(folder)
        self.recent_folders = [folder] + [f for f in self.recent_folders if f != folder]
        del self.recent_folders[MAX_RECENT:]
        self.last_folder = folder

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AppSettings:
        """Build from a dict; unknown keys and wrongly typed values are dropped with a log line."""
        defaults = cls()
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            default = getattr(defaults, f.name)
            if default is not None and value is not None and not isinstance(value, type(default)):
                log.warning("settings: ignoring %s=%r (expected %s)", f.name, value, type(default).__name__)
                continue
            kwargs[f.name] = value
        if int(data.get("version", 1) or 1) < 2 and kwargs.get("score_mode") == "views":
            kwargs["score_mode"] = "reference"  # version 1 stored its own default, not a choice: use the new one
        kwargs["version"] = SCHEMA_VERSION
        return cls(**kwargs)


def load_settings(path: Path) -> AppSettings:
    """Read settings; a missing or unreadable file gives defaults (the broken file is kept aside, not lost)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return AppSettings.from_dict(data)
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        try:
            log.warning("the damaged settings file is kept as %s", set_aside(path))
        except OSError:
            pass
        return AppSettings()


def save_settings(settings: AppSettings, path: Path) -> None:
    """Write settings atomically (``atomic_files``)."""
    write_json_atomic(Path(path), settings.to_dict(), indent=2)
