"""``badbatch demo [OUT_DIR] [--images N] [--seed S] [--force]``: write the procedurally drawn demo folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from badbatch_gui.cli.common import fail, out
from badbatch_gui.core.data.demo import write_demo_folder
from badbatch_gui.core.paths import app_paths


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    p = subparsers.add_parser(
        "demo",
        help="write a demo folder of machined-part photos, with bad shots, broken files and duplicates",
        description="Draw a demo image folder (washers, gears, bolts, brackets) with a few dark, blurred, "
        "overexposed, black and half-out-of-frame shots, three broken files and some exact copies. "
        "demo_manifest.json in the folder lists them all.",
    )
    p.add_argument(
        "out_dir", metavar="OUT_DIR", nargs="?", default=None, help="folder to create (default: the app's demo folder)"
    )
    p.add_argument("--images", type=int, default=300, metavar="N", help="pictures to draw (default %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same files")
    p.add_argument("--force", action="store_true", help="write even if OUT_DIR already holds files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write the demo folder; exit 2 for a bad count or a non-empty OUT_DIR without ``--force``."""
    target = Path(args.out_dir).expanduser() if args.out_dir else app_paths().demo_dir
    if not 1 <= args.images <= 100_000:
        return fail("The number of demo pictures must be between 1 and 100000.")
    if target.exists() and not target.is_dir():
        return fail(f"{target} is a file, not a folder.")
    if target.is_dir() and any(target.iterdir()) and not args.force:
        return fail(f"{target} is not empty; choose an empty or new folder, or add --force to write into it.")
    try:
        manifest = write_demo_folder(target, n_images=args.images, seed=args.seed)
    except OSError as exc:
        return fail(f"Cannot write the demo folder {target}: {exc.strerror or exc}.")
    bad = sum(len(v) for v in manifest["bad_shots"].values())
    broken = sum(len(v) for v in manifest["broken"].values())
    out(
        f"Wrote {args.images} demo pictures ({bad} bad shots) plus {broken} broken files and "
        f"{len(manifest['duplicates'])} exact copies to {target}"
    )
    out(f'Next: badbatch scan "{target}"')
    return 0
