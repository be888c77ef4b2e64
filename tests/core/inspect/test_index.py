"""The index of a folder: every usable photo once, cached per encoder and folder, rebuilt only for changed files."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.inspect.index import build_index, cache_file
from tests.helpers.inspect_photos import normal_folder, surface


def test_a_second_build_computes_only_new_and_changed_files(tmp_path, encoder):
    folder = tmp_path / "photos"
    names = normal_folder(folder, 10)
    (folder / "notes.jpg").write_text("not a photo")  # unusable: skipped with a reason, never fatal
    cache = tmp_path / "cache"
    first = build_index(encoder, folder, cache_dir=cache, device="cpu")
    assert (first.computed, first.reused, len(first)) == (10, 0, 10)
    assert [p.path for p in first.skipped] == ["notes.jpg"]
    assert first.embeddings.shape == (10, 512)
    assert np.allclose(np.linalg.norm(first.embeddings, axis=1), 1, atol=1e-5)

    again = build_index(encoder, folder, cache_dir=cache, device="cpu")
    assert (again.computed, again.reused) == (0, 10)
    np.testing.assert_array_equal(again.embeddings, first.embeddings)

    rng = np.random.default_rng(99)
    Image.fromarray(255 - surface(rng)).save(folder / names[4])  # changed content (and size / modification time)
    st = (folder / names[4]).stat()
    os.utime(folder / names[4], ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    (folder / names[7]).unlink()
    Image.fromarray(surface(rng)).save(folder / "new_photo.png")
    third = build_index(encoder, folder, cache_dir=cache, device="cpu")
    assert (third.computed, third.reused, len(third)) == (2, 8, 10)
    assert names[7] not in third.paths
    assert "new_photo.png" in third.paths
    row_old, row_new = first.row(names[4]), third.row(names[4])
    assert row_old is not None
    assert row_new is not None
    assert not np.allclose(third.embeddings[row_new], first.embeddings[row_old])  # recomputed from the new pixels
    unchanged = names[0]
    np.testing.assert_array_equal(third.embeddings[third.row(unchanged)], first.embeddings[first.row(unchanged)])


def test_left_out_photos_stay_cached_and_a_damaged_cache_is_rebuilt(tmp_path, encoder):
    folder = tmp_path / "photos"
    names = normal_folder(folder, 8)
    cache = tmp_path / "cache"
    partial = build_index(encoder, folder, exclude=(names[0], names[1]), cache_dir=cache, device="cpu")
    assert len(partial) == 6
    assert names[0] not in partial.paths
    full = build_index(encoder, folder, cache_dir=cache, device="cpu")
    assert (full.computed, full.reused) == (2, 6)
    again = build_index(encoder, folder, exclude=(names[0],), cache_dir=cache, device="cpu")
    assert (again.computed, again.reused) == (0, 7)
    file = cache_file(cache, encoder.fingerprint, folder)
    file.write_bytes(b"damaged")
    rebuilt = build_index(encoder, folder, cache_dir=cache, device="cpu")
    assert (rebuilt.computed, rebuilt.reused) == (8, 0)
    assert file.with_name(file.name + ".broken").exists()  # set aside, not deleted


def test_the_untrained_twin_has_its_own_index(tmp_path, encoder, random_encoder):
    folder = tmp_path / "photos"
    normal_folder(folder, 6)
    cache = tmp_path / "cache"
    a = build_index(encoder, folder, cache_dir=cache, device="cpu")
    b = build_index(random_encoder, folder, cache_dir=cache, device="cpu")
    assert b.computed == 6
    assert a.fingerprint != b.fingerprint
    assert not np.allclose(a.embeddings, b.embeddings)


def test_events_cancel_and_errors(tmp_path, encoder):
    folder = tmp_path / "photos"
    normal_folder(folder, 6)
    events: list[object] = []
    build_index(encoder, folder, cache_dir=tmp_path / "cache", device="cpu", on_event=events.append)
    finished = [e for e in events if isinstance(e, ev.RunFinished)]
    assert len(finished) == 1
    assert finished[0].reason is ev.FinishReason.COMPLETED
    assert any(isinstance(e, ev.Progress) and e.phase == "index" and e.done == e.total == 6 for e in events)

    control = RunControl()
    control.request_stop()
    events.clear()
    with pytest.raises(Cancelled):
        build_index(
            encoder, folder, cache_dir=tmp_path / "cache2", device="cpu", control=control, on_event=events.append
        )
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.CANCELED]

    with pytest.raises(FolderError) as missing:
        build_index(encoder, tmp_path / "nope", cache_dir=tmp_path / "cache")
    assert "does not exist" in str(missing.value) or "not" in str(missing.value)
    with pytest.raises(FolderError) as everything_out:
        build_index(encoder, folder, exclude=tuple(p.name for p in folder.iterdir()), cache_dir=tmp_path / "cache")
    assert everything_out.value.code == "inspect_nothing_to_index"
