"""The only two ways the app reads weight files: ``torch.load(weights_only=True)`` and safetensors.

Shared by resume checkpoints (``checkpoint``), exported encoders (``encoder_io``) and the preview's feature
network (``feature_weights``), so the safety rule lives in one place (docs/design/reliability.md §5): the weights-only
unpickler is never bypassed, and a file it refuses is never retried with unsafe loading, because whoever
crafted the file controls that failure.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from pathlib import Path
from typing import Any

import torch

from badbatch_gui.core.errors import CheckpointError, UnsafeFileError

log = logging.getLogger(__name__)


def sha256_file(path: Path) -> str:
    """sha256 hex digest of a file, read in 1 MiB chunks (hash checks of weight files, export manifests)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def torch_load_safe(path: Path) -> Any:
    """``torch.load(path, weights_only=True)`` on the CPU with plain-language errors.

    The weights-only unpickler cannot tell a hostile pickle (a legacy-format file whose objects would run code)
    from plain garbage: both fail with "Unsupported operand". Every file it refuses is therefore treated as
    unsafe, and the message says both possibilities.

    Raises:
        UnsafeFileError: the weights-only unpickler refused the file (never loaded, never retried unsafely).
        CheckpointError: the file is missing, truncated or otherwise unreadable.
    """
    path = Path(path)
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise UnsafeFileError(
            f"{path.name} was refused: it is not a plain weights file (it holds Python objects "
            "that could run code when loaded, or it is not a PyTorch file at all). Only use files "
            "this app wrote, or an export's encoder.safetensors.",
            code="weights_unsafe",
            file=path.name,
        ) from None
    except (RuntimeError, OSError, EOFError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise CheckpointError(
            f"{path.name} is damaged or not a PyTorch weights file ({reason}).",
            code="weights_damaged",
            file=path.name,
            reason=reason,
        ) from None


def previous_path(path: Path) -> Path:
    """``checkpoint.pt`` -> ``checkpoint.pt.prev``: the previous good file a checkpoint save keeps."""
    return path.with_name(path.name + ".prev")


def torch_load_or_previous(path: Path) -> tuple[Any, Path]:
    """:func:`torch_load_safe` of ``path``, or of its previous good copy ``<path>.prev`` when ``path`` is missing or
    damaged (logged as a warning). Resume, export, ``eval`` and ``embed`` all read a run's checkpoint this way.

    Returns:
        (the loaded object, the file it came from).

    Raises:
        UnsafeFileError: a file holds pickled code (never loaded, never retried unsafely, no fallback).
        CheckpointError: neither the file nor its ``.prev`` copy can be read (code ``checkpoint_unusable``).
    """
    path = Path(path)
    problem = ""
    for i, candidate in enumerate((path, previous_path(path))):
        if not candidate.is_file():
            problem = problem or "it does not exist"
            continue
        try:
            obj = torch_load_safe(candidate)  # UnsafeFileError goes through: no fallback, no unsafe retry
        except CheckpointError as exc:  # damaged: try the previous good one; never retry unsafely
            log.warning("Checkpoint %s is damaged or unreadable: %s", candidate, exc)
            problem = problem or "it is damaged or incomplete"
            continue
        if i > 0:
            log.warning("Checkpoint %s (%s); using the previous checkpoint %s instead.", path, problem, candidate.name)
        return obj, candidate
    raise CheckpointError(
        f"The checkpoint {path} cannot be used: {problem or 'it is unreadable'}, and no earlier "
        "good checkpoint is available.",
        code="checkpoint_unusable",
        path=str(path),
        problem=problem or "it is unreadable",
    )


def read_safetensors(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Tensors (on the CPU) and string metadata of a safetensors file.

    Raises:
        CheckpointError: the file is missing, damaged or not safetensors.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load_file, safe_open

    path = Path(path)
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata() or {}
        state = load_file(str(path), device="cpu")
    except (SafetensorError, OSError, ValueError) as exc:
        raise CheckpointError(
            f"{path.name} is not a readable safetensors file ({exc}).",
            code="safetensors_unreadable",
            file=path.name,
            reason=str(exc),
        ) from None
    return state, dict(meta)
