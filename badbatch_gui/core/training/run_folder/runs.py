"""Training run folders: creation, the run.json record, live-lock detection, metrics replay.

A run folder (``AppPaths.runs_dir / <timestamp>-<name>``) holds ``run.json``, ``images.json``,
``metrics.jsonl``, ``rejected_batches.jsonl`` and ``checkpoint.pt`` (docs/design/architecture.md §5).

Telling a live run from a dead one: while training, the trainer holds an exclusive OS lock on
``RUN_DIR/.lock`` (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows). The OS drops the lock when the
process dies, even on SIGKILL or a power cut, so a run whose run.json still says "running" but whose lock
can be taken is "interrupted". This is immune to pid reuse; run.json also records pid and host for people.
"""

from __future__ import annotations

import datetime as _dt
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
from badbatch_gui.core.config import is_trial
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.file_names import display_name, json_text
from badbatch_gui.core.json_checks import MAX_FILE_BYTES, JsonObject, parse_json, read_json_file
from badbatch_gui.core.safe_names import name_part
from badbatch_gui.core.training.methods.health import HEALTH_KEYS
from badbatch_gui.core.training.run_folder.run_json import STATUSES as STATUSES
from badbatch_gui.core.training.run_folder.run_json import clean_run_record

log = logging.getLogger(__name__)

RUN_JSON = "run.json"
IMAGES_JSON = "images.json"
METRICS_JSONL = "metrics.jsonl"
REJECTED_JSONL = "rejected_batches.jsonl"
CHECKPOINT = "checkpoint.pt"
LOCK_FILE = ".lock"


def now_iso() -> str:
    """Local time with offset, seconds precision (run.json "started"/"finished")."""
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def new_run_dir(name_hint: str, runs_dir: Path) -> Path:
    """Create and return a new, empty run folder ``<runs_dir>/<YYYYmmdd-HHMMSS>-<sanitised hint>``.

    The hint (e.g. the image folder's name) is cleaned by :func:`safe_names.name_part` (no separators, reserved
    characters, control characters or reserved device names; at most 48 characters); a clash gets a ``-2``,
    ``-3``... suffix.
    """
    base = Path(runs_dir)
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
# JSON helpers (files are written with atomic_files.write_json_atomic: strict JSON, NaN as null)
# ----------------------------------------------------------------------------------------------------------


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in ``path``, or None when it is missing, unreadable, too large or too deeply nested, or not
    an object (logged). Its values are not checked: :func:`read_run_record` does that for run.json.
    """
    try:
        data = read_json_file(Path(path))
    except FileNotFoundError:
        return None
    except (OSError, RecordError) as exc:
        log.warning("cannot read %s: %s", display_name(path), display_name(exc))
        return None
    if not isinstance(data, dict):
        log.warning("cannot read %s: it does not hold a JSON object", display_name(path))
        return None
    return data


def read_run_record(run_dir: Path) -> dict[str, Any] | None:
    """The run folder's run.json with every known field checked (``run_json.clean_run_record``); None when it is
    missing or unreadable.
    """
    data = read_json(Path(run_dir) / RUN_JSON)
    return None if data is None else clean_run_record(data, f"{display_name(Path(run_dir).name)}/{RUN_JSON}")


class JsonlWriter:
    """Append-only JSON-lines file; every line is flushed at once so a crash loses at most that line."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # open for the whole run, closed by close()
        self._fh: IO[str] | None = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - see above

    def write(self, record: dict[str, Any]) -> None:
        """Append one record (NaN/inf written as null)."""
        if self._fh is None:
            raise ValueError("writer closed")
        self._fh.write(json_text(atomic_files.json_safe(record), allow_nan=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All complete records of a JSON-lines file; a truncated, corrupt or too deeply nested line (crash mid-write,
    damage) is skipped, and so is a line that is not an object.
    """
    out: list[dict[str, Any]] = []
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return out
    except OSError as exc:
        log.warning("cannot read %s: %s", display_name(path), exc)
        return out
    if len(raw) > MAX_FILE_BYTES:
        log.warning("%s is larger than %d MB; only its first part is read", display_name(path), MAX_FILE_BYTES >> 20)
        raw = raw[:MAX_FILE_BYTES]
    skipped = 0
    for line in raw.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            rec = parse_json(line, str(path))
        except RecordError:
            skipped += 1
            continue
        if isinstance(rec, dict):
            out.append(rec)
        else:
            skipped += 1
    if skipped:
        log.info("skipped %d incomplete or damaged lines in %s", skipped, display_name(path))
    return out


def _step_of(record: dict[str, Any]) -> int:
    """A metrics / rejected-batch record's step (0 when missing or damaged)."""
    return int(JsonObject(record, "metrics line").integer("step", 0))


def truncate_jsonl(path: Path, max_step: int) -> None:
    """Keep only records whose ``step`` is at most ``max_step`` (used on resume: the killed run may have
    logged steps after its last checkpoint, which the resumed run will log again).
    """
    path = Path(path)
    if not path.exists():
        return
    keep = [r for r in read_jsonl(path) if _step_of(r) <= max_step]
    atomic_files.write_text_atomic(
        path, "".join(json_text(atomic_files.json_safe(r), allow_nan=False) + "\n" for r in keep)
    )


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
        fh = open(self.path, "a+b")  # noqa: SIM115 - held while the lock is held, closed on release
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
    """The process id and host name of this process, recorded in run.json for people reading it."""
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
            checkpoint starts again from the beginning with them); a failed run without a checkpoint that never
            prepared its photos (``n_images`` unset) is not resumable.
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

    @property
    def trial(self) -> bool:
        """A trial run (Quick check): proves the chain works; its model is not for use (``config.is_trial``)."""
        return is_trial(self.config)


def run_info(run_dir: Path, data: dict[str, Any] | None = None) -> RunInfo | None:
    """Read one run folder; None when it has no readable run.json (a damaged field is left out, logged).

    ``data``: the folder's run.json as :func:`read_run_record` returned it, when the caller has already read it.
    """
    run_dir = Path(run_dir)
    if data is None:
        data = read_run_record(run_dir)
    if data is None:
        return None
    status = data["status"]
    if status == "running" and not is_live(run_dir):
        status = "interrupted"
    has_ckpt = (run_dir / CHECKPOINT).exists() or (run_dir / f"{CHECKPOINT}.prev").exists()
    # a failed run that never got as far as its photos (e.g. a folder without a usable photo) cannot resume:
    # starting it again would fail the same way
    prepared = bool(data.get("n_images")) or status != "errored"
    return RunInfo(
        run_dir=run_dir,
        status=status,
        config=data["config"],
        started=data.get("started"),
        finished=data.get("finished"),
        summary=data["summary"],
        has_checkpoint=has_ckpt,
        resumable=(has_ckpt or (bool(data.get("config")) and prepared))
        and status in ("interrupted", "canceled", "errored"),
        folder=data.get("folder"),
        reason_message=str(data.get("reason_message") or ""),
        left_out=data["left_out"],
    )


def list_runs(runs_dir: Path) -> list[RunInfo]:
    """Every run folder under ``runs_dir`` (the app's: ``AppPaths.runs_dir``), newest first by start time."""
    base = Path(runs_dir)
    if not base.is_dir():
        return []
    infos = [info for d in base.iterdir() if d.is_dir() and (info := run_info(d)) is not None]
    infos.sort(key=lambda r: (r.started or "", r.run_dir.name), reverse=True)
    return infos


STEP_KEYS = (
    "step",
    "total_steps",
    "epoch",
    "loss",
    "lr",
    "images_per_s",
    "batch_frd",
    "frd_threshold",
    "rejected_batches",
    "batch_size",
    "eta_s",
    "elapsed_s",
    "cuda_allocated",
    "cuda_reserved",
    "cuda_total",
    "rss_bytes",
    "skipped",
    "surrogate",
    "chance_loss",
    *HEALTH_KEYS,
)
EPOCH_KEYS = (
    "epoch",
    "mean_loss",
    "rejected",
    "batches",
    "step",
    "chance_loss",
    "global_loss",
    "global_photos",
    "global_loss_on_step_scale",
)


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
        return np.asarray([_as_float(r.get(key)) for r in records], dtype=np.float64)

    if steps and not any("surrogate" in r for r in steps):
        # Runs recorded before the monitor existed logged the method's surrogate as "loss", which cannot be
        # compared with the monitor: keep it as "surrogate" and leave the loss curve empty.
        steps = [{**r, "surrogate": r.get("loss"), "loss": None} for r in steps]
    out = {k: column(steps, k) for k in STEP_KEYS}
    out.update({f"epoch_{k}": column(epochs, k) for k in EPOCH_KEYS})
    return out


@dataclass(frozen=True)
class RecordedNotice:
    """A notice the run recorded in metrics.jsonl (the health warnings): its stable ``code``, the English ``message``,
    ``level``, the ``data`` to say it in another language, and the ``step`` it was raised at.
    """

    code: str
    message: str
    level: str
    data: dict[str, Any]
    step: int


MAX_NOTICES = 1000


def read_notices(run_dir: Path) -> list[RecordedNotice]:
    """The notices recorded in a run's metrics.jsonl (``"event": "notice"``), in order; a damaged line is skipped.
    At most :data:`MAX_NOTICES` (a notice is raised only when a problem starts, so a run has a handful).
    """
    out: list[RecordedNotice] = []
    for rec in read_jsonl(Path(run_dir) / METRICS_JSONL):
        if rec.get("event") != "notice" or len(out) >= MAX_NOTICES:
            continue
        d = JsonObject(rec, "notice line")
        code = d.text("code", "", 64)
        if not code:
            continue
        data = d.value("data", {}, max_depth=2)
        out.append(
            RecordedNotice(
                code,
                d.text("message", "", 4096),
                d.text("level", "warning", 16),
                data if isinstance(data, dict) else {},
                d.integer("step", 0, 0),
            )
        )
    return out


def _as_float(v: Any) -> float:
    """A metrics value as a float: numbers as they are (NaN beyond float range), true/false as 1/0, else NaN."""
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        try:
            return float(v)
        except OverflowError:
            return math.nan
    return math.nan
