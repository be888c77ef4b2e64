"""Embeddings of every image in a folder with a loaded encoder: scan, decode, batched no-grad inference.

Rows follow the scan's order (relative POSIX paths, sorted). Files the scan or the decoder cannot use are
skipped and listed with a reason code; duplicates are embedded like any other file. Nothing is written
into the image folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.imageio import ImageDecodeError
from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.errors import FolderError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddingResult:
    """Embeddings of a folder.

    Attributes:
        root: the image folder (resolved).
        paths: relative POSIX path of each row, in row order.
        embeddings: float32 array. Shape: (N, F), row i is ``paths[i]``.
        skipped: files that could not be used, with reason codes and plain messages.
    """

    root: Path
    paths: tuple[str, ...]
    embeddings: np.ndarray
    skipped: tuple[Problem, ...]


def _decode_batch(
    pool: ThreadPoolExecutor, preprocess: Callable[[Path], torch.Tensor], root: Path, rels: list[str]
) -> tuple[list[str], list[torch.Tensor], list[Problem]]:
    def one(rel: str) -> torch.Tensor | Problem:
        try:
            return preprocess(root / rel)
        except ImageDecodeError as exc:
            return Problem(rel, exc.reason, str(exc))

    ok_paths: list[str] = []
    tensors: list[torch.Tensor] = []
    bad: list[Problem] = []
    for rel, out in zip(rels, pool.map(one, rels), strict=True):
        if isinstance(out, Problem):
            bad.append(out)
        else:
            ok_paths.append(rel)
            tensors.append(out)
    return ok_paths, tensors, bad


@torch.no_grad()
def _embed(
    encoder: torch.nn.Module,
    preprocess: Callable[[Path], torch.Tensor],
    folder: Path,
    batch_size: int,
    device: torch.device,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
) -> EmbeddingResult:
    scan = scan_folder(Path(folder), ScanConfig(find_duplicates=False), control=control)
    root = scan.root
    rels = [r.path for r in scan.images]
    skipped = list(scan.problems)
    paths: list[str] = []
    chunks: list[np.ndarray] = []
    encoder = encoder.eval().to(device)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for start in range(0, len(rels), batch_size):
            if control is not None:
                control.check()
            ok, tensors, bad = _decode_batch(pool, preprocess, root, rels[start : start + batch_size])
            skipped += bad
            if tensors:
                x = torch.stack(tensors).to(device)
                chunks.append(encoder(x).float().cpu().numpy())
                paths += ok
            done = min(len(rels), start + batch_size)
            ev.emit(on_event, ev.Progress("embed", done, len(rels), f"{len(paths)} images embedded"))
    for p in skipped:
        log.warning("embed skipped %s: %s", p.path, p.message)
    if not paths:
        raise FolderError(
            f"No usable image was found in {root}, so nothing was embedded.", code="folder_no_images", folder=str(root)
        )
    emb = np.concatenate(chunks, axis=0).astype(np.float32, copy=False)
    return EmbeddingResult(root, tuple(paths), emb, tuple(sorted(skipped, key=lambda p: p.path)))


def embed_folder(
    encoder: torch.nn.Module,
    preprocess: Callable[[Path], torch.Tensor],
    folder: Path,
    batch_size: int = 32,
    device: str = "cpu",
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
) -> EmbeddingResult:
    """Embed every usable image under ``folder``.

    Args:
        encoder: maps (B, 3, S, S) float in [0, 1] to (B, F) (what :func:`load_encoder` returns).
        preprocess: maps an image path to (3, S, S); raises ImageDecodeError for broken files.
        folder: the image folder (scanned recursively).
        batch_size: images per forward pass.
        device: "cpu", "cuda", "auto"...
        control: checked between batches.
        on_event: Progress events and exactly one RunFinished.

    Raises:
        FolderError: the folder is missing or holds no usable image.
        Cancelled: a stop was requested.
    """
    from badbatch_gui.core.devices import pick_device

    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    return ev.finish_once(
        on_event,
        lambda: _embed(encoder, preprocess, folder, batch_size, pick_device(device), control, on_event),
        "Embedding canceled.",
        lambda r: f"{len(r.paths)} images embedded, {len(r.skipped)} skipped.",
    )
