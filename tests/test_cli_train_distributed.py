"""``badbatch train --nproc 2``: two gloo CPU processes (torch.distributed.run) train one run.

The end-to-end test runs what a user runs: the CLI with ``--nproc 2``, progress as JSON lines, with
``BADBATCH_DEBUG_STEPS`` set so that each rank writes a fingerprint line per step (core/training/loop/step_fingerprints.py).
It pauses and resumes the run through the control file (the GUI's path), stops it with SIGINT (Ctrl-C),
then resumes the rank-0 checkpoint in one process. Checked: the EMC2 chain tables and the model
parameters are identical on both ranks after every step, the first steps' loss and gradient norm equal a
single-process run's (the all-gather + DDP gradient is the global batch's gradient), the loss goes down,
rank 0 alone wrote the records, and the single-process resume continues with the planned next batch.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from badbatch_gui.cli import build_parser, main
from badbatch_gui.cli.train_cmd import _worker_argv, build_config
from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.dataset import plan_batches
from badbatch_gui.core.event_codec import from_json
from badbatch_gui.core.training.loop.step_fingerprints import ENV as DEBUG_ENV
from badbatch_gui.core.training.loop.trainer import Trainer
from badbatch_gui.core.training.run_folder import checkpoint as ckpt
from badbatch_gui.core.training.run_folder import control_file, runs
from badbatch_gui.core.training.run_folder.run_recorder import indices_sha as _indices_sha
from tests.helpers.synth_images import make_folder

torch.set_num_threads(1)
N, BATCH, EPOCHS = 48, 8, 3
STEPS = EPOCHS * (N // BATCH)
ARGS = [
    "--method",
    "emc2",
    "--batch-size",
    str(BATCH),
    "--epochs",
    str(EPOCHS),
    "--image-size",
    "32",
    "--device",
    "cpu",
    "--seed",
    "0",
    "--checkpoint-every-steps",
    "2",
]
CONFIG = TrainConfig(
    method="emc2", batch_size=BATCH, epochs=EPOCHS, image_size=32, device="cpu", seed=0, checkpoint_every_steps=2
)


class _Lines:
    """Reads a process's stdout in a thread; ``wait_for`` parses JSON events until one matches."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc, self.events, self.other = proc, [], []
        self._q: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._q.put(line)
        self._q.put(None)

    def poll(self, seconds: float) -> list:
        """Events that arrive within ``seconds``."""
        got, end = [], time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                line = self._q.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            e = from_json(line)
            (got if e is not None else self.other).append(e if e is not None else line)
        self.events += got
        return got

    def wait_for(self, pred, timeout: float = 180.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for e in self.poll(0.2):
                if pred(e):
                    return e
            if self.proc.poll() is not None and self._q.empty():
                break
        self.proc.kill()
        raise AssertionError(f"event not seen; rc={self.proc.poll()} stderr: {self.proc.stderr.read()[-3000:]}")


def _debug_lines(folder: Path, rank: int) -> list[dict]:
    return [json.loads(x) for x in (folder / f"steps_rank{rank}.jsonl").read_text().splitlines()]


def _step_records(run_dir: Path) -> list[dict]:
    return [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]


def test_two_processes_keep_tables_identical_stop_together_and_resume_in_one_process(tmp_path, monkeypatch):
    pics = make_folder(tmp_path / "pics", n=N, seed=0)
    run_dir, dbg = tmp_path / "run", tmp_path / "dbg"
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "BADBATCH_HOME": str(tmp_path / "home"),
        DEBUG_ENV: str(dbg),
        "PYTHONUNBUFFERED": "1",
    }
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "badbatch_gui.cli",
            "train",
            str(pics),
            *ARGS,
            "--out",
            str(run_dir),
            "--nproc",
            "2",
            "--progress",
            "jsonl",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines = _Lines(proc)
    try:
        lines.wait_for(lambda e: isinstance(e, ev.StepMetrics) and e.step >= 3)
        control_file.write_control(run_dir, pause=True)  # the GUI's pause: both ranks wait at one boundary
        lines.wait_for(lambda e: isinstance(e, ev.StateChanged) and e.state is ev.RunState.PAUSED)
        paused_at = max(e.step for e in lines.events if isinstance(e, ev.StepMetrics))
        assert not [e for e in lines.poll(1.0) if isinstance(e, ev.StepMetrics)]  # nothing trains while paused
        control_file.write_control(run_dir, pause=False)
        lines.wait_for(lambda e: isinstance(e, ev.StateChanged) and e.state is ev.RunState.RUNNING)
        lines.wait_for(lambda e: isinstance(e, ev.StepMetrics) and e.step >= paused_at + 2)
        proc.send_signal(signal.SIGINT)  # Ctrl-C: torchrun forwards it to both workers
        lines.poll(0.5)
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    lines.poll(0.5)
    launch_s = time.perf_counter() - t0
    assert proc.returncode == 130, proc.stderr.read()[-3000:]

    # Both ranks: the same steps, chain tables and parameters after every step; the tables do change.
    r0, r1 = _debug_lines(dbg, 0), _debug_lines(dbg, 1)
    stopped = len(r0)
    assert [d["step"] for d in r0] == [d["step"] for d in r1] == list(range(1, stopped + 1))
    assert all(d["world_size"] == 2 for d in r0 + r1)
    for a, b in zip(r0, r1, strict=True):
        assert a["table_sha"] == b["table_sha"], a["step"]
        assert a["params_sha"] == b["params_sha"], a["step"]
        assert a["loss"] == b["loss"]
        assert a["grad_norm"] == b["grad_norm"]
    assert len({d["table_sha"] for d in r0}) == stopped
    assert paused_at + 2 <= stopped < STEPS

    # Rank 0 alone wrote the records; the checkpoint is the single-process format, taken at the stop.
    recs = _step_records(run_dir)
    assert [r["step"] for r in recs] == list(range(1, stopped + 1))
    saved = ckpt.load_checkpoint(run_dir / runs.CHECKPOINT)
    assert saved["step"] == stopped
    assert saved["world_size"] == 2
    assert not any(k.startswith("module.") for k in saved["model"])
    info = runs.run_info(run_dir)
    assert info.status == "canceled"
    assert info.resumable
    assert sorted(p.name for p in (tmp_path / "home").rglob("steps_rank*")) == []  # nothing stray

    # One process, same settings: the first two steps give the same loss and gradient norm.
    monkeypatch.setenv(DEBUG_ENV, str(tmp_path / "dbg_ref"))
    control = RunControl()
    Trainer(CONFIG, pics, tmp_path / "ref").run(
        control=control, on_event=lambda e: isinstance(e, ev.StepMetrics) and e.step == 2 and control.request_stop()
    )
    ref = _debug_lines(tmp_path / "dbg_ref", 0)
    for a, b in zip(r0[:2], ref, strict=True):
        assert a["loss"] == pytest.approx(b["loss"], rel=1e-4, abs=1e-5)
        assert a["grad_norm"] == pytest.approx(b["grad_norm"], rel=1e-4)

    # The rank-0 checkpoint resumes in a single process and continues with the planned next batch.
    t1 = time.perf_counter()
    monkeypatch.setenv(DEBUG_ENV, str(tmp_path / "dbg_resume"))
    summary = Trainer(TrainConfig(device="cpu"), pics, run_dir).run(resume=True)
    resume_s = time.perf_counter() - t1
    assert summary.status == "completed"
    assert summary.steps == STEPS
    recs = _step_records(run_dir)
    assert [r["step"] for r in recs] == list(range(1, STEPS + 1))
    per_epoch = N // BATCH
    plan = plan_batches(N, BATCH, seed=0, epoch=stopped // per_epoch)
    assert recs[stopped]["indices_sha"] == _indices_sha(plan[stopped % per_epoch])
    resumed = _debug_lines(tmp_path / "dbg_resume", 0)
    assert resumed[0]["step"] == stopped + 1
    assert resumed[0]["world_size"] == 1
    losses = np.array([r["loss"] for r in recs])
    assert np.all(np.isfinite(losses)), losses
    assert losses[-4:].mean() < losses[:4].mean() - 0.1, losses
    rec = json.loads((run_dir / runs.RUN_JSON).read_text())
    assert rec["status"] == "completed"
    assert rec["world_size"] == 1
    print(  # noqa: T201 - the figure this opt-in test reports
        f"\n2-process launch until stopped: {launch_s:.1f} s ({stopped} steps); "
        f"1-process resume: {resume_s:.1f} s ({STEPS - stopped} steps)"
    )


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--nproc", "3", "--batch-size", "8"], "split evenly over 3 processes"),
        (["--nproc", "0"], "at least 1"),
        (["--nproc", "2", "--nnodes", "2"], "--rdzv-endpoint"),
    ],
)
def test_bad_multi_process_requests_exit_2_before_anything_starts(tmp_path, capsys, argv, fragment):
    pics = make_folder(tmp_path / "pics", n=4, seed=0)
    assert main(["train", str(pics), "--device", "cpu", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("badbatch: error:")
    assert fragment in err[0]
    assert not (tmp_path / "badbatch_home").exists() or not list((tmp_path / "badbatch_home").rglob("run.json"))


def test_workers_get_every_option_but_the_launch_ones(tmp_path):
    folder = tmp_path / "pics"
    folder.mkdir()
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"config": {"exclude": ["a.png", "b/c.png"], "beta": 10.0}}))
    argv = [
        "train",
        str(folder),
        "--preset",
        "quick_check",
        "--batch-size",
        "8",
        "--lr",
        "0.0003",
        "--no-curate",
        "--max-images",
        "40",
        "--checkpoint-minutes",
        "2.5",
        "--config",
        str(settings),
        "--nproc",
        "2",
        "--out",
        str(tmp_path / "run"),
        "--resume",
    ]
    args = build_parser().parse_args(argv)
    worker = _worker_argv(args, folder, tmp_path / "run")
    assert "--nproc" not in worker
    assert "--resume" in worker
    again = build_parser().parse_args(worker)
    assert build_config(again) == build_config(args)
    cfg = build_config(args)
    assert cfg.exclude == ("a.png", "b/c.png")
    assert cfg.beta == 10.0
    assert cfg.lr == 0.0003
    assert cfg.curate is False
    assert Path(again.out).is_absolute()
    assert again.nproc is None
