"""Crash-safe checkpoint files and RNG snapshots (docs/design/reliability.md §2 and §5).

- :func:`save_atomic` writes a temporary file *in the destination folder*, flushes and fsyncs it, loads it
  back with ``weights_only=True`` (so a checkpoint that could not be resumed is never installed), keeps
  the current file as ``<name>.prev``, then ``os.replace``-s the new one in (retrying for Windows locks)
  and fsyncs the folder. At every instant ``<name>`` is either the old or the new complete file.
- :func:`load_checkpoint` only ever uses ``torch.load(..., weights_only=True)``; a file that needs
  unpickling of code is refused with :class:`UnsafeFileError` and never retried unsafely. A corrupt or
  truncated file falls back to ``<name>.prev`` with a warning.
- :func:`rng_state` / :func:`set_rng_state` capture Python, numpy, torch CPU and CUDA RNGs as tensors and
  primitives only, so they load under ``weights_only=True``.
"""

from __future__ import annotations

import errno
import logging
import os
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.weights_io import torch_load_safe

logger = logging.getLogger(__name__)

_REPLACE_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0, 1.0)  # 10 tries in all
_WINDOWS_LOCK_ERRORS = (5, 32, 33)  # access denied, sharing violation, lock violation


def prev_path(path: Path) -> Path:
    """``checkpoint.pt`` -> ``checkpoint.pt.prev``."""
    return path.with_name(path.name + ".prev")


def _is_transient_lock(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _WINDOWS_LOCK_ERRORS


def _replace_with_retry(src: str, dst: str) -> None:
    """``os.replace`` retried with backoff while another process (antivirus, indexer) holds the file."""
    for delay in (*_REPLACE_DELAYS_S, None):
        try:
            os.replace(src, dst)
            return
        except OSError as exc:
            if delay is None or not _is_transient_lock(exc):
                raise
            logger.debug("os.replace(%s) locked (%s); retrying in %.2f s", dst, exc, delay)
            time.sleep(delay)


def _fsync_folder(folder: Path) -> None:
    """Best effort: make the rename durable on POSIX (not possible / needed on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_previous(path: Path) -> None:
    """Make ``<path>.prev`` a copy of the current file without ever removing ``path`` itself."""
    if not path.exists():
        return
    prev = prev_path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.prev.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        try:
            os.link(path, tmp)  # cheap: a second name for the same, complete data
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links
        _replace_with_retry(tmp, str(prev))
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _clean_stale_temps(path: Path) -> None:
    """Remove temporary files left by an earlier save that crashed (only our own name pattern)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def _disk_error(path: Path, exc: BaseException) -> CheckpointError:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return CheckpointError(f"The disk is full: the checkpoint could not be written to {path.parent}; "
                               "the previous checkpoint is kept.")
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return CheckpointError(f"The checkpoint could not be written to {path.parent} ({text}); "
                           "the previous checkpoint is kept.")


def save_atomic(obj: dict[str, Any], path: Path, verify: bool = True) -> None:
    """Write ``obj`` to ``path`` atomically, keeping the previous good file as ``<path>.prev``.

    Args:
        obj: tensors and primitive types only (it must load with ``weights_only=True``).
        path: destination file; its folder is created if needed.
        verify: load the written file back with ``weights_only=True`` before installing it.

    Raises:
        CheckpointError: disk full, unwritable folder, or content that would not load safely.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale_temps(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _disk_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            torch.save(obj, fh)
            fh.flush()
            os.fsync(fh.fileno())
        if verify:
            try:
                torch_load_safe(Path(tmp))
            except UnsafeFileError as exc:
                raise CheckpointError("The checkpoint holds data that cannot be loaded safely "
                                      "(only tensors and plain values are allowed).") from exc
        _keep_previous(path)
        _replace_with_retry(tmp, str(path))
    except CheckpointError:
        _remove_quietly(tmp)
        raise
    except (OSError, RuntimeError) as exc:  # torch.save wraps some write errors in RuntimeError
        _remove_quietly(tmp)
        cause = exc if isinstance(exc, OSError) else (exc.__cause__ or exc)
        raise _disk_error(path, cause) from exc
    _fsync_folder(path.parent)


def _remove_quietly(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _load_one(path: Path) -> dict[str, Any]:
    obj = torch_load_safe(path)
    if not isinstance(obj, dict):
        raise CheckpointError(f"{path.name} is not a checkpoint dictionary")
    return obj


def load_checkpoint(path: Path) -> dict[str, Any]:
    """Load a checkpoint safely; fall back to ``<path>.prev`` when the main file is damaged or missing.

    Raises:
        UnsafeFileError: the file contains pickled code (never loaded, never retried unsafely).
        CheckpointError: neither the file nor its ``.prev`` copy can be read.
    """
    path = Path(path)
    candidates = [path, prev_path(path)]
    first_problem = ""
    for i, candidate in enumerate(candidates):
        if not candidate.is_file():
            if i == 0:
                first_problem = "it does not exist"
            continue
        try:
            obj = _load_one(candidate)
        except UnsafeFileError:
            raise UnsafeFileError(
                f"The file {candidate.name} contains program code instead of plain training data, "
                "so it was not loaded. Only use checkpoints this app wrote."
            ) from None
        except CheckpointError as exc:  # damaged: try the previous good one; never retry unsafely
            logger.warning("Checkpoint %s is damaged or unreadable: %s", candidate, exc)
            if i == 0:
                first_problem = "it is damaged or incomplete"
            continue
        if i > 0:
            logger.warning("Checkpoint %s (%s); using the previous checkpoint %s instead.",
                           path, first_problem, candidate.name)
        return obj
    raise CheckpointError(f"The checkpoint {path} cannot be used: {first_problem or 'it is unreadable'}, "
                          "and no earlier good checkpoint is available.")


def rng_state() -> dict[str, Any]:
    """Snapshot of the Python, numpy, torch CPU and CUDA global RNGs (weights_only-loadable)."""
    version, internal, gauss = random.getstate()
    kind, keys, pos, has_gauss, cached = np.random.get_state(legacy=True)
    state: dict[str, Any] = {
        "python": {"version": int(version), "state": torch.tensor(internal, dtype=torch.int64),
                   "gauss_next": gauss},
        "numpy": {"kind": str(kind), "keys": torch.from_numpy(np.asarray(keys, dtype=np.int64)),
                  "pos": int(pos), "has_gauss": int(has_gauss), "cached_gaussian": float(cached)},
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
    np.random.set_state((npst["kind"], npst["keys"].numpy().astype(np.uint32), int(npst["pos"]),
                         int(npst["has_gauss"]), float(npst["cached_gaussian"])))
    torch.set_rng_state(state["torch"])
    cuda = state.get("cuda")
    if cuda is not None and torch.cuda.is_available():
        if len(cuda) == torch.cuda.device_count():
            torch.cuda.set_rng_state_all(cuda)
        else:
            logger.warning("Saved CUDA RNG state is for %d devices, this machine has %d; not restored.",
                           len(cuda), torch.cuda.device_count())
