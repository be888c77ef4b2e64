"""Photos like this one: the exact k nearest neighbours, near-duplicate groups and the folder map."""

from __future__ import annotations

import numpy as np
import pytest

from badbatch_gui.core.errors import ConfigError
from badbatch_gui.core.inspect.duplicates import near_duplicate_groups
from badbatch_gui.core.inspect.folder_map import folder_map, pca_coordinates
from badbatch_gui.core.inspect.index import FolderIndex, build_index
from badbatch_gui.core.inspect.neighbours import nearest, similar_photos
from tests.helpers.inspect_photos import normal_folder, write_photos


def _unit(rng: np.random.Generator, n: int, d: int) -> np.ndarray:
    x = rng.normal(size=(n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _brute_force(e: np.ndarray, q: np.ndarray, k: int, exclude: int | None) -> list[int]:
    sims = [(float(np.dot(e[i].astype(np.float64), q.astype(np.float64))), i) for i in range(len(e)) if i != exclude]
    return [i for _, i in sorted(sims, key=lambda t: (-t[0], t[1]))[:k]]


@pytest.mark.parametrize(("n", "k", "exclude"), [(1000, 12, None), (1000, 12, 17), (50, 60, 3), (5, 1, 0)])
def test_nearest_is_exact_against_a_brute_force_reference(n, k, exclude):
    rng = np.random.default_rng(n + k)
    e = _unit(rng, n, 64)
    q = e[exclude] if exclude is not None else _unit(rng, 1, 64)[0]
    rows, sims = nearest(e, q, k, exclude)
    assert rows.tolist() == _brute_force(e, q, k, exclude)
    np.testing.assert_allclose(sims, e[rows] @ q, rtol=1e-6)
    assert exclude not in rows.tolist()
    assert np.all(np.diff(sims) <= 0)


def test_ties_are_broken_by_row_order():
    e = np.tile(np.array([[1.0, 0.0]], np.float32), (6, 1))
    rows, _ = nearest(e, np.array([1.0, 0.0], np.float32), 3, exclude=1)
    assert rows.tolist() == [0, 2, 3]


def _index(paths: list[str], emb: np.ndarray, fingerprint: str = "x") -> FolderIndex:
    from pathlib import Path

    n = len(paths)
    return FolderIndex(
        Path("/nowhere"),
        tuple(paths),
        emb,
        np.zeros((n, 4), np.float32),
        np.ones((n, 2), np.int32),
        fingerprint,
        "test",
    )


def test_near_duplicate_groups_are_connected_components():
    # a-b very close, b-c very close (a-c a little less), d alone, e-f identical
    base = np.eye(8, dtype=np.float32)
    a = base[0]
    b = a + 0.15 * base[1]
    c = b + 0.15 * base[2]
    emb = np.stack([a, b, c, base[3], base[4], base[4]])
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    idx = _index(["a", "b", "c", "d", "e", "f"], emb)
    assert float(emb[0] @ emb[2]) < 0.985 < min(float(emb[0] @ emb[1]), float(emb[1] @ emb[2]))
    assert near_duplicate_groups(idx, 0.985) == (("a", "b", "c"), ("e", "f"))
    assert near_duplicate_groups(idx, 0.9999) == (("e", "f"),)


def test_pca_map_puts_two_clusters_apart_and_explains_the_spread():
    rng = np.random.default_rng(0)
    centre = np.zeros(16)
    centre[0] = 5.0
    x = np.concatenate([rng.normal(size=(30, 16)) * 0.1 + centre, rng.normal(size=(30, 16)) * 0.1 - centre])
    coords, explained = pca_coordinates(x)
    assert coords.shape == (60, 2)
    assert explained[0] > 0.9
    assert np.all(coords[:30, 0] * coords[30:, 0].mean() < 0)  # the two clusters on opposite sides of the first axis
    again, _ = pca_coordinates(x)
    np.testing.assert_array_equal(coords, again)


def test_similar_photos_in_and_outside_the_folder(tmp_path, encoder):
    folder = tmp_path / "photos"
    names = normal_folder(folder, 12)
    index = build_index(encoder, folder, cache_dir=tmp_path / "cache", device="cpu")
    inside = similar_photos(encoder, index, names[3], k=4)
    assert inside.in_folder
    assert names[3] not in [n.path for n in inside.neighbours]
    assert len(inside.neighbours) == 4
    by_path = similar_photos(encoder, index, folder / names[3], k=4)  # the same photo given by its full path
    assert by_path.neighbours == inside.neighbours
    outside = tmp_path / "elsewhere"
    write_photos(outside, [np.asarray(__import__("PIL.Image").Image.open(folder / names[3]))], "copy")
    from_file = similar_photos(encoder, index, outside / "copy_0000.png", k=4)
    assert not from_file.in_folder
    assert from_file.neighbours[0].path == names[3]
    assert from_file.neighbours[0].similarity > 0.999
    mapped = folder_map(index)
    assert mapped.coords.shape == (12, 2)
    assert mapped.paths == index.paths
    with pytest.raises(ConfigError):
        similar_photos(encoder, _index(list(index.paths), index.embeddings, "other"), names[0])
