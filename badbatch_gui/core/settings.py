"""AppSettings: the small versioned JSON settings file in the config dir (language, recent folders, defaults)."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from badbatch_gui.core.atomic_files import set_aside, write_json_atomic
from badbatch_gui.core.config import SCORE_MODES, TRAIN_PRESETS
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.json_checks import JsonObject, read_json_file, short_repr

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: the Batch check's default mode became "reference"; leave_out_flagged
MAX_RECENT = 10
MAX_SETTINGS_BYTES = 4 * 2**20  # the file is a few hundred bytes
LANGUAGES = ("", "en", "ja")


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
    def from_dict(cls, data: Any) -> AppSettings:
        """Build from the parsed file: unknown keys are ignored, and a value of the wrong type or out of range is
        dropped with a log line (its default is used), so a damaged value never stops the window.
        """
        d = JsonObject(data, "settings.json")
        defaults = cls()
        folders = [f for f in d.texts("recent_folders", [], max_items=1000) if _usable_path(f)][:MAX_RECENT]
        last = d.text("last_folder", None)
        export_dir = d.text("export_dir", None)
        settings = cls(
            language=d.text("language", defaults.language, choices=LANGUAGES),
            recent_folders=folders,
            last_folder=last if last is not None and _usable_path(last) else None,
            score_batch_size=d.integer("score_batch_size", defaults.score_batch_size, 2, 4096),
            score_mode=d.text("score_mode", defaults.score_mode, choices=SCORE_MODES),
            leave_out_flagged=d.flag("leave_out_flagged", defaults.leave_out_flagged),
            train_preset=d.text("train_preset", defaults.train_preset, choices=tuple(TRAIN_PRESETS)),
            export_dir=export_dir if export_dir is not None and _usable_path(export_dir) else None,
            show_first_run_demo=d.flag("show_first_run_demo", defaults.show_first_run_demo),
        )
        if d.integer("version", 1, 0, 2**31) < 2 and settings.score_mode == "views":
            settings.score_mode = "reference"  # version 1 stored its own default, not a choice: use the new one
        return settings


def _usable_path(text: str) -> bool:
    """A folder path the operating system can be asked about (no NUL character, not empty)."""
    if text and "\x00" not in text:
        return True
    log.warning("settings: ignoring the folder %s", short_repr(text))
    return False


def load_settings(path: Path) -> AppSettings:
    """Read settings; a missing or unreadable file gives defaults (the broken file is kept aside, not lost).

    A file that is not JSON at all (or not an object, or too large or deeply nested to read) is set aside as
    ``settings.json.broken`` (numbered, never over an earlier backup); a readable file with damaged values keeps
    its good values (:meth:`AppSettings.from_dict`).
    """
    try:
        data = read_json_file(Path(path), max_bytes=MAX_SETTINGS_BYTES)
        if not isinstance(data, dict):
            raise RecordError("it does not hold a JSON object", code="json_not_object", source=str(path))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, RecordError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        if isinstance(exc, RecordError):
            try:
                log.warning("the damaged settings file is kept as %s", set_aside(path))
            except OSError:
                pass
        return AppSettings()
    return AppSettings.from_dict(data)


def save_settings(settings: AppSettings, path: Path) -> None:
    """Write settings atomically (``atomic_files``)."""
    write_json_atomic(Path(path), settings.to_dict(), indent=2)
