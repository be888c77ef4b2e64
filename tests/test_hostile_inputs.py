"""A corpus of hostile folders through the real command line (``python -m badbatch_gui.cli``): file names that are
not UTF-8, links leaving the folder (to /proc, /etc), a FIFO, a socket, an empty file, a truncated JPEG, a PNG header
claiming 10^10 pixels, deep nesting, an animated GIF, a read-only folder; then damaged run records and checkpoints.

Every command must end with its documented exit code, print no traceback, keep its JSON / CSV outputs valid UTF-8
(the non-UTF-8 name round-trips through JSON), never open the FIFO (the export self-test would hang on it), and leave
the folder exactly as it was (names, types, sizes, modification times).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import stat
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from badbatch_gui.cli import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="byte file names, FIFOs, sockets and /proc are POSIX")

SJIS = "写真_検査.png".encode("shift_jis")  # what a Japanese Windows share writes: not valid UTF-8
SJIS_DIR = "部品".encode("shift_jis")
N_GOOD = 14
TIMEOUT_S = 300


def _png(path: bytes, seed: int, size: tuple[int, int] = (40, 32)) -> None:
    rng = np.random.default_rng(seed)
    arr = np.zeros((size[1], size[0], 3), np.uint8) + rng.integers(0, 80, 3).astype(np.uint8)
    y, x = rng.integers(2, 14, 2)
    arr[y : y + 12, x : x + 12] = rng.integers(120, 256, 3).astype(np.uint8)
    with open(path, "wb") as fh:
        Image.fromarray(arr).save(fh, format="PNG")


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _build(root: Path) -> dict[str, object]:
    raw = os.fsencode(root)
    os.makedirs(raw + b"/" + SJIS_DIR)
    for i in range(N_GOOD - 4):
        _png(raw + b"/good_%02d.png" % i, i)
    _png(raw + b"/" + SJIS, 100)
    _png(raw + b"/" + SJIS_DIR + b"/" + SJIS, 101)
    deep = raw + b"".join(b"/d%02d" % i for i in range(40))
    os.makedirs(deep)
    _png(deep + b"/deep.png", 102)
    frames = [Image.fromarray(np.full((32, 40, 3), v, np.uint8)) for v in (40, 200)]
    frames[0].save(os.fsdecode(raw + b"/anim.gif"), save_all=True, append_images=frames[1:])
    with open(raw + b"/good_00.png", "rb") as fh:
        jpeg = io.BytesIO()
        Image.open(fh).convert("RGB").save(jpeg, format="JPEG")
    with open(raw + b"/cut.jpg", "wb") as fh:
        fh.write(jpeg.getvalue()[: len(jpeg.getvalue()) // 2])
    with open(raw + b"/empty.jpg", "wb"):
        pass
    with open(raw + b"/huge.png", "wb") as fh:
        fh.write(_png_header(100_000, 100_000))
    os.mkfifo(raw + b"/pipe.jpg")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.fsdecode(raw + b"/sock.png"))
    os.symlink("/proc", raw + b"/proc_link")
    os.symlink("/etc", raw + b"/etc_link")
    os.symlink("/etc/hostname", raw + b"/outside.jpg")
    os.symlink(raw + b"/good_01.png", raw + b"/" + SJIS_DIR + b"/inside_link.png")  # inside: followed
    return {"socket": sock}


def _snapshot(root: Path) -> dict[bytes, tuple[int, int, int]]:
    """Every entry under ``root`` (links not followed): type bits, size and modification time."""
    out: dict[bytes, tuple[int, int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root), followlinks=False):
        for name in dirnames + filenames:
            st = os.lstat(os.path.join(dirpath, name))
            out[os.path.relpath(os.path.join(dirpath, name), os.fsencode(root))] = (
                stat.S_IFMT(st.st_mode),
                st.st_size if not stat.S_ISDIR(st.st_mode) else 0,
                st.st_mtime_ns,
            )
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile")
    root = base / "photos"
    root.mkdir()
    keep = _build(root)
    os.chmod(root, 0o555)  # read-only: nothing may be written there (root can still write, so we also snapshot)
    before = _snapshot(root)
    yield root, base, before
    os.chmod(root, 0o755)
    keep["socket"].close()  # type: ignore[attr-defined]  # the dict holds a socket among plain values


def _cli(*args: str, home: Path, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """The command line in its own process, its output decoded strictly as UTF-8 (a name printed raw fails here)."""
    env = {
        **os.environ,
        "BADBATCH_HOME": str(home),
        "OMP_NUM_THREADS": "1",
        "PYTHONIOENCODING": "utf-8",
        "LC_ALL": "C.UTF-8",
    }
    res = subprocess.run(
        [sys.executable, "-m", "badbatch_gui.cli", *args],
        capture_output=True,
        timeout=timeout,
        env=env,
        text=True,
        encoding="utf-8",
        errors="strict",
    )
    _no_traceback(res.stderr)
    return res


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line in this process (torch is loaded already): exit code, stdout, stderr."""
    code = main(list(args))
    captured = capsys.readouterr()
    _no_traceback(captured.err)
    return code, captured.out, captured.err


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err, err[-3000:]
    assert "Logging error" not in err, err[-3000:]
    assert "Warning:" not in err, err[-3000:]  # raw library warnings go to the log


def _utf8(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # raises when a writer let raw bytes through


@pytest.fixture(scope="module")
def trained(corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One short training run on the hostile folder (its own process), checkpointed every step: (run, home)."""
    root = corpus[0]
    base = tmp_path_factory.mktemp("trained")
    home, run = base / "home", base / "run"
    res = _cli(
        "train",
        str(root),
        "--preset",
        "quick_check",
        "--epochs",
        "1",
        "--batch-size",
        "4",
        "--image-size",
        "32",
        "--device",
        "cpu",
        "--no-curate",
        "--checkpoint-every-steps",
        "1",
        "--out",
        str(run),
        home=home,
    )
    assert res.returncode == 0, res.stderr
    return run, home


def _copy_run(trained: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    run, home = trained
    monkeypatch.setenv("BADBATCH_HOME", str(home))
    copy = tmp_path / "run"
    shutil.copytree(run, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def test_hostile_folder_through_scan_score_train_export_embed(
    corpus, trained, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base, before = corpus
    home, out = tmp_path / "home", tmp_path / "out"
    sjis_rel = os.fsdecode(SJIS)
    sjis_sub = os.fsdecode(SJIS_DIR + b"/" + SJIS)

    res = _cli("scan", str(root), "--json", str(out / "scan.json"), home=home)
    assert res.returncode == 0, res.stderr
    report = json.loads(_utf8(out / "scan.json"))
    images = {i["path"] for i in report["images"]}
    assert {sjis_rel, sjis_sub, "anim.gif", "good_01.png"} <= images
    assert os.fsencode(sjis_sub) == SJIS_DIR + b"/" + SJIS  # the exact bytes come back from the JSON
    assert any(p.endswith("/deep.png") for p in images)
    assert os.fsdecode(SJIS_DIR) + "/inside_link.png" in images
    problems = {p["path"]: p for p in report["problems"]}
    assert {
        k: problems[k]["reason"]
        for k in ("empty.jpg", "cut.jpg", "huge.png", "pipe.jpg", "sock.png", "proc_link", "etc_link", "outside.jpg")
    } == {
        "empty.jpg": "zero_bytes",
        "cut.jpg": "truncated",
        "huge.png": "too_large",
        "pipe.jpg": "special_file",
        "sock.png": "special_file",
        "proc_link": "link_outside",
        "etc_link": "link_outside",
        "outside.jpg": "link_outside",
    }
    assert problems["proc_link"]["detail"] == "/proc"
    assert problems["pipe.jpg"]["detail"] == "fifo"
    assert not any(p.startswith(("proc_link/", "etc_link/")) for p in images)
    assert "Not followed: 3 links leading outside the folder (to /etc, /etc/hostname, /proc)" in res.stdout

    res = _cli(
        "score",
        str(root),
        "--json",
        str(out / "score.json"),
        "--csv",
        str(out / "score.csv"),
        "--batch-size",
        "4",
        "--image-size",
        "32",
        "--device",
        "cpu",
        home=home,
    )
    assert res.returncode == 0, res.stderr
    scored = {o["path"] for o in json.loads(_utf8(out / "score.json"))["outliers"]}
    assert sjis_rel in scored
    rows = list(csv.DictReader(io.StringIO(_utf8(out / "score.csv"))))
    assert any(
        r["path"] == sjis_rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for r in rows
    )  # \xNN for each undecodable byte

    run = _copy_run(trained, tmp_path, monkeypatch)
    data = json.loads(_utf8(run / "images.json"))
    assert sjis_rel in data["paths"]
    assert "pipe.jpg" not in data["paths"]
    # an image list naming the FIFO (a damaged or hostile images.json) must not hang the export's self-test
    (run / "images.json").write_text(
        json.dumps({**data, "paths": ["pipe.jpg", "sock.png", *data["paths"]]}), encoding="utf-8"
    )
    code, _, err = _main(capsys, "export", str(run), "--out", str(out / "export"))
    assert code == 0, err
    card = json.loads(_utf8(out / "export" / "model_card.json"))
    assert "pipe.jpg" not in card["self_test"]["images"]
    assert card["self_test"]["passed"]

    code, _, err = _main(capsys, "embed", str(out / "export"), str(root), "--out", str(out / "emb.npy"))
    assert code == 0, err
    embedded = [r["path"] for r in csv.DictReader(io.StringIO(_utf8(out / "emb.csv")))]
    assert len(embedded) == len(np.load(out / "emb.npy"))
    assert any("\\x" in p for p in embedded)
    assert _snapshot(root) == before


def test_damaged_run_records_and_checkpoints_get_one_plain_line(
    corpus, trained, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, base, before = corpus
    run = _copy_run(trained, tmp_path, monkeypatch)
    assert (run / "checkpoint.pt.prev").is_file()

    # run.json with wrong types and deep nesting: the export still writes its card, the figures left unknown
    record = json.loads(_utf8(run / "run.json"))
    record.update(
        {
            "summary": {"train_time_s": "soon", "peak_memory_bytes": -5, "images_used": [1], "batch_size_changes": 7},
            "left_out": {"count": 1e999, "by_reason": [1]},
            "started": {"a": [1]},
            "extra": json.loads("[" * 200 + "]" * 200),
        }
    )
    (run / "run.json").write_text(json.dumps(record), encoding="utf-8")
    (run / "metrics.jsonl").write_text(
        '{"step": "x"}\n[1]\n' + "[" * 5000 + "\n" + '{"step": 1e999}\n', encoding="utf-8"
    )
    code, _, err = _main(capsys, "export", str(run), "--out", str(tmp_path / "export"))
    assert code == 0, err
    card = json.loads(_utf8(tmp_path / "export" / "model_card.json"))
    assert card["key_figures"]["training_time_s"] is None
    assert card["key_figures"]["peak_memory_bytes"] is None

    # a damaged checkpoint.pt: embed uses the previous good one, as resume and export do
    good = (run / "checkpoint.pt").read_bytes()
    (run / "checkpoint.pt").write_bytes(good[: len(good) // 3])
    code, _, err = _main(capsys, "embed", str(run), str(root), "--out", str(tmp_path / "emb.npy"))
    assert code == 0, err
    (run / "checkpoint.pt").write_bytes(good)

    # a checkpoint whose tensors do not fit the network: one plain line, exit 2
    state = torch.load(run / "checkpoint.pt", weights_only=True)
    state["model"]["projector.2.weight"] = torch.zeros(3, 3)
    torch.save(state, run / "checkpoint.pt")
    os.remove(run / "checkpoint.pt.prev")
    code, out, err = _main(capsys, "train", str(root), "--resume", "--out", str(run))
    assert code == 2, out + err
    lines = [line for line in err.splitlines() if line.startswith("badbatch: error:")]
    assert len(lines) == 1
    assert "does not fit" in lines[0]

    # huge or negative sizes in an export's metadata: refused before anything is allocated
    weights = tmp_path / "export" / "encoder.safetensors"
    with safe_open(str(weights), framework="pt") as f:
        meta = dict(f.metadata())
    tensors = load_file(str(weights))
    for arch_change, prep in (
        ({"proj_dim": 10**12}, {"input_size": 64}),
        ({}, {"input_size": 10**9}),
        ({"hidden_dim": -4}, {"input_size": -1}),
    ):
        arch = {**json.loads(meta["architecture"]), **arch_change}
        save_file(
            tensors,
            str(weights),
            metadata={**meta, "architecture": json.dumps(arch), "preprocessing": json.dumps(prep)},
        )
        code, _, err = _main(capsys, "embed", str(tmp_path / "export"), str(root), "--out", str(tmp_path / "e.npy"))
        assert code == 2, err
        assert err.startswith("badbatch: error:"), err
        assert "damaged" in err, err
    assert _snapshot(root) == before
