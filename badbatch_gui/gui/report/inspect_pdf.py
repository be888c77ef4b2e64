"""The inspection report as a PDF: what ``core/report/inspect_report.gather_inspect_report`` collected.

One page as a rule: the folders and the network, the counts (normal, unusual, bad shots), the threshold with the
false-alarm rate it stands for, the most unusual photos with their heat maps (the Inspect page's colours and scale,
``gui/pages/inspect/heat_overlay.py``) and scores, and the bad shots with their reasons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPainter

from badbatch_gui.core.report.inspect_report import InspectReport
from badbatch_gui.gui.pages.inspect.heat_overlay import paint_heat
from badbatch_gui.gui.report.pdf_canvas import MUTED, WARN, PdfCanvas, rgb_image
from badbatch_gui.gui.report.run_pdf import font_notice, footer_text, when
from badbatch_gui.gui.text import inspect_text, reason_text, run_text, sentences
from badbatch_gui.gui.text.units import format_count

translate = QCoreApplication.translate


def _header(c: PdfCanvas, r: InspectReport) -> None:
    name = Path(r.folder).name or str(r.folder)
    c.title(
        c.elided(translate("InspectReport", "Inspection report: {0}").format(name), c.font(17, bold=True), c.width),
        translate("InspectReport", "Made on {0} with BadBatch Studio {1}").format(when(r.created), r.made_with),
    )
    font_notice(c)
    if r.trial:
        c.paragraph(run_text.trial_sentence(), pt=9, colour=WARN)
    c.table(
        [
            (translate("InspectReport", "Checked folder"), str(r.folder)),
            (
                translate("InspectReport", "Normal photos"),
                translate("InspectReport", "{0} ({1} photos)").format(str(r.normal_folder), format_count(r.n_normal)),
            ),
            (translate("InspectReport", "Network"), r.model_name or "—"),
        ],
        elide=(0, 1, 2),
    )


def _counts(c: PdfCanvas, r: InspectReport) -> None:
    c.figures(
        [
            (translate("InspectReport", "Looks normal"), format_count(r.counts.get("normal", 0)), ""),
            (translate("InspectReport", "Looks unusual"), format_count(r.counts.get("unusual", 0)), ""),
            (
                translate("InspectReport", "Bad shots"),
                format_count(r.counts.get("bad_shot", 0)),
                translate("InspectReport", "too dark, blurry…: not judged"),
            ),
        ]
    )
    checked = translate("InspectReport", "{0} photos checked.").format(format_count(r.n_checked))
    unread = translate("InspectReport", "{0} file(s) could not be read.").format(format_count(r.skipped))
    c.paragraph(sentences.join(checked, unread) if r.skipped else checked)
    c.table(
        [
            (
                translate("InspectReport", "Threshold"),
                translate("InspectReport", "{0} (photos scoring above it look unusual)").format(
                    inspect_text.score(r.threshold)
                ),
            ),
            (translate("InspectReport", "False-alarm rate"), inspect_text.percent(r.false_alarm_rate)),
        ]
    )
    c.paragraph(inspect_text.false_alarm_sentence(r.false_alarm_rate, r.expected_rate, r.n_normal), pt=9)


def _most_unusual(c: PdfCanvas, r: InspectReport) -> None:
    c.heading(translate("InspectReport", "The most unusual photos"))
    if not r.most_unusual:
        c.paragraph(translate("InspectReport", "No photo could be judged."))
        return
    c.paragraph(
        translate(
            "InspectReport",
            "Colour shows where a photo differs from the normal photos: clear where it "
            "is typical, yellow to orange as it nears the threshold, red above it; the "
            "ring marks the most unusual spot.",
        ),
        pt=8.5,
        colour=MUTED,
    )
    items = [
        (
            rgb_image(p.thumbnail) if p.thumbnail is not None else None,
            Path(p.path).name,
            f"{inspect_text.score(p.score)} · {inspect_text.verdict_text(p.verdict)}",
        )
        for p in r.most_unusual
    ]

    def heat(painter: QPainter, rect: QRectF, i: int) -> None:
        photo = r.most_unusual[i]
        paint_heat(painter, rect, photo.heat_map, r.heat_low, r.threshold, photo.peak, blend_to=240)

    c.pictures(items, per_row=4, height_mm=38, caption_pt=7.5, overlay=heat)


def _bad_shots(c: PdfCanvas, r: InspectReport) -> None:
    if not r.n_bad_shots:
        return
    c.heading(translate("InspectReport", "Bad shots"), keep_with=0)
    lines = [f"{p} — {reason_text.names(reasons)}" if reasons else p for p, reasons in r.bad_shots]
    if r.n_bad_shots > len(r.bad_shots):
        lines.append(
            translate("InspectReport", "… and {0} more.").format(format_count(r.n_bad_shots - len(r.bad_shots)))
        )
    c.bullets(lines, pt=8.5)


def render_inspect_report(report: InspectReport) -> bytes:
    """The report as PDF bytes, in the installed language."""
    name = Path(report.folder).name or str(report.folder)
    c = PdfCanvas(
        translate("InspectReport", "Inspection report: {0}").format(name),
        footer_text(translate("InspectReport", "inspection report"), name),
    )
    _header(c, report)
    _counts(c, report)
    _most_unusual(c, report)
    _bad_shots(c, report)
    return c.finish()
