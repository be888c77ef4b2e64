"""Batch check preview: training's batch plan and views, per-image blame, modes, threshold, report files, events."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.data.dataset import ImageCache, TwoViewDataset, plan_batches, select_paths
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.scoring import frd
from badbatch_gui.core.scoring.features import extract, load_feature_network
from badbatch_gui.core.scoring.score_report import ScoreReport
from badbatch_gui.core.scoring.scoring import Standardiser, batch_scores, score_folder

torch.set_num_threads(1)
SIZE = 32


@pytest.fixture(autouse=True)
def empty_hub(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))


def _photo(rng: np.random.Generator, size: int = 48) -> np.ndarray:
    """An ordinary grey part photo: lit background, a light blob, noise. Shape: (size, size, 3) uint8."""
    yy, xx = np.mgrid[0:size, 0:size] / size
    img = rng.uniform(90, 160) + rng.uniform(-30, 30) * (xx - 0.5) + rng.uniform(-30, 30) * (yy - 0.5)
    img = np.repeat(img[..., None], 3, axis=2) + rng.uniform(-5, 5, 3)
    cy, cx, r = rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65), rng.uniform(0.15, 0.3)
    mask = ((yy - cy) ** 2 + (xx - cx) ** 2) < r**2
    img[mask] = rng.uniform(170, 220) + rng.uniform(-8, 8, 3)
    img += rng.normal(0, 4, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def _bad(kind: str, size: int = 48) -> np.ndarray:
    if kind == "black":
        return np.full((size, size, 3), 4, np.uint8)
    stripes = np.zeros((size, size, 3), np.uint8)
    stripes[:, (np.arange(size) // 4) % 2 == 0] = (255, 0, 255)
    stripes[:, (np.arange(size) // 4) % 2 == 1] = (0, 255, 0)
    return stripes


def _folder(root: Path, n: int = 64, bad: dict[str, str] | None = None, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"p{i:03d}.png"
        arr = _bad(bad[name]) if bad and name in bad else _photo(rng)
        Image.fromarray(arr).save(root / name)
    return root


@pytest.fixture
def folder(tmp_path):
    return _folder(tmp_path / "pics", 64, {"p013.png": "black"})


def _cfg(**kw) -> ScoreConfig:
    base = dict(batch_size=16, seed=3, image_size=SIZE, mode="views", device="cpu", auto_batch_size=False)
    base.update(kw)
    return ScoreConfig(**base)


def test_batches_are_trainings_first_epoch_plan(folder, tmp_path):
    scan = scan_folder(folder)
    cfg = _cfg(exclude=("p005.png",))
    report = score_folder(scan, cfg, cache_dir=tmp_path / "cache")
    paths = select_paths([r.path for r in scan.training_images()], cfg.exclude)
    assert report.paths == paths
    assert "p005.png" not in report.paths
    plan = plan_batches(len(paths), cfg.batch_size, cfg.seed, 0)
    assert len(report.batches) == len(plan) == 3  # 63 images, drop_last
    for b, want in zip(report.batches, plan, strict=True):
        assert sorted(i.dataset_index for i in b.images) == sorted(want.tolist())
        assert {i.path for i in b.images} == {paths[j] for j in want}
        scores = [i.score for i in b.images]
        assert scores == sorted(scores, reverse=True)  # worst first


def test_views_are_trainings_first_attempt(folder, tmp_path):
    scan = scan_folder(folder)
    cfg = _cfg()
    report = score_folder(scan, cfg, cache_dir=tmp_path / "cache")
    # Rebuild what training's first attempt sees for batch 1 and score it independently.
    cache = ImageCache.build(scan.root, report.paths, SIZE)
    ds = TwoViewDataset(cache, cfg.augment, SIZE, cfg.seed)
    ds.set_epoch(0)
    net, src = load_feature_network("resnet18", None, "cpu")
    orig = np.concatenate(
        [extract(net, torch.from_numpy(cache.array[i : i + 64]).permute(0, 3, 1, 2)) for i in range(0, len(cache), 64)]
    )
    std = Standardiser(orig, src.normalisation == "standardise")
    b = plan_batches(len(cache), 16, cfg.seed, 0)[1]
    _, _, v1, v2 = ds.batch(b)
    want = frd.frechet_distance(std(extract(net, v1)), std(extract(net, v2)))
    assert report.batches[1].frd == pytest.approx(want, rel=1e-5)


def test_planted_outlier_ranks_first_in_its_batch_and_folder(tmp_path):
    root = _folder(tmp_path / "pics", 64, {"p013.png": "black", "p040.png": "stripes"}, seed=1)
    report = score_folder(scan_folder(root), _cfg(mode="reference"), cache_dir=tmp_path / "cache")
    for name in ("p013.png", "p040.png"):
        batch = next(b for b in report.batches if any(i.path == name for i in b.images))
        assert batch.images[0].path == name
    assert {o.path for o in report.outliers[:2]} == {"p013.png", "p040.png"}
    others = [o.score for o in report.outliers[2:]]
    assert min(o.score for o in report.outliers[:2]) > 3 * max(others)


def test_blacked_out_view_set_scores_far_above_normal_batches(folder):
    cache = ImageCache.build(folder, tuple(sorted(p.name for p in folder.iterdir())), SIZE)
    ds = TwoViewDataset(cache, "simclr", SIZE, seed=0)
    net, src = load_feature_network("resnet18", None, "cpu")
    orig = extract(net, torch.from_numpy(cache.array).permute(0, 3, 1, 2))
    std = Standardiser(orig, src.normalisation == "standardise")
    plan = plan_batches(len(cache), 16, 0, 0)
    normal = []
    for b in plan:
        _, _, v1, v2 = ds.batch(b)
        normal.append(batch_scores("views", None, std(extract(net, v1)), std(extract(net, v2)))[0])
    _, _, v1, v2 = ds.batch(plan[0])
    black, _, _ = batch_scores("views", None, std(extract(net, v1)), std(extract(net, torch.zeros_like(v2))))
    assert black > 3 * max(normal)


def test_original_mode_stores_both_terms(folder, tmp_path):
    report = score_folder(scan_folder(folder), _cfg(mode="original"), cache_dir=tmp_path / "cache")
    for b in report.batches:
        assert set(b.terms) == {"view1", "view2"}
        assert b.frd == pytest.approx(0.5 * (b.terms["view1"] + b.terms["view2"]))


def test_untrained_flag_warnings_and_no_threshold_below_20_batches(folder, tmp_path):
    report = score_folder(scan_folder(folder), _cfg(batch_size=8), cache_dir=tmp_path / "cache")
    assert report.untrained
    assert report.feature_network["note"] == "untrained feature network"
    codes = {n.code for n in report.notices}
    assert {"untrained_features", "small_batches", "no_threshold"} <= codes
    assert report.threshold.value is None
    assert not any(b.rejected for b in report.batches)
    assert len(report.batches) == 8  # fewer than 20 scores: the rule refuses to set τ
    assert report.to_json()["feature_network"]["untrained"] is True


def test_rethreshold_recomputes_flags_and_the_diversity_warning(tmp_path):
    root = _folder(tmp_path / "pics", 100)
    report = score_folder(scan_folder(root), _cfg(batch_size=4, mode="reference"), cache_dir=tmp_path / "cache")
    assert len(report.batches) == 25
    assert report.threshold.value is not None
    low = float(np.percentile(report.scores, 50))
    moved = report.rethreshold(low)
    assert moved.threshold.policy == "fixed"
    assert moved.threshold.value == low
    assert [b.rejected for b in moved.batches] == [b.frd > low for b in moved.batches]
    assert "too_many_rejected" in {n.code for n in moved.notices}
    assert "untrained_features" in {n.code for n in moved.notices}  # other notices are kept
    back = moved.rethreshold(policy="robust")
    assert [b.rejected for b in back.batches] == [b.rejected for b in report.batches]


def test_report_files_round_trip(folder, tmp_path):
    report = score_folder(scan_folder(folder), _cfg(), cache_dir=tmp_path / "cache")
    data = json.loads(json.dumps(report.to_json()))
    for key in ("threshold", "policy", "mode", "batch_size", "seed", "feature_network", "batches", "timings"):
        assert key in data
    assert {"name", "weights"} <= set(data["feature_network"])
    assert set(data["batches"][0]) >= {"index", "frd", "rejected", "images"}
    assert set(data["batches"][0]["images"][0]) >= {"path", "score"}
    assert data["timings"]["total_s"] > 0
    assert data["timings"]["images_per_s"] > 0
    again = ScoreReport.from_json(data)
    assert again.to_json() == data
    with open(report.to_csv(tmp_path / "r.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(report.batches) * 16
    assert rows[0]["path"] == report.batches[0].images[0].path


def test_broken_file_is_skipped_and_listed(folder, tmp_path):
    scan = scan_folder(folder)
    (folder / "p020.png").write_bytes(b"\x89PNG\r\n\x1a\n broken after the scan")
    report = score_folder(scan, _cfg(), cache_dir=tmp_path / "cache")
    assert [f.path for f in report.failed] == ["p020.png"]
    assert "p020.png" not in report.paths
    assert len(report.batches) == 3
    assert "skipped_files" in {n.code for n in report.notices}


def test_feature_cache_is_reused_with_identical_scores(folder, tmp_path):
    scan = scan_folder(folder)
    first = score_folder(scan, _cfg(mode="reference"), cache_dir=tmp_path / "cache")
    second = score_folder(scan, _cfg(mode="reference"), cache_dir=tmp_path / "cache")
    assert first.timings["originals_cached"] == 0.0
    assert second.timings["originals_cached"] == 1.0
    np.testing.assert_allclose(second.scores, first.scores, rtol=1e-12)
    assert list((tmp_path / "cache" / "features").glob("*.npz"))
    assert not list(folder.glob("*.npz"))  # nothing written into the image folder


def test_events_and_stop(folder, tmp_path):
    seen: list[object] = []
    report = score_folder(scan_folder(folder), _cfg(), on_event=seen.append, cache_dir=tmp_path / "cache")
    scored = [e for e in seen if isinstance(e, ev.BatchScored)]
    assert [e.index for e in scored] == [0, 1, 2, 3]
    assert all(e.total == 4 for e in scored)
    assert [e.frd for e in scored] == [b.frd for b in report.batches]
    finished = [e for e in seen if isinstance(e, ev.RunFinished)]
    assert len(finished) == 1
    assert finished[0].reason is ev.FinishReason.COMPLETED
    assert finished[0].result is report
    assert any(isinstance(e, ev.Notice) and e.code == "untrained_features" for e in seen)

    control = RunControl()
    seen.clear()

    def stop_after_first(e: object) -> None:
        seen.append(e)
        if isinstance(e, ev.BatchScored):
            control.request_stop()

    with pytest.raises(Cancelled):
        score_folder(
            scan_folder(folder), _cfg(), control=control, on_event=stop_after_first, cache_dir=tmp_path / "cache"
        )
    assert sum(isinstance(e, ev.BatchScored) for e in seen) == 1
    assert [e.reason for e in seen if isinstance(e, ev.RunFinished)] == [ev.FinishReason.CANCELED]


def test_too_few_images_for_one_batch(tmp_path):
    root = _folder(tmp_path / "pics", 6)
    with pytest.raises(FolderError, match="fewer than one batch"):
        score_folder(scan_folder(root), _cfg(batch_size=8), cache_dir=tmp_path / "cache")


def test_scores_with_a_trained_runs_encoder(tmp_path):
    """A real (tiny) training run's checkpoint drives the preview: projector features, not flagged untrained."""
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.training.loop.trainer import Trainer

    root = _folder(tmp_path / "pics", 24)
    run_dir = tmp_path / "run"
    cfg = TrainConfig(batch_size=8, epochs=1, image_size=SIZE, device="cpu", warmup_epochs=0.5, seed=0, curate=False)
    Trainer(cfg, root, run_dir).run()
    report = score_folder(scan_folder(root), _cfg(batch_size=8, weights=str(run_dir)), cache_dir=tmp_path / "c")
    fn = report.feature_network
    assert not report.untrained
    assert fn["layer"] == "projector"
    assert fn["normalisation"] == "l2"
    assert "untrained_features" not in {n.code for n in report.notices}
    assert len(report.batches) == 3
    assert all(np.isfinite(b.frd) for b in report.batches)
    assert all(b.frd <= 6.0 for b in report.batches)  # unit vectors: FRD lies in about [0, 6] (docs/design/frd.md §4)
