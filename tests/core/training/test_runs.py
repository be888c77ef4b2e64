"""Run folders: names, listing with interrupted-run detection, metrics replay."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import numpy as np

from badbatch_gui.core.atomic_files import write_json_atomic
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.training.run_folder import runs


def _record(run_dir, status="running", started="2026-01-01T10:00:00+00:00", **extra):
    run_dir.mkdir(parents=True, exist_ok=True)
    write_json_atomic(
        run_dir / runs.RUN_JSON,
        {"status": status, "started": started, "config": {"method": "emc2"}, "summary": {"train_time_s": 1.5}, **extra},
    )


def test_new_run_dir_is_sanitised_unique_and_in_the_app_runs_folder():
    a = runs.new_run_dir("my/photos: *set*\n..", app_paths().runs_dir)
    b = runs.new_run_dir("my/photos: *set*\n..", app_paths().runs_dir)
    assert a.parent == app_paths().runs_dir
    assert a.is_dir()
    assert b.is_dir()
    assert a != b
    assert "/" not in a.name[16:]
    assert "*" not in a.name
    assert ".." not in a.name
    assert ":" not in a.name[16:]
    assert runs.new_run_dir("", app_paths().runs_dir).name.endswith("-run")


def test_list_runs_statuses_and_resumability(tmp_path):
    _record(tmp_path / "done", "completed", started="2026-01-01T09:00:00+00:00")
    _record(tmp_path / "dead", "running", started="2026-01-01T11:00:00+00:00")
    (tmp_path / "dead" / runs.CHECKPOINT).write_bytes(b"x")
    _record(tmp_path / "live", "running", started="2026-01-01T12:00:00+00:00")
    (tmp_path / "junk").mkdir()
    lock = runs.RunLock(tmp_path / "live")
    assert lock.acquire()
    try:
        infos = runs.list_runs(tmp_path)
        by_name = {i.run_dir.name: i for i in infos}
        assert [i.run_dir.name for i in infos] == ["live", "dead", "done"]
        assert by_name["live"].status == "running"
        assert not by_name["live"].resumable
        assert by_name["dead"].status == "interrupted"
        assert by_name["dead"].resumable
        assert by_name["done"].status == "completed"
        assert not by_name["done"].resumable
        assert by_name["done"].summary["train_time_s"] == 1.5
        assert by_name["done"].config["method"] == "emc2"
    finally:
        lock.release()
    assert runs.run_info(tmp_path / "live").status == "interrupted"


def test_a_lock_held_by_a_killed_process_is_released(tmp_path):
    _record(tmp_path / "r")
    code = (
        "import sys, time; from badbatch_gui.core.training.run_folder.runs import RunLock\n"
        f"l = RunLock({str(tmp_path / 'r')!r}); assert l.acquire(); print('locked', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert runs.run_info(tmp_path / "r").status == "running"
    finally:
        proc.kill()
        proc.wait()
    assert runs.run_info(tmp_path / "r").status == "interrupted"


def test_read_metrics_replays_curves_and_tolerates_a_truncated_line(tmp_path):
    w = runs.JsonlWriter(tmp_path / runs.METRICS_JSONL)
    for i in range(1, 4):
        w.write(
            {
                "event": "step",
                "step": i,
                "loss": float("nan") if i == 2 else 1.0 / i,
                "skipped": i == 2,
                "frd_threshold": None,
                "lr": 0.1,
                "surrogate": -2.0,
                "chance_loss": 3.4,
            }
        )
    w.write({"event": "epoch", "epoch": 0, "mean_loss": 0.7, "rejected": 1, "batches": 3, "step": 3})
    w.close()
    with open(tmp_path / runs.METRICS_JSONL, "a", encoding="utf-8") as fh:
        fh.write('{"event": "step", "step": 4, "lo')  # killed mid-write
    m = runs.read_metrics(tmp_path)
    assert m["step"].tolist() == [1, 2, 3]
    assert m["loss"][0] == 1.0
    assert math.isnan(m["loss"][1])
    assert m["skipped"].tolist() == [0, 1, 0]
    assert np.isnan(m["frd_threshold"]).all()
    assert m["epoch_mean_loss"].tolist() == [0.7]
    assert "NaN" not in (tmp_path / runs.METRICS_JSONL).read_text()
    assert m["surrogate"].tolist() == [-2.0, -2.0, -2.0]
    assert m["chance_loss"][0] == 3.4


def test_runs_recorded_before_the_loss_monitor_show_no_loss_curve(tmp_path):
    """Older runs logged the method's surrogate as "loss": it is not the monitor, so the curve stays empty."""
    w = runs.JsonlWriter(tmp_path / runs.METRICS_JSONL)
    for i in range(1, 4):
        w.write({"event": "step", "step": i, "loss": -5.0 + i, "lr": 0.1})
    w.close()
    m = runs.read_metrics(tmp_path)
    assert np.isnan(m["loss"]).all()
    assert m["surrogate"].tolist() == [-4.0, -3.0, -2.0]


def test_truncate_jsonl_drops_steps_after_the_checkpoint(tmp_path):
    p = tmp_path / "m.jsonl"
    p.write_text("\n".join(json.dumps({"step": s}) for s in range(1, 8)) + "\n{broken", encoding="utf-8")
    runs.truncate_jsonl(p, 4)
    assert [r["step"] for r in runs.read_jsonl(p)] == [1, 2, 3, 4]
    assert not any(n.endswith(".tmp") for n in os.listdir(tmp_path))


def test_a_run_that_failed_before_preparing_its_photos_cannot_resume(tmp_path):
    """A failed 0-photo run (older versions created one) is listed as failed, not "failed — can resume"."""
    _record(tmp_path / "empty", "errored")
    data = runs.read_json(tmp_path / "empty" / runs.RUN_JSON)
    data["n_images"] = None
    write_json_atomic(tmp_path / "empty" / runs.RUN_JSON, data)
    assert not runs.run_info(tmp_path / "empty").resumable
    data["n_images"] = 48  # failed later (e.g. a NaN before the first checkpoint): starts again from the beginning
    write_json_atomic(tmp_path / "empty" / runs.RUN_JSON, data)
    assert runs.run_info(tmp_path / "empty").resumable
