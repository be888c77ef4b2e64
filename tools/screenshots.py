"""Render each page of the app to PNG with the demo folder loaded and scored (``make screenshots``).

    python -m tools.screenshots docs/screenshots            # English (from the repository root)
    python -m tools.screenshots docs/screenshots --lang ja  # Japanese, into docs/screenshots/ja

Works offscreen (``QT_QPA_PLATFORM=offscreen``, set automatically when there is no display) and under Xvfb.
Everything runs in a fresh temporary app home, so the user's settings, runs and caches are never touched.

Adding pages: :data:`SCREENSHOT_STEPS` is a list of ``(file name, function(session))`` run in order; a module
listed in :data:`EXTRA_STEP_MODULES` that exists is imported first and may append its own steps (the Train and
Export pages do this from ``tools/train_screenshots.py``, the Inspect page from ``tools/inspect_screenshots.py``).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

log = logging.getLogger(__name__)

WINDOW_SIZE = (1280, 820)
TIMEOUT_S = 300.0
EXTRA_STEP_MODULES = ("tools.train_screenshots", "tools.error_screenshots", "tools.inspect_screenshots")


class Session:
    """What a screenshot step gets: the running app and helpers to wait and save."""

    def __init__(self, app, controller, window, out_dir: Path, only: set[str] | None = None) -> None:
        self.app, self.controller, self.window, self.out_dir = app, controller, window, out_dir
        self.only = only  # write only these shots (every step still runs: later ones need the earlier state)

    def pump(self, seconds: float = 0.3) -> None:
        """Process events for ``seconds`` (lets thumbnails and layouts settle)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait(self, condition: Callable[[], bool], timeout: float = TIMEOUT_S) -> None:
        """Process events until ``condition()`` holds; raises TimeoutError after ``timeout`` seconds."""
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("screenshot step timed out")
            self.app.processEvents()
            time.sleep(0.01)

    def save(self, name: str) -> Path:
        """Grab the whole window into ``<out_dir>/<name>.png``."""
        self.pump(0.4)
        return self._write(name, self.window.grab())

    def save_with_dialog(self, name: str, dialog) -> Path:  # dialog: a QWidget shown on its own
        """Grab the window with ``dialog`` drawn centred over it, as the operator sees them (offscreen, each
        top-level window is rendered on its own), into ``<out_dir>/<name>.png``.
        """
        from PySide6.QtGui import QColor, QPainter

        self.pump(0.4)
        dialog.adjustSize()
        shot = self.window.grab()
        over = dialog.grab()
        painter = QPainter(shot)
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 60))  # the window behind a dialog looks inactive
        x = (shot.width() / shot.devicePixelRatio() - over.width() / over.devicePixelRatio()) / 2
        y = (shot.height() / shot.devicePixelRatio() - over.height() / over.devicePixelRatio()) / 3
        painter.drawPixmap(int(x), int(y), over)
        painter.end()
        return self._write(name, shot)

    def _write(self, name: str, pixmap) -> Path:
        path = self.out_dir / f"{name}.png"
        if self.only is not None and name not in self.only:
            return path
        if not pixmap.save(str(path)):
            raise OSError(f"could not write {path}")
        log.info("wrote %s", path)
        return path


def _images(s: Session) -> None:
    s.window.show_step(0)
    page = s.window.page(0)
    s.pump(0.5)
    s.wait(lambda: not page.loader._pending and len(page.model._pixmaps) > 0, 60)
    s.save("1_images")


def _images_problems(s: Session) -> None:
    page = s.window.page(0)
    page.tabs.setCurrentIndex(1)
    s.save("1_images_problems")
    page.tabs.setCurrentIndex(0)


def _batch_check(s: Session) -> None:
    s.window.show_step(1)
    page = s.window.page(1)
    page.start_check()  # default settings: the batch-size rule picks the size
    s.wait(lambda: s.controller.report is not None and not s.controller.tasks.busy)
    s.wait(lambda: not page.loader._pending and len(page.findings_model._pixmaps) > 0, 60)
    s.save("2_batch_check")


def _batch_review(s: Session) -> None:
    page = s.window.page(1)
    page.findings.select_filter("dark")
    rejected = [b for b in s.controller.report.batches if b.rejected]
    if rejected:
        page.table.select_batch(max(rejected, key=lambda b: b.frd).index)
    page.tabs.setCurrentWidget(page.review)
    s.wait(
        lambda: (
            not page.views.busy
            and page.review.rows
            and all(
                row.tiles[1].pixmap() is not None and not row.tiles[1].pixmap().isNull()
                for row in page.review.rows.values()
            )
        )
    )
    s.pump(0.5)
    s.wait(lambda: not page.loader._pending and len(page.findings_model._pixmaps) > 0, 60)
    s.save("2_batch_check_review")
    page.findings.select_filter("__flagged__")
    page.tabs.setCurrentIndex(0)


SCREENSHOT_STEPS: list[tuple[str, Callable[[Session], None]]] = [
    ("1_images", _images),
    ("1_images_problems", _images_problems),
    ("2_batch_check", _batch_check),
    ("2_batch_check_review", _batch_review),
]


def _batch_verdict_explained(s: Session) -> None:
    """Issue 19's batch verdicts: a batch above the threshold that explains itself (why it is unusual, how many
    photos that look fine rejecting it would throw away), preferring one whose cause is not a photo that looks
    wrong; then the check again once the photos that look wrong are left out (``2_batch_check_recheck``).
    """
    page = s.window.page(1)
    report = s.controller.report
    explained = page.explanations(report.threshold.value)
    if explained:
        pick = max(explained.values(), key=lambda e: (e.kind != "flagged", report.batches[e.batch].frd))
        page.table.select_batch(pick.batch)
        page.tabs.setCurrentWidget(page.review)
        s.wait(
            lambda: (
                not page.views.busy
                and page.review.rows
                and all(
                    row.tiles[1].pixmap() is not None and not row.tiles[1].pixmap().isNull()
                    for row in page.review.rows.values()
                )
            )
        )
        s.save("2_batch_check_explained")
    page.tabs.setCurrentIndex(0)
    before = s.controller.report
    page.start_check()  # the flagged photos are left out by default: the batches hold only the others
    s.wait(
        lambda: s.controller.report is not None and s.controller.report is not before and not s.controller.tasks.busy
    )
    s.wait(lambda: not page.loader._pending and len(page.findings_model._pixmaps) > 0, 60)
    s.save("2_batch_check_recheck")


SCREENSHOT_STEPS.append(("2_batch_check_explained", _batch_verdict_explained))


def step_registries() -> list[list[tuple[str, Callable[[Session], None]]]]:
    """The SCREENSHOT_STEPS lists a module of EXTRA_STEP_MODULES extends: this module's, and ``__main__``'s when this
    tool runs as ``python -m tools.screenshots`` (then ``__main__`` is a second module object with its own list).
    """
    out = [SCREENSHOT_STEPS]
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if main is not None and spec is not None and spec.name == __name__ and main.SCREENSHOT_STEPS is not out[0]:
        out.append(main.SCREENSHOT_STEPS)
    return out


def render(out_dir: Path, lang: str = "en", only: set[str] | None = None) -> list[Path]:
    """Run every step and return the PNG files written (with ``only``, just those shots are written)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    home = tempfile.mkdtemp(prefix="badbatch-shots-")
    os.environ["BADBATCH_HOME"] = home

    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.app import _apply_pyside_fixes, build_window, install_translators

    _apply_pyside_fixes()
    for name in EXTRA_STEP_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    # instance() is typed as the QCoreApplication base; here it is always the QApplication (a GUI app)
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0]]))
    translators = install_translators(app, lang)
    if lang == "ja" and not QFontDatabase.families(QFontDatabase.WritingSystem.Japanese):
        raise SystemExit(
            "No Japanese font is installed, so the text would render as empty boxes; install one "
            "(Debian/Ubuntu: apt install fonts-noto-cjk) and run again."
        )
    paths = app_paths().ensure()
    controller, window = build_window(AppSettings(language=lang, show_first_run_demo=False), paths, install_hooks=False)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.build_remaining_pages()
    out_dir = Path(out_dir) / ("ja" if lang == "ja" else "")
    out_dir.mkdir(parents=True, exist_ok=True)
    session = Session(app, controller, window, out_dir, only)
    written: list[Path] = []
    try:
        controller.start_device_probe()
        controller.open_demo()
        session.wait(lambda: controller.scan is not None and not controller.tasks.busy)
        session.wait(lambda: not controller.probing)
        for name, step in SCREENSHOT_STEPS:
            before = set(out_dir.glob("*.png"))
            step(session)
            written += sorted(set(out_dir.glob("*.png")) - before) or [out_dir / f"{name}.png"]
    finally:
        window.close()
        for tr in translators:
            app.removeTranslator(tr)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: ``OUT_DIR [--lang en|ja]``."""
    parser = argparse.ArgumentParser(description="Render every page of BadBatch Studio to PNG.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--lang", choices=("en", "ja"), default="en")
    parser.add_argument("--only", help="comma-separated shot names to write (every step still runs)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    files = render(args.out_dir, args.lang, set(args.only.split(",")) if args.only else None)
    sys.stdout.write("".join(f"{f}\n" for f in files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
