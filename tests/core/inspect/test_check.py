"""Checking new photos against normal ones: heat maps point at a planted defect, bad shots are named, verdicts follow
the threshold, and the check reports, streams events and stops cleanly.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import InspectConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import ConfigError
from badbatch_gui.core.inspect.check import PhotoChecked, check_photos
from badbatch_gui.core.inspect.index import build_index
from badbatch_gui.core.inspect.normal_model import fit_normal
from tests.helpers.inspect_photos import normal_folder, surface, write_photos

H, W = 48, 64
DEFECTS = [(6, 8), (30, 44), (8, 48), (28, 6)]  # (row, column) of each planted square's top-left corner


@pytest.fixture(scope="module")
def checked(tmp_path_factory, random_encoder):
    """Normal stripes learnt; new folder: 4 photos with a small red square, 2 normal ones, a black frame."""
    base = tmp_path_factory.mktemp("check")
    normal_folder(base / "normal", 40, seed=1)
    rng = np.random.default_rng(7)
    new = []
    for r, c in DEFECTS:
        img = surface(rng, H, W)
        img[r : r + 10, c : c + 10] = (230, 30, 30)
        new.append(img)
    new += [surface(rng, H, W), surface(rng, H, W), np.zeros((H, W, 3), np.uint8) + 3]
    names = write_photos(base / "new", new)
    cache = base / "cache"
    index = build_index(random_encoder, base / "normal", cache_dir=cache, device="cpu")
    normal = fit_normal(random_encoder, index, InspectConfig(device="cpu", false_alarm_rate=0.05), cache_dir=cache)
    events: list[object] = []
    result = check_photos(random_encoder, normal, base / "new", device="cpu", batch_size=3, on_event=events.append)
    return {"names": names, "result": result, "events": events, "normal": normal, "base": base, "index": index}


def test_a_planted_defect_lights_up_the_heat_map_where_it_was_planted(checked):
    result, names = checked["result"], checked["names"]
    by_path = {p.path: p for p in result.photos}
    rows, cols = result.grid
    cy, cx = (np.arange(rows) + 0.5) / rows, (np.arange(cols) + 0.5) / cols  # cell centres as fractions
    for name, (r, c) in zip(names, DEFECTS, strict=False):
        photo = by_path[name]
        assert photo.heat_map.shape == (rows, cols)
        x0, x1, y0, y1 = c / W, (c + 10) / W, r / H, (r + 10) / H
        # the hottest patch is on the square or right next to it (layer3's cells are two heat-map cells wide)
        assert x0 - 1.5 / cols <= photo.peak[0] <= x1 + 1.5 / cols, name
        assert y0 - 1.5 / rows <= photo.peak[1] <= y1 + 1.5 / rows, name
        dx = np.maximum(np.maximum(x0 - cx, cx - x1), 0) * cols  # distance to the square, in cells
        dy = np.maximum(np.maximum(y0 - cy, cy - y1), 0) * rows
        dist = np.maximum(dy[:, None], dx[None, :])
        on, far = photo.heat_map[dist <= 0.5], photo.heat_map[dist > 2.5]
        assert on.mean() > np.quantile(far, 0.9), name
        assert photo.verdict == "unusual"
        assert photo.score > result.threshold.value
    normal_scores = [by_path[n].score for n in names[4:6]]
    assert min(by_path[n].score for n in names[:4]) > max(normal_scores)


def test_a_black_frame_is_a_bad_shot_not_a_defect(checked):
    black = next(p for p in checked["result"].photos if p.path == checked["names"][6])
    assert black.verdict == "bad_shot"
    assert black.reasons[0] == "dark"
    assert not black.unusual


def test_verdicts_follow_the_false_alarm_rate_without_recomputing(checked):
    result = checked["result"]
    assert result.threshold.false_alarm_rate == 0.05
    assert result.threshold.n_normal == 40
    strict = result.with_false_alarm_rate(0.2)
    assert strict.threshold.value <= result.threshold.value
    assert [p.score for p in strict.photos] == [p.score for p in result.photos]
    for p in strict.photos:
        assert p.verdict == ("bad_shot" if p.reasons else "unusual" if p.score > strict.threshold.value else "normal")
    assert sum(strict.counts().values()) == len(result.photos) == 7


def test_reports_are_most_unusual_first(checked):
    result = checked["result"]
    report = result.to_json()
    assert set(report) >= {"threshold", "false_alarm_rate", "photos"}
    scores = [p["score"] for p in report["photos"]]
    assert scores == sorted(scores, reverse=True)
    assert len(scores) == 7
    assert set(report["photos"][0]) >= {"path", "score", "unusual", "reasons"}
    rows = list(csv.DictReader(io.StringIO(result.csv_text())))
    assert [r["path"] for r in rows] == [p["path"] for p in report["photos"]]
    black = next(r for r in rows if r["path"] == checked["names"][6])
    assert black["verdict"] == "bad_shot"
    assert black["reasons"].startswith("dark")


def test_events_stream_every_photo_and_end_once(checked):
    events = checked["events"]
    seen = [e for e in events if isinstance(e, PhotoChecked)]
    assert [e.done for e in seen] == list(range(1, 8))
    assert all(e.total == 7 for e in seen)
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.COMPLETED]


def test_a_stop_ends_the_check_at_a_batch_boundary(checked, random_encoder):
    control = RunControl()
    events: list[object] = []

    def stop_after_first(event: object) -> None:
        events.append(event)
        if isinstance(event, PhotoChecked):
            control.request_stop()

    with pytest.raises(Cancelled):
        check_photos(
            random_encoder,
            checked["normal"],
            checked["base"] / "new",
            device="cpu",
            batch_size=2,
            control=control,
            on_event=stop_after_first,
        )
    assert len([e for e in events if isinstance(e, PhotoChecked)]) == 2  # the first batch, then the stop
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.CANCELED]


def test_normal_model_is_cached_and_tied_to_its_encoder(checked, random_encoder, encoder):
    base = checked["base"]
    again = fit_normal(
        random_encoder, checked["index"], InspectConfig(device="cpu", false_alarm_rate=0.05), cache_dir=base / "cache"
    )
    assert again.from_cache
    np.testing.assert_array_equal(again.normal_scores, checked["normal"].normal_scores)
    np.testing.assert_array_equal(again.memory.features, checked["normal"].memory.features)
    with pytest.raises(ConfigError):
        check_photos(encoder, checked["normal"], base / "new", device="cpu")


def test_each_score_is_the_largest_value_of_the_heat_map_shown(checked):
    """What the operator sees and what sets the verdict agree: "unusual" exactly when a cell is above the threshold."""
    result = checked["result"]
    for p in result.photos:
        assert p.score == pytest.approx(float(p.heat_map.max()), rel=1e-6)
        if not p.reasons:
            assert p.unusual == bool((p.heat_map > result.threshold.value).any())
