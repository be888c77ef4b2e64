r"""``badbatch embed MODEL_DIR IMAGE_DIR --out OUT.npy``: embeddings of a folder with an exported encoder.

Writes ``OUT.npy`` (float32, one row per image) and ``OUT.csv`` (``row,path``: the relative path of each
row; a file name that is not valid UTF-8 has ``\xNN`` for each undecodable byte). Broken files are skipped, listed on stdout and in ``OUT.skipped.csv``. Exit codes: 0 written; 2 bad
arguments, an unusable model or folder, or existing outputs without ``--force``; 130 stopped with Ctrl-C.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from badbatch_gui.cli.common import EventPrinter, fail, out, require_folder, require_outside, run_job
from badbatch_gui.core.atomic_files import write_atomic, write_text_atomic
from badbatch_gui.core.file_names import csv_field

if TYPE_CHECKING:  # torch-heavy; imported inside run() so other commands start fast
    from badbatch_gui.core.export.embedding import EmbeddingResult

MAX_LISTED = 20


def register(subparsers: Any) -> None:
    """Add the ``embed`` subcommand."""
    p = subparsers.add_parser(
        "embed",
        help="compute embeddings of an image folder with an exported encoder",
        description="Embed every picture under IMAGE_DIR with the encoder in MODEL_DIR (an export folder, "
        "encoder.safetensors, or a run folder). Writes OUT.npy and OUT.csv (row -> relative path).",
    )
    p.add_argument("model", metavar="MODEL_DIR", help="export folder, .safetensors file or run folder")
    p.add_argument("images", metavar="IMAGE_DIR", help="the image folder (sub-folders included)")
    p.add_argument("--out", required=True, metavar="OUT.npy", help="embeddings file to write (.npy)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="images per batch (default %(default)s)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1, mps (default %(default)s)")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.set_defaults(func=run)


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    text = io.StringIO(newline="")
    w = csv.writer(text)
    w.writerow(header)
    w.writerows([csv_field(v) if isinstance(v, str) else v for v in row] for row in rows)
    write_text_atomic(path, text.getvalue())


def _save(result: EmbeddingResult, npy: Path, csv_path: Path, skipped_path: Path) -> None:
    write_atomic(npy, lambda fh: np.save(fh, result.embeddings))
    _write_csv(csv_path, ("row", "path"), list(enumerate(result.paths)))
    if result.skipped:
        _write_csv(skipped_path, ("path", "reason", "message"), [(p.path, p.reason, p.message) for p in result.skipped])
    elif skipped_path.exists():
        skipped_path.unlink()  # a stale list from an earlier run would mislead


def run(args: argparse.Namespace) -> int:
    """Embed ``args.images`` with ``args.model`` (see the module docstring for exit codes)."""
    folder = require_folder(args.images)
    if args.batch_size < 1:
        return fail("The batch size must be at least 1.")
    npy = Path(args.out).expanduser()
    if npy.suffix.lower() != ".npy":
        npy = npy.with_name(npy.name + ".npy")
    csv_path, skipped_path = npy.with_suffix(".csv"), npy.with_suffix(".skipped.csv")
    require_outside(npy, folder, what="The embeddings")
    existing = [p for p in (npy, csv_path) if p.exists()]
    if existing and not args.force:
        return fail(f"{existing[0]} already exists; choose another name or add --force to overwrite it.")
    from badbatch_gui.core.export.embedding import embed_folder
    from badbatch_gui.core.nets.encoder_io import load_encoder

    encoder, preprocess = load_encoder(args.model)  # BadBatchError -> exit 2 with one line (cli.main)
    result = run_job(
        lambda control: embed_folder(
            encoder, preprocess, folder, args.batch_size, args.device, control, EventPrinter()
        ),
        "Embedding stopped; nothing was written.",
    )
    try:
        _save(result, npy, csv_path, skipped_path)
    except OSError as exc:
        return fail(f"Cannot write {npy}: {exc.strerror or exc}.")
    n, dim = result.embeddings.shape
    out(f"Embedded {n} images ({dim} values each) -> {npy}; row -> path in {csv_path}")
    if result.skipped:
        out(f"Skipped {len(result.skipped)} files (listed in {skipped_path}):")
        for p in result.skipped[:MAX_LISTED]:
            out(f"  {p.path}: {p.reason} - {p.message}")
        if len(result.skipped) > MAX_LISTED:
            out(f"  ... and {len(result.skipped) - MAX_LISTED} more")
    return 0
