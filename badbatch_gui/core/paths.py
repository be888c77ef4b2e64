"""Every location the app writes to, in one place: the only caller of platformdirs.

``BADBATCH_HOME`` puts all of them under one folder (tests, portable installs). Nothing is ever written
into the user's image folders or the install directory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from badbatch_gui.core.file_names import key_bytes

APP_NAME = "BadBatchStudio"
APP_AUTHOR = "BadBatch"
HOME_ENV = "BADBATCH_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The app's folders. ``ensure()`` creates them; reading a path never creates anything."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        """The versioned settings JSON."""
        return self.config_dir / "settings.json"

    @property
    def runs_dir(self) -> Path:
        """One sub-folder per training run (checkpoints, metrics.jsonl, config)."""
        return self.data_dir / "runs"

    @property
    def exports_dir(self) -> Path:
        """Default destination of exported encoders."""
        return self.data_dir / "exports"

    @property
    def decisions_dir(self) -> Path:
        """Per-folder keep/reject decisions made on the Batch check page."""
        return self.data_dir / "decisions"

    @property
    def findings_dir(self) -> Path:
        """Per-folder Batch check findings (the photos that look wrong and why), written by every check."""
        return self.data_dir / "findings"

    def decisions_file(self, folder: Path) -> Path:
        """The operator's keep/reject decisions for the image folder ``folder``."""
        return self.decisions_dir / f"{folder_key(folder)}.json"

    def findings_file(self, folder: Path) -> Path:
        """The last Batch check findings of the image folder ``folder``."""
        return self.findings_dir / f"{folder_key(folder)}.json"

    @property
    def thumbnails_dir(self) -> Path:
        """Thumbnail disk cache (safe to delete)."""
        return self.cache_dir / "thumbnails"

    @property
    def image_cache_dir(self) -> Path:
        """Memory-mapped decoded-image caches for training (safe to delete)."""
        return self.cache_dir / "images"

    @property
    def feature_cache_dir(self) -> Path:
        """Cached folder feature statistics for FRD reference mode (safe to delete)."""
        return self.cache_dir / "features"

    @property
    def demo_dir(self) -> Path:
        """Where the built-in demo folder is generated on first use."""
        return self.data_dir / "demo_images"

    def ensure(self) -> AppPaths:
        """Create every folder (idempotent) and return self."""
        for p in (
            self.config_dir,
            self.data_dir,
            self.cache_dir,
            self.log_dir,
            self.runs_dir,
            self.exports_dir,
            self.decisions_dir,
            self.findings_dir,
        ):
            p.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    """The folders for this process: under ``$BADBATCH_HOME`` if set, else the platform's user folders.

    Only the front doors call it (the command line, the window's ``app.main``, tests): the core takes the
    :class:`AppPaths`, or the folder it needs, from its caller (tests/test_architecture.py checks).
    """
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser()
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    import platformdirs

    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def folder_key(folder: Path) -> str:
    """A stable file-name-safe key for an image folder (hash of its resolved path), for per-folder state."""
    resolved = str(Path(folder).expanduser().resolve())
    return hashlib.sha256(key_bytes(resolved)).hexdigest()[:16]


def file_list_hash(relative_paths: Iterable[str]) -> str:
    """The dataset fingerprint: sha256 hex of the sorted relative paths joined by newlines.

    Scans, training runs (resume checks, EMC2 state) and model cards all use this one recipe, so their
    fingerprints of the same file list agree.
    """
    return hashlib.sha256(key_bytes("\n".join(sorted(relative_paths)))).hexdigest()


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` resolves to ``folder`` or somewhere below it (used to refuse writes there)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
