"""``badbatch eval MODEL LABELLED_DIR [--json OUT]``: k-NN and linear-probe accuracy of an encoder.

MODEL is a training run folder, an export folder (or its weights file), or ``random`` for the
random-initialisation baseline. LABELLED_DIR holds one sub-folder of pictures per class.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import EventPrinter, existing_folder, fail, install_sigint, out
from badbatch_gui.core.control import Cancelled, RunControl


def register(subparsers: Any) -> None:
    """Add the ``eval`` subcommand."""
    p = subparsers.add_parser(
        "eval", help="measure an encoder with k-NN and linear-probe accuracy on a labelled folder",
        description="Encode the pictures of LABELLED_DIR (one sub-folder per class) with MODEL's frozen backbone "
                    "and report k-NN (k=20, cosine) and linear-probe accuracy on a fixed stratified 70/30 split.")
    p.add_argument("model", metavar="MODEL", help="run folder, export folder or weights file, or 'random'")
    p.add_argument("labelled", metavar="LABELLED_DIR", help="folder with one sub-folder of pictures per class")
    p.add_argument("--json", metavar="OUT", dest="json_out", help="also write the report as JSON to OUT")
    p.add_argument("--image-size", type=int, metavar="S", help="input size (default: the encoder's)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split (default %(default)s)")
    p.add_argument("--device", default="auto", help="auto (default), cpu, cuda or mps")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate; exit 0 on success, 2 for bad input, 130 when stopped."""
    from badbatch_gui.core.errors import BadBatchError
    from badbatch_gui.core.paths import is_inside
    from badbatch_gui.core.training.evaluation import evaluate

    labelled = existing_folder(args.labelled)
    if labelled is None:
        return fail(f"{args.labelled} is not a folder.")
    if args.model != "random" and not Path(args.model).expanduser().exists():
        return fail(f"{args.model} does not exist (give a run folder, an export folder or 'random').")
    if args.image_size is not None and not 16 <= args.image_size <= 512:
        return fail("The image size must be between 16 and 512 pixels.")
    json_out = Path(args.json_out).expanduser() if args.json_out else None
    if json_out is not None and is_inside(json_out, labelled):
        return fail("The report would be written inside the labelled folder; choose a place outside it.")
    control = RunControl()
    undo = install_sigint(control)
    try:
        report = evaluate(args.model, labelled, image_size=args.image_size, seed=args.seed, control=control,
                          on_event=EventPrinter(), device=args.device)
    except Cancelled:
        out("Evaluation stopped.")
        return 130
    except BadBatchError as exc:
        return fail(str(exc))
    finally:
        undo()
    out(f"Classes: {report.n_classes} ({report.n_train} training, {report.n_test} test pictures), "
        f"image size {report.image_size}")
    out(f"k-NN accuracy (k={report.k}, cosine): {report.knn_accuracy:.4f}")
    out(f"Linear-probe accuracy: {report.linear_accuracy:.4f}")
    out(f"1-NN accuracy (Euclidean): {report.knn1_accuracy:.4f}   chance: {report.chance:.4f}")
    if json_out is not None:
        try:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(report.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            return fail(f"Cannot write the report to {json_out}: {exc.strerror or exc}.")
        out(f"Report written to {json_out}")
    return 0
