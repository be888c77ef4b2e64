"""``badbatch train``: argument errors, the three figures, Ctrl-C, and a SIGKILL mid-epoch that resumes exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.cli import main
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.training.loop.trainer import Trainer
from badbatch_gui.core.training.run_folder import checkpoint as ckpt
from badbatch_gui.core.training.run_folder import runs

torch.set_num_threads(1)
ARGS = [
    "--method",
    "emc2",
    "--batch-size",
    "8",
    "--epochs",
    "2",
    "--image-size",
    "32",
    "--device",
    "cpu",
    "--seed",
    "0",
]


def _pictures(folder: Path, n: int = 48) -> Path:
    rng = np.random.default_rng(0)
    folder.mkdir(parents=True)
    for i in range(n):
        img = np.zeros((32, 32, 3), np.uint8) + rng.integers(0, 60, 3).astype(np.uint8)
        y, x = rng.integers(4, 20, 2)
        img[y : y + 10, x : x + 10] = [(220, 40, 40), (40, 200, 60), (50, 80, 230), (230, 220, 60)][i % 4]
        Image.fromarray(img).save(folder / f"img_{i:04d}.png")
    return folder


@pytest.fixture(scope="module")
def pictures(tmp_path_factory) -> Path:
    return _pictures(tmp_path_factory.mktemp("cli") / "pictures")


def _train(folder: Path, run_dir: Path, home: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "BADBATCH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "badbatch_gui.cli", "train", str(folder), *ARGS, "--out", str(run_dir), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for_checkpoint(proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("checkpoint saved"):
            return line
    proc.kill()
    raise AssertionError("no checkpoint line: " + proc.stderr.read()[-2000:])


def _steps(run_dir: Path) -> list[dict]:
    return [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--batch-size", "1"], "batch size"),
        (["--epochs", "0"], "epochs"),
        (["--resume"], "--resume needs --out"),
        (["--checkpoint-every", "0"], "checkpoint pass interval"),
        (["--emc2-variant", "paper", "--nproc", "2", "--device", "cpu"], "EMC2 (paper) trains in one process only"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(pictures, capsys, argv, fragment):
    assert main(["train", str(pictures), *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("badbatch: error:")
    assert fragment in err[0]


def test_unusable_folder_or_run_dir_inside_it_exit_2(pictures, tmp_path, capsys):
    assert main(["train", str(tmp_path / "missing")]) == 2
    assert main(["train", str(pictures), "--out", str(pictures / "run")]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["train", str(empty), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert all(e.startswith("badbatch: error:") for e in err)
    assert "Traceback" not in "".join(err)
    assert not any(p.name == "run" for p in pictures.iterdir())
    assert not (tmp_path / "r").exists()  # refused before the run folder was made


def test_an_empty_folder_creates_no_run(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    before = set(app_paths().runs_dir.glob("*")) if app_paths().runs_dir.exists() else set()
    assert main(["train", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "No usable image" in err
    assert "Traceback" not in err
    after = set(app_paths().runs_dir.glob("*")) if app_paths().runs_dir.exists() else set()
    assert after == before  # no failed, empty run listed as "can resume"


def test_prints_the_three_figures(pictures, tmp_path, capsys):
    code = main(
        [
            "train",
            str(pictures),
            *ARGS[:4],
            "--epochs",
            "1",
            "--image-size",
            "32",
            "--device",
            "cpu",
            "--max-images",
            "16",
            "--no-curate",
            "--out",
            str(tmp_path / "run"),
        ]
    )
    text = capsys.readouterr().out
    assert code == 0
    assert "Training time:" in text
    assert "Peak memory:" in text
    assert "Data used: 16 images" in text
    assert runs.run_info(tmp_path / "run").status == "completed"
    assert runs.run_info(tmp_path / "run").config["curate"] is False
    # one sentence on the loss: against the start and the collapse level log(2B - 2) = log(14) = 2.64
    assert text.count("The loss ") == 1
    assert "(all photos alike, collapsed: 2.64)" in text


def test_the_variant_and_checkpoint_interval_options_reach_the_run(pictures, tmp_path, capsys):
    code = main(
        [
            "train",
            str(pictures),
            *ARGS[:4],
            "--emc2-variant",
            "stored",
            "--checkpoint-every",
            "3",
            "--epochs",
            "1",
            "--image-size",
            "32",
            "--device",
            "cpu",
            "--max-images",
            "16",
            "--no-curate",
            "--out",
            str(tmp_path / "run"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    config = runs.run_info(tmp_path / "run").config
    assert config["emc2_variant"] == "stored"
    assert config["checkpoint_every_passes"] == 3


def test_ctrl_c_stops_with_a_checkpoint(pictures, tmp_path):
    proc = _train(pictures, tmp_path / "run", tmp_path / "home", "--checkpoint-every-steps", "2")
    _wait_for_checkpoint(proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert "resume with" in out
    assert "Training time:" in out
    info = runs.run_info(tmp_path / "run")
    assert info.status == "canceled"
    assert info.resumable


def test_sigkill_mid_epoch_resumes_from_the_last_checkpoint_exactly(pictures, tmp_path):
    cfg = TrainConfig(method="emc2", batch_size=8, epochs=2, image_size=32, device="cpu", seed=0)
    run_dir = tmp_path / "run"
    proc = _train(pictures, run_dir, tmp_path / "home", "--checkpoint-every-steps", "2")
    _wait_for_checkpoint(proc)
    deadline = time.monotonic() + 120
    while len(_steps(run_dir)) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    saved = ckpt.load_checkpoint(run_dir / runs.CHECKPOINT)  # never corrupt: loads (or falls back to .prev)
    resume_step = int(saved["step"])
    assert 2 <= resume_step < 12
    assert resume_step % 2 == 0
    info = runs.run_info(run_dir)
    assert info.status == "interrupted"
    assert info.resumable

    summary = Trainer(TrainConfig(device="cpu"), pictures, run_dir).run(resume=True)
    assert summary.status == "completed"
    assert summary.steps == 12
    Trainer(cfg, pictures, tmp_path / "reference").run()
    got, ref = _steps(run_dir), _steps(tmp_path / "reference")
    assert [r["step"] for r in got] == list(range(1, 13))
    nxt = got[resume_step]  # the first step after the checkpoint
    assert nxt["indices_sha"] == ref[resume_step]["indices_sha"]
    assert nxt["loss"] == pytest.approx(ref[resume_step]["loss"], rel=1e-6, abs=1e-7)
    assert [r["loss"] for r in got] == pytest.approx([r["loss"] for r in ref], rel=1e-5, abs=1e-6)
    assert runs.run_info(run_dir).status == "completed"


def test_the_folders_leave_out_decisions_apply_unless_all_photos_are_asked_for(pictures, tmp_path, capsys, monkeypatch):
    """The command line leaves out what the app's Batch check / Train page decided, as the window does."""
    from badbatch_gui.core.scoring.decisions import DecisionStore

    monkeypatch.setenv("BADBATCH_HOME", str(tmp_path / "home"))
    store = DecisionStore.load(pictures, app_paths().decisions_file(pictures))
    store.set_image(pictures / "img_0000.png", "reject", ["dark"])
    store.set_image(pictures / "img_0001.png", "reject", ["blurry"])
    store.set_image(pictures / "img_0002.png", "reject")
    store.save()
    base = ["train", str(pictures), *ARGS[:4], "--epochs", "1", "--image-size", "32", "--device", "cpu", "--no-curate"]
    assert main([*base, "--out", str(tmp_path / "run")]) == 0
    text = capsys.readouterr().out
    assert "3 photos left out" in text
    assert "1 too dark" in text
    assert "1 by hand" in text
    assert "Data used: 45 images" in text
    assert sorted(runs.run_info(tmp_path / "run").config["exclude"]) == [f"img_000{i}.png" for i in range(3)]
    assert main([*base, "--use-all-photos", "--out", str(tmp_path / "all")]) == 0
    assert "Data used: 48 images" in capsys.readouterr().out


FAST = [*ARGS[:4], "--epochs", "1", "--image-size", "32", "--device", "cpu", "--max-images", "16", "--no-curate"]


def _one_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("badbatch: error: "), err
    assert "Traceback" not in err[0], err
    return err[0]


def test_a_run_folder_is_never_trained_over_without_being_asked(pictures, tmp_path, capsys, snapshot):
    """A finished run, and an unfinished one, are refused (exit 2, one line); the folders are unchanged."""
    photos = snapshot(pictures)
    finished = tmp_path / "finished"
    assert main(["train", str(pictures), *FAST, "--out", str(finished)]) == 0
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    (unfinished / "run.json").write_text('{"status": "running"}')
    (unfinished / "metrics.jsonl").write_text('{"step": 1}\n')
    capsys.readouterr()
    for run_dir in (finished, unfinished):
        before = snapshot(run_dir)
        assert main(["train", str(pictures), *FAST, "--out", str(run_dir)]) == 2
        line = _one_error(capsys)
        assert str(run_dir) in line
        assert "--resume" in line
        assert "--force" in line
        assert snapshot(run_dir) == before
    assert snapshot(pictures) == photos


def test_force_keeps_the_earlier_runs_aside_under_numbered_names(pictures, tmp_path, capsys, snapshot):
    run_dir = tmp_path / "run"
    assert main(["train", str(pictures), *FAST, "--out", str(run_dir)]) == 0
    first = snapshot(run_dir)
    capsys.readouterr()
    assert main(["train", str(pictures), *FAST, "--seed", "1", "--out", str(run_dir), "--force"]) == 0
    assert f"it is now in {tmp_path / 'run.previous'}" in capsys.readouterr().out
    second = snapshot(run_dir)
    assert main(["train", str(pictures), *FAST, "--seed", "2", "--out", str(run_dir), "--force"]) == 0
    assert snapshot(tmp_path / "run.previous") == first  # never overwritten by the second --force
    assert snapshot(tmp_path / "run.previous.1") == second
    assert runs.run_info(run_dir).status == "completed"
    assert runs.run_info(run_dir).config["seed"] == 2


def test_a_run_training_right_now_is_never_moved(pictures, tmp_path, capsys, snapshot):
    run_dir = tmp_path / "live"
    run_dir.mkdir()
    (run_dir / "run.json").write_text('{"status": "running"}')
    lock = runs.RunLock(run_dir)
    assert lock.acquire()  # as the training process holds it
    try:
        before = snapshot(run_dir)
        assert main(["train", str(pictures), *FAST, "--out", str(run_dir), "--force"]) == 2
        assert "training right now" in _one_error(capsys)
        assert snapshot(run_dir) == before
        assert not (tmp_path / "live.previous").exists()
    finally:
        lock.release()


@pytest.mark.parametrize("case", ["out_is_a_file", "resume_and_force", "resume_nothing"])
def test_unusable_run_folder_arguments_are_one_line(pictures, tmp_path, capsys, case):
    target = tmp_path / "target"
    extra: list[str] = []
    if case == "out_is_a_file":
        target.write_text("mine")
    elif case == "resume_and_force":
        extra = ["--resume", "--force"]
    else:
        target.mkdir()
        extra = ["--resume"]
    assert main(["train", str(pictures), *FAST, "--out", str(target), *extra]) == 2
    _one_error(capsys)
    assert target.read_text() == "mine" if case == "out_is_a_file" else not any(target.glob("*"))


def test_the_trainer_itself_never_starts_a_new_run_over_an_earlier_one(pictures, tmp_path, snapshot):
    from badbatch_gui.core.training.run_folder.run_target import RunExistsError

    run_dir = tmp_path / "run"
    cfg = TrainConfig(
        method="emc2", batch_size=8, epochs=1, image_size=32, device="cpu", seed=0, max_images=16, curate=False
    )
    Trainer(cfg, pictures, run_dir).run()
    before = snapshot(run_dir)
    with pytest.raises(RunExistsError):
        Trainer(cfg, pictures, run_dir).run()
    assert snapshot(run_dir) == before


def test_damaged_leave_out_decisions_are_said_and_one_bad_entry_loses_only_itself(
    pictures, tmp_path, capsys, monkeypatch
):
    import json

    from badbatch_gui.core.scoring.decisions import DecisionStore

    monkeypatch.setenv("BADBATCH_HOME", str(tmp_path / "home"))
    store = DecisionStore.load(pictures, app_paths().decisions_file(pictures))
    store.set_image(pictures / "img_0000.png", "reject", ["dark"])
    store.set_image(pictures / "img_0001.png", "reject")
    store.save()
    data = json.loads(store.file.read_text(encoding="utf-8"))
    data["images"]["img_0002.png"] = {"decision": "reject", "size_bytes": "big"}
    store.file.write_text(json.dumps(data), encoding="utf-8")
    base = ["train", str(pictures), *ARGS[:4], "--epochs", "1", "--image-size", "32", "--device", "cpu", "--no-curate"]
    assert main([*base, "--out", str(tmp_path / "run")]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("badbatch: warning:")]
    assert len(warnings) == 1
    assert "1 damaged entry" in warnings[0]
    assert "the other 2 decisions are used" in warnings[0]
    assert "2 photos left out" in captured.out
    assert "Data used: 46 images" in captured.out

    store.file.write_text("{damaged", encoding="utf-8")
    assert main([*base, "--out", str(tmp_path / "run2")]) == 0
    captured = capsys.readouterr()
    assert "kept as" in captured.err
    assert str(store.file) + ".broken" in captured.err
    assert "Traceback" not in captured.err
    assert "Data used: 48 images" in captured.out
    assert (store.file.parent / (store.file.name + ".broken")).read_text(encoding="utf-8") == "{damaged"
