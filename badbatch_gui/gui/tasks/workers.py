"""Workers for the Images and Batch check steps: scan, demo folder, scoring (the controller's own tasks).

Each :class:`~badbatch_gui.gui.tasks.runner.Worker` calls one core entry point with ``control=self.control`` and
``on_event=self.on_event``. Torch-using core modules are imported inside :meth:`work`, never at module level,
so importing the GUI stays torch-free until after the first paint (tests/test_architecture.py).
"""

from __future__ import annotations

import inspect
import logging
from pathlib import Path
from typing import Any

from badbatch_gui.core.config import ScanConfig, ScoreConfig
from badbatch_gui.core.data.scan import EXTENSIONS
from badbatch_gui.gui.tasks.runner import Worker

log = logging.getLogger(__name__)


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``fn`` passing only the keyword arguments its signature accepts (tolerates small API drift)."""
    params = inspect.signature(fn).parameters
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        kwargs = {k: v for k, v in kwargs.items() if k in params}
    return fn(*args, **kwargs)


def demo_ready(folder: Path) -> bool:
    """True when the demo folder exists and holds at least one image."""
    if not folder.is_dir():
        return False
    return any(p.suffix.lower() in EXTENSIONS for p in folder.rglob("*"))


class ScanWorker(Worker):
    """Scans one folder (:func:`badbatch_gui.core.data.scan.scan_folder`); the result is a ScanResult."""

    def __init__(self, folder: Path, config: ScanConfig = ScanConfig()) -> None:
        super().__init__()
        self.folder, self.config = Path(folder), config

    def work(self) -> Any:
        """Run the scan."""
        from badbatch_gui.core.data.scan import scan_folder

        return scan_folder(self.folder, self.config, control=self.control, on_event=self.on_event)


class DemoWorker(Worker):
    """Generates the built-in demo folder (:func:`badbatch_gui.core.data.demo.write_demo_folder`) into ``folder``."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = Path(folder)

    def work(self) -> Any:
        """Write the demo images."""
        from badbatch_gui.core.data.demo import write_demo_folder

        return _call(write_demo_folder, self.folder, control=self.control, on_event=self.on_event)


class ScoreWorker(Worker):
    """Scores the planned batches of a scan (:func:`badbatch_gui.core.scoring.scoring.score_folder`) -> ScoreReport."""

    def __init__(self, scan: Any, config: ScoreConfig, cache_dir: Path) -> None:
        super().__init__()
        self.scan, self.config, self.cache_dir = scan, config, cache_dir

    def work(self) -> Any:
        """Run the batch check."""
        from badbatch_gui.core.scoring.scoring import score_folder

        return _call(
            score_folder, self.scan, self.config, control=self.control, on_event=self.on_event, cache_dir=self.cache_dir
        )
