"""One leave-out rule for both front doors: the window's Batch check and Train page, and ``badbatch score DIR``
followed by ``badbatch train DIR``, leave out the same photos of the same folder for the same reasons.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from badbatch_gui.cli import main
from badbatch_gui.core.scoring.decisions import DecisionStore
from badbatch_gui.core.scoring.leave_out import load_review


def _decide(store: DecisionStore, flagged: list[str], fine: str) -> None:
    """The operator keeps one photo that looks wrong and leaves out one that looks fine."""
    store.set_image(flagged[0], "keep")
    store.set_image(fine, "reject")
    store.save()


def test_the_window_and_the_command_line_leave_out_the_same_photos(
    gui, small_demo, tmp_path, monkeypatch, capsys, torch_one_thread
):
    folder = Path(shutil.copytree(small_demo, tmp_path / "photos"))  # the findings are kept per folder
    # the window: Batch check, then the operator's two decisions; the Train page's list is what training leaves out
    gui.open_and_scan(folder)
    gui.score(batch_size=4, mode="reference")
    flagged = sorted(gui.controller.report.flagged_paths)
    fine = next(r.path for r in gui.controller.scan.training_images() if r.path not in flagged)
    assert len(flagged) >= 3
    _decide(gui.controller.decisions, flagged, fine)
    gui.controller.decisions_changed.emit()
    window = gui.window.page(2).training_config().exclude
    assert window == tuple(sorted({*flagged[1:], fine}))  # the kept photo is used, the fine one left out
    window_summary = gui.controller.leave_out().summary(window)

    # the command line, on a fresh app folder: the same check, the same two decisions, then training
    home = tmp_path / "cli_home"
    monkeypatch.setenv("BADBATCH_HOME", str(home))
    assert (
        main(
            ["score", str(folder), "--batch-size", "4", "--mode", "reference", "--image-size", "64", "--device", "cpu"]
        )
        == 0
    )
    assert "Findings recorded" in capsys.readouterr().out
    from badbatch_gui.core.paths import app_paths

    decisions, findings = load_review(app_paths(), folder)
    assert sorted(findings.flagged()) == flagged  # badbatch score recorded what the window's check found
    _decide(decisions, flagged, fine)
    run_dir = tmp_path / "run"
    assert (
        main(
            [
                "train",
                str(folder),
                "--out",
                str(run_dir),
                "--preset",
                "quick_check",
                "--batch-size",
                "8",
                "--epochs",
                "1",
                "--image-size",
                "32",
                "--device",
                "cpu",
                "--seed",
                "0",
            ]
        )
        == 0
    )
    said = capsys.readouterr().out
    run = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert tuple(run["config"]["exclude"]) == window
    assert run["left_out"] == window_summary.to_json()
    assert window_summary.automatic == len(flagged) - 1
    assert window_summary.by_hand == 1
    assert f"{len(window)} photos left out (" in said
    assert f"{len(flagged) - 1} left out automatically" in said

    # --use-all-photos overrides the rule
    assert (
        main(
            [
                "train",
                str(folder),
                "--out",
                str(tmp_path / "all"),
                "--preset",
                "quick_check",
                "--batch-size",
                "8",
                "--epochs",
                "1",
                "--image-size",
                "32",
                "--device",
                "cpu",
                "--use-all-photos",
            ]
        )
        == 0
    )
    assert json.loads((tmp_path / "all" / "run.json").read_text(encoding="utf-8"))["config"]["exclude"] == []
