"""The shared batch plan and the seeded two-view pipeline are deterministic and index-aware."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.core.data.augment import PRESETS, TwoViewAugment
from badbatch_gui.core.data.dataset import BatchLoader, ImageCache, TwoViewDataset, plan_batches, select_paths


def test_plan_is_a_seeded_partition_with_drop_last() -> None:
    plan = plan_batches(103, 10, seed=7, epoch=0)
    assert len(plan) == 10
    assert all(len(b) == 10 for b in plan)
    flat = np.concatenate(plan)
    assert len(set(flat.tolist())) == 100
    assert flat.max() < 103
    again = plan_batches(103, 10, seed=7, epoch=0)
    assert all((a == b).all() for a, b in zip(plan, again, strict=True))
    other_epoch = plan_batches(103, 10, seed=7, epoch=1)
    assert not all((a == b).all() for a, b in zip(plan, other_epoch, strict=True))
    assert plan_batches(5, 10, seed=0, epoch=0) == []


def test_select_paths_sorts_and_excludes() -> None:
    assert select_paths(["b.png", "a.png", "c.png"], exclude=["c.png"]) == ("a.png", "b.png")


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_views_are_deterministic_and_differ(preset: str) -> None:
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (48, 40, 3), dtype=np.uint8)
    aug = TwoViewAugment(preset, 32)
    a = aug(img, (1, 0, 5, 0, 0))
    b = aug(img, (1, 0, 5, 0, 0))
    c = aug(img, (1, 0, 5, 0, 1))
    assert a.shape == (3, 32, 32)
    assert a.dtype == torch.float32
    assert 0.0 <= float(a.min())
    assert float(a.max()) <= 1.0
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def _folder(tmp_path: Path, n: int) -> tuple[Path, list[str]]:
    root = tmp_path / "imgs"
    root.mkdir()
    names = []
    for i in range(n):
        name = f"img_{i:03d}.png"
        Image.new("RGB", (40 + i, 30), (i * 20 % 255, 100, 200 - i)).save(root / name)
        names.append(name)
    (root / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    return root, names + ["broken.png"]


def test_cache_skips_broken_files_and_keeps_index_order(tmp_path: Path) -> None:
    root, names = _folder(tmp_path, 6)
    cache = ImageCache.build(root, select_paths(names), 24)
    assert cache.array.shape == (6, 24, 24, 3)
    assert cache.array.dtype == np.uint8
    assert cache.paths == tuple(sorted(n for n in names if n != "broken.png"))
    assert [f.path for f in cache.failed] == ["broken.png"]
    assert not (root / ".badbatch").exists()
    assert sorted(p.name for p in root.iterdir()) == sorted(names)


def test_dataset_items_and_loader_match(tmp_path: Path) -> None:
    root, names = _folder(tmp_path, 8)
    cache = ImageCache.build(root, select_paths(names[:-1]), 24)
    ds = TwoViewDataset(cache, "simclr", 24, seed=3)
    i, orig, v1, v2 = ds[2]
    assert i == 2
    assert orig.shape == v1.shape == v2.shape == (3, 24, 24)
    batches = plan_batches(len(ds), 4, seed=3, epoch=0)
    with BatchLoader(ds, batches) as loader:
        got = list(loader)
    assert len(got) == 2
    for (idx, _orig, a, b), planned in zip(got, batches, strict=True):
        assert idx.tolist() == planned.tolist()
        ref = ds.batch(planned)
        assert torch.equal(a, ref[2])
        assert torch.equal(b, ref[3])
    redraw = ds.batch(batches[0], draw=1)
    assert not torch.equal(redraw[2], got[0][2])
    ds.set_epoch(1)
    assert not torch.equal(ds.batch(batches[0])[2], got[0][2])


def test_views_at_redraws_any_earlier_view_exactly(tmp_path: Path) -> None:
    """The EMC2 paper variant re-embeds the very view a chain accepted passes ago (core/training/methods/chain_states.py)."""
    root, names = _folder(tmp_path, 8)
    cache = ImageCache.build(root, select_paths(names[:-1]), 24)
    ds = TwoViewDataset(cache, "gentle", 24, seed=5)
    ds.set_epoch(2)
    _, _, v1, v2 = ds.batch([4, 1, 6], draw=1)
    ds.set_epoch(7)  # later: the dataset has moved on
    again = ds.views_at(np.array([1, 6, 4]), np.array([2, 2, 2]), np.array([1, 1, 1]), np.array([1, 0, 0]))
    assert torch.equal(again[0], v2[1])
    assert torch.equal(again[1], v1[2])
    assert torch.equal(again[2], v1[0])
    assert ds.views_at(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0)).shape == (0, 3, 24, 24)


def test_loader_close_stops_early(tmp_path: Path) -> None:
    root, names = _folder(tmp_path, 8)
    cache = ImageCache.build(root, select_paths(names[:-1]), 24)
    ds = TwoViewDataset(cache, "gentle", 24, seed=0)
    loader = BatchLoader(ds, plan_batches(8, 2, 0, 0) * 50, prefetch=1)
    it = iter(loader)
    next(it)
    loader.close()
    assert not loader._thread.is_alive()


def test_a_view_does_not_depend_on_its_batch_mates() -> None:
    rng = np.random.default_rng(1)
    imgs = [torch.from_numpy(rng.integers(0, 255, (3, 40 + i, 36), dtype=np.uint8)) for i in range(12)]
    seeds = [(0, 0, i, 0, 0) for i in range(12)]
    for preset in PRESETS:
        aug = TwoViewAugment(preset, 32)
        full = aug.views(imgs, seeds)
        assert torch.equal(aug.views(imgs[3:7], seeds[3:7]), full[3:7])
        assert torch.equal(aug(imgs[5], seeds[5]), full[5])


def test_vectorised_hue_and_blur_match_torchvision() -> None:
    from torchvision.transforms.v2 import functional as F

    from badbatch_gui.core.data.augment import _blur, _shift_hue

    x = torch.rand(3, 3, 24, 24, generator=torch.Generator().manual_seed(0))
    shifts = torch.tensor([-0.1, 0.02, 0.09])
    ref = torch.stack([F.adjust_hue(xi, float(s)) for xi, s in zip(x, shifts, strict=True)])
    assert torch.allclose(_shift_hue(x, shifts), ref, atol=1e-5)
    sig = torch.tensor([0.5, 1.0, 2.0])
    ref = torch.stack([F.gaussian_blur(xi, [5, 5], [float(s), float(s)]) for xi, s in zip(x, sig, strict=True)])
    assert torch.allclose(_blur(x, sig, 5), ref, atol=1e-5)


def test_large_caches_live_in_a_reusable_memory_mapped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import badbatch_gui.core.data.image_cache as dataset_mod

    root, names = _folder(tmp_path, 7)
    listing = sorted(p.name for p in root.iterdir())
    in_memory = ImageCache.build(root, select_paths(names), 24)
    monkeypatch.setattr(dataset_mod, "MEMMAP_ABOVE_BYTES", 0)
    cache_dir = tmp_path / "cache"
    mapped = ImageCache.build(root, select_paths(names), 24, cache_dir=cache_dir)
    assert isinstance(mapped.array, np.memmap)
    assert mapped.paths == in_memory.paths
    assert [f.path for f in mapped.failed] == ["broken.png"]
    assert np.array_equal(np.asarray(mapped.array), in_memory.array)  # rows of failed files closed up
    (data_file,) = cache_dir.glob("*.u8")
    assert data_file.stat().st_size == 7 * 24 * 24 * 3
    monkeypatch.setattr(
        dataset_mod, "load_rgb_array_and_image", lambda *a: pytest.fail("decoded again")
    )  # must be reused
    again = ImageCache.build(root, select_paths(names), 24, cache_dir=cache_dir)
    assert np.array_equal(np.asarray(again.array), in_memory.array)
    assert [f.path for f in again.failed] == ["broken.png"]
    assert sorted(p.name for p in root.iterdir()) == listing
