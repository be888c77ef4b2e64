"""The window's *Report…* buttons: ask where to save, gather the facts (core), draw the PDF and write it.

On the GUI thread: gathering reads a few records and at most eight small pictures, and drawing an A4 page takes well
under a second (about 0.1–0.6 s for the demo run on one CPU core), so a worker thread would add hand-overs of Qt
objects for nothing. A failure is one plain sentence (``gui/text/error_text.py``: ``report_unwritable``,
``report_not_a_run``), never a trace; nothing half-written is left behind (``headless.write_pdf``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.safe_names import name_part
from badbatch_gui.core.write_errors import write_failure
from badbatch_gui.gui.dialogs import file_dialogs
from badbatch_gui.gui.report.headless import write_pdf
from badbatch_gui.gui.text.error_text import error_text

if TYPE_CHECKING:
    from badbatch_gui.gui.controller_api import Controller

log = logging.getLogger(__name__)


class ReportSaver(QObject):
    """Saves reports for one page (``controller``: the app controller, for its settings, errors and status line)."""

    def __init__(self, controller: Controller, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.page = parent

    def _ask(self, name: str, path: str | Path | None) -> Path | None:
        if path:
            return Path(path)
        settings = getattr(self.controller, "settings", None)
        start = Path(getattr(settings, "export_dir", "") or Path.home()) / f"{name_part(name, 'report', 80)}.pdf"
        chosen = file_dialogs.save_file(self.page, self.tr("Save the report"), str(start), self.tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        out = Path(chosen)
        return out if out.suffix.lower() == ".pdf" else out.with_name(out.name + ".pdf")

    def _write(self, out: Path, draw: Any) -> Path | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_pdf(out, draw())
        except OSError as exc:
            failure = write_failure(exc)
            err = BadBatchError(
                f"Cannot write {out}: {failure.reason}.",
                code="report_unwritable",
                path=str(out),
                reason=failure.reason,
                kind=failure.kind,
            )
            log.warning("report not written: %s", exc)
            self.controller.show_error(error_text(err), str(exc))
            return None
        except BadBatchError as exc:
            self.controller.show_error(error_text(exc), str(exc))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.controller.status_message.emit(self.tr("Report saved to {0}.").format(out))
        return out

    def save_run_report(self, run_dir: Path, path: str | Path | None = None) -> Path | None:
        """The report of the run in ``run_dir`` (asks for the file unless ``path`` is given); the file, or None."""
        from badbatch_gui.core.report.run_report import gather_run_report
        from badbatch_gui.gui.report.run_pdf import render_run_report

        out = self._ask(f"report_{Path(run_dir).name}", path)
        if out is None:
            return None
        return self._write(out, lambda: render_run_report(gather_run_report(run_dir, self.controller.paths)))

    def save_inspect_report(
        self, result: Any, model_source: Path | None, path: str | Path | None = None
    ) -> Path | None:
        """The report of a finished check (``inspect.check_result.CheckResult``); the file, or None."""
        from badbatch_gui.core.report.inspect_report import gather_inspect_report
        from badbatch_gui.gui.report.inspect_pdf import render_inspect_report

        out = self._ask(f"inspection_{Path(result.root).name}", path)
        if out is None:
            return None
        return self._write(out, lambda: render_inspect_report(gather_inspect_report(result, model_source)))
