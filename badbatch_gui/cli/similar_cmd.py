"""``badbatch similar MODEL FOLDER PHOTO [-k 12] [--json OUT] [--compare-untrained]``: photos like this one.

MODEL is a training run folder or an export folder. FOLDER is indexed under the encoder (cached in the app's cache
folder; only new or changed photos are computed again) and the k photos most like PHOTO (a photo of FOLDER, or any
image file) are listed with their cosine similarity. ``--compare-untrained`` lists the same query under the untrained
network of the same architecture beside it, which shows what training changed.

Exit codes: 0 listed; 2 bad arguments, an unusable model, folder or photo (one plain line on stderr); 130 stopped
with Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import EventPrinter, fail, out, require_folder, require_outside, run_job, write_report
from badbatch_gui.core.control import RunControl


def register(subparsers: Any) -> None:
    """Add the ``similar`` subcommand."""
    p = subparsers.add_parser(
        "similar",
        help="list the photos of a folder most like a given photo, under a trained encoder",
        description="Index FOLDER under the encoder in MODEL (a training run folder or an export folder) and list the "
        "photos most like PHOTO (a photo of FOLDER or any image file), with their cosine similarity "
        "(1 = the same to the encoder). Nothing inside FOLDER is changed or written.",
    )
    p.add_argument("model", metavar="MODEL", help="training run folder or export folder")
    p.add_argument("folder", metavar="FOLDER", help="the image folder to search (sub-folders included)")
    p.add_argument("photo", metavar="PHOTO", help="the photo to compare with: a path inside FOLDER or any image file")
    p.add_argument("-k", type=int, default=12, metavar="K", help="how many photos to list (default %(default)s)")
    p.add_argument("--json", metavar="OUT", dest="json_out", help="write the answer as JSON to OUT")
    p.add_argument(
        "--compare-untrained",
        action="store_true",
        help="also list the answer of the untrained network of the same architecture",
    )
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N or mps (default %(default)s)")
    p.set_defaults(func=run)


def _print(answer: Any, title: str) -> None:
    out(f"{title}:")
    for rank, n in enumerate(answer.neighbours, start=1):
        out(f"  {rank:>3}. {n.similarity:6.3f}  {n.path}")


def run(args: argparse.Namespace) -> int:
    """List the photos of ``args.folder`` most like ``args.photo`` (see the module docstring for exit codes)."""
    if args.k < 1:
        return fail("-k must be at least 1.")
    folder = require_folder(args.folder)
    photo = Path(args.photo).expanduser()
    if not photo.is_file() and not (folder / args.photo).is_file():
        return fail(f"The photo {args.photo} does not exist.")
    if args.json_out:
        require_outside(Path(args.json_out).expanduser(), folder)
    from badbatch_gui.core.inspect.index import build_index
    from badbatch_gui.core.inspect.model import load_model, untrained_twin
    from badbatch_gui.core.inspect.neighbours import similar_photos
    from badbatch_gui.core.paths import app_paths

    model = load_model(args.model)  # BadBatchError -> exit 2 with one line (cli.main)
    query = photo if photo.is_file() else folder / args.photo
    printer = EventPrinter()
    cache_dir = app_paths().cache_dir

    def search(control: RunControl) -> list[Any]:
        answers = []
        for m in [model, untrained_twin(model)] if args.compare_untrained else [model]:
            index = build_index(m, folder, cache_dir=cache_dir, device=args.device, control=control, on_event=printer)
            answers.append(similar_photos(m, index, query, args.k, device=args.device))
        return answers

    answers = run_job(search, "Search stopped.")
    where = "in the folder" if answers[0].in_folder else "from outside the folder"
    _print(answers[0], f"Photos most like {answers[0].query} ({where}) under the {model.name}")
    if len(answers) > 1:
        _print(answers[1], f"The same under the {answers[1].model_name} (no training)")
        same = {n.path for n in answers[0].neighbours} & {n.path for n in answers[1].neighbours}
        out(f"{len(same)} of the {len(answers[0].neighbours)} photos are in both lists.")
    if args.json_out:
        path = Path(args.json_out).expanduser()
        report = {
            "schema": 1,
            "folder": str(folder.resolve()),
            "photo": str(query),
            "k": args.k,
            "trained": answers[0].to_json(),
            "untrained": answers[1].to_json() if len(answers) > 1 else None,
        }
        write_report(path, json.dumps(report, indent=1, ensure_ascii=False) + "\n")
        out(f"Answer written to {path}")
    return 0
