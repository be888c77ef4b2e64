"""``badbatch score``: exit codes, one-line errors, JSON/CSV shape, decisions, and the demo folder's bad shots."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.cli import main
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.scoring.decisions import DecisionStore

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def empty_hub(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))


def _folder(root: Path, n: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    yy, xx = np.mgrid[0:40, 0:40] / 40
    for i in range(n):
        img = rng.uniform(80, 170) + rng.uniform(-30, 30) * (xx - 0.5)
        img = np.repeat(img[..., None], 3, axis=2)
        cy, cx = rng.uniform(0.3, 0.7, 2)
        img[((yy - cy) ** 2 + (xx - cx) ** 2) < 0.04] = rng.uniform(170, 230)
        img += rng.normal(0, 4, img.shape)
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(root / f"img_{i:03d}.png")
    return root


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("badbatch: error: "), err
    assert "Traceback" not in err
    return lines[0]


def _args(folder: Path, *extra: str) -> list[str]:
    return ["score", str(folder), "--batch-size", "8", "--image-size", "32", "--device", "cpu", *extra]


def test_score_writes_json_csv_and_summary(tmp_path, capsys):
    folder = _folder(tmp_path / "pics", 44)
    (folder / "broken.png").write_bytes(b"")
    out_json, out_csv = tmp_path / "rep" / "score.json", tmp_path / "rep" / "score.csv"
    rc = main(_args(folder, "--mode", "original", "--seed", "4", "--json", str(out_json), "--csv", str(out_csv)))
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "Scored 5 batches of 8 (original mode) from 44 images" in captured.out
    assert "untrained feature network" in captured.out
    assert "Skipped 1 unusable file" in captured.out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["mode"] == "original"
    assert data["batch_size"] == 8
    assert data["seed"] == 4
    assert data["policy"] == "robust"
    assert data["threshold"] is None
    assert data["feature_network"]["untrained"] is True
    assert data["feature_network"]["weights"] == ""
    assert len(data["batches"]) == 5
    assert all(len(b["images"]) == 8 and {"index", "frd", "rejected", "images"} <= set(b) for b in data["batches"])
    assert {"total_s", "images_per_s"} <= set(data["timings"])
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 40
    assert {r["path"] for r in rows} <= {f"img_{i:03d}.png" for i in range(44)}
    assert not list(folder.glob("*.json"))
    assert not list(folder.glob("*.csv"))


def test_fixed_threshold_rejects_above_it(tmp_path, capsys):
    folder = _folder(tmp_path / "pics", 24)
    out_json = tmp_path / "s.json"
    assert main(_args(folder, "--mode", "reference", "--threshold", "0", "--json", str(out_json))) == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["policy"] == "fixed"
    assert data["threshold"] == 0.0
    assert all(b["rejected"] == (b["frd"] > 0) for b in data["batches"])
    assert "3 of 3 batches rejected" in capsys.readouterr().out


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "batch_size",
        "fixed_without_value",
        "missing_weights",
        "wrong_weights",
        "json_inside",
        "too_few_images",
        "empty",
    ],
)
def test_exit_2_with_one_plain_line(tmp_path, capsys, case):
    folder = _folder(tmp_path / "pics", 12)
    extra: list[str] = []
    target = folder
    if case == "missing":
        target = tmp_path / "nope"
    elif case == "batch_size":
        extra = ["--batch-size", "1"]
    elif case == "fixed_without_value":
        extra = ["--policy", "fixed"]
    elif case == "missing_weights":
        extra = ["--weights", str(tmp_path / "none.pth")]
    elif case == "wrong_weights":
        bad = tmp_path / "resnet18-f37072fd.pth"
        bad.write_bytes(b"definitely not the published ImageNet file")
        extra = ["--weights", str(bad)]
    elif case == "json_inside":
        extra = ["--json", str(folder / "r.json")]
    elif case == "too_few_images":
        extra = ["--batch-size", "16"]
    elif case == "empty":
        target = tmp_path / "empty"
        target.mkdir()
    assert main(_args(target, *extra)) == 2
    line = _one_error_line(capsys.readouterr().err)
    if case == "wrong_weights":
        assert "sha256" in line
    if case == "too_few_images":
        assert "fewer than one batch" in line
    assert not (folder / "r.json").exists()


def test_exclude_rejected_uses_the_batch_check_decisions(tmp_path):
    folder = _folder(tmp_path / "pics", 18)
    store = DecisionStore.load(folder, app_paths().decisions_file(folder))
    store.set_batch(["img_003.png", "img_007.png"], "reject")
    store.save()
    out_json = tmp_path / "s.json"
    assert main(_args(folder, "--mode", "reference", "--exclude-rejected", "--json", str(out_json))) == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(data["paths"]) == 16
    assert "img_003.png" not in data["paths"]
    assert "img_007.png" not in data["paths"]
    assert data["config"]["exclude"] == ["img_003.png", "img_007.png"]


def test_damaged_decisions_are_said_and_their_good_entries_used(tmp_path, capsys):
    folder = _folder(tmp_path / "pics", 18)
    store = DecisionStore.load(folder, app_paths().decisions_file(folder))
    store.set_batch(["img_003.png", "img_007.png"], "reject")
    store.save()
    data = json.loads(store.file.read_text(encoding="utf-8"))
    data["images"]["img_009.png"] = {"decision": "reject", "mtime_ns": [1]}
    store.file.write_text(json.dumps(data), encoding="utf-8")
    out_json = tmp_path / "s.json"
    assert main(_args(folder, "--mode", "reference", "--exclude-rejected", "--json", str(out_json))) == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if line.startswith("badbatch: warning:")]
    assert len(warnings) == 1
    assert "1 damaged entry" in warnings[0]
    assert "Traceback" not in err
    assert json.loads(out_json.read_text(encoding="utf-8"))["config"]["exclude"] == ["img_003.png", "img_007.png"]


def test_demo_folder_bad_shots_are_flagged_more_often_than_chance(tmp_path, capsys):
    """Issue 3 "Done when": ``badbatch score`` on the demo folder points at its deliberately bad shots.

    320 demo pictures (seed 0), one in six a bad shot (dark, blurred, overexposed, black, half out of frame), so
    the base rate p of bad shots among the scored photos is about 0.17 and a batch of 16 holds about 2.75 of them.
    Mode ``reference`` (statistics of the folder's typical photos), untrained preview features, 64 px, batches of
    16 (20 batches, enough for a robust τ). Bounds checked, each with a margin below what was measured on demo
    seeds 0-5 (in brackets):

    - the photo blamed first in a batch is a bad shot in >= 3·p of the batches [0.85-1.00, i.e. >= 5·p];
    - batches that are rejected or in the top quarter by FRD hold >= 1.5x as many bad shots per batch as the
      others [1.7-2.3x];
    - the folder-wide ranking's top P (P = number of bad shots) holds bad shots at >= 2.5·p [3.5-3.7·p];
    - rank correlation of batch FRD with the batch's number of bad shots > 0.3 [0.61-0.82].

    ``views`` mode (the paper's score, the augmentation check of training's curation) does not do this: a bad shot's two views agree with each
    other (measured: bad shot blamed first in 0.15-0.25 of batches, correlation about -0.1; docs/design/frd.md §5).
    """
    from scipy.stats import spearmanr

    from badbatch_gui.core.data.demo import write_demo_folder

    demo = tmp_path / "demo"
    manifest = write_demo_folder(demo, n_images=320, seed=0)
    bad = {p for paths in manifest["bad_shots"].values() for p in paths}
    out_json = tmp_path / "score.json"
    rc = main(
        [
            "score",
            str(demo),
            "--mode",
            "reference",
            "--batch-size",
            "16",
            "--image-size",
            "64",
            "--device",
            "cpu",
            "--json",
            str(out_json),
        ]
    )
    assert rc == 0, capsys.readouterr().err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    batches = data["batches"]
    assert len(batches) == 20
    assert data["threshold"] is not None
    scored = [i["path"] for b in batches for i in b["images"]]
    p = np.mean([s in bad for s in scored])
    assert 0.1 < p < 0.25

    worst_bad = np.mean([b["images"][0]["path"] in bad for b in batches])
    assert worst_bad >= 3 * p

    counts = np.array([sum(i["path"] in bad for i in b["images"]) for b in batches])
    frd_values = np.array([b["frd"] for b in batches])
    flagged = np.array([b["rejected"] for b in batches]) | (frd_values >= np.quantile(frd_values, 0.75))
    assert counts[flagged].mean() >= 1.5 * counts[~flagged].mean()
    assert spearmanr(frd_values, counts).statistic > 0.3

    n_bad = sum(1 for s in data["paths"] if s in bad)
    top = [o["path"] for o in data["outliers"][:n_bad]]
    assert len(top) == n_bad
    assert np.mean([t in bad for t in top]) >= 2.5 * p


def test_json_contract_outliers_reasons_and_findings(tmp_path, capsys):
    """``outliers``: at least 100 least typical photos (all of a smaller folder; every flagged one), most unusual
    first, each {path, score, reasons, flagged}; ``findings`` counts per reason; the CSV has a reasons column.
    """
    from badbatch_gui.core.scoring.findings import REASONS

    folder = _folder(tmp_path / "pics", 160)
    Image.fromarray(np.full((40, 40, 3), 3, np.uint8)).save(folder / "img_black.png")
    Image.fromarray(np.full((40, 40, 3), 252, np.uint8)).save(folder / "img_white.png")
    out_json, out_csv = tmp_path / "s.json", tmp_path / "s.csv"
    assert (
        main(
            [
                "score",
                str(folder),
                "--image-size",
                "32",
                "--device",
                "cpu",
                "--json",
                str(out_json),
                "--csv",
                str(out_csv),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    outliers = data["outliers"]
    assert len(outliers) == 100  # a folder of 162: the 100 least typical (2 flagged)
    assert all(set(o) >= {"path", "score", "reasons", "flagged"} for o in outliers)
    assert [o["score"] for o in outliers] == sorted((o["score"] for o in outliers), reverse=True)
    assert all(set(o["reasons"]) <= set(REASONS) and o["flagged"] == bool(o["reasons"]) for o in outliers)
    flagged = {o["path"]: o["reasons"][0] for o in outliers if o["flagged"]}  # a blank frame is also "blurry"
    assert flagged == {"img_black.png": "dark", "img_white.png": "overexposed"}
    assert [o["path"] for o in outliers[:2]] == sorted(
        flagged, key=lambda p: -next(o["score"] for o in outliers if o["path"] == p)
    )
    assert data["findings"]["flagged"] == 2
    assert data["findings"]["per_reason"] == {"dark": 1, "overexposed": 1}
    assert data["findings"]["reason_codes"] == list(REASONS)
    with open(out_csv, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["path"]: r["reasons"].split(";")[0] for r in rows if r["reasons"]} == flagged
    assert "2 photos look wrong: 1 too dark · 1 too bright" in printed
    assert "img_black.png: too dark, " in printed
    # the batch-size rule: 162 photos give 20 batches of 8 (lowered from 32), and the output says so
    assert data["batch_size"] == 8
    assert "lowered from 32 to 8" in printed
    assert data["threshold"] is not None


def test_an_explicit_batch_size_is_honoured_and_the_output_says_why_no_threshold(tmp_path, capsys):
    folder = _folder(tmp_path / "pics", 160)
    assert main(["score", str(folder), "--batch-size", "16", "--image-size", "32", "--device", "cpu"]) == 0
    printed = capsys.readouterr().out
    assert "Scored 10 batches of 16" in printed
    assert (
        "No threshold was set: batches of 16 give only 10 batches from 160 photos, and the automatic threshold "
        "needs at least 20; a batch size of 8 or less would give enough."
    ) in printed


def test_demo_folder_with_default_options_sets_a_threshold_and_rejects_batches_led_by_bad_shots(tmp_path, capsys):
    """Issue 13 "Done when": ``badbatch score DIR`` on the demo folder, default options (reference mode, the
    batch-size rule, untrained preview features, 96 px): a threshold, rejected batches whose most-blamed photo is a
    planted bad shot, and the bad shots listed with their reasons.
    """
    from badbatch_gui.core.data.demo import write_demo_folder

    demo = tmp_path / "demo"
    manifest = write_demo_folder(demo, n_images=300, seed=0)
    bad = {p for paths in manifest["bad_shots"].values() for p in paths}
    out_json = tmp_path / "score.json"
    assert main(["score", str(demo), "--device", "cpu", "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["mode"] == "reference"
    assert data["threshold"] is not None
    assert len(data["batches"]) >= 20
    rejected = [b for b in data["batches"] if b["rejected"]]
    assert rejected
    assert np.mean([b["images"][0]["path"] in bad for b in rejected]) >= 0.8
    flagged = [o for o in data["outliers"] if o["flagged"]]
    assert len(flagged) >= 0.7 * len(bad)
    assert np.mean([o["path"] in bad for o in flagged]) >= 0.9
    assert "photos look wrong:" in printed
    assert "too dark" in printed
    first = flagged[0]
    assert f"  {first['path']}: " in printed  # each bad shot listed with its reasons
