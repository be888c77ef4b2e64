"""``badbatch report`` and ``badbatch inspect --pdf`` on the demo folder after a quick-check run: the PDF's key figures
in English and Japanese, without and with an export, a stored evaluation beside the untrained network's, the photos
left out with their reasons; page 1 converts to a picture; bad arguments give one plain line and exit code 2.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pytest
import torch

from badbatch_gui.cli import main
from badbatch_gui.core.data.demo import write_demo_folder
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.scoring.leave_out import load_review
from badbatch_gui.core.training.evaluation_record import write_evaluation
from tests.helpers.cli_runs import train_quick_check

torch.set_num_threads(2)
DEMO_REASON = {"dark": "dark", "black": "dark", "blur": "blurry", "overexposed": "overexposed", "half_out": "cut_off"}


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> dict:
    """The demo folder with its bad shots left out by the app (with reasons) and one photo left out by hand, and a
    quick-check run on it.
    """
    base = tmp_path_factory.mktemp("cli_report")
    demo = base / "demo"
    manifest = write_demo_folder(demo, n_images=60, seed=3)
    run = base / "run"
    home = base / "home"
    bad = [(rel, DEMO_REASON[kind]) for kind, rels in manifest["bad_shots"].items() for rel in rels]
    by_hand = manifest["good"][0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BADBATCH_HOME", str(home))  # the decisions are kept in the app's folders, never in the photos'
        store, findings = load_review(app_paths(), demo)  # as a Batch check would have found them
        findings.record(tuple(rel for rel, _ in bad), tuple((reason,) for _, reason in bad))
        findings.save()
        store.set_image(demo / by_hand, "reject")
        store.save()
        assert train_quick_check(demo, run) == 0
    return {"demo": demo, "run": run, "home": home, "manifest": manifest, "bad": bad, "by_hand": by_hand, "base": base}


DRAWN: list[str] = []  # every text the renderer drew, for machines without pdftotext


@pytest.fixture(autouse=True)
def drawn_text(monkeypatch):
    """Record what the renderer draws (the fallback of :func:`pdf_text`)."""
    from badbatch_gui.gui.report.pdf_canvas import PdfCanvas

    original = PdfCanvas._draw_text
    DRAWN.clear()

    def record(self, rect, text, *args, **kwargs):
        DRAWN.append(text)
        return original(self, rect, text, *args, **kwargs)

    monkeypatch.setattr(PdfCanvas, "_draw_text", record)


def pdf_text(path: Path) -> str:
    """The PDF's text as ``pdftotext`` reads it (spaces and line breaks collapsed); without pdftotext, the text the
    renderer drew for the last report.
    """
    if shutil.which("pdftotext") is None:
        return " ".join(" ".join(DRAWN).split())
    res = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    # NFKC: pdftotext reads some CJK glyphs as their compatibility twins (the Kangxi radical "⼀" for "一")
    return " ".join(unicodedata.normalize("NFKC", res.stdout).split())


def page_one_png(path: Path, out: Path) -> None:
    """Page 1 as a PNG (where pdftoppm is installed): an A4 page with something drawn on it."""
    if shutil.which("pdftoppm") is None:
        return
    res = subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(path), str(out)],
        capture_output=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    from PIL import Image

    img = np.asarray(Image.open(out.with_suffix(".png")).convert("L"))
    assert abs(img.shape[0] / img.shape[1] - 297 / 210) < 0.02  # A4 portrait
    assert (img < 128).mean() > 0.01  # text and pictures, not a blank page


def _report(run: Path, out: Path, lang: str, capsys) -> str:
    DRAWN.clear()
    assert main(["report", str(run), "--out", str(out), "--lang", lang]) == 0
    assert capsys.readouterr().out.strip() == f"Report written to {out}"
    assert out.read_bytes().startswith(b"%PDF")
    page_one_png(out, out.with_name(out.stem + "_p1"))
    return pdf_text(out)


def _summary(run: Path) -> dict:
    return json.loads((run / "run.json").read_text(encoding="utf-8"))["summary"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_run_report_without_an_export(trained, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    text = _report(trained["run"], tmp_path / f"run_{lang}.pdf", lang, capsys)
    summary = _summary(trained["run"])
    n_left = len(trained["bad"]) + 1
    assert trained["run"].name in text
    assert str(trained["demo"]) in text
    assert f" {summary['images_used']} " in f" {text} "  # the photos-used figure
    seconds = round(summary["train_time_s"])  # "45 s", or "1 min 08 s" (ja: "1 分 08 秒")
    assert (f"{seconds % 60:02d}" if seconds >= 60 else str(seconds)) in text
    assert summary["images_used"] == 60 - len(trained["bad"]) - 1  # the left-out photos were not used
    if lang == "en":
        assert "Training time" in text
        assert "Peak memory" in text
        assert "Photos used" in text
        assert "The loss went from" in text or "The loss fell from" in text  # the Train page's sentence
        assert f"{n_left} photos left out" in text
        assert "by hand" in text
        assert "left out by hand" in text
        assert "too dark" in text
        assert f"of {summary['images_used'] + n_left} in the folder" in text
        assert "This run has not been exported." in text
        assert "No evaluation is stored with this run." in text
        assert "16" in text
        assert "EMC2" in text
    else:
        assert "学習時間" in text
        assert "使った写真" in text
        assert "手動で除外" in text
        assert "暗すぎる" in text
        assert "書き出されていません" in text
        assert "Training time" not in text
        assert "has not been exported" not in text


def test_run_report_with_an_export_and_a_stored_evaluation(trained, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    run = tmp_path / "run"
    shutil.copytree(trained["run"], run)
    export = tmp_path / "export"
    assert main(["export", str(run), "--out", str(export), "--self-test-images", "2"]) == 0
    capsys.readouterr()
    trained_fig = {
        "knn_accuracy": 0.8,
        "linear_accuracy": 0.75,
        "knn1_accuracy": 0.7,
        "chance": 0.25,
        "n_classes": 4,
        "n_train": 40,
        "n_test": 16,
    }
    write_evaluation(run, tmp_path / "labelled", trained_fig, {**trained_fig, "knn_accuracy": 0.45})
    text = _report(run, tmp_path / "exported.pdf", "en", capsys)
    assert str(export) in text
    assert "passed" in text
    weights = export / "encoder.safetensors"
    assert hashlib.sha256(weights.read_bytes()).hexdigest() in text.replace(" ", "")
    assert "80.0 %" in text
    assert "45.0 %" in text
    assert "Untrained network" in text
    ja = _report(run, tmp_path / "exported_ja.pdf", "ja", capsys)
    assert hashlib.sha256(weights.read_bytes()).hexdigest() in ja.replace(" ", "")
    assert "80.0 %" in ja
    assert "45.0 %" in ja


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_inspection_report(trained, tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    new = tmp_path / "new"
    new.mkdir()
    demo, manifest = trained["demo"], trained["manifest"]
    for rel in manifest["good"][1:5] + [rel for rel, _reason in trained["bad"][:2]]:
        (new / Path(rel).name).write_bytes((demo / rel).read_bytes())
    pdf, js = tmp_path / "inspect.pdf", tmp_path / "inspect.json"
    assert (
        main(
            [
                "inspect",
                str(trained["run"]),
                str(new),
                "--json",
                str(js),
                "--pdf",
                str(pdf),
                "--lang",
                lang,
                "--false-alarm-rate",
                "0.05",
                "--device",
                "cpu",
            ]
        )
        == 0
    )
    assert f"Inspection report written to {pdf}" in capsys.readouterr().out
    page_one_png(pdf, tmp_path / "inspect_p1")
    data = json.loads(js.read_text(encoding="utf-8"))
    text = pdf_text(pdf)
    counts = data["counts"]
    assert str(new) in text
    assert re.search(r"\b5\s?%", text)
    assert f"{data['threshold']:.3f}" in text
    judged = [p for p in data["photos"] if p["verdict"] != "bad_shot"]
    shown = [Path(p["path"]).name for p in judged[:8]]  # the most unusual photos are shown (pdftotext reads some
    assert any(name in text for name in shown if name.isascii())  # CJK file names as radicals: ASCII ones checked
    label = {"en": ("Looks normal", "Looks unusual", "Bad shots"), "ja": ("正常に見える", "いつもと違う", "")}[lang]
    assert all(word in text for word in label if word)
    assert f"{sum(counts.values())}" in text


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("badbatch: error:"), err
    return err[0]


@pytest.mark.parametrize(
    "case", ["no_out", "not_pdf", "bad_lang", "missing_run", "not_a_run", "inside_photos", "unwritable"]
)
def test_bad_arguments_give_one_plain_line_and_exit_2(trained, tmp_path, capsys, monkeypatch, request, case):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    run, out = str(trained["run"]), str(tmp_path / "r.pdf")
    argv = {
        "no_out": ["report", run],
        "not_pdf": ["report", run, "--out", str(tmp_path / "r.txt")],
        "bad_lang": ["report", run, "--out", out, "--lang", "fr"],
        "missing_run": ["report", str(tmp_path / "nowhere"), "--out", out],
        "not_a_run": ["report", str(trained["demo"]), "--out", out],
        "inside_photos": ["report", run, "--out", str(trained["demo"] / "r.pdf")],
        "unwritable": ["report", run, "--out", "UNWRITABLE"],
    }[case]
    if case == "unwritable":
        argv[-1] = str(request.getfixturevalue("read_only_folder") / "r.pdf")
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    line = _one_error_line(capsys)
    assert "Traceback" not in line
    fragment = {
        "no_out": "--out",
        "not_pdf": ".pdf",
        "bad_lang": "--lang",
        "missing_run": "does not exist",
        "not_a_run": "not a training run",
        "inside_photos": "inside",
        "unwritable": "Cannot write",
    }[case]
    assert fragment in line
    assert not (trained["demo"] / "r.pdf").exists()


def test_eval_stores_the_run_and_untrained_figures_that_the_report_shows(trained, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BADBATCH_HOME", str(trained["home"]))
    run = tmp_path / "run"
    shutil.copytree(trained["run"], run)
    labelled = tmp_path / "labelled"  # one sub-folder per kind of part, from the demo's own labels
    for rel, kind in trained["manifest"]["classes"].items():
        (labelled / kind).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(trained["demo"] / rel, labelled / kind / Path(rel).name)
    assert main(["eval", str(run), str(labelled), "--device", "cpu"]) == 0
    assert "untrained twin" in capsys.readouterr().out
    stored = json.loads((run / "evaluation.json").read_text(encoding="utf-8"))
    assert stored["untrained"] is not None
    assert stored["trained"]["n_classes"] == 4
    assert stored["untrained"]["n_test"] == stored["trained"]["n_test"]  # the same split for both
    text = _report(run, tmp_path / "evaluated.pdf", "en", capsys)
    for fig in (stored["trained"]["knn_accuracy"], stored["untrained"]["knn_accuracy"]):
        assert f"{100 * fig:.1f} %" in text
    assert str(labelled) in text
    # --no-store leaves the run folder as it was
    (run / "evaluation.json").unlink()
    assert main(["eval", str(run), str(labelled), "--device", "cpu", "--no-store"]) == 0
    assert not (run / "evaluation.json").exists()
