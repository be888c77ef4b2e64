"""Why a batch above the threshold is unusual; one count per reason in the verdict and the exported list; who
decided what in the exported list.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.data.demo import write_demo_folder
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.scoring.batch_explanation import (
    KINDS,
    batch_effects,
    explain_batch,
    explain_batches,
    good_photos_lost,
)
from badbatch_gui.core.scoring.rejected_list import STATUSES, rejected_rows, write_csv
from badbatch_gui.core.scoring.score_report import BatchScore, ImageScore, ScoreReport
from badbatch_gui.core.scoring.scoring import score_folder


def _batch(shares: list[float], frd: float, flagged: dict[int, tuple[str, ...]] | None = None) -> BatchScore:
    flagged = flagged or {}
    images = tuple(
        ImageScore(f"p{i}.jpg", s, i, flagged.get(i, ()), i in flagged, 2.0 if i in flagged else 0.3)
        for i, s in enumerate(shares)
    )
    return BatchScore(0, frd, True, images)


def test_a_batch_holding_flagged_photos_names_them_with_their_reasons_and_counts_the_good_ones():
    batch = _batch([0.1, 0.5, 3.0, 0.2, 0.0, 0.3], 9.0, {2: ("dark",), 4: ("blurry", "cut_off")})
    why = explain_batch(batch, 5.0, left_out={"p1.jpg"})
    assert why is not None
    assert why.kind == "flagged"
    assert [p.path for p in why.photos] == ["p2.jpg", "p4.jpg"]  # largest effect first
    assert why.photos[1].reasons == ("blurry", "cut_off")
    assert why.photos[0].unusualness == 2.0
    assert why.good_photos == 3  # 6 photos, 2 flagged, 1 already left out
    assert "p2.jpg (too dark)" in why.sentence()
    assert "throw away 3 photos that look fine" in why.sentence()
    assert explain_batch(batch, 9.5) is None  # not above τ: nothing to explain


def test_one_photo_that_lifts_the_batch_above_the_threshold_is_named():
    shares = [-0.5, -0.4, -0.45, 4.0, -0.5, -0.42]
    batch = _batch(shares, 7.0)
    effects = batch_effects(shares)
    assert effects[3] == pytest.approx(4.0 - np.median(shares))
    why = explain_batch(batch, 3.5)  # 7.0 − 4.45 <= 3.5: without p3 the batch would pass
    assert why is not None
    assert why.kind == "one_photo"
    assert [p.path for p in why.photos] == ["p3.jpg"]
    assert why.photos[0].reasons == ()
    assert why.good_photos == 6
    assert "mostly one photo, p3.jpg" in why.sentence()


def test_no_single_photo_means_the_mix():
    batch = _batch([0.4, 0.5, 0.45, 0.6, 0.3, 0.55], 9.0)
    why = explain_batch(batch, 5.0)
    assert why is not None
    assert why.kind == "mix"
    assert why.photos == ()
    assert why.good_photos == 6
    assert "no single photo" in why.sentence()
    assert good_photos_lost(explain_batches([batch, batch], 5.0)) == 12


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[ScoreReport, dict]:
    """A planted demo folder (``core.data.demo``: dark, blurred, overexposed, black and half-out shots), scored
    with default settings at 64 px.
    """
    root = tmp_path_factory.mktemp("demo")
    manifest = write_demo_folder(root / "demo", n_images=180, seed=1)
    report = score_folder(
        scan_folder(root / "demo"), ScoreConfig(image_size=64, device="cpu"), cache_dir=root / "cache"
    )
    return report, manifest


def test_on_a_planted_folder_the_verdict_the_json_and_the_exported_list_count_the_same(demo_report, tmp_path):
    report, manifest = demo_report
    found = report.findings
    assert found is not None
    flagged = [p for p, r in zip(found.paths, found.reasons, strict=True) if r]
    planted = {p for paths in manifest["bad_shots"].values() for p in paths}
    assert len(flagged) >= 5
    assert len(set(flagged) & planted) >= 0.8 * len(flagged)
    headline = found.counts()
    assert sum(headline.values()) == len(flagged) == report.to_json()["findings"]["flagged"]
    assert report.to_json()["findings"]["per_reason"] == headline

    # the app leaves the flagged photos out (automatic); the operator leaves out one more and keeps one flagged
    decisions = {p: "reject" for p in flagged}
    kept, extra = flagged[0], next(p for p in report.paths if p not in flagged)
    decisions[kept], decisions[extra] = "keep", "reject"
    automatic = set(flagged) - {kept}
    rows = rejected_rows(report, decisions, automatic)
    written = write_csv(tmp_path / "list.csv", rows)
    with open(written, encoding="utf-8-sig") as fh:
        read = list(csv.DictReader(fh))
    assert Counter(r["main_reason"] for r in read if r["main_reason"]) == Counter(headline)
    status = {r["path"]: r["status"] for r in read}
    assert {status[p] for p in automatic} == {"left_out_automatically"}
    assert status[kept] == "kept_by_you"
    assert status[extra] == "left_out_by_you"
    assert "rejected_by_operator" not in status.values()
    assert set(status.values()) <= set(STATUSES)
    assert all(r["used_in_training"] == ("no" if r["status"].startswith("left_out") else "yes") for r in read)
    assert all(
        r["unusualness"] and (float(r["unusualness"]) >= 1.0) == bool(r["main_reason"])
        for r in read
        if r["path"] in found.paths
    )


def test_every_rejected_batch_carries_an_explanation_and_its_good_photo_count(demo_report):
    report, _ = demo_report
    data = json.loads(json.dumps(report.to_json()))
    rejected = [b for b in data["batches"] if b["rejected"]]
    assert rejected, "the planted folder should give batches above the threshold"
    for b in data["batches"]:
        assert ("explanation" in b) == b["rejected"]
        assert all({"batch_share", "unusualness", "reasons", "flagged"} <= set(i) for i in b["images"])
    for b in rejected:
        why = b["explanation"]
        assert why["kind"] in KINDS
        assert why["sentence"].startswith(f"Batch {b['index'] + 1} ")
        flagged = [i["path"] for i in b["images"] if i["flagged"]]
        assert why["good_photos"] == len(b["images"]) - len(flagged)
        if why["kind"] == "flagged":
            assert sorted(p["path"] for p in why["photos"]) == sorted(flagged)
        else:
            assert not flagged
            assert len(why["photos"]) == (1 if why["kind"] == "one_photo" else 0)
    # the unusualness of a photo is the same number in a batch and in the outlier list
    outliers = {o["path"]: o["unusualness"] for o in data["outliers"]}
    shared = [
        (i["unusualness"], outliers[i["path"]]) for b in data["batches"] for i in b["images"] if i["path"] in outliers
    ]
    assert shared
    assert all(a == b for a, b in shared)
    back = ScoreReport.from_json(data)
    assert back.batches[0].images[0].unusualness == report.batches[0].images[0].unusualness


def test_the_report_json_file_round_trips(demo_report, tmp_path: Path):
    report, _ = demo_report
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report.to_json()), encoding="utf-8")
    again = ScoreReport.from_json(json.loads(path.read_text(encoding="utf-8")))
    assert [b.images[0].reasons for b in again.batches] == [b.images[0].reasons for b in report.batches]
