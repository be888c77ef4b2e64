"""``badbatch scan DIR [--json OUT] [--verify] [--min-side N]``: check every picture, report problems and duplicates."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import EventPrinter, fail, out, require_folder, require_outside, run_job, write_report
from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.data.scan import ScanResult, scan_folder
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.file_names import json_text

MAX_LISTED = 10


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def register(subparsers: Any) -> None:
    """Add the ``scan`` subcommand."""
    p = subparsers.add_parser(
        "scan",
        help="check every picture in a folder; list unusable files and exact duplicates",
        description="Check every picture under DIR (sub-folders included) and report unusable files with a "
        "reason, and exact duplicates. Nothing inside DIR is changed or written.",
    )
    p.add_argument("folder", metavar="DIR", help="the image folder to scan")
    p.add_argument("--json", metavar="OUT", dest="json_out", help="also write the full report as JSON to OUT")
    p.add_argument("--verify", action="store_true", help="decode every picture completely (slower, finds all damage)")
    p.add_argument(
        "--min-side",
        type=int,
        default=ScanConfig().min_side,
        metavar="N",
        help="reject pictures whose shorter side is below N pixels (default %(default)s)",
    )
    p.set_defaults(func=run)


def _json_text(result: ScanResult) -> str:
    r"""The report as UTF-8 JSON; a file name that is not valid UTF-8 is written with ``\udcNN`` escapes."""
    return json_text(result.to_json(), indent=1) + "\n"


def _print_summary(result: ScanResult) -> None:
    out(
        f"Scanned {result.root} in {result.elapsed_s:.1f} s: {_n(len(result.images), 'usable image')}, "
        f"{_n(len(result.problems), 'unusable file')} (cannot be read or used), "
        f"{_n(len(result.duplicates), 'duplicate group')}."
    )
    if result.problems:
        out("Unusable files by reason: " + ", ".join(f"{k} {v}" for k, v in result.problem_counts().items()))
        for p in result.problems[:MAX_LISTED]:
            out(f"  {p.path}: {p.reason} - {p.message}")
        if len(result.problems) > MAX_LISTED:
            out(f"  ... and {len(result.problems) - MAX_LISTED} more (see the JSON report)")
    outside = result.outside_links()
    if outside:
        targets = sorted({p.detail for p in outside})
        shown = ", ".join(targets[:MAX_LISTED]) + (
            f" and {len(targets) - MAX_LISTED} more" if len(targets) > MAX_LISTED else ""
        )
        out(
            f"Not followed: {_n(len(outside), 'link')} leading outside the folder (to {shown}); the scan stays "
            "inside the folder."
        )
    if result.duplicates:
        extra = sum(len(g) - 1 for g in result.duplicates)
        copies = "1 copy" if extra == 1 else f"{extra} copies"
        out(
            f"Duplicates: {_n(len(result.duplicates), 'group')} of identical files; training uses the first of "
            f"each ({copies} left out, {_n(len(result.training_images()), 'image')} used)."
        )


def run(args: argparse.Namespace) -> int:
    """Scan ``args.folder``; exit 0 when it could be scanned and holds a usable picture, else 2."""
    folder = require_folder(args.folder)
    config = ScanConfig(verify=bool(args.verify), min_side=int(args.min_side))
    config.validate()
    json_out = Path(args.json_out).expanduser() if args.json_out else None
    if json_out is not None:
        require_outside(json_out, folder, folder_name="scanned folder")
    result = run_job(
        lambda control: scan_folder(folder, config, control, EventPrinter()), "Scan stopped; no report written."
    )
    _print_summary(result)
    if json_out is not None:
        write_report(json_out, _json_text(result))
        out(f"Report written to {json_out}")
    try:
        result.require_usable()
    except FolderError as exc:
        return fail(str(exc))
    return 0
