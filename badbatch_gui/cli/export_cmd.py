"""``badbatch export RUN_DIR --out DIR [--onnx] [--force] [--include-head]``: export a run's encoder.

Exit codes: 0 exported and self-tested; 1 the export failed (self-test or ONNX check failed, or it could not
be written); 2 bad arguments, an unusable run folder, an existing destination without ``--force``, or
``--onnx`` without the optional packages; 130 stopped with Ctrl-C (nothing is left behind).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from badbatch_gui.cli.common import EventPrinter, fail, out, require_folder, run_job
from badbatch_gui.core.config import ExportConfig

if TYPE_CHECKING:  # torch-heavy; imported inside run() so `badbatch --help` and `scan` start fast
    from badbatch_gui.core.export.export import ExportResult


def register(subparsers: Any) -> None:
    """Add the ``export`` subcommand."""
    p = subparsers.add_parser(
        "export",
        help="export a trained encoder (safetensors + model card, optional ONNX), self-tested",
        description="Write a run's encoder into a new folder: encoder.safetensors, model_card.json, README.txt "
        "and, with --onnx, encoder.onnx. The export is reloaded and compared with the trained model "
        "before it is moved into place; a failing self-test fails the export.",
    )
    p.add_argument("run_dir", metavar="RUN_DIR", help="the training run folder (holds run.json and checkpoint.pt)")
    p.add_argument("--out", required=True, metavar="DIR", help="the export folder to create")
    p.add_argument(
        "--onnx", action="store_true", help="also write encoder.onnx (needs: pip install 'badbatch-gui[onnx]')"
    )
    p.add_argument("--force", action="store_true", help="replace DIR if it is an earlier export")
    p.add_argument("--include-head", action="store_true", help="also export the projection head")
    p.add_argument(
        "--self-test-images",
        type=int,
        default=ExportConfig().self_test_images,
        metavar="N",
        help="sample images compared by the self-test (default %(default)s)",
    )
    p.set_defaults(func=run)


def _report(result: ExportResult) -> None:
    kf = result.model_card.get("key_figures", {})
    st = result.self_test
    out(
        f"  training time: {kf.get('training_time') or 'unknown'} | peak memory: {kf.get('peak_memory') or 'unknown'}"
        f" | data used: {kf.get('data_used') or 'unknown'}"
    )
    cur = result.model_card.get("curation", {})
    changes = cur.get("batch_size_changes") or []
    out(
        f"  FRD curation: {cur.get('rejected_batches')} batches rejected, {cur.get('operator_overrides')} operator "
        f"overrides, {len(changes)} batch-size change{'s' if len(changes) != 1 else ''}"
    )
    out(f"  files: {', '.join(result.files)}")
    out(
        f"  self-test: {'PASS' if st.passed else 'FAIL'} - max abs difference {st.max_abs_diff:.2e} on "
        f"{st.n_images} images (tolerance {st.tolerance:.0e}{', generated images' if st.source == 'synthetic' else ''})"
        "; it checks the saved file, not how good the network is"
    )
    if result.model_card.get("trial"):
        out(f"  {result.model_card['trial_note']}")
    if result.onnx_status != "not_requested":
        out(f"  onnx: {result.onnx_status} - {result.onnx_message}")


def run(args: argparse.Namespace) -> int:
    """Export ``args.run_dir`` to ``args.out`` (see the module docstring for exit codes)."""
    run_dir = require_folder(args.run_dir)
    if args.onnx:
        from badbatch_gui.core.export.onnx_export import onnx_available

        ok, why = onnx_available()
        if not ok:
            return fail(why)
    config = ExportConfig(
        onnx=bool(args.onnx),
        force=bool(args.force),
        include_head=bool(args.include_head),
        self_test_images=int(args.self_test_images),
    )
    config.validate()
    from badbatch_gui.core.export.export import ExportFailedError, export_encoder

    result = run_job(
        lambda control: export_encoder(run_dir, Path(args.out), config, control, EventPrinter()),
        "Export stopped; nothing was written.",
        failed=(ExportFailedError,),
    )  # the job itself failed (self-test, ONNX check, disk): exit 1
    _report(result)
    return 0
