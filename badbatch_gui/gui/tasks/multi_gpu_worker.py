"""The Train page's "Use all graphics cards": training in several processes, driven from the GUI.

A multi-GPU run cannot live in a GUI thread (torch.distributed needs one process per GPU), so
:class:`MultiGpuTrainWorker` starts the command line in a child process::

    badbatch train FOLDER --out RUN_DIR --config SETTINGS.json --nproc N --progress jsonl [--resume]

which launches N workers through torch.distributed.run (core/training/distributed.py). Rank 0 prints every core
event as a JSON line (core/event_codec.py); the worker reads them back and sends the same signals as
:class:`~badbatch_gui.gui.tasks.train_workers.TrainWorker` (both are TrainingWorkers: StepMetrics in lists on
``metrics``, every other event on its own signal; ``done`` gets the TrainSummary). Pause, Resume and Stop on the page set this worker's RunControl; the
worker turns them into the run folder's control file, which rank 0 reads at each step boundary, so all
processes pause or stop (with a checkpoint) at the same step. Errors: the child's plain
"badbatch: error: ..." line becomes the failure message, its last output lines the details.
"""

from __future__ import annotations

import collections
import logging
import os
import queue
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import Cancelled
from badbatch_gui.core.errors import TrainingError
from badbatch_gui.gui.tasks.train_workers import TrainingWorker

log = logging.getLogger(__name__)

POLL_S = 0.1


def cli_command() -> list[str]:
    """How to start ``badbatch`` from here: the bundled executable in the packaged app, else this Python."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable).with_name("badbatch.exe" if os.name == "nt" else "badbatch")
        return [str(exe)]
    return [sys.executable, "-m", "badbatch_gui.cli"]


class MultiGpuTrainWorker(TrainingWorker):
    """Trains ``config`` on ``folder`` into ``run_dir`` with ``nproc`` processes (one per GPU)."""

    def __init__(self, config: TrainConfig, folder: Path, run_dir: Path, nproc: int, resume: bool = False) -> None:
        super().__init__(config, folder, run_dir, resume)
        self.nproc = int(nproc)
        self._finished: ev.RunFinished | None = None
        self._routes[ev.RunFinished] = self._remember_finished

    def command(self, settings_file: Path) -> list[str]:
        """The child's command line."""
        cmd = [
            *cli_command(),
            "train",
            str(self.folder),
            "--out",
            str(self.run_dir),
            "--config",
            str(settings_file),
            "--nproc",
            str(self.nproc),
            "--progress",
            "jsonl",
        ]
        return cmd + (["--resume"] if self.resume else [])

    def work(self) -> Any:
        """Run the child process to its end, relaying its events; returns the TrainSummary."""
        import json

        from badbatch_gui.core.training.run_folder import control_file

        self.run_dir.mkdir(parents=True, exist_ok=True)
        control_file.clear_control(self.run_dir)
        fd, name = tempfile.mkstemp(prefix="badbatch-train-", suffix=".json")
        settings = Path(name)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.config.to_dict(), fh)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        popen_extra: dict[str, Any] = {"start_new_session": True} if os.name != "nt" else {}
        tail: collections.deque[str] = collections.deque(maxlen=40)
        lines: queue.Queue[str | None] = queue.Queue()
        try:
            proc = subprocess.Popen(
                self.command(settings),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                env=env,
                **popen_extra,
            )
            readers = [
                threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True),
                threading.Thread(target=_pump, args=(proc.stderr, None, tail), daemon=True),
            ]
            for t in readers:
                t.start()
            self._relay(proc, lines, tail)
            for t in readers:
                t.join(timeout=5)
        finally:
            self.steps.flush()
            control_file.clear_control(self.run_dir)
            settings.unlink(missing_ok=True)
        return self._outcome(proc.returncode, self._finished, tail)

    def _relay(self, proc: subprocess.Popen, lines: queue.Queue[str | None], tail: collections.deque[str]) -> None:
        """Forward events until the child exits; mirror pause/stop requests into the control file."""
        from badbatch_gui.core.event_codec import from_json
        from badbatch_gui.core.training.run_folder import control_file

        sent = (False, False)
        stream_open = True
        while stream_open or proc.poll() is None:
            wanted = (self.control.stop_requested, self.control.pause_requested)
            if wanted != sent:
                control_file.write_control(self.run_dir, stop=wanted[0], pause=wanted[1])
                sent = wanted
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:
                continue
            if line is None:
                stream_open = False
                continue
            event = from_json(line)
            if event is None:
                tail.append(line.rstrip())
            else:
                self.on_event(event)
        proc.wait()

    def _remember_finished(self, event: ev.RunFinished) -> None:
        """The child's RunFinished: its message explains a failure that printed no error line."""
        self._finished = event

    def _outcome(self, code: int | None, finished: ev.RunFinished | None, tail: collections.deque[str]) -> Any:
        from badbatch_gui.core.training.run_folder import runs
        from badbatch_gui.core.training.run_folder.run_recorder import TrainSummary

        if code == 0:
            record = runs.read_run_record(self.run_dir) or {}
            summary = dict(record.get("summary") or (finished.result if finished is not None else {}) or {})
            names = TrainSummary.__dataclass_fields__
            summary["batch_size_changes"] = tuple(summary.get("batch_size_changes") or ())
            return TrainSummary(**{k: v for k, v in summary.items() if k in names})
        if code == 130 or self.control.stop_requested:
            raise Cancelled()
        errors = [t.split("error:", 1)[1].strip() for t in tail if t.startswith("badbatch: error:")]
        message = (
            errors[-1]
            if errors
            else (
                finished.message
                if finished is not None and finished.message
                else f"Training on several graphics cards failed (exit code {code})."
            )
        )
        output = "\n".join(tail)
        log.error("multi-GPU training failed (exit %s):\n%s", code, output)
        raise TrainingError(message) from RuntimeError(f"exit code {code}; last output:\n{output}")


def _pump(stream: Any, out: queue.Queue | None, tail: collections.deque[str] | None = None) -> None:
    """Copy a child's text stream line by line into a queue (stdout) or a bounded tail (stderr)."""
    try:
        for line in stream:
            if out is not None:
                out.put(line)
            if tail is not None:
                tail.append(line.rstrip())
    finally:
        if out is not None:
            out.put(None)
