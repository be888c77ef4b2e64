"""``badbatch report RUN --out FILE.pdf [--lang en|ja]``: a training run's report as a PDF (A4, one or two pages).

The inspection report comes from ``badbatch inspect MODEL NEW_FOLDER --pdf FILE.pdf`` (beside ``--json``), which
calls :func:`write_inspect_pdf` here: the heat maps exist only while the check's result is in memory.

The one command-line module that imports Qt (docs/design/report.md): the PDF is drawn with Qt's PDF writer and
painter, the same renderer the window uses, on a screenless Qt application; the import happens only when a report is
made, so the other commands start without Qt. ``--lang`` defaults to the app's language setting. Exit codes: 0 done,
2 bad arguments or a folder that is not a run, or a file that cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import fail, out, require_outside, write_report
from badbatch_gui.core.errors import BadBatchError

LANGS = ("en", "ja")


def register(subparsers: Any) -> None:
    """Add ``badbatch report`` to the command line."""
    p = subparsers.add_parser(
        "report",
        help="write a training run's report as a PDF",
        description="Write a training run's report (A4 PDF, one or two pages) for managers.",
    )
    p.add_argument("run", metavar="RUN", help="the training run folder")
    p.add_argument("--out", metavar="FILE.pdf", required=True, help="where to write the PDF")
    p.add_argument("--lang", choices=LANGS, help="the report's language (default: the app's)")
    p.set_defaults(func=run)


def default_language(lang: str | None) -> str:
    """``lang``, else the app's language setting, else English."""
    if lang:
        return lang
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import load_settings

    try:
        setting = load_settings(app_paths().settings_file).language
    except (OSError, BadBatchError):
        setting = ""
    return setting if setting in LANGS else "en"


def check_pdf_path(path: Path) -> str | None:
    """A plain sentence when ``path`` cannot be a report's file name, else None."""
    if path.suffix.lower() != ".pdf":
        return f"The report's file name must end in .pdf: {path}"
    if path.is_dir():
        return f"{path} is a folder; give a file name ending in .pdf."
    return None


def run(args: argparse.Namespace) -> int:
    """Write the report of ``args.run`` to ``args.out``; 0 when written, 2 for bad arguments."""
    out_path = Path(args.out).expanduser()
    if (problem := check_pdf_path(out_path)) is not None:
        return fail(problem)
    run_dir = Path(args.run).expanduser()
    if not run_dir.is_dir():
        return fail(f"{args.run} {'is not a folder' if run_dir.exists() else 'does not exist'}.")
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.report.run_report import gather_run_report

    report = gather_run_report(run_dir, app_paths())  # RecordError (not a run) -> one line, exit 2 (cli.main)
    if report.folder:
        require_outside(out_path, Path(report.folder), folder_name="photo folder")
    from badbatch_gui.gui.report.headless import in_language
    from badbatch_gui.gui.report.run_pdf import render_run_report

    with in_language(default_language(args.lang)):
        data = render_run_report(report)
    write_report(out_path, data)
    out(f"Report written to {out_path}")
    return 0


def write_inspect_pdf(result: Any, model_source: Path | None, path: Path, lang: str | None) -> None:
    """Draw the report of a finished check (``inspect.check_result.CheckResult``) and write it to ``path``.

    Raises:
        BadBatchError: the file cannot be written (code ``report_unwritable``).
    """
    from badbatch_gui.core.report.inspect_report import gather_inspect_report
    from badbatch_gui.gui.report.headless import in_language
    from badbatch_gui.gui.report.inspect_pdf import render_inspect_report

    report = gather_inspect_report(result, model_source)
    with in_language(default_language(lang)):
        data = render_inspect_report(report)
    write_report(path, data)
