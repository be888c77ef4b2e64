"""demo: the folder scans as the manifest says, is deterministic, and its bad shots really look bad."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from badbatch_gui.core.data.demo import BAD_KINDS, CLASSES, MANIFEST_NAME, write_demo_folder
from badbatch_gui.core.data.imageio import load_rgb
from badbatch_gui.core.data.scan import scan_folder


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_default_demo_scans_as_the_manifest_says(tmp_path: Path) -> None:
    manifest = write_demo_folder(tmp_path / "demo")
    assert json.loads((tmp_path / "demo" / MANIFEST_NAME).read_text(encoding="utf-8")) == manifest
    result = scan_folder(tmp_path / "demo")
    n_bad = sum(len(v) for v in manifest["bad_shots"].values())
    assert len(manifest["good"]) + n_bad == 300
    assert len(result.images) == 300 + len(manifest["duplicates"])
    assert len(result.training_images()) == 300
    assert {p.path: p.reason for p in result.problems} == {
        paths[0]: reason for reason, paths in manifest["broken"].items()
    }
    assert set(manifest["broken"]) == {"truncated", "zero_bytes", "not_an_image"}
    assert {frozenset(g) for g in result.duplicates} == {frozenset(pair) for pair in manifest["duplicates"]}
    assert 3 <= len(manifest["duplicates"]) <= 4
    for kind in BAD_KINDS:
        assert 9 <= len(manifest["bad_shots"][kind]) <= 12, kind  # about 3-4 % of the files each
    assert "部品_ワッシャー_001.jpg" in manifest["classes"]
    assert "部品_歯車_002.png" in manifest["classes"]
    assert any("/" in r.path for r in result.images)
    sizes = {(r.width, r.height) for r in result.images}
    assert min(min(s) for s in sizes) >= 128
    assert max(w for w, _ in sizes) <= 192
    counts = {c: sum(v == c for v in manifest["classes"].values()) for c in CLASSES}
    assert min(counts.values()) >= 60, counts


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        write_demo_folder(tmp_path / name, n_images=24, seed=seed)
    a, b, c = (_files(tmp_path / name) for name in "abc")
    assert a == b
    assert a.keys() != c.keys() or any(a[k] != c[k] for k in a)


def _mean(root: Path, rel: str) -> float:
    return float(np.asarray(load_rgb(root / rel), dtype=np.float64).mean())


def _sharpness(root: Path, rel: str) -> float:
    grey = np.asarray(load_rgb(root / rel), dtype=np.float64).mean(axis=2)
    return float(np.abs(np.diff(grey, axis=0)).mean() + np.abs(np.diff(grey, axis=1)).mean())


def test_bad_shots_look_bad(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    manifest = write_demo_folder(root, n_images=120, seed=2)
    good = manifest["good"]
    good_mean = np.median([_mean(root, p) for p in good])
    bad = manifest["bad_shots"]
    assert max(_mean(root, p) for p in bad["dark"]) < 0.25 * good_mean
    assert min(_mean(root, p) for p in bad["overexposed"]) > 200
    assert max(_mean(root, p) for p in bad["black"]) < 3
    assert not set(bad["black"]) & set(manifest["classes"])
    good_sharp = np.median([_sharpness(root, p) for p in good])
    assert np.median([_sharpness(root, p) for p in bad["blur"]]) < 0.5 * good_sharp
    assert set(bad["half_out"]) <= set(manifest["classes"])


@pytest.mark.parametrize("n", [1, 7])
def test_tiny_counts_still_work(tmp_path: Path, n: int) -> None:
    manifest = write_demo_folder(tmp_path / "d", n_images=n, seed=0)
    assert len(manifest["good"]) + sum(len(v) for v in manifest["bad_shots"].values()) == n
    assert len(scan_folder(tmp_path / "d").images) == n + len(manifest["duplicates"])
