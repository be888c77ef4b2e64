"""The run report as a PDF: what ``core/report/run_report.gather_run_report`` collected, in the installed language.

Page 1: the run (folders, dates, app version, device), the three key figures, what was left out and why with example
pictures, the loss chart with its reference lines and the health notices; then the settings, the export (files with
their SHA-256 and the self-test) and the evaluation next to the untrained network's. Usually one or two A4 pages.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from badbatch_gui.core.report.run_report import RunReport
from badbatch_gui.gui.report.fonts import japanese_family
from badbatch_gui.gui.report.loss_chart import draw_loss_chart
from badbatch_gui.gui.report.pdf_canvas import MUTED, WARN, PdfCanvas, mm, rgb_image
from badbatch_gui.gui.text import reason_text, run_text, train_text
from badbatch_gui.gui.text.plain_messages import notice_text
from badbatch_gui.gui.text.units import format_bytes, format_count, format_duration

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
NO_JAPANESE_FONT = (
    "No Japanese font is installed on this computer, so Japanese text in this report may show as "
    "empty boxes. Install a Japanese font (for example Noto Sans CJK JP) or make the report in "
    "English."
)


def when(iso: str | None) -> str:
    """An ISO time as a local date and time in the installed language ("—" when unknown)."""
    if not iso:
        return "—"
    try:
        t = _dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)[:32]
    if t.tzinfo is not None:
        t = t.astimezone()
    t = t.replace(tzinfo=None)
    stamp = QDateTime(QDate(t.year, t.month, t.day), QTime(t.hour, t.minute, t.second))
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


def font_notice(canvas: PdfCanvas) -> None:
    """Say on the page (in English, which every font draws) when Japanese text has no font to draw it."""
    if QLocale().language() == QLocale.Language.Japanese and japanese_family() is None:
        log.warning("no Japanese font installed; the report's Japanese text may not show")
        canvas.paragraph(NO_JAPANESE_FONT, pt=9, colour=WARN, bold=True)


def _pct(x: float | None) -> str:
    return "—" if x is None or not math.isfinite(x) else QLocale().toString(100.0 * x, "f", 1) + " %"


def _header(c: PdfCanvas, r: RunReport) -> None:
    title = translate("RunReport", "Training report: {0}").format(r.name)
    c.title(
        c.elided(title, c.font(17, bold=True), c.width),
        translate("RunReport", "Made on {0} with BadBatch Studio {1}").format(when(r.created), r.made_with),
    )
    font_notice(c)
    if r.trial:
        c.paragraph(run_text.trial_sentence(), pt=9, colour=WARN)
    device = r.device or "—"
    if r.precision:
        device = f"{device} ({r.precision})"
    c.table(
        [
            (translate("RunReport", "Photo folder"), r.folder or "—"),
            (translate("RunReport", "Run folder"), str(r.run_dir)),
            (translate("RunReport", "Result"), run_text.status_text(r)),
            (translate("RunReport", "Started"), when(r.started)),
            (translate("RunReport", "Finished"), when(r.finished)),
            (
                translate("RunReport", "Trained with"),
                translate("RunReport", "BadBatch Studio {0} on {1}").format(r.app_version or "—", device),
            ),
        ],
        elide=(0, 1),
    )


def _figures(c: PdfCanvas, r: RunReport) -> None:
    s = r.summary
    kind = s.get("memory_kind")
    memory_detail = (
        translate("RunReport", "graphics card")
        if kind == "cuda"
        else translate("RunReport", "computer memory")
        if kind
        else ""
    )
    used_detail = []
    used, left = s.get("images_used"), int(r.left_out.get("count", 0) or 0)
    if isinstance(used, int) and left > 0:  # the usable photos of the folder: those used and those left out
        used_detail.append(translate("RunReport", "of {0} in the folder").format(format_count(used + left)))
    c.figures(
        [
            (
                translate("RunReport", "Training time"),
                format_duration(s.get("train_time_s")),
                translate("RunReport", "not counting pauses"),
            ),
            (translate("RunReport", "Peak memory"), format_bytes(s.get("peak_memory_bytes")), memory_detail),
            (translate("RunReport", "Photos used"), format_count(s.get("images_used")), "; ".join(used_detail)),
        ]
    )
    outcome = train_text.loss_outcome_text(dict(s))
    if outcome:
        c.paragraph(outcome)


def _left_out(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Photos left out"), keep_with=mm(30))
    sentence = run_text.left_out_sentence(r.left_out)
    c.paragraph(sentence or translate("RunReport", "No photo was left out: training used every photo in the folder."))
    rejected = r.summary.get("rejected_batches")
    if isinstance(rejected, int) and rejected > 0:
        c.paragraph(
            translate(
                "RunReport", "During training, {0} batch(es) that looked unlike the rest of the folder were skipped."
            ).format(format_count(rejected)),
            pt=9,
        )
    if r.left_out_photos:
        items = []
        for photo in r.left_out_photos:
            why = reason_text.names(photo.reasons) if photo.reasons else translate("RunReport", "left out by hand")
            items.append(
                (rgb_image(photo.thumbnail) if photo.thumbnail is not None else None, Path(photo.path).name, why)
            )
        c.pictures(items, per_row=8, height_mm=19)


def _loss(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Loss during training (lower is better)"), keep_with=mm(62))
    font = c.font(7.5)
    c.area(mm(62), lambda p, rect: draw_loss_chart(p, rect, r.loss, font))


def _notices(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Warnings during training"), keep_with=mm(8))
    if not r.notices:
        c.paragraph(translate("RunReport", "None: the health checks raised no warning."))
        return
    lines = [
        translate("RunReport", "Step {0}: {1}").format(format_count(n.step), notice_text(n.code, n.message, n.data))
        for n in r.notices[:12]
    ]
    if len(r.notices) > 12:
        lines.append(translate("RunReport", "… and {0} more.").format(format_count(len(r.notices) - 12)))
    c.bullets(lines)


def _settings(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Settings"), keep_with=mm(25))
    st = r.settings
    batch = format_count(st.batch_size)
    if st.batch_size_end is not None and st.batch_size is not None and st.batch_size_end != st.batch_size:
        batch = translate("RunReport", "{0} (lowered to {1} to fit in memory)").format(
            batch, format_count(st.batch_size_end)
        )
    passes = format_count(st.epochs)
    if st.epochs_done is not None and st.epochs is not None and st.epochs_done != st.epochs:
        passes = translate("RunReport", "{0} of {1} done").format(format_count(st.epochs_done), passes)
    rows = [
        (translate("RunReport", "Preset"), run_text.preset_label(st.config) if st.config else "—"),
        (translate("RunReport", "Method"), train_text.method_text(st.method, st.emc2_variant) if st.method else "—"),
        (translate("RunReport", "Batch size"), batch),
        (translate("RunReport", "Passes over the photos"), passes),
        (
            translate("RunReport", "Image size"),
            translate("RunReport", "{0} pixels").format(st.image_size) if st.image_size else "—",
        ),
        (translate("RunReport", "Seed"), str(st.seed) if st.seed is not None else "—"),
    ]
    c.table(rows)


def _export(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Export"), keep_with=mm(25))
    e = r.export
    if e is None:
        c.paragraph(translate("RunReport", "This run has not been exported."))
        return
    if e.self_test_passed is None:
        test = translate("RunReport", "not recorded")
    elif e.self_test_passed:
        test = translate(
            "RunReport", "passed: the saved network gives the same results as the trained one (largest difference {0})"
        ).format(f"{e.max_abs_diff:.1e}" if e.max_abs_diff is not None else "—")
    else:
        test = translate("RunReport", "FAILED: the saved network does not give the trained one's results")
    c.table(
        [
            (translate("RunReport", "Folder"), str(e.path)),
            (translate("RunReport", "Made"), when(e.created)),
            (translate("RunReport", "Self-test"), test),
        ],
        elide=(0,),
    )
    if e.other_exports:
        c.paragraph(
            translate("RunReport", "The newest export is shown; the run has {0} other(s).").format(
                format_count(e.other_exports)
            ),
            pt=8.5,
            colour=MUTED,
        )
    c.grid(
        [translate("RunReport", "File"), translate("RunReport", "Size"), "SHA-256"],
        [(f.name, format_bytes(f.size_bytes), f.sha256 or "—") for f in e.files],
        (0.27, 0.1, 0.63),
        pt=7.5,
        mono_columns=(2,),
        elide_columns=(0,),
    )


def _evaluation(c: PdfCanvas, r: RunReport) -> None:
    c.heading(translate("RunReport", "Evaluation on labelled photos"), keep_with=mm(25))
    ev = r.evaluation
    if ev is None:
        c.paragraph(
            translate(
                "RunReport",
                "No evaluation is stored with this run. To add one, run: badbatch eval "
                "RUN_FOLDER LABELLED_FOLDER (one sub-folder of photos per kind).",
            ),
            colour=MUTED,
        )
        return
    t, u = ev.trained, ev.untrained or {}
    c.table(
        [
            (translate("RunReport", "Labelled folder"), ev.labelled_folder or "—"),
            (translate("RunReport", "Measured"), when(ev.evaluated)),
            (
                translate("RunReport", "Photos"),
                translate("RunReport", "{0} kinds; {1} to learn from, {2} to test").format(
                    format_count(_int(t.get("n_classes"))),
                    format_count(_int(t.get("n_train"))),
                    format_count(_int(t.get("n_test"))),
                ),
            ),
        ],
        elide=(0,),
    )
    rows: list[tuple[str, str, str]] = [
        (
            translate("RunReport", "Nearest neighbours (k-NN) accuracy"),
            _pct(t.get("knn_accuracy")),
            _pct(u.get("knn_accuracy")) if u else "—",
        ),
        (
            translate("RunReport", "Linear probe accuracy"),
            _pct(t.get("linear_accuracy")),
            _pct(u.get("linear_accuracy")) if u else "—",
        ),
        (
            translate("RunReport", "Nearest photo (1-NN) accuracy"),
            _pct(t.get("knn1_accuracy")),
            _pct(u.get("knn1_accuracy")) if u else "—",
        ),
        (translate("RunReport", "Guessing (chance)"), _pct(t.get("chance")), _pct(u.get("chance")) if u else "—"),
    ]
    c.grid(
        [
            translate("RunReport", "Figure"),
            translate("RunReport", "This run"),
            translate("RunReport", "Untrained network"),
        ],
        rows,
        (0.5, 0.2, 0.3),
        pt=8.5,
    )


def _int(v: Any) -> int | None:
    return int(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def footer_text(kind: str, name: str) -> str:
    """The footer of every page: the app, the kind of report and the run's or folder's name."""
    return translate("RunReport", "BadBatch Studio · {0} · {1}").format(kind, name)


def render_run_report(report: RunReport) -> bytes:
    """The report as PDF bytes, in the installed language."""
    c = PdfCanvas(
        translate("RunReport", "Training report: {0}").format(report.name),
        footer_text(translate("RunReport", "training report"), report.name),
    )
    _header(c, report)
    _figures(c, report)
    _left_out(c, report)
    _loss(c, report)
    _notices(c, report)
    _settings(c, report)
    _export(c, report)
    _evaluation(c, report)
    return c.finish()
