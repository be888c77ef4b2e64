"""The decoded-image store: a second check decodes nothing, in this process or another; a changed file is decoded
again; several processes add segments without clashing; nothing is written into the image folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import badbatch_gui.core.data.image_cache as image_cache
from badbatch_gui.core.data import decoded_store
from badbatch_gui.core.data.decoded_store import DecodedStore
from badbatch_gui.core.data.image_cache import ImageCache
from badbatch_gui.core.data.pixel_checks import VECTOR_LEN


def _folder(root: Path, n: int = 12) -> list[str]:
    rng = np.random.default_rng(0)
    root.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        Image.fromarray(rng.integers(0, 255, (40, 52, 3), dtype=np.uint8)).save(root / f"img_{i:02d}.png")
        names.append(f"img_{i:02d}.png")
    return names


def _no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(image_cache, "load_rgb_array_and_image", lambda *a: pytest.fail("decoded again"))


def test_a_second_build_decodes_nothing_and_gives_the_same_rows_and_measurements(tmp_path, monkeypatch):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root)
    listing = sorted(p.name for p in root.iterdir())
    first = ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    assert first.decoded == len(names)
    assert first.stats.shape == (len(names), VECTOR_LEN)
    assert not np.isnan(first.stats).any()
    _no_decoding(monkeypatch)
    again = ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    assert again.decoded == 0
    assert again.paths == first.paths
    assert np.array_equal(again.array, first.array)
    assert np.array_equal(again.stats, first.stats)
    # a subset (photos left out) and another order come from the store as well
    subset = ImageCache.build(root, names[3:9], 24, cache_dir=cache_dir)
    assert subset.decoded == 0
    assert np.array_equal(subset.array, first.array[3:9])
    assert sorted(p.name for p in root.iterdir()) == listing  # the image folder is never written to


def test_a_changed_file_is_decoded_again(tmp_path):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root, 6)
    ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    Image.fromarray(np.zeros((40, 52, 3), np.uint8)).save(root / names[2])
    st = (root / names[2]).stat()
    os.utime(root / names[2], ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    again = ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    assert again.decoded == 1
    assert again.array[2].max() == 0


def test_measurements_missing_from_a_training_decode_are_taken_later(tmp_path):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root, 5)
    trained = ImageCache.build(root, names, 24, cache_dir=cache_dir)  # training: rows only
    assert trained.decoded == 5
    assert np.isnan(trained.stats).all()
    checked = ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    assert checked.decoded == 5
    assert not np.isnan(checked.stats).any()
    assert np.array_equal(checked.array, trained.array)  # one decode path: the same pixels


def test_another_process_reuses_the_store(tmp_path):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root, 8)
    ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    code = (
        "import sys\nfrom pathlib import Path\nfrom badbatch_gui.core.data.image_cache import ImageCache\n"
        f"c = ImageCache.build(Path({str(root)!r}), {names!r}, 24, cache_dir=Path({str(cache_dir)!r}), "
        "measure=True)\nprint(c.decoded)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == "0"


def test_many_segments_are_compacted_and_damaged_ones_ignored(tmp_path, monkeypatch):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root, 12)
    monkeypatch.setattr(decoded_store, "MAX_SEGMENTS", 3)
    for i in range(0, 12, 2):  # six builds, each adding two photos: one segment each
        ImageCache.build(root, names[i : i + 2], 24, cache_dir=cache_dir, measure=True)
    store = DecodedStore(cache_dir, root, 24, VECTOR_LEN)
    assert len(store) == 12
    assert len(list(store.dir.glob("seg-*.json"))) <= 3
    (next(store.dir.glob("seg-*.json"))).write_text("not json", encoding="utf-8")
    again = ImageCache.build(root, names, 24, cache_dir=cache_dir, measure=True)
    assert 0 < again.decoded < 12
    assert len(again) == 12


def test_broken_files_are_skipped_and_not_stored(tmp_path):
    root, cache_dir = tmp_path / "pics", tmp_path / "cache"
    names = _folder(root, 4)
    (root / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    cache = ImageCache.build(root, [*names, "broken.png"], 24, cache_dir=cache_dir, measure=True)
    assert cache.paths == tuple(names)
    assert [f.path for f in cache.failed] == ["broken.png"]
    again = ImageCache.build(root, [*names, "broken.png"], 24, cache_dir=cache_dir, measure=True)
    assert again.decoded == 1
    assert [f.path for f in again.failed] == ["broken.png"]
