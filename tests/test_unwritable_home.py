"""An app home (``BADBATCH_HOME``) that cannot be written: every command starts with one plain warning and works
without the log file; a command that truly needs the folder fails with one plain line (never a traceback).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image


@pytest.fixture
def unwritable_home(tmp_path) -> Path:
    """An app home below a regular file: nothing can be created in it, for any user (root included)."""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the app's folder should be")
    return blocker / "home"


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unwritable") / "photos"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(24):
        Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(folder / f"p{i:02d}.png")
    return folder


def _badbatch(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BADBATCH_HOME": str(home), "OMP_NUM_THREADS": "1"}
    return subprocess.run(
        [sys.executable, "-m", "badbatch_gui.cli", *args], capture_output=True, text=True, timeout=600, env=env
    )


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("badbatch: warning:")]


def test_scan_works_with_one_warning_about_the_log(unwritable_home, photos):
    res = _badbatch(unwritable_home, "scan", str(photos))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "24 usable" in res.stdout or "24" in res.stdout
    warnings = _warnings(res.stderr)
    assert len(warnings) == 1
    assert "log" in warnings[0]
    assert str(unwritable_home / "logs") in warnings[0]
    assert "Traceback" not in res.stderr
    assert res.stderr.strip() == warnings[0]


def test_train_needs_a_run_folder_there_and_says_so_in_one_line_or_trains_into_out(unwritable_home, photos, tmp_path):
    fast = [
        "--method",
        "emc2",
        "--batch-size",
        "8",
        "--epochs",
        "1",
        "--image-size",
        "32",
        "--device",
        "cpu",
        "--no-curate",
    ]
    res = _badbatch(unwritable_home, "train", str(photos), *fast)
    assert res.returncode == 2
    errors = [line for line in res.stderr.splitlines() if line.startswith("badbatch: error:")]
    assert len(errors) == 1
    assert "--out" in errors[0]
    assert "BADBATCH_HOME" in errors[0]
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 2
    res = _badbatch(unwritable_home, "train", str(photos), *fast, "--out", str(tmp_path / "run"))
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Training time:" in res.stdout
    assert "Traceback" not in res.stderr
    assert len(_warnings(res.stderr)) == 1
