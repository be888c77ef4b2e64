"""``badbatch train DIR``: train an encoder on an image folder (EMC2, SimCLR or SogCLR) into a run folder.

Progress goes to stdout; Ctrl-C stops at the next step boundary after writing a checkpoint (a second
Ctrl-C aborts at once). ``--resume --out RUN_DIR`` continues a stopped or interrupted run with its saved
settings. At the end it prints the three figures (training time, peak memory and data used) and one sentence on how
the loss ended against its start and the collapse level (``loss_reading``).

Several GPUs: ``--nproc N`` re-runs the command in N processes through torch.distributed.run
(``train_launch.py``); a command started by torchrun itself (WORLD_SIZE set) is one of the workers. Only
rank 0 prints progress and the figures. ``--progress jsonl`` prints events as JSON lines (event_codec.py)
for a program driving the training (the GUI's "Use all graphics cards").
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from badbatch_gui.cli.common import (
    EventPrinter,
    JobFailed,
    fail,
    out,
    require_folder,
    require_outside,
    run_job,
    warn,
)
from badbatch_gui.core.config import EMC2_VARIANTS, METHODS, TRAIN_PRESETS, TrainConfig
from badbatch_gui.core.errors import BadBatchError, ConfigError, OutputError, RecordError
from badbatch_gui.core.json_checks import read_json_file
from badbatch_gui.core.paths import AppPaths
from badbatch_gui.core.training.methods.loss_reading import loss_outcome, outcome_sentence

if TYPE_CHECKING:
    from badbatch_gui.core.scoring.leave_out import LeftOutSummary


def register(subparsers: Any) -> None:
    """Add the ``train`` subcommand."""
    p = subparsers.add_parser(
        "train",
        help="train a self-supervised encoder on a folder of pictures",
        description="Train an encoder on the pictures under DIR (no labels needed) and write checkpoints, "
        "metrics and the run record to RUN_DIR. Nothing inside DIR is changed or written.",
    )
    p.add_argument("folder", metavar="DIR", help="the image folder")
    p.add_argument("--out", metavar="RUN_DIR", help="run folder (default: a new folder in the app's runs folder)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    p.add_argument(
        "--force",
        action="store_true",
        help="start a new run in --out even though it holds an earlier run, which is kept: it is moved "
        "aside to RUN_DIR.previous (numbered when that name is taken); nothing is deleted",
    )
    p.add_argument("--preset", choices=sorted(TRAIN_PRESETS), help="start from a preset (other options override it)")
    p.add_argument("--method", choices=METHODS, help="training method (default emc2)")
    p.add_argument(
        "--emc2-variant",
        choices=EMC2_VARIANTS,
        help="EMC2 only: stored (default: stored embeddings), paper (the chain states re-embedded each "
        "step, as the paper intends), stored_scores or official (the official code's behaviour); "
        "see the README",
    )
    p.add_argument("--batch-size", type=int, metavar="B", help="images per batch")
    p.add_argument("--epochs", type=int, metavar="E", help="passes over the folder")
    p.add_argument("--image-size", type=int, metavar="S", help="training resolution in pixels")
    p.add_argument("--lr", type=float, help="peak learning rate (AdamW)")
    p.add_argument("--seed", type=int, help="seed of the batch plan, the augmentations and the network")
    p.add_argument("--max-images", type=int, metavar="N", help="train on at most N images (evenly spread)")
    p.add_argument(
        "--curate",
        dest="curate",
        action="store_true",
        default=None,
        help="skip unrepresentative batches by their FRD score (default)",
    )
    p.add_argument("--no-curate", dest="curate", action="store_false", help="train on every batch")
    p.add_argument("--device", help="auto (default), cpu, cuda or mps")
    p.add_argument("--precision", choices=("auto", "fp32", "bf16", "fp16"), help="numeric precision")
    p.add_argument("--checkpoint-minutes", type=float, metavar="M", help="save a checkpoint every M minutes")
    p.add_argument("--checkpoint-every-steps", type=int, metavar="N", help="also save a checkpoint every N steps")
    p.add_argument(
        "--checkpoint-every",
        dest="checkpoint_every_passes",
        type=int,
        metavar="N",
        help="save the end-of-pass checkpoint only every N passes (default 1; the last pass always "
        "saves; checkpoints are also saved every --checkpoint-minutes and when stopped)",
    )
    p.add_argument(
        "--use-all-photos",
        action="store_true",
        help="train on every photo (by default the photos that look wrong on the folder's last Batch check "
        "(badbatch score or the app) and the photos you left out are left out, as in the app)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="settings from a JSON file (a TrainConfig dict, or a run.json); the options above override it",
    )
    g = p.add_argument_group("several GPUs or machines (PyTorch DistributedDataParallel)")
    g.add_argument(
        "--nproc",
        type=int,
        metavar="N",
        help="processes on this machine, one per GPU (through torch.distributed.run); the batch is split between them",
    )
    g.add_argument(
        "--nnodes", metavar="M", help="machines taking part (with --rdzv-endpoint); run the same command on each"
    )
    g.add_argument("--rdzv-endpoint", metavar="HOST:PORT", help="rendezvous address reachable by every machine")
    g.add_argument("--rdzv-id", default="badbatch", metavar="ID", help="run name shared by the machines")
    g.add_argument(
        "--node-rank",
        type=int,
        metavar="K",
        help="this machine's number, 0 to M-1 (0: the machine holding the run folder); default: assigned",
    )
    p.add_argument(
        "--progress",
        choices=("text", "jsonl"),
        default="text",
        help="progress as text lines (default) or one JSON event per line (for programs)",
    )
    p.set_defaults(func=run)


OPTION_FIELDS = (
    "method",
    "emc2_variant",
    "batch_size",
    "epochs",
    "image_size",
    "lr",
    "seed",
    "max_images",
    "curate",
    "device",
    "precision",
    "checkpoint_minutes",
    "checkpoint_every_steps",
    "checkpoint_every_passes",
)


def build_config(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig from the preset, then the --config file (if any), then the options given.

    Raises:
        ConfigError: a value is out of range or the file is unreadable.
    """
    data: dict[str, Any] = {**TRAIN_PRESETS[args.preset], "preset": args.preset} if args.preset else {}
    if getattr(args, "config", None):
        try:
            loaded = read_json_file(Path(args.config).expanduser(), max_bytes=16 * 2**20)
        except (OSError, RecordError) as exc:
            raise ConfigError(
                f"The settings file {args.config} cannot be read: {exc}",
                code="config_file_unreadable",
                file=str(args.config),
            ) from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"The settings file {args.config} does not hold training settings.")
        data.update(loaded.get("config", loaded) if isinstance(loaded.get("config"), dict) else loaded)
    data.update({f: getattr(args, f) for f in OPTION_FIELDS if getattr(args, f, None) is not None})
    return TrainConfig.from_dict(data)


def _worker_argv(args: argparse.Namespace, folder: Path, run_dir: Path) -> list[str]:
    """The command line each distributed worker runs: these options, minus --nproc and the rendezvous."""
    argv = ["-v"] if getattr(args, "verbose", False) else []
    argv += ["train", str(folder.resolve()), "--out", str(run_dir.resolve()), "--progress", args.progress]
    if args.preset:
        argv += ["--preset", args.preset]
    if args.config:
        argv += ["--config", str(Path(args.config).expanduser().resolve())]
    for f in OPTION_FIELDS:
        value = getattr(args, f, None)
        if value is None:
            continue
        if f == "curate":
            argv.append("--curate" if value else "--no-curate")
        else:
            argv += ["--" + f.replace("_", "-"), str(value)]
    if args.resume:
        argv.append("--resume")
    return argv


def _launch_problem(args: argparse.Namespace, config: TrainConfig) -> str | None:
    """What is wrong with a multi-process request, checked before anything starts (None: nothing)."""
    from badbatch_gui.core.devices import pick_device

    nproc = 1 if args.nproc is None else int(args.nproc)
    if nproc < 1:
        return "--nproc must be at least 1."
    if args.nnodes and not args.rdzv_endpoint:
        return "--nnodes needs --rdzv-endpoint HOST:PORT, an address every machine can reach."
    if args.node_rank is not None and (not args.nnodes or ":" not in str(args.rdzv_endpoint)):
        return "--node-rank needs --nnodes and --rdzv-endpoint HOST:PORT."
    if args.nnodes and not args.out:
        return "Training on several machines needs --out RUN_DIR (the run folder on the first machine)."
    if (nproc > 1 or args.nnodes) and config.method == "emc2" and config.emc2_variant == "paper":
        return (
            "EMC2 (paper) trains in one process only; add --emc2-variant stored (stored embeddings) or choose "
            "another --method to train on several GPUs."
        )
    if pick_device(config.device).type == "cuda":
        import torch

        if nproc > torch.cuda.device_count():
            return (
                f"--nproc {nproc} asks for more processes than the {torch.cuda.device_count()} graphics cards "
                "of this machine."
            )
    total = nproc * (int(args.nnodes) if str(args.nnodes or "").isdigit() else 1)
    if not args.resume and config.batch_size % total:
        return (
            f"The batch size {config.batch_size} cannot be split evenly over {total} processes; choose a "
            "batch size that is a multiple of the number of processes."
        )
    return None


def _launch(args: argparse.Namespace, folder: Path, run_dir: Path) -> int:
    """Parent of a multi-process run: hand over to torchrun (see train_launch.py)."""
    from badbatch_gui.cli.train_launch import launch

    nproc = int(args.nproc or 1)
    code = launch(
        _worker_argv(args, folder, run_dir), nproc, args.nnodes, args.rdzv_endpoint, args.rdzv_id, args.node_rank
    )
    if code == 130:
        out(f"Stopped; resume with: badbatch train {folder} --resume --out {run_dir} --nproc {nproc}")
    return code


class JsonEventPrinter:
    """``on_event`` for ``--progress jsonl``: every core event as one JSON line on stdout."""

    def __call__(self, event: object) -> None:
        """Print ``event`` as one JSON line (events the codec does not know print nothing)."""
        from badbatch_gui.core.event_codec import to_json

        line = to_json(event)
        if line is not None:
            print(line, flush=True)  # noqa: T201 - user output (machine-readable)


def _with_leave_out(config: TrainConfig, folder: Path, paths: AppPaths) -> tuple[TrainConfig, LeftOutSummary]:
    """The settings with the photos the leave-out rule leaves out (``core.scoring.leave_out``, the window's rule:
    the folder's stored Batch check findings, the keep / leave-out decisions and the app's setting "Leave out the
    photos that look wrong"), and how many and why, said in one line.
    """
    from badbatch_gui.core.scoring.leave_out import leave_out, load_review
    from badbatch_gui.core.settings import load_settings

    main_rank = os.environ.get("RANK", "0") == "0"
    decisions, findings = load_review(paths, folder)
    if decisions.damage is not None and main_rank:
        warn(decisions.damage.message())
    if findings.damage is not None and main_rank:
        warn(
            f"The Batch check findings of this folder could not all be read ({findings.damage}); check it again "
            "with: badbatch score DIR"
        )
    automatic = load_settings(paths.settings_file).leave_out_flagged
    rule = leave_out(findings.flagged(), decisions, automatic)
    exclude = tuple(sorted(set(config.exclude) | set(rule.paths)))
    summary = rule.summary(exclude)
    if main_rank:
        if summary.count:
            out(f"{summary.sentence()}; --use-all-photos trains on every photo.")
        if not automatic and findings.flagged():
            out(
                'The photos that look wrong are used: the app\'s setting "Leave out the photos that look wrong" is off.'
            )
        elif not findings.checked:
            out(
                "This folder has no Batch check yet: run badbatch score DIR first to leave out the photos that "
                "look wrong."
            )
    return config.replace(exclude=exclude), summary


def _new_run_dir(folder: Path, paths: AppPaths) -> Path:
    """A new folder in the app's runs folder.

    Raises:
        OutputError: the app's data folder cannot be written (one line saying what to do).
    """
    from badbatch_gui.core.paths import HOME_ENV
    from badbatch_gui.core.training.run_folder.runs import new_run_dir
    from badbatch_gui.core.write_errors import write_failure

    runs_dir = paths.runs_dir
    try:
        return new_run_dir(folder.name, runs_dir)
    except OSError as exc:
        reason = write_failure(exc).reason
        raise OutputError(
            f"A run folder cannot be created in {runs_dir} ({reason}); give one with --out RUN_DIR, "
            f"or set {HOME_ENV} to a folder you can write to.",
            code="runs_dir_unwritable",
            runs_dir=str(runs_dir),
            reason=reason,
        ) from exc


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def run(args: argparse.Namespace) -> int:
    """Train; exit 0 when completed, 130 when stopped with Ctrl-C, 1 when training failed, 2 for bad input."""
    from badbatch_gui.core.errors import TrainingError
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.training.loop.trainer import Trainer
    from badbatch_gui.core.training.run_folder.run_target import claim_run_dir

    folder = require_folder(args.folder)
    paths = app_paths()
    try:
        config = build_config(args)
    except (ConfigError, TypeError) as exc:
        return fail(str(exc))
    if args.resume and not args.out:
        return fail("--resume needs --out RUN_DIR, the run folder to continue.")
    from badbatch_gui.core.training import distributed

    in_worker = distributed.world_size_from_env() > 1
    launching = not in_worker and (args.nproc not in (None, 1) or bool(args.nnodes) or args.node_rank is not None)
    if in_worker and not args.out:
        return fail("A process started by torchrun needs --out RUN_DIR, the same run folder for every process.")
    problem = _launch_problem(args, config) if launching else None
    if problem:
        return fail(problem)
    if args.resume and args.force:
        return fail("--resume continues the run in --out and --force starts a new one there: choose one.")
    if args.out:
        run_dir = Path(args.out).expanduser()
        require_outside(run_dir, folder, what="The run folder")
        if args.resume and not run_dir.is_dir() and os.environ.get("RANK", "0") == "0":
            return fail(f"{run_dir} is not a run folder.")
    left_out = None
    if not args.resume and not args.use_all_photos and not launching:  # the launched processes do it themselves
        config, left_out = _with_leave_out(config, folder, paths)
    scan = None
    if not args.resume and os.environ.get("RANK", "0") == "0":  # refuse a run that cannot train before its folder
        from badbatch_gui.core.data.scan import scan_folder  # exists (an empty, failed run listed as resumable)
        from badbatch_gui.core.training.loop.trainable import check_trainable

        scan = scan_folder(folder)
        check_trainable(scan, config)
    if args.out:
        if not in_worker:  # the launcher (or this single process) checked the folder; its workers trust it
            kept = claim_run_dir(run_dir, resume=bool(args.resume), force=bool(args.force))
            if kept is not None:
                out(f"The earlier run in {run_dir} was kept: it is now in {kept}.")
    else:
        run_dir = _new_run_dir(folder, paths)
    if launching:
        return _launch(args, folder, run_dir)
    main_rank = os.environ.get("RANK", "0") == "0"
    printer = (JsonEventPrinter() if args.progress == "jsonl" else EventPrinter()) if main_rank else None
    try:  # a stop is not an error here: the trainer saves a checkpoint and returns its summary
        summary = run_job(
            lambda control: Trainer(
                config, folder, run_dir, scan=scan, cache_dir=paths.image_cache_dir, left_out=left_out
            ).run(control, printer, bool(args.resume)),
            "",
            failed=(TrainingError,),
        )
    except JobFailed:  # training itself failed: one line from cli.main, exit 1 (the other ranks stay silent)
        if main_rank:
            raise
        return 1
    except BadBatchError:  # unusable folder, settings or checkpoint: exit 2
        if main_rank:
            raise
        return 2
    finally:
        distributed.teardown()
    if not main_rank:
        return 130 if summary.status == "canceled" else 0
    mem_kind = "GPU memory allocated" if summary.memory_kind == "cuda" else "process memory (RSS)"
    out(f"Run folder: {run_dir}")
    out(f"Training time: {summary.train_time_s:.1f} s")
    out(f"Peak memory: {_mib(summary.peak_memory_bytes)} ({mem_kind})")
    out(
        f"Data used: {summary.images_used} images, {summary.samples_seen} samples in {summary.steps} steps, "
        f"{summary.rejected_batches} batches skipped by curation"
    )
    for change in summary.batch_size_changes:
        out(f"Batch size changed from {change['from']} to {change['to']} at step {change['step']} (out of memory)")
    if summary.status == "completed":
        out(outcome_sentence(loss_outcome(summary.start_loss, summary.last_pass_loss, summary.collapsed_loss)))
    if summary.status == "canceled":
        if not in_worker:  # a multi-process run: the launcher prints the hint, with --nproc
            out(f"Stopped; resume with: badbatch train {folder} --resume --out {run_dir}")
        return 130
    return 0
