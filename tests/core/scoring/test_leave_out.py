"""The leave-out rule (core/scoring/leave_out.py): the operator's decisions first, then the photos the last Batch
check flagged while the setting is on; findings stored apart from decisions, an older decisions file migrated.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from badbatch_gui.core.paths import AppPaths
from badbatch_gui.core.scoring.leave_out import LeftOutSummary, leave_out, load_review, record_findings


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "photos"
    d.mkdir()
    for name in ("a.png", "b.png", "c.png", "d.png"):
        (d / name).write_bytes(b"x" * 10)
    return d


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "cfg", tmp_path / "data", tmp_path / "cache", tmp_path / "logs")


def _found(**reasons: list[str]) -> SimpleNamespace:
    """A check's findings (``findings.Findings``' two fields the rule reads) for photos ``name_png=[codes]``."""
    names = [k.replace("_", ".") for k in reasons]
    return SimpleNamespace(paths=names, reasons=[tuple(v) for v in reasons.values()])


def test_decisions_come_first_then_the_flagged_photos_while_the_setting_is_on(folder: Path, paths: AppPaths) -> None:
    decisions, findings = load_review(paths, folder)
    record_findings(findings, decisions, _found(a_png=["dark", "blurry"], b_png=["blurry"], c_png=[], d_png=[]))
    decisions.set_image("b.png", "keep")  # kept by hand: used although flagged
    decisions.set_image("c.png", "reject")  # looks fine, left out by hand
    on = leave_out(findings.flagged(), decisions, leave_out_flagged=True)
    assert on.paths == ("a.png", "c.png")
    assert on.automatic == {"a.png"}
    assert on.kept == {"b.png"}
    assert on.reasons == {"a.png": ("dark", "blurry"), "c.png": ()}
    assert on.marks() == {"a.png": "reject", "b.png": "keep", "c.png": "reject"}
    assert on.summary() == LeftOutSummary(2, 1, {"dark": 1}, 1)
    off = leave_out(findings.flagged(), decisions, leave_out_flagged=False)
    assert off.paths == ("c.png",)
    assert off.automatic == frozenset()


def test_findings_are_stored_apart_and_a_changed_photo_is_no_longer_flagged(folder: Path, paths: AppPaths) -> None:
    decisions, findings = load_review(paths, folder)
    record_findings(findings, decisions, _found(a_png=["dark"], b_png=["cut_off"]))
    assert paths.findings_file(folder).is_file()
    assert not decisions.file.exists()
    _, again = load_review(paths, folder)
    assert again.flagged() == {"a.png": ("dark",), "b.png": ("cut_off",)}
    (folder / "a.png").write_bytes(b"y" * 12)  # replaced under the same name: a different photo
    os.utime(folder / "a.png", ns=(1, 1))
    _, changed = load_review(paths, folder)
    assert changed.flagged() == {"b.png": ("cut_off",)}
    record_findings(changed, decisions, _found(b_png=[]))  # checked again: looks fine now
    assert load_review(paths, folder)[1].flagged() == {}


def test_an_older_decisions_files_automatic_rejections_become_findings(folder: Path, paths: AppPaths) -> None:
    st = (folder / "a.png").stat()
    old = {
        "schema": 1,
        "folder": str(folder),
        "images": {
            "a.png": {"decision": "reject", "size_bytes": st.st_size, "mtime_ns": st.st_mtime_ns, "reasons": ["dark"]},
            "c.png": {"decision": "reject", "size_bytes": 10, "mtime_ns": 1, "automatic": False},
        },
    }
    file = paths.decisions_file(folder)
    file.parent.mkdir(parents=True)
    file.write_text(json.dumps(old), encoding="utf-8")
    decisions, findings = load_review(paths, folder)
    rule = leave_out(findings.flagged(), decisions, leave_out_flagged=True)
    assert rule.paths == ("a.png", "c.png")
    assert rule.automatic == {"a.png"}
    record_findings(findings, decisions, _found(b_png=["blurry"]))  # the next check: the old entry moves over
    stored = json.loads(file.read_text(encoding="utf-8"))["images"]
    assert list(stored) == ["c.png"]
    _, moved = load_review(paths, folder)
    assert moved.flagged() == {"a.png": ("dark",), "b.png": ("blurry",)}


def test_a_damaged_findings_file_is_set_aside_and_said(folder: Path, paths: AppPaths) -> None:
    file = paths.findings_file(folder)
    file.parent.mkdir(parents=True)
    file.write_text("{damaged", encoding="utf-8")
    _, findings = load_review(paths, folder)
    assert findings.flagged() == {}
    assert findings.damage
    assert not findings.checked
    assert file.with_name(file.name + ".broken").read_text(encoding="utf-8") == "{damaged"


def test_the_summary_sentence_and_its_json_round_trip() -> None:
    s = LeftOutSummary(3, 1, {"dark": 2}, 2)
    assert (
        s.sentence() == "3 photos left out (2 too dark, 1 by hand; 2 left out automatically because they look "
        "wrong, 1 by you)"
    )
    assert LeftOutSummary.from_json(s.to_json()) == s
    assert LeftOutSummary.from_json({}, excluded=4) == LeftOutSummary.all_by_hand(4)
    assert LeftOutSummary().sentence() == ""
