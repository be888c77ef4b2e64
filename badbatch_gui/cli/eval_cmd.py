"""``badbatch eval MODEL LABELLED_DIR [--json OUT]``: k-NN and linear-probe accuracy of an encoder.

MODEL is a training run folder, an export folder (or its weights file), or ``random`` for the
random-initialisation baseline. LABELLED_DIR holds one sub-folder of pictures per class.

For a run folder the untrained twin (the same network with random weights) is measured too, beside it, and both
results are stored in the run folder as ``evaluation.json`` (``core/training/evaluation_record.py``), where the run's
report (``badbatch report``) shows them; ``--no-store`` leaves the run folder untouched.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import (
    EventPrinter,
    fail,
    out,
    require_folder,
    require_outside,
    run_job,
    warn,
    write_report,
)
from badbatch_gui.core.file_names import json_text
from badbatch_gui.core.training.run_folder.runs import RUN_JSON


def register(subparsers: Any) -> None:
    """Add the ``eval`` subcommand."""
    p = subparsers.add_parser(
        "eval",
        help="measure an encoder with k-NN and linear-probe accuracy on a labelled folder",
        description="Encode the pictures of LABELLED_DIR (one sub-folder per class) with MODEL's frozen backbone "
        "and report k-NN (k=20, cosine) and linear-probe accuracy on a fixed stratified 70/30 split.",
    )
    p.add_argument("model", metavar="MODEL", help="run folder, export folder or weights file, or 'random'")
    p.add_argument("labelled", metavar="LABELLED_DIR", help="folder with one sub-folder of pictures per class")
    p.add_argument("--json", metavar="OUT", dest="json_out", help="also write the report as JSON to OUT")
    p.add_argument("--image-size", type=int, metavar="S", help="input size (default: the encoder's)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split (default %(default)s)")
    p.add_argument("--device", default="auto", help="auto (default), cpu, cuda or mps")
    p.add_argument(
        "--no-store",
        action="store_true",
        help="for a run folder: do not store the result (and the untrained twin's) in the run folder",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate; exit 0 on success, 2 for bad input, 130 when stopped."""
    from badbatch_gui.core.training.evaluation import evaluate

    labelled = require_folder(args.labelled)
    if args.model != "random" and not Path(args.model).expanduser().exists():
        return fail(f"{args.model} does not exist (give a run folder, an export folder or 'random').")
    if args.image_size is not None and not 16 <= args.image_size <= 512:
        return fail("The image size must be between 16 and 512 pixels.")
    json_out = Path(args.json_out).expanduser() if args.json_out else None
    if json_out is not None:
        require_outside(json_out, labelled, folder_name="labelled folder")
    report = run_job(
        lambda control: evaluate(
            args.model,
            labelled,
            image_size=args.image_size,
            seed=args.seed,
            control=control,
            on_event=EventPrinter(),
            device=args.device,
        ),
        "Evaluation stopped.",
    )
    _print(report)
    run_dir = Path(args.model).expanduser()
    twin = None
    if (run_dir / RUN_JSON).is_file():  # a run: its untrained twin beside it, and both stored for the run's report
        from badbatch_gui.core.training.evaluation import untrained_twin

        out("The untrained twin (the same network with random weights), for comparison:")
        net = untrained_twin(run_dir, seed=args.seed)
        twin = run_job(
            lambda control: evaluate(
                net,
                labelled,
                image_size=report.image_size,
                seed=args.seed,
                control=control,
                on_event=EventPrinter(),
                device=args.device,
            ),
            "Evaluation stopped.",
        )
        twin = dataclasses.replace(twin, model="untrained twin (same network, random weights)")
        _print(twin)
        if not args.no_store:
            _store(run_dir, labelled, report.to_dict(), twin.to_dict())
    if json_out is not None:
        data = report.to_dict() if twin is None else {**report.to_dict(), "untrained": twin.to_dict()}
        write_report(json_out, json_text(data, indent=1) + "\n")
        out(f"Report written to {json_out}")
    return 0


def _print(report: Any) -> None:
    out(
        f"Classes: {report.n_classes} ({report.n_train} training, {report.n_test} test pictures), "
        f"image size {report.image_size}"
    )
    out(f"k-NN accuracy (k={report.k}, cosine): {report.knn_accuracy:.4f}")
    out(f"Linear-probe accuracy: {report.linear_accuracy:.4f}")
    out(f"1-NN accuracy (Euclidean): {report.knn1_accuracy:.4f}   chance: {report.chance:.4f}")


def _store(run_dir: Path, labelled: Path, trained: dict[str, Any], untrained: dict[str, Any]) -> None:
    """Keep both results in the run folder for its report; a run folder that cannot be written is a warning."""
    from badbatch_gui.core.training.evaluation_record import write_evaluation

    try:
        path = write_evaluation(run_dir, labelled, trained, untrained)
    except OSError as exc:
        warn(
            f"The result could not be stored in the run folder ({exc.strerror or exc}); the run's report will not "
            "show it."
        )
        return
    out(f"Stored in {path} (the run's report shows it).")
