"""core.thumbnails: the disk cache is keyed by file identity and thumbnail size, and never touches the folder."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

from badbatch_gui.core.data.imageio import ImageDecodeError
from badbatch_gui.core.data.thumbnails import ThumbnailCache, render_thumbnail, thumb_key


def _photo(path, w=200, h=100):
    Image.fromarray(np.full((h, w, 3), 90, np.uint8)).save(path)
    return path


def test_put_get_roundtrip_and_keys(tmp_path):
    img = _photo(tmp_path / "a.png")
    cache = ThumbnailCache(tmp_path / "cache")
    assert cache.get(img, 64) is None
    assert cache.put(img, 64, b"thumb-bytes")
    assert cache.get(img, 64) == b"thumb-bytes"
    assert cache.get(img, 128) is None  # another size is another entry
    st = os.stat(img)
    os.utime(img, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert cache.get(img, 64) is None  # a changed file is not served its old thumbnail
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "cache"]  # nothing next to the photo


def test_missing_file_has_no_key(tmp_path):
    assert thumb_key(tmp_path / "nope.jpg", 64) is None
    assert ThumbnailCache(tmp_path / "c").put(tmp_path / "nope.jpg", 64, b"x") is False


def test_render_thumbnail_keeps_aspect_and_rejects_non_images(tmp_path):
    data = render_thumbnail(_photo(tmp_path / "wide.png", 300, 100), 60)
    import io

    thumb = Image.open(io.BytesIO(data))
    assert thumb.size == (60, 20)
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a picture")
    with pytest.raises(ImageDecodeError):
        render_thumbnail(bad, 60)


def test_prune_removes_oldest_beyond_the_limit(tmp_path):
    cache = ThumbnailCache(tmp_path / "cache", max_bytes=2500)
    for i in range(5):
        img = _photo(tmp_path / f"p{i}.png")
        cache.put(img, 64, bytes(1000))
    assert cache.total_bytes() == 5000
    assert cache.prune() == 3
    assert cache.total_bytes() <= 2500
