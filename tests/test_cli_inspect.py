"""``badbatch similar`` and ``badbatch inspect`` on the demo folder after a quick-check training run; bad arguments
give one plain line and exit code 2.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import torch

from badbatch_gui.cli import main
from badbatch_gui.core.data.demo import write_demo_folder
from tests.helpers.cli_runs import train_quick_check

torch.set_num_threads(2)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> dict:
    """The demo folder (60 photos, bad shots and broken files included) and a quick-check run on it."""
    base = tmp_path_factory.mktemp("cli_inspect")
    demo = base / "demo"
    manifest = write_demo_folder(demo, n_images=60, seed=3)
    run = base / "run"
    home = base / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BADBATCH_HOME", str(home))
        assert train_quick_check(demo, run) == 0
    new = base / "new"
    new.mkdir()
    for rel in manifest["good"][:4] + [p for ps in manifest["bad_shots"].values() for p in ps][:2]:
        (new / Path(rel).name).write_bytes((demo / rel).read_bytes())
    return {"demo": demo, "run": run, "home": home, "manifest": manifest, "new": new, "base": base}


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("badbatch: error:"), err
    return err[0]


def test_inspect_checks_new_photos_against_the_runs_training_folder(trained, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    report, table = tmp_path / "inspect.json", tmp_path / "inspect.csv"
    assert (
        main(
            [
                "inspect",
                str(trained["run"]),
                str(trained["new"]),
                "--json",
                str(report),
                "--csv",
                str(table),
                "--false-alarm-rate",
                "0.05",
                "--device",
                "cpu",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "photos checked" in text
    assert "Threshold" in text
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["false_alarm_rate"] == 0.05
    assert isinstance(data["threshold"], float)
    assert len(data["photos"]) == 6
    assert all({"path", "score", "unusual", "reasons"} <= set(p) for p in data["photos"])
    scores = [p["score"] for p in data["photos"]]
    assert scores == sorted(scores, reverse=True)
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [r["path"] for r in rows] == [p["path"] for p in data["photos"]]


def test_similar_lists_photos_like_one_of_the_folder_and_compares_with_the_untrained_network(
    trained, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    photo = trained["manifest"]["good"][0]
    out = tmp_path / "similar.json"
    assert (
        main(
            [
                "similar",
                str(trained["run"]),
                str(trained["demo"]),
                photo,
                "-k",
                "5",
                "--json",
                str(out),
                "--compare-untrained",
                "--device",
                "cpu",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "Photos most like" in text
    assert "untrained twin" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    found = [n["path"] for n in data["trained"]["neighbours"]]
    assert len(found) == 5
    assert photo not in found
    assert data["trained"]["in_folder"]
    sims = [n["similarity"] for n in data["trained"]["neighbours"]]
    assert sims == sorted(sims, reverse=True)
    assert all(-1.0 <= s <= 1.0001 for s in sims)
    assert data["untrained"]["untrained"]
    assert len(data["untrained"]["neighbours"]) == 5


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["similar", "{run}", "{demo}", "no_such_photo.jpg"], "does not exist"),
        (["similar", "{run}", "{demo}", "{photo}", "-k", "0"], "-k"),
        (["similar", "{base}/no_model", "{demo}", "{photo}"], "does not exist"),
        (["similar", "{run}", "{base}/no_folder", "{photo}"], "does not exist"),
        (["inspect", "{run}", "{new}", "--false-alarm-rate", "2"], "false-alarm-rate"),
        (["inspect", "{run}", "{base}/no_folder"], "does not exist"),
        (["inspect", "{demo}", "{new}"], "neither a training run folder"),
        (["inspect", "{run}", "{new}", "--json", "{new}/report.json"], "inside"),
        (["inspect", "{run}", "{new}", "--image-size", "8"], "image size"),
        (["inspect", "{run}"], "required"),
    ],
)
def test_bad_arguments_give_one_plain_line_and_exit_2(trained, monkeypatch, capsys, argv, fragment):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    values = {
        "run": trained["run"],
        "demo": trained["demo"],
        "new": trained["new"],
        "base": trained["base"],
        "photo": trained["manifest"]["good"][0],
    }
    args = [a.format(**values) for a in argv]
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own errors (a missing argument)
        code = exc.code
    assert code == 2
    assert fragment in _one_error_line(capsys)


def test_an_export_needs_the_normal_folder(trained, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    export = tmp_path / "export"
    assert main(["export", str(trained["run"]), "--out", str(export)]) == 0
    capsys.readouterr()
    assert main(["inspect", str(export), str(trained["new"])]) == 2
    assert "--normal" in _one_error_line(capsys)
