"""Making a report outside the window (``badbatch report``): a Qt application without a screen, the report's
language for the time it is drawn, and the atomic write of the file.

The command line is Qt-free except for this one door (docs/design/report.md): ``cli/report_cmd.py`` imports this
module, and only when a report is asked for, so every other command still starts without Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from badbatch_gui.core.atomic_files import write_atomic
from badbatch_gui.gui.translators import OnlyThisLanguage, set_locale


def ensure_app() -> QCoreApplication:
    """The running Qt application, or a new screenless one (the "offscreen" platform unless one is chosen).

    A QApplication, not only a QGuiApplication, although the renderer paints no widget: a process that made a
    QGuiApplication could never show a window afterwards (Qt aborts), and tests render reports and drive pages in
    one process.
    """
    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["badbatch"])
    return app


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Our translation and number format for ``lang`` ("en" or "ja") while the block runs, then as before."""
    app = ensure_app()
    before = QLocale()
    translator = OnlyThisLanguage(lang, app)
    app.installTranslator(translator)
    set_locale(lang)
    try:
        yield
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(before)


def write_pdf(path: Path, data: bytes) -> None:
    """Write a drawn report to ``path`` atomically (its folder is created when missing).

    Raises:
        OSError: it cannot be written (a read-only folder, a full disk); nothing is left behind.
    """
    write_atomic(Path(path), lambda f: f.write(data))
