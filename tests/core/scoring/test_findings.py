"""Per-photo findings: each check fires on its own defect and stays quiet on ordinary variation; the folder's own
typical values are the yardstick (a dim folder is not "all dark", identical photos flag nothing).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from badbatch_gui.core.data import pixel_checks as pc
from badbatch_gui.core.scoring.findings import REASONS, judge

H, W = 120, 160


def _texture(rng: np.random.Generator) -> np.ndarray:
    """An ordinary surface photo: smoothed noise texture with a colour cast. Shape: (H, W, 3) float in [0, 1]."""
    base = rng.normal(0, 1, (H // 2, W // 2))
    im = Image.fromarray(((base - base.min()) / np.ptp(base) * 255).astype(np.uint8)).resize((W, H), Image.BICUBIC)
    g = np.asarray(im.filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float32) / 255.0
    g = 0.25 + 0.5 * g
    return np.clip(g[..., None] * rng.uniform(0.92, 1.08, 3).astype(np.float32), 0, 1)


def _ordinary(rng: np.random.Generator) -> np.ndarray:
    """Shot-to-shot variation an operator's folder has: exposure ±20 %, a little noise, slight softness."""
    img = _texture(rng) * rng.uniform(0.8, 1.2)
    if rng.random() < 0.5:
        img = (
            np.asarray(
                Image.fromarray((np.clip(img, 0, 1) * 255).astype(np.uint8)).filter(
                    ImageFilter.GaussianBlur(rng.uniform(0.2, 0.5))
                ),
                dtype=np.float32,
            )
            / 255.0
        )
    return np.clip(img + rng.normal(0, rng.uniform(0.002, 0.006), img.shape), 0, 1).astype(np.float32)


def _defect(kind: str, img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if kind == "dark":
        return img * 0.15
    if kind == "overexposed":
        return np.clip(img * 2.6 + 0.15, 0, 1)
    if kind == "blurry":
        pil = Image.fromarray((img * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3.0))
        return np.asarray(pil, dtype=np.float32) / 255.0
    if kind == "noisy":
        return np.clip(img + rng.normal(0, 0.08, img.shape), 0, 1)
    if kind == "low_contrast":
        return 0.3 * img + 0.7 * 0.8
    if kind == "cut_off":
        out = img.copy()
        out[:, W // 2 :] = 0.35  # the sample slid out of the frame: a plain table fills the right half
        return out
    raise ValueError(kind)


def _folder(n: int = 60, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [_ordinary(rng) for _ in range(n)]


def _measure(images: list[np.ndarray]) -> np.ndarray:
    return np.stack([pc.measure(im) for im in images])


@pytest.fixture(scope="module")
def ordinary() -> list[np.ndarray]:
    return _folder()


@pytest.mark.parametrize("kind", ["dark", "overexposed", "blurry", "noisy", "low_contrast", "cut_off"])
def test_each_check_fires_on_its_own_defect_and_nowhere_else(ordinary, kind):
    rng = np.random.default_rng(1)
    images = list(ordinary)
    images[7] = _defect(kind, images[7], rng)
    found = judge([f"p{i:02d}.jpg" for i in range(len(images))], _measure(images))
    assert found.flagged[7], (found.reasons[7], found.by_reason[7].round(2))
    assert found.reasons[7][0] == kind, (found.reasons[7], found.by_reason[7].round(2))
    assert int(found.flagged.sum()) == 1, [(i, found.reasons[i]) for i in np.flatnonzero(found.flagged)]
    assert found.ranked(1)[0] == 7  # the most unusual photo of the folder
    assert found.counts() == {kind: 1}


def test_ordinary_variation_flags_nothing(ordinary):
    found = judge([f"p{i}" for i in range(len(ordinary))], _measure(ordinary))
    assert not found.flagged.any(), found.severity.max()
    assert found.verdict().startswith("No photo looks wrong")


def test_a_folder_of_dim_photos_is_not_all_dark(ordinary):
    dim = [im * 0.25 for im in ordinary]
    found = judge([f"p{i}" for i in range(len(dim))], _measure(dim))
    assert not found.flagged.any()
    # ... and a photo much darker than those dim ones still is
    dim[3] = dim[3] * 0.2
    found = judge([f"p{i}" for i in range(len(dim))], _measure(dim))
    assert list(np.flatnonzero(found.flagged)) == [3]
    assert found.reasons[3][0] == "dark"


def test_a_folder_of_identical_photos_flags_nothing(ordinary):
    same = [ordinary[0]] * 30
    found = judge([f"p{i}" for i in range(30)], _measure(same), oddness=np.ones(30))
    assert not found.flagged.any()
    assert np.all(found.severity == 0)


def test_feature_oddness_alone_names_a_photo_unlike_the_rest(ordinary):
    odd = np.random.default_rng(2).uniform(0.8, 1.2, len(ordinary))
    odd[11] = 25.0  # the feature network finds it unlike the rest; its pixels look ordinary
    found = judge([f"p{i}" for i in range(len(ordinary))], _measure(ordinary), oddness=odd)
    assert list(np.flatnonzero(found.flagged)) == [11]
    assert found.reasons[11] == ("unusual",)


def test_reason_codes_come_from_the_fixed_list_and_unusual_comes_last(ordinary):
    rng = np.random.default_rng(3)
    images = list(ordinary)
    for i, kind in enumerate(["dark", "blurry", "noisy", "cut_off"]):
        images[i] = _defect(kind, images[i], rng)
    odd = np.ones(len(images))
    odd[:4] = 30.0
    found = judge([f"p{i}" for i in range(len(images))], _measure(images), oddness=odd)
    for r in found.reasons:
        assert set(r) <= set(REASONS)
        assert "unusual" not in r[:-1]  # a pixel reason says more; "unlike the rest" comes last
    assert sum(found.counts().values()) == int(found.flagged.sum())
    summary = found.summary_json()
    assert summary["reason_codes"] == list(REASONS)
    assert set(summary["per_reason"]) <= set(REASONS)


def test_ranked_keeps_at_least_the_asked_number_and_every_flagged_photo(ordinary):
    found = judge([f"p{i}" for i in range(len(ordinary))], _measure(ordinary))
    assert len(found.ranked(100)) == len(ordinary)  # a small folder: every photo
    assert len(found.ranked(10)) == 10
    assert list(found.ranked(10)) == list(np.argsort(-found.severity, kind="stable")[:10])


def test_unmeasured_photos_are_never_flagged_by_a_pixel_check(ordinary):
    m = _measure(ordinary)
    m[5] = np.nan
    found = judge([f"p{i}" for i in range(len(ordinary))], m)
    assert not found.flagged[5]
    assert found.severity[5] == 0


def test_measurements_of_a_tiny_picture_are_missing():
    assert np.isnan(pc.measure(np.zeros((8, 8, 3), np.float32))).all()
    assert pc.measure(np.zeros((40, 40, 3), np.float32)).shape == (pc.VECTOR_LEN,)
