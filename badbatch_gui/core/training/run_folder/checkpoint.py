"""Crash-safe checkpoint files and RNG snapshots (docs/design/reliability.md §2 and §5).

- :func:`save_atomic` writes through the app's one atomic writer (``atomic_files``: a temporary file *in the
  destination folder*, flushed and fsynced, ``os.replace``-d in with retries for Windows locks, the folder
  fsynced); before the replace it loads the file back with ``weights_only=True`` (so a checkpoint that could
  not be resumed is never installed) and keeps the current file as ``<name>.prev``. At every instant ``<name>`` is either the old or the new complete file.
- :func:`load_checkpoint` only ever uses ``torch.load(..., weights_only=True)``; a file that needs
  unpickling of code is refused with :class:`UnsafeFileError` and never retried unsafely. A corrupt or
  truncated file falls back to ``<name>.prev`` with a warning.
- :func:`load_run_model` rebuilds a run's trained network from its checkpoint (with the same ``.prev`` fallback) by
  the one encoder reader's rules (``nets.encoder_io``); the export and the Inspect step both use it.
- :func:`rng_state` / :func:`set_rng_state` capture Python, numpy, torch CPU and CUDA RNGs as tensors and
  primitives only, so they load under ``weights_only=True``.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.atomic_files import remove_quietly, replace_with_retry, temp_path, write_atomic
from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.nets.encoder_io import checkpoint_description, rebuild
from badbatch_gui.core.nets.models import ContrastiveModel
from badbatch_gui.core.weights_io import previous_path, torch_load_or_previous, torch_load_safe
from badbatch_gui.core.write_errors import DISK_FULL, write_failure

logger = logging.getLogger(__name__)


def prev_path(path: Path) -> Path:
    """``checkpoint.pt`` -> ``checkpoint.pt.prev``."""
    return previous_path(path)


def _keep_previous(path: Path) -> None:
    """Make ``<path>.prev`` a copy of the current file without ever removing ``path`` itself."""
    if not path.exists():
        return
    tmp = temp_path(path, "prev.")
    os.unlink(tmp)
    try:
        try:
            os.link(path, tmp)  # cheap: a second name for the same, complete data
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links
        replace_with_retry(tmp, prev_path(path))
    finally:
        remove_quietly(tmp)


def _clean_stale_temps(path: Path) -> None:
    """Remove temporary files left by an earlier save that crashed (only our own name pattern)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def write_error(path: Path, exc: BaseException, previous_kept: bool) -> CheckpointError:
    """The plain error for a checkpoint that could not be written to ``path``: why (a full disk, no permission...)
    and whether an earlier checkpoint is still there; library internals go to the log only.
    """
    failure = write_failure(exc)
    logger.warning("checkpoint %s not written: %r (context %r)", path, exc, exc.__context__)
    kept = "the previous checkpoint is kept" if previous_kept else "no checkpoint had been saved yet"
    values = {
        "folder": str(path.parent),
        "reason": failure.reason,
        "kind": failure.kind,
        "previous_kept": previous_kept,
    }
    if failure.kind == DISK_FULL:
        return CheckpointError(
            f"The disk is full: the checkpoint could not be written to {path.parent}; {kept}.",
            code="checkpoint_disk_full",
            **values,
        )
    return CheckpointError(
        f"The checkpoint could not be written to {path.parent} ({failure.reason}); {kept}.",
        code="checkpoint_not_written",
        **values,
    )


def save_atomic(obj: dict[str, Any], path: Path, verify: bool = True) -> None:
    """Write ``obj`` to ``path`` atomically (``atomic_files.write_atomic``), keeping the previous good file as
    ``<path>.prev``.

    Args:
        obj: tensors and primitive types only (it must load with ``weights_only=True``).
        path: destination file; its folder is created if needed.
        verify: load the written file back with ``weights_only=True`` before installing it.

    Raises:
        CheckpointError: disk full, unwritable folder, or content that would not load safely.
    """
    path = Path(path)

    def check(tmp: Path) -> None:
        if verify:
            try:
                torch_load_safe(tmp)
            except UnsafeFileError as exc:
                raise CheckpointError(
                    "The checkpoint holds data that cannot be loaded safely "
                    "(only tensors and plain values are allowed).",
                    code="checkpoint_not_plain_data",
                ) from exc
        _keep_previous(path)

    previous_kept = path.is_file() or prev_path(path).is_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale_temps(path)
        write_atomic(path, lambda fh: torch.save(obj, fh), check=check)
    except CheckpointError:
        raise
    except (OSError, RuntimeError) as exc:  # torch.save wraps write errors in RuntimeError (OSError in context)
        raise write_error(path, exc, previous_kept) from exc


def load_checkpoint(path: Path) -> dict[str, Any]:
    """Load a checkpoint safely; fall back to ``<path>.prev`` when the main file is damaged or missing
    (``weights_io.torch_load_or_previous``, shared with export, ``eval`` and ``embed``).

    Raises:
        UnsafeFileError: the file contains pickled code (never loaded, never retried unsafely).
        CheckpointError: neither the file nor its ``.prev`` copy can be read, or it is not a checkpoint dictionary.
    """
    try:
        obj, used = torch_load_or_previous(Path(path))
    except UnsafeFileError as exc:
        name = exc.values.get("file", Path(path).name)
        raise UnsafeFileError(
            f"The file {name} contains program code instead of plain training data, so it was not "
            "loaded. Only use checkpoints this app wrote.",
            code="checkpoint_unsafe",
            file=name,
        ) from None
    if not isinstance(obj, dict):
        raise CheckpointError(f"{used.name} is not a checkpoint dictionary", code="checkpoint_damaged", file=used.name)
    return obj


def load_run_model(
    path: Path, run_config: dict[str, Any] | None = None
) -> tuple[ContrastiveModel, dict[str, Any], int]:
    """A run's trained network from its checkpoint (the previous good file when it is damaged or missing).

    Args:
        path: the checkpoint file (``<run>/checkpoint.pt``).
        run_config: the run's recorded settings (run.json ``config``), used when the checkpoint does not describe
            its network itself.

    Returns:
        (the model in eval mode, float32, on the CPU; the checkpoint's position facts: epoch, batch_in_epoch, step,
        schema, app_version; the input size it was trained at, 96 when nothing says).

    Raises:
        UnsafeFileError: the file holds pickled code.
        CheckpointError: no readable checkpoint, or it holds no weights or no description of them.
    """
    ckpt = load_checkpoint(path)
    described = checkpoint_description({**ckpt, "config": ckpt.get("config") or run_config or {}})
    state = ckpt.get("model")
    if not isinstance(state, dict) or described is None:
        raise CheckpointError(
            "The run's checkpoint holds no model weights or no description of them, so the "
            "trained network cannot be rebuilt.",
            code="checkpoint_without_model",
            path=str(path),
        )
    model, _has_head, _arch = rebuild(state, described[0], Path(path))
    info = {k: ckpt.get(k) for k in ("epoch", "batch_in_epoch", "step", "schema", "app_version")}
    return model.float(), info, int(described[1] or 96)


def rng_state() -> dict[str, Any]:
    """Snapshot of the Python, numpy, torch CPU and CUDA global RNGs (weights_only-loadable)."""
    version, internal, gauss = random.getstate()
    kind, keys, pos, has_gauss, cached = np.random.get_state(legacy=True)
    state: dict[str, Any] = {
        "python": {"version": int(version), "state": torch.tensor(internal, dtype=torch.int64), "gauss_next": gauss},
        "numpy": {
            "kind": str(kind),
            "keys": torch.from_numpy(np.asarray(keys, dtype=np.int64)),
            "pos": int(pos),
            "has_gauss": int(has_gauss),
            "cached_gaussian": float(cached),
        },
        "torch": torch.get_rng_state(),
        "cuda": None,
    }
    if torch.cuda.is_available():
        state["cuda"] = [s.clone() for s in torch.cuda.get_rng_state_all()]
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    """Restore a :func:`rng_state` snapshot (CUDA only when the device count matches)."""
    py = state["python"]
    random.setstate((int(py["version"]), tuple(int(v) for v in py["state"].tolist()), py["gauss_next"]))
    npst = state["numpy"]
    np.random.set_state(
        (
            npst["kind"],
            npst["keys"].numpy().astype(np.uint32),
            int(npst["pos"]),
            int(npst["has_gauss"]),
            float(npst["cached_gaussian"]),
        )
    )
    torch.set_rng_state(state["torch"])
    cuda = state.get("cuda")
    if cuda is not None and torch.cuda.is_available():
        if len(cuda) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(cuda)
        else:
            logger.warning(
                "Saved CUDA RNG state is for %d devices, this machine has %d; not restored.",
                len(cuda),
                torch.cuda.device_count(),
            )
