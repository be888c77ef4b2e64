"""``badbatch score DIR``: the photos that look wrong and why, and the FRD preview of the batches training would draw.

    badbatch score DIR [--batch-size B] [--seed S] [--mode reference|views|original] [--json OUT] [--csv OUT]
                       [--weights FILE|RUN_DIR] [--policy robust|percentile|fixed] [--k 3] [--percentile 90]
                       [--threshold X] [--image-size 96] [--backbone resnet18|resnet50] [--augment simclr|gentle]
                       [--device auto] [--max-images N] [--reference-trim K | --reference-all]
                       [--exclude-rejected]

Without ``--batch-size`` the batch size follows ``core.scoring.batch_size_rule`` (lowered when the folder would give
fewer than 20 batches, the minimum for an automatic threshold, and the output says so); an explicit ``--batch-size`` is
honoured, and the output then says plainly why no threshold was set.

Like the window's Batch check, it records its findings in the app's data folder (``leave_out.record_findings``), so
``badbatch train DIR`` then leaves out the photos that look wrong, by the window's rule (core/scoring/leave_out.py).

Exit codes: 0 scored; 2 bad arguments, unusable folder or unusable weights (one plain line on stderr);
130 stopped with Ctrl-C. Broken image files are skipped and listed, never fatal.
"""

from __future__ import annotations

import argparse
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
from badbatch_gui.core.config import AUGMENT_PRESETS, BACKBONES, SCORE_MODES, THRESHOLD_POLICIES, ScoreConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.file_names import json_text
from badbatch_gui.core.scoring.batch_explanation import explain_batches, good_photos_lost
from badbatch_gui.core.scoring.findings import REASON_TEXT

MAX_LISTED = 5
MAX_BAD_SHOTS_LISTED = 15


def register(subparsers: Any) -> None:
    """Add the ``score`` subcommand."""
    d = ScoreConfig()
    p = subparsers.add_parser(
        "score",
        help="find the bad shots and score the batches training would draw (FRD), before training",
        description="Scan DIR, check every photo (too dark, too bright, blurry, grainy, washed out, cut off, unlike "
        "the rest), plan the batches exactly as training's first epoch would, and score each with the "
        "Fréchet distance between feature distributions (FRD). Lists the photos that look wrong with "
        "their reasons, the batches above the threshold and the photos that drive each score. "
        "Nothing inside DIR is changed or written.",
    )
    p.add_argument("folder", metavar="DIR", help="the image folder to score")
    p.add_argument(
        "--batch-size",
        type=int,
        default=None,
        metavar="B",
        help=f"images per batch, as in training (default {d.batch_size}, lowered when the folder would "
        "give fewer than 20 batches; a size given here is used as it is)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=d.seed,
        metavar="S",
        help="batch plan and augmentation seed (use the training seed; default %(default)s)",
    )
    p.add_argument(
        "--mode",
        choices=SCORE_MODES,
        default=d.mode,
        help="reference: each batch against the folder's typical photos, which shows batches of bad "
        "shots (default); views: the augmentation check training's curation applies (the paper's "
        "score: how much the two augmented views of a batch disagree; use it to tune "
        "augmentation); original: the originals against their views",
    )
    p.add_argument("--json", metavar="OUT", dest="json_out", help="write the full report as JSON to OUT")
    p.add_argument("--csv", metavar="OUT", dest="csv_out", help="write one row per image per batch to OUT")
    p.add_argument(
        "--weights",
        metavar="FILE|RUN_DIR",
        default=None,
        help="feature network: a training run folder, an exported encoder, or torchvision's ImageNet "
        "weights file (default: ImageNet weights already in the torch hub cache, else an "
        "untrained network)",
    )
    p.add_argument(
        "--policy",
        choices=THRESHOLD_POLICIES,
        default=None,
        help="threshold rule (default robust; fixed when --threshold is given)",
    )
    p.add_argument(
        "--k",
        type=float,
        default=d.k,
        help="robust rule in the views and original modes: median + k x "
        "1.4826 x MAD (default %(default)s); in reference mode τ is where 99 %% of batches of photos "
        "that look fine score below",
    )
    p.add_argument("--percentile", type=float, default=d.percentile, help="percentile rule: q (default %(default)s)")
    p.add_argument("--threshold", type=float, default=None, metavar="X", help="fixed threshold value")
    p.add_argument(
        "--image-size",
        type=int,
        default=d.image_size,
        metavar="PX",
        help="training resolution in pixels (default %(default)s)",
    )
    p.add_argument("--backbone", choices=BACKBONES, default=d.backbone, help="network (default %(default)s)")
    p.add_argument(
        "--augment",
        choices=AUGMENT_PRESETS,
        default=d.augment,
        help="augmentation preset, as in training (default %(default)s)",
    )
    p.add_argument("--device", default=d.device, help="auto, cpu, cuda, cuda:N or mps (default %(default)s)")
    p.add_argument(
        "--reference-trim",
        type=float,
        default=d.reference_trim,
        metavar="K",
        help="reference mode: folder statistics from the typical photos (oddness at most median + "
        "K x 1.4826 x MAD; default %(default)s)",
    )
    p.add_argument(
        "--reference-all",
        action="store_true",
        help="reference mode: folder statistics from every photo, bad shots included",
    )
    p.add_argument(
        "--max-images",
        type=int,
        default=None,
        metavar="N",
        help="score the evenly spaced subset of N images a training run with the same limit uses",
    )
    p.add_argument(
        "--exclude-rejected",
        action="store_true",
        help="leave out the photos training leaves out (the photos you left out on the Batch check, and "
        "the photos that look wrong on its last run)",
    )
    p.set_defaults(func=run)


def _config(args: argparse.Namespace, exclude: tuple[str, ...]) -> ScoreConfig:
    policy = args.policy or ("fixed" if args.threshold is not None else "robust")
    automatic = args.batch_size is None
    cfg = ScoreConfig(
        batch_size=ScoreConfig().batch_size if automatic else args.batch_size,
        auto_batch_size=automatic,
        seed=args.seed,
        mode=args.mode,
        image_size=args.image_size,
        augment=args.augment,
        backbone=args.backbone,
        weights=args.weights,
        policy=policy,
        k=args.k,
        percentile=args.percentile,
        fixed_threshold=args.threshold,
        device=args.device,
        exclude=exclude,
        max_images=args.max_images,
        reference_trim=None if args.reference_all else args.reference_trim,
    )
    cfg.validate()
    return cfg


def _print_summary(report: Any, n_problems: int) -> None:
    fn = report.feature_network
    n, rejected = len(report.batches), report.rejected_batches
    _print_findings(report)
    norm = {"standardise": "standardised over the folder", "l2": "L2-normalised"}.get(
        fn["normalisation"], fn["normalisation"]
    )
    out(
        f"Scored {n} batches of {report.batch_size} ({report.mode} mode) from {report.n_images} images with "
        f"{fn['name']}, {fn['layer']} features {norm}."
    )
    choice = report.batch_size_choice
    if choice is not None and choice.lowered:
        out(
            f"The batch size was lowered from {choice.requested} to {choice.size}, so the {choice.n_images} photos "
            f"give {choice.n_batches} batches: the automatic threshold needs at least 20."
        )
    if fn.get("untrained"):
        out("Note: untrained feature network - scores see brightness, colour and texture, not content.")
    tau = report.threshold
    if tau.value is None:
        note = next((x.message for x in report.notices if x.code == "no_threshold"), f"No threshold: {tau.note}")
        out(note)
    else:
        out(
            f"Threshold τ = {tau.value:.4g} ({tau.policy}); {len(rejected)} of {n} batches rejected "
            f"({len(rejected) / max(n, 1):.0%})."
        )
    explained = explain_batches(sorted(rejected, key=lambda b: -b.frd), tau.value)
    for why in explained[:MAX_LISTED]:
        out(f"  {why.sentence()}")
    if len(rejected) > MAX_LISTED:
        out(f"  ... and {len(rejected) - MAX_LISTED} more (see the JSON report)")
    if explained:
        lost = good_photos_lost(explained)
        out(
            f"Rejecting every batch above the threshold would throw away {lost} photo{'s' if lost != 1 else ''} "
            "that look fine; leaving out the photos that look wrong keeps them."
        )
    skipped = len(report.failed) + n_problems
    if skipped:
        names = [f.path for f in report.failed][:MAX_LISTED]
        out(
            f"Skipped {skipped} unusable file(s) (cannot be read or used; not counted among the photos that look "
            "wrong)" + (f": {', '.join(names)}" if names else "") + "."
        )


def _print_findings(report: Any) -> None:
    """The per-reason verdict and the bad shots, most unusual first, each with its reasons and unusualness (the
    findings' severity: below 1 looks fine).
    """
    found = report.findings
    if found is None:
        return
    out(found.verdict())
    flagged = [o for o in report.outliers if o.flagged]
    for o in flagged[:MAX_BAD_SHOTS_LISTED]:
        out(f"  {o.path}: {', '.join(REASON_TEXT[r] for r in o.reasons)} (unusualness {o.score:.2f})")
    if len(flagged) > MAX_BAD_SHOTS_LISTED:
        out(f"  ... and {len(flagged) - MAX_BAD_SHOTS_LISTED} more (see the JSON report)")
    if flagged:
        out(
            "  (each photo is counted once, under its first reason; unusualness: below 1 looks fine, 1 or more "
            "looks wrong)"
        )


def _record(findings: Any, decisions: Any, report: Any, automatic: bool) -> None:
    """Store the findings for ``badbatch train`` and the app, as the window's Batch check does."""
    from badbatch_gui.core.scoring.leave_out import record_findings

    try:
        record_findings(findings, decisions, report.findings)
    except BadBatchError as exc:
        warn(f"{exc} badbatch train will not know which photos look wrong.")
        return
    if report.findings is not None and not automatic:
        out(
            'Findings recorded. The app\'s setting "Leave out the photos that look wrong" is off: badbatch train '
            "uses them."
        )
    elif report.findings is not None:
        n = len(findings.flagged())
        out(
            f"Findings recorded: badbatch train and the app leave out the {n} photo{'s' if n != 1 else ''} that "
            "look wrong, unless kept by hand (badbatch train --use-all-photos uses every photo)."
        )


def _write_csv(report: Any, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        report.to_csv(path)
    except OSError as exc:
        raise BadBatchError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def run(args: argparse.Namespace) -> int:
    """Scan and score ``args.folder``; exit 0 when scored, 2 for bad arguments, folder or weights."""
    folder = require_folder(args.folder)
    if args.weights and not Path(args.weights).expanduser().exists():
        return fail(f"The weights {args.weights} do not exist.")
    for o in (Path(p).expanduser() for p in (args.json_out, args.csv_out) if p):
        require_outside(o, folder)
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.scoring.leave_out import leave_out, load_review
    from badbatch_gui.core.settings import load_settings

    paths = app_paths()
    decisions, findings = load_review(paths, folder)
    if decisions.damage is not None:
        warn(decisions.damage.message())
    automatic = load_settings(paths.settings_file).leave_out_flagged  # the app's "Leave out the photos that look wrong"
    exclude: tuple[str, ...] = ()
    if args.exclude_rejected:  # as the window's next check: what training leaves out is not checked again
        exclude = leave_out(findings.flagged(), decisions, automatic).paths
    config = _config(args, exclude)
    from badbatch_gui.core.data.scan import scan_folder
    from badbatch_gui.core.scoring.scoring import score_folder

    printer = EventPrinter()

    def scan_and_score(control: RunControl) -> tuple[Any, int]:
        scan = scan_folder(folder, control=control, on_event=printer)
        scan.require_usable()
        return score_folder(scan, config, control, printer, cache_dir=paths.cache_dir), len(scan.problems)

    report, n_problems = run_job(scan_and_score, "Scoring stopped; no report written.")
    _print_summary(report, n_problems)
    _record(findings, decisions, report, automatic)
    if args.json_out:
        path = Path(args.json_out).expanduser()
        write_report(path, json_text(report.to_json(), indent=1) + "\n")
        out(f"Report written to {path}")
    if args.csv_out:
        path = Path(args.csv_out).expanduser()
        _write_csv(report, path)
        out(f"Per-image scores written to {path}")
    return 0
