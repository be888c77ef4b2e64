"""Training run folders: creation, the run.json record, live-lock detection, metrics replay.

A run folder (``app_paths().runs_dir / <timestamp>-<name>``) holds ``run.json``, ``images.json``,
``metrics.jsonl``, ``rejected_batches.jsonl`` and ``checkpoint.pt`` (docs/design/architecture.md "Run folder layout").

Telling a live run from a dead one: while training, the trainer holds an exclusive OS lock on
``RUN_DIR/.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS drops the lock when the
process dies, even on SIGKILL or a power cut, so a run whose run.json still says "running" but whose lock
can be taken is "interrupted". This is immune to pid reuse; run.json also records pid and host for people.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import math
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from badbatch_gui.core import atomic_files
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.safe_names import name_part

log = logging.getLogger(__name__)

RUN_JSON = "run.json"
IMAGES_JSON = "images.json"
METRICS_JSONL = "metrics.jsonl"
REJECTED_JSONL = "rejected_batches.jsonl"
CHECKPOINT = "checkpoint.pt"
LOCK_FILE = ".lock"
STATUSES = ("running", "completed", "canceled", "errored", "interrupted")


def now_iso() -> str:
    """Local time with offset, seconds precision (run.json "started"/"finished")."""
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def new_run_dir(name_hint: str = "run", runs_dir: Path | None = None) -> Path:
    """Create and return a new, empty run folder ``<runs_dir>/<YYYYmmdd-HHMMSS>-<sanitised hint>``.

    The hint (e.g. the image folder's name) is cleaned by :func:`safe_names.name_part` (no separators, reserved
    characters, control characters or reserved device names; at most 48 characters); a clash gets a ``-2``,
    ``-3``... suffix.
    """
    base = Path(runs_dir) if runs_dir is not None else app_paths().runs_dir
    base.mkdir(parents=True, exist_ok=True)
    stem = f"{_dt.datetime.now().strftime('%Y%m%d-%H%M%S')}-{name_part(name_hint)}"
    for i in range(1, 1000):
        candidate = base / (stem if i == 1 else f"{stem}-{i}")
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a new run folder in {base}")


# ----------------------------------------------------------------------------------------------------------
# JSON helpers
# ----------------------------------------------------------------------------------------------------------

def _clean(value: Any) -> Any:
    """JSON-safe copy: NaN/inf -> None, tuples -> lists, numpy scalars -> Python."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as UTF-8 JSON (NaN/inf as null) through the atomic writer (``atomic_files``)."""
    atomic_files.write_json_atomic(Path(path), _clean(data), indent=1, allow_nan=False)


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None when it is missing or unreadable (logged)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


class JsonlWriter:
    """Append-only JSON-lines file; every line is flushed at once so a crash loses at most that line."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fh: IO[str] | None = open(self.path, "a", encoding="utf-8")  # noqa: SIM115

    def write(self, record: dict[str, Any]) -> None:
        """Append one record (NaN/inf written as null)."""
        if self._fh is None:
            raise ValueError("writer closed")
        self._fh.write(json.dumps(_clean(record), ensure_ascii=False, allow_nan=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All complete records of a JSON-lines file; a truncated or corrupt line (crash mid-write) is skipped."""
    out: list[dict[str, Any]] = []
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return out
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            log.info("skipping an incomplete line in %s", path)
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def truncate_jsonl(path: Path, max_step: int) -> None:
    """Keep only records whose ``step`` is at most ``max_step`` (used on resume: the killed run may have
    logged steps after its last checkpoint, which the resumed run will log again)."""
    path = Path(path)
    if not path.exists():
        return
    keep = [r for r in read_jsonl(path) if int(r.get("step", 0) or 0) <= max_step]
    atomic_files.write_text_atomic(path, "".join(json.dumps(_clean(r), ensure_ascii=False, allow_nan=False) + "\n"
                                                 for r in keep))


# ----------------------------------------------------------------------------------------------------------
# The live-run lock
# ----------------------------------------------------------------------------------------------------------

class RunLock:
    """Exclusive, non-blocking OS lock on ``RUN_DIR/.lock``, held while a run trains."""

    def __init__(self, run_dir: Path) -> None:
        self.path = Path(run_dir) / LOCK_FILE
        self._fh: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another live process (or another open handle) holds it."""
        fh = open(self.path, "a+b")  # noqa: SIM115
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        self._fh = fh
        return True

    def release(self) -> None:
        """Drop the lock (idempotent)."""
        if self._fh is None:
            return
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                self._fh.seek(0)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
        finally:
            self._fh.close()
            self._fh = None


def is_live(run_dir: Path) -> bool:
    """True when a process currently holds the run's lock (it is training right now)."""
    probe = RunLock(run_dir)
    if not (Path(run_dir) / LOCK_FILE).exists():
        return False
    if probe.acquire():
        probe.release()
        return False
    return True


def process_identity() -> dict[str, Any]:
    """pid and host of this process, recorded in run.json for people reading it."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


# ----------------------------------------------------------------------------------------------------------
# Listing and replay
# ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunInfo:
    """One run folder as the run history shows it.

    Attributes:
        run_dir: the folder.
        status: "running", "completed", "canceled", "errored" or "interrupted" (run.json said running but
            no live process holds the run's lock: killed, crashed, power cut).
        config: the TrainConfig dict from run.json.
        started / finished: ISO times (finished None unless it ended cleanly).
        summary: run.json "summary" (train_time_s, peak_memory_bytes, images_used, ...).
        has_checkpoint: checkpoint.pt (or its .prev) exists.
        resumable: did not complete, and has a checkpoint or its settings (a run stopped before its first
            checkpoint starts again from the beginning with them).
        folder: the image folder it trained on; reason_message: plain text of how it ended.
        left_out: photos the run left out and why (run.json "left_out": count, by_hand, by_reason).
    """

    run_dir: Path
    status: str
    config: dict[str, Any]
    started: str | None
    finished: str | None
    summary: dict[str, Any] = field(default_factory=dict)
    has_checkpoint: bool = False
    resumable: bool = False
    folder: str | None = None
    reason_message: str = ""
    left_out: dict[str, Any] = field(default_factory=dict)


def run_info(run_dir: Path) -> RunInfo | None:
    """Read one run folder; None when it has no readable run.json."""
    run_dir = Path(run_dir)
    data = read_json(run_dir / RUN_JSON)
    if data is None:
        return None
    status = str(data.get("status", "interrupted"))
    if status == "running" and not is_live(run_dir):
        status = "interrupted"
    has_ckpt = (run_dir / CHECKPOINT).exists() or (run_dir / f"{CHECKPOINT}.prev").exists()
    return RunInfo(
        run_dir=run_dir, status=status, config=dict(data.get("config") or {}),
        started=data.get("started"), finished=data.get("finished"), summary=dict(data.get("summary") or {}),
        has_checkpoint=has_ckpt,
        resumable=(has_ckpt or bool(data.get("config"))) and status in ("interrupted", "canceled", "errored"),
        folder=data.get("folder"), reason_message=str(data.get("reason_message") or ""),
        left_out=dict(data.get("left_out") or {}),
    )


def list_runs(runs_dir: Path | None = None) -> list[RunInfo]:
    """Every run folder under ``runs_dir`` (default: the app's), newest first by start time."""
    base = Path(runs_dir) if runs_dir is not None else app_paths().runs_dir
    if not base.is_dir():
        return []
    infos = [info for d in base.iterdir() if d.is_dir() and (info := run_info(d)) is not None]
    infos.sort(key=lambda r: (r.started or "", r.run_dir.name), reverse=True)
    return infos


STEP_KEYS = ("step", "total_steps", "epoch", "loss", "lr", "images_per_s", "batch_frd", "frd_threshold",
             "rejected_batches", "batch_size", "eta_s", "elapsed_s", "cuda_allocated", "cuda_reserved",
             "cuda_total", "rss_bytes", "skipped", "surrogate", "chance_loss", "mean_cosine", "positive_similarity",
             "acceptance_rate", "rows_without_negative", "old_fraction", "stored_cosine", "stored_age",
             "stored_share")
EPOCH_KEYS = ("epoch", "mean_loss", "rejected", "batches", "step", "chance_loss", "global_loss", "global_photos",
              "global_loss_on_step_scale")


def read_metrics(run_dir: Path) -> dict[str, np.ndarray]:
    """Replay a run's curves from metrics.jsonl (a truncated last line is ignored).

    Returns float64 arrays, NaN where a value was missing/null: one entry per step line for each key in
    :data:`STEP_KEYS` (``skipped`` as 0/1), and ``epoch_<key>`` for each key in :data:`EPOCH_KEYS` from the
    per-epoch lines.

    Shape:
        step arrays (n_steps,); epoch arrays (n_epochs,).
    """
    steps: list[dict[str, Any]] = []
    epochs: list[dict[str, Any]] = []
    for rec in read_jsonl(Path(run_dir) / METRICS_JSONL):
        kind = rec.get("event", "step")
        if kind == "step":
            steps.append(rec)
        elif kind == "epoch":
            epochs.append(rec)

    def column(records: list[dict[str, Any]], key: str) -> np.ndarray:
        vals = []
        for r in records:
            v = r.get(key)
            vals.append(float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else
                        (1.0 if v is True else 0.0 if v is False else math.nan))
        return np.asarray(vals, dtype=np.float64)

    if steps and not any("surrogate" in r for r in steps):
        # Runs recorded before the monitor existed logged the method's surrogate as "loss", which cannot be
        # compared with the monitor: keep it as "surrogate" and leave the loss curve empty.
        steps = [{**r, "surrogate": r.get("loss"), "loss": None} for r in steps]
    out = {k: column(steps, k) for k in STEP_KEYS}
    out.update({f"epoch_{k}": column(epochs, k) for k in EPOCH_KEYS})
    return out
