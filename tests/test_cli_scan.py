"""``badbatch scan`` and ``badbatch demo``: exit codes, one-line errors, the JSON report, no writes into DIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from badbatch_gui.cli import main


def _img(path: Path, seed: int = 0, size: tuple[int, int] = (40, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    arr = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    Image.fromarray(arr).save(path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "pics"
    _img(root / "a.png")
    _img(root / "sub" / "写真 1.png", seed=1)
    (root / "copy.png").write_bytes((root / "a.png").read_bytes())
    (root / "empty.jpg").write_bytes(b"")
    (root / "notes.jpg").write_text("hello", encoding="utf-8")
    return root


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("badbatch: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_scan_writes_json_and_summary(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "reports" / "scan.json"
    assert main(["scan", str(folder), "--json", str(report)]) == 0
    captured = capsys.readouterr()
    assert "3 usable images, 2 unusable files (cannot be read or used), 1 duplicate group" in captured.out
    assert "zero_bytes 1" in captured.out
    assert "not_an_image 1" in captured.out
    assert captured.err == ""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["root"] == str(folder.resolve())
    assert [i["path"] for i in data["images"]] == ["a.png", "copy.png", "sub/写真 1.png"]
    assert all(set(i) >= {"path", "width", "height"} for i in data["images"])
    assert {p["path"]: p["reason"] for p in data["problems"]} == {
        "empty.jpg": "zero_bytes",
        "notes.jpg": "not_an_image",
    }
    assert all(set(p) == {"path", "reason", "message"} for p in data["problems"])
    assert data["duplicates"] == [["a.png", "copy.png"]]


def test_scan_options(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scan", str(folder), "--verify"]) == 0
    assert main(["scan", str(folder), "--min-side", "35"]) == 2  # every picture is 40x30: none usable
    captured = capsys.readouterr()
    assert "too_small 3" in captured.out
    assert "No usable image" in _one_error_line(captured.err)
    assert main(["scan", str(folder), "--min-side", "0"]) == 2
    _one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("case", ["missing", "file", "empty", "only_broken"])
def test_scan_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    target = tmp_path / case
    if case == "file":
        _img(tmp_path / "file.png").rename(target)
    elif case == "empty":
        target.mkdir()
    elif case == "only_broken":
        target.mkdir()
        (target / "x.jpg").write_bytes(b"")
    report = tmp_path / "r.json"
    assert main(["scan", str(target), "--json", str(report)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert str(target) in line
    assert report.exists() == (case in ("empty", "only_broken"))  # a scanned folder still gets its report


def test_scan_refuses_a_report_inside_the_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in folder.rglob("*"))
    assert main(["scan", str(folder), "--json", str(folder / "report.json")]) == 2
    assert "inside the scanned folder" in _one_error_line(capsys.readouterr().err)
    assert sorted(p.name for p in folder.rglob("*")) == before


def test_scan_in_a_subprocess(folder: Path, tmp_path: Path) -> None:
    report = tmp_path / "sub.json"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run(
        [sys.executable, "-m", "badbatch_gui.cli", "scan", str(folder), "--json", str(report)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )
    assert res.returncode == 0, res.stderr
    assert len(json.loads(report.read_text(encoding="utf-8"))["images"]) == 3
    res = subprocess.run(
        [sys.executable, "-m", "badbatch_gui.cli", "scan", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )
    assert res.returncode == 2
    _one_error_line(res.stderr)


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", str(out), "--images", "12", "--seed", "3"]) == 0
    assert (out / "demo_manifest.json").is_file()
    first = (out / "demo_manifest.json").read_bytes()
    capsys.readouterr()
    assert main(["demo", str(out), "--images", "12"]) == 2  # not empty, no --force
    assert "not empty" in _one_error_line(capsys.readouterr().err)
    assert main(["demo", str(out), "--images", "12", "--seed", "3", "--force"]) == 0
    assert (out / "demo_manifest.json").read_bytes() == first
    assert main(["scan", str(out)]) == 0
    _img(tmp_path / "f.png")
    assert main(["demo", str(tmp_path / "f.png")]) == 2
    assert main(["demo", str(tmp_path / "new"), "--images", "0"]) == 2
    assert not (tmp_path / "new").exists()
