"""``badbatch train DIR``: train an encoder on an image folder (EMC2, SimCLR or SogCLR) into a run folder.

Progress goes to stdout; Ctrl-C stops at the next step boundary after writing a checkpoint (a second
Ctrl-C aborts at once). ``--resume --out RUN_DIR`` continues a stopped or interrupted run with its saved
settings. At the end it prints the three figures: training time, peak memory and data used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import EventPrinter, existing_folder, fail, install_sigint, out
from badbatch_gui.core.config import METHODS, TRAIN_PRESETS, TrainConfig, train_preset
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.errors import CheckpointError, ConfigError, FolderError


def register(subparsers: Any) -> None:
    """Add the ``train`` subcommand."""
    p = subparsers.add_parser(
        "train", help="train a self-supervised encoder on a folder of pictures",
        description="Train an encoder on the pictures under DIR (no labels needed) and write checkpoints, "
                    "metrics and the run record to RUN_DIR. Nothing inside DIR is changed or written.")
    p.add_argument("folder", metavar="DIR", help="the image folder")
    p.add_argument("--out", metavar="RUN_DIR", help="run folder (default: a new folder in the app's runs folder)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    p.add_argument("--preset", choices=sorted(TRAIN_PRESETS), help="start from a preset (other options override it)")
    p.add_argument("--method", choices=METHODS, help="training method (default emc2)")
    p.add_argument("--batch-size", type=int, metavar="B", help="images per batch")
    p.add_argument("--epochs", type=int, metavar="E", help="passes over the folder")
    p.add_argument("--image-size", type=int, metavar="S", help="training resolution in pixels")
    p.add_argument("--lr", type=float, help="peak learning rate (AdamW)")
    p.add_argument("--seed", type=int, help="seed of the batch plan, the augmentations and the network")
    p.add_argument("--max-images", type=int, metavar="N", help="train on at most N images (evenly spread)")
    p.add_argument("--curate", dest="curate", action="store_true", default=None,
                   help="skip unrepresentative batches by their FRD score (default)")
    p.add_argument("--no-curate", dest="curate", action="store_false", help="train on every batch")
    p.add_argument("--device", help="auto (default), cpu, cuda or mps")
    p.add_argument("--precision", choices=("auto", "fp32", "bf16", "fp16"), help="numeric precision")
    p.add_argument("--checkpoint-minutes", type=float, metavar="M", help="save a checkpoint every M minutes")
    p.add_argument("--checkpoint-every-steps", type=int, metavar="N", help="also save a checkpoint every N steps")
    p.set_defaults(func=run)


OPTION_FIELDS = ("method", "batch_size", "epochs", "image_size", "lr", "seed", "max_images", "curate", "device",
                 "precision", "checkpoint_minutes", "checkpoint_every_steps")


def build_config(args: argparse.Namespace) -> TrainConfig:
    """The TrainConfig from the preset (if any) plus the options given. Raises ConfigError."""
    overrides = {f: getattr(args, f) for f in OPTION_FIELDS if getattr(args, f, None) is not None}
    if args.preset:
        return train_preset(args.preset, **overrides)
    cfg = TrainConfig(**overrides)
    cfg.validate()
    return cfg


def _mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def run(args: argparse.Namespace) -> int:
    """Train; exit 0 when completed, 130 when stopped with Ctrl-C, 1 when training failed, 2 for bad input."""
    from badbatch_gui.core.errors import TrainingError
    from badbatch_gui.core.paths import is_inside
    from badbatch_gui.core.runs import new_run_dir
    from badbatch_gui.core.trainer import Trainer

    folder = existing_folder(args.folder)
    if folder is None:
        what = "is not a folder" if Path(args.folder).expanduser().exists() else "does not exist"
        return fail(f"{args.folder} {what}.")
    try:
        config = build_config(args)
    except (ConfigError, TypeError) as exc:
        return fail(str(exc))
    if args.resume and not args.out:
        return fail("--resume needs --out RUN_DIR, the run folder to continue.")
    if args.out:
        run_dir = Path(args.out).expanduser()
        if is_inside(run_dir, folder):
            return fail("The run folder is inside the image folder; choose a run folder elsewhere.")
        if args.resume and not run_dir.is_dir():
            return fail(f"{run_dir} is not a run folder.")
    else:
        run_dir = new_run_dir(folder.name)
    control = RunControl()
    undo = install_sigint(control)
    try:
        trainer = Trainer(config, folder, run_dir)
        summary = trainer.run(control=control, on_event=EventPrinter(), resume=bool(args.resume))
    except (ConfigError, FolderError, CheckpointError) as exc:
        return fail(str(exc))
    except TrainingError as exc:
        print(f"badbatch: error: {exc}", file=sys.stderr)  # noqa: T201 - user output
        return 1
    finally:
        undo()
    mem_kind = "GPU memory allocated" if summary.memory_kind == "cuda" else "process memory (RSS)"
    out(f"Run folder: {run_dir}")
    out(f"Training time: {summary.train_time_s:.1f} s")
    out(f"Peak memory: {_mib(summary.peak_memory_bytes)} ({mem_kind})")
    out(f"Data used: {summary.images_used} images, {summary.samples_seen} samples in {summary.steps} steps, "
        f"{summary.rejected_batches} batches skipped by curation")
    for change in summary.batch_size_changes:
        out(f"Batch size changed from {change['from']} to {change['to']} at step {change['step']} (out of memory)")
    if summary.status == "canceled":
        out(f"Stopped; resume with: badbatch train {folder} --resume --out {run_dir}")
        return 130
    return 0
