"""``badbatch inspect MODEL NEW_FOLDER [--normal FOLDER] [--json OUT.json] [--csv OUT.csv] [--false-alarm-rate R]``.

Checks every photo of NEW_FOLDER against the normal photos: each gets an unusualness score from the patches of the
trained encoder (the PatchCore idea, core/inspect) and a verdict: looks normal, looks unusual, or bad shot (with the
Batch check's reasons: too dark, blurry...). The normal photos are FOLDER, or by default the folder a training run
(MODEL) trained on without the photos it left out; an export does not say, so it needs ``--normal``. The threshold
comes from the normal photos themselves at the false-alarm rate asked for (default 1 %): about that share of normal
photos is called unusual. The JSON report holds ``threshold``, ``false_alarm_rate`` and ``photos`` (``path``,
``score``, ``unusual``, ``verdict``, ``reasons``, ``peak``), most unusual first; the CSV one row per photo;
``--pdf OUT.pdf [--lang en|ja]`` the inspection report to hand over (counts, threshold and false-alarm rate, the most
unusual photos with their heat maps; ``cli/report_cmd.py`` draws it).

Exit codes: 0 checked; 2 bad arguments, an unusable model or folder (one plain line on stderr); 130 stopped with
Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import EventPrinter, fail, out, require_folder, require_outside, run_job, write_report
from badbatch_gui.core.config import InspectConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.scoring.findings import REASON_TEXT

MAX_LISTED = 15


def register(subparsers: Any) -> None:
    """Add the ``inspect`` subcommand."""
    d = InspectConfig()
    p = subparsers.add_parser(
        "inspect",
        help="check new photos against the normal ones with a trained encoder (no defect examples needed)",
        description="Check every photo of NEW_FOLDER against the normal photos with the encoder in MODEL (a training "
        "run folder or an export folder): each gets an unusualness score, a heat map and a verdict (looks "
        "normal, looks unusual, bad shot). The normal photos are --normal FOLDER, or the folder the run "
        "trained on without the photos it left out. Nothing inside either folder is changed or written.",
    )
    p.add_argument("model", metavar="MODEL", help="training run folder or export folder")
    p.add_argument("new", metavar="NEW_FOLDER", help="the new photos to check (sub-folders included)")
    p.add_argument(
        "--normal",
        metavar="FOLDER",
        default=None,
        help="the normal photos (default: the folder the run trained on, without the photos it left out)",
    )
    p.add_argument("--json", metavar="OUT.json", dest="json_out", help="write the report as JSON")
    p.add_argument("--csv", metavar="OUT.csv", dest="csv_out", help="write one row per photo as CSV")
    p.add_argument(
        "--pdf",
        metavar="OUT.pdf",
        dest="pdf_out",
        help="write the inspection report as a PDF (A4; counts, threshold, the most unusual photos)",
    )
    p.add_argument("--lang", choices=("en", "ja"), help="the PDF report's language (default: the app's)")
    p.add_argument(
        "--false-alarm-rate",
        type=float,
        default=d.false_alarm_rate,
        metavar="R",
        help="share of normal photos allowed to be called unusual; sets the threshold (default %(default)s = 1 %%)",
    )
    p.add_argument(
        "--image-size",
        type=int,
        default=None,
        metavar="PX",
        help="shorter side at which photos are looked at (default: 160, or the encoder's training size when larger)",
    )
    p.add_argument("--device", default=d.device, help="auto, cpu, cuda, cuda:N or mps (default %(default)s)")
    p.set_defaults(func=run)


def where(peak: tuple[float, float]) -> str:
    """Plain words for a point given as fractions of the width and height: "top left", "centre"..."""
    x, y = peak
    col = "left" if x < 1 / 3 else "right" if x > 2 / 3 else ""
    row = "top" if y < 1 / 3 else "bottom" if y > 2 / 3 else ""
    return f"{row} {col}".strip() or "centre"


def _print_result(result: Any, normal: Any) -> None:
    tau = result.threshold
    out(result.summary())
    promise = (
        f"about {tau.expected_rate:.1%} of normal photos are called unusual"
        if not tau.too_few_normal_photos
        else f"with {tau.n_normal} normal photos the lowest false-alarm rate that can be promised is "
        f"{tau.expected_rate:.1%}"
    )
    out(
        f"Threshold {tau.value:.4g} for a false-alarm rate of {tau.false_alarm_rate:.1%} ({promise}), set by "
        f"{tau.n_normal} normal photos of {normal.root}."
    )
    unusual = [p for p in result.photos if p.verdict == "unusual"]
    if unusual:
        out("Look unusual (score, where the heat map is highest):")
    for p in unusual[:MAX_LISTED]:
        out(f"  {p.score:8.4g}  {p.path}  ({where(p.peak)})")
    if len(unusual) > MAX_LISTED:
        out(f"  ... and {len(unusual) - MAX_LISTED} more (see the JSON or CSV report)")
    bad = [p for p in result.photos if p.verdict == "bad_shot"]
    if bad:
        out("Bad shots (not checked as parts):")
    for p in bad[:MAX_LISTED]:
        out(f"  {p.path}: {', '.join(REASON_TEXT[r] for r in p.reasons)}")
    if len(bad) > MAX_LISTED:
        out(f"  ... and {len(bad) - MAX_LISTED} more (see the JSON or CSV report)")
    if result.skipped:
        out(
            f"Skipped {len(result.skipped)} unreadable file(s): "
            + ", ".join(p.path for p in result.skipped[:5])
            + ("..." if len(result.skipped) > 5 else ".")
        )


def run(args: argparse.Namespace) -> int:
    """Check ``args.new`` against the normal photos (see the module docstring for exit codes)."""
    if not 0.0 < args.false_alarm_rate < 0.5:
        return fail("--false-alarm-rate must be above 0 and below 0.5 (for example 0.01 for 1 %).")
    config = InspectConfig(image_size=args.image_size, false_alarm_rate=args.false_alarm_rate, device=args.device)
    config.validate()
    new = require_folder(args.new)
    normal_folder = require_folder(args.normal) if args.normal else None
    outputs = [Path(p).expanduser() for p in (args.json_out, args.csv_out, args.pdf_out) if p]
    if args.pdf_out:
        from badbatch_gui.cli.report_cmd import check_pdf_path

        if (problem := check_pdf_path(Path(args.pdf_out).expanduser())) is not None:
            return fail(problem)
    from badbatch_gui.core.inspect.check import check_photos
    from badbatch_gui.core.inspect.index import build_index, default_photos
    from badbatch_gui.core.inspect.model import load_model
    from badbatch_gui.core.inspect.normal_model import fit_normal
    from badbatch_gui.core.paths import app_paths

    model = load_model(args.model)  # BadBatchError -> exit 2 with one line (cli.main)
    trained_on, left_out = default_photos(model)
    if normal_folder is None:
        if trained_on is None:
            return fail(
                f"{args.model} is an export, which does not say which photos are normal; give them with "
                "--normal FOLDER."
            )
        normal_folder = require_folder(str(trained_on))
    exclude = left_out if trained_on is not None and normal_folder.resolve() == trained_on.resolve() else ()
    for o in outputs:
        require_outside(o, new)
        require_outside(o, normal_folder, folder_name="normal photos' folder")
    printer = EventPrinter()
    cache_dir = app_paths().cache_dir

    def check(control: RunControl) -> tuple[Any, Any]:
        index = build_index(
            model,
            normal_folder,
            exclude=exclude,
            cache_dir=cache_dir,
            device=args.device,
            control=control,
            on_event=printer,
        )
        normal = fit_normal(model, index, config, cache_dir=cache_dir, control=control, on_event=printer)
        return check_photos(model, normal, new, device=args.device, control=control, on_event=printer), normal

    result, normal = run_job(check, "Inspection stopped; no report written.")
    _print_result(result, normal)
    if args.json_out:
        path = Path(args.json_out).expanduser()
        write_report(path, json.dumps(result.to_json(), indent=1, ensure_ascii=False) + "\n")
        out(f"Report written to {path}")
    if args.csv_out:
        path = Path(args.csv_out).expanduser()
        write_report(path, result.csv_text())
        out(f"Per-photo results written to {path}")
    if args.pdf_out:
        from badbatch_gui.cli.report_cmd import write_inspect_pdf

        path = Path(args.pdf_out).expanduser()
        write_inspect_pdf(result, Path(args.model).expanduser(), path, args.lang)
        out(f"Inspection report written to {path}")
    return 0
