"""``badbatch export`` and ``badbatch embed``: outputs, exit codes, one-line errors, CSV row order."""

from __future__ import annotations

import csv
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.cli import main
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.nets.encoder_io import load_encoder
from badbatch_gui.core.nets.models import build_model

torch.set_num_threads(1)
SIZE = 32


def _png(path: Path, seed: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arr = np.random.default_rng(seed).integers(0, 256, (SIZE + 4, SIZE, 3), dtype=np.uint8)
    Image.fromarray(arr).save(path)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """A hand-built run folder (docs/design/architecture.md "Run folder layout") with a ResNet-18 checkpoint."""
    base = tmp_path_factory.mktemp("cli_export")
    images = base / "train_images"
    paths = [f"p{i}.png" for i in range(4)]
    for i, rel in enumerate(paths):
        _png(images / rel, i)
    torch.manual_seed(0)
    model = build_model("resnet18", "group", proj_dim=16)
    cfg = TrainConfig(batch_size=2, epochs=1, image_size=SIZE, proj_dim=16).to_dict()
    run = base / "run"
    run.mkdir()
    torch.save({"model": model.state_dict(), "config": cfg, "epoch": 1, "step": 2}, run / "checkpoint.pt")
    (run / "run.json").write_text(
        json.dumps(
            {
                "config": cfg,
                "folder": str(images),
                "n_images": 4,
                "status": "completed",
                "summary": {
                    "train_time_s": 42.0,
                    "peak_memory_bytes": 2**29,
                    "memory_kind": "cpu_rss",
                    "images_used": 4,
                    "rejected_batches": 0,
                    "final_loss": 2.0,
                    "batch_size_changes": [],
                },
            }
        )
    )
    (run / "images.json").write_text(json.dumps({"root": str(images), "paths": paths}))
    return run


def _err_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("badbatch: error: "), err
    assert "Traceback" not in err[0]
    return err[0]


def test_export_then_refuse_overwrite_then_force(run_dir, tmp_path, capsys):
    out = tmp_path / "enc"
    assert main(["export", str(run_dir), "--out", str(out), "--self-test-images", "2"]) == 0
    text = capsys.readouterr().out
    assert "self-test: PASS" in text
    assert "training time: 42 s" in text
    assert "process RAM" in text
    assert "data used: 4 images x 1 epochs" in text
    assert {p.name for p in out.iterdir()} == {"encoder.safetensors", "model_card.json", "README.txt"}
    assert main(["export", str(run_dir), "--out", str(out)]) == 2
    assert "--force" in _err_line(capsys)
    assert main(["export", str(run_dir), "--out", str(out), "--force", "--self-test-images", "1"]) == 0


@pytest.mark.parametrize("case", ["missing_run", "not_a_run", "reserved_name", "bad_count"])
def test_export_bad_arguments_exit_2_with_one_line(run_dir, tmp_path, capsys, case):
    run_arg, out = str(run_dir), tmp_path / "x"
    extra: list[str] = []
    if case == "missing_run":
        run_arg = str(tmp_path / "nope")
    elif case == "not_a_run":
        run_arg = str(tmp_path)
    elif case == "reserved_name":
        out = tmp_path / "NUL.txt"
    else:
        extra = ["--self-test-images", "0"]
    assert main(["export", run_arg, "--out", str(out), *extra]) == 2
    _err_line(capsys)
    assert not out.exists()


def test_onnx_without_the_extra_exits_2(run_dir, tmp_path, capsys, monkeypatch):
    import badbatch_gui.core.export.onnx_export as onnx_mod

    monkeypatch.setattr(onnx_mod, "onnx_available", lambda: (False, "ONNX export needs onnx; install with pip"))
    assert main(["export", str(run_dir), "--out", str(tmp_path / "o"), "--onnx"]) == 2
    assert "pip" in _err_line(capsys)
    assert not (tmp_path / "o").exists()


def test_failing_self_test_exits_1(run_dir, tmp_path, capsys, monkeypatch):
    import badbatch_gui.core.export.export as export_mod

    def broken(path):
        enc, pre = load_encoder(path)
        with torch.no_grad():
            enc.backbone.body.fc = torch.nn.Linear(512, 512)  # wrong output: the self-test must catch it
        return enc, pre

    monkeypatch.setattr(export_mod, "load_encoder", broken)
    assert main(["export", str(run_dir), "--out", str(tmp_path / "bad"), "--self-test-images", "1"]) == 1
    assert "self-test" in _err_line(capsys)
    assert not (tmp_path / "bad").exists()


@pytest.fixture(scope="module")
def export_dir(run_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exports") / "enc"
    assert main(["export", str(run_dir), "--out", str(out), "--self-test-images", "1"]) == 0
    return out


def test_embed_rows_csv_order_and_skipped_files(export_dir, tmp_path, capsys):
    folder = tmp_path / "photos"
    good = ["b.png", "a/z.png", "a/c.png", "日本/写真.png", "d.png"]
    for i, rel in enumerate(good):
        _png(folder / rel, 10 + i)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.txt").write_text("not an image")
    out = tmp_path / "out" / "emb.npy"
    assert main(["embed", str(export_dir), str(folder), "--out", str(out), "--batch-size", "2", "--device", "cpu"]) == 0
    text = capsys.readouterr().out
    emb = np.load(out)
    assert emb.shape == (len(good), 512)
    assert emb.dtype == np.float32
    with open(out.with_suffix(".csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["row", "path"]
    assert [r[1] for r in rows[1:]] == sorted(good)
    assert [int(r[0]) for r in rows[1:]] == list(range(len(good)))
    enc, pre = load_encoder(export_dir)
    with torch.no_grad():
        for i in (0, len(good) - 1):
            ref = enc(pre(folder / rows[1 + i][1])[None])[0].numpy()
            np.testing.assert_allclose(emb[i], ref, atol=1e-5)
    assert "broken.jpg" in text
    assert "empty.png" in text
    assert "notes.txt" not in text
    with open(out.with_suffix(".skipped.csv"), encoding="utf-8", newline="") as fh:
        skipped = {r[0]: r[1] for r in list(csv.reader(fh))[1:]}
    assert skipped == {"broken.jpg": skipped["broken.jpg"], "empty.png": "zero_bytes"}
    assert not list(folder.rglob("*.npy"))
    assert not list(folder.rglob("*.csv"))
    # Existing outputs are not overwritten without --force.
    assert main(["embed", str(export_dir), str(folder), "--out", str(out)]) == 2
    assert "--force" in _err_line(capsys)
    assert main(["embed", str(export_dir), str(folder), "--out", str(out), "--force"]) == 0


@pytest.mark.parametrize("case", ["inside_folder", "missing_folder", "unsafe_model", "no_images", "bad_batch"])
def test_embed_errors_exit_2(export_dir, tmp_path, capsys, case):
    folder = tmp_path / "photos"
    _png(folder / "a.png", 0)
    model, out, extra = str(export_dir), tmp_path / "e.npy", []
    if case == "inside_folder":
        out = folder / "e.npy"
    elif case == "missing_folder":
        folder = tmp_path / "nope"
    elif case == "unsafe_model":
        model = str(tmp_path / "m.pkl")
        Path(model).write_bytes(pickle.dumps({"a": 1}))
    elif case == "no_images":
        (folder / "a.png").unlink()
    else:
        extra = ["--batch-size", "0"]
    assert main(["embed", model, str(folder), "--out", str(out), *extra]) == 2
    _err_line(capsys)
    assert not out.exists()


def test_force_never_replaces_files_an_export_did_not_write(run_dir, tmp_path, capsys, snapshot):
    out = tmp_path / "enc"
    assert main(["export", str(run_dir), "--out", str(out), "--self-test-images", "1"]) == 0
    (out / "emb.npy").write_bytes(b"what badbatch embed wrote")
    before = snapshot(out)
    capsys.readouterr()
    assert main(["export", str(run_dir), "--out", str(out), "--force", "--self-test-images", "1"]) == 2
    line = _err_line(capsys)
    assert "emb.npy" in line
    assert str(out) in line
    assert snapshot(out) == before


@pytest.mark.parametrize("case", ["out_is_a_file", "read_only", "under_a_file"])
def test_an_unusable_destination_is_one_line_and_exit_2(run_dir, tmp_path, capsys, snapshot, request, case):
    place = tmp_path / "place"
    place.mkdir()
    if case == "read_only":
        where = request.getfixturevalue("read_only_folder")
        place = out = where / "enc"
    else:
        where = place / "a_file"
        where.write_text("mine")
        out = where if case == "out_is_a_file" else where / "enc"
    before = snapshot(place)
    assert main(["export", str(run_dir), "--out", str(out), "--self-test-images", "1"]) == 2
    line = _err_line(capsys)
    assert str(where) in line
    assert "choose" in line.lower()
    assert snapshot(place) == before


def test_a_full_disk_during_export_is_one_line_and_exit_1(run_dir, tmp_path, capsys, monkeypatch, snapshot):
    import errno

    import badbatch_gui.core.export.export as export_mod

    out = tmp_path / "exports" / "enc"
    assert main(["export", str(run_dir), "--out", str(out), "--self-test-images", "1"]) == 0
    before = snapshot(out.parent)
    capsys.readouterr()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export_mod, "save_encoder", disk_full)
    assert main(["export", str(run_dir), "--out", str(out), "--force", "--self-test-images", "1"]) == 1
    line = _err_line(capsys)
    assert str(out) in line
    assert "the disk is full" in line
    assert "Free some space" in line
    assert snapshot(out.parent) == before  # the earlier export is intact, nothing half-written beside it
