"""The patch check's heat map and score: one stride-8 grid for every stage, neighbourhood-averaged distances, and a
photo score that is the largest value of the map shown.
"""

from __future__ import annotations

import numpy as np
import pytest

from badbatch_gui.core.config import InspectConfig
from badbatch_gui.core.inspect.heat import heat_map, photo_scores
from badbatch_gui.core.inspect.network_features import PATCH_STRIDE, grid_of, patch_maps


def test_a_lone_hot_patch_counts_less_than_a_defect_covering_several():
    lone = np.zeros((1, 10, 12), np.float32)
    lone[0, 4, 5] = 9.0
    block = np.zeros((1, 10, 12), np.float32)
    block[0, 3:6, 6:9] = 9.0
    h_lone, h_block = heat_map(lone), heat_map(block)
    assert h_lone.shape == lone.shape
    assert h_lone.dtype == np.float32
    assert h_lone[0, 4, 5] == pytest.approx(1.0)  # 9 spread over its 3 x 3 neighbourhood
    assert h_block[0, 4, 7] == pytest.approx(9.0)  # a 3 x 3 defect keeps its full value at its centre
    assert np.argmax(h_block[0]) == 4 * 12 + 7  # and the map peaks where it is
    assert photo_scores(h_block)[0] > 5 * photo_scores(h_lone)[0]


def test_edge_cells_average_only_the_cells_that_exist():
    corner = np.zeros((1, 6, 6), np.float32)
    corner[0, 0, 0] = 4.0
    assert heat_map(corner)[0, 0, 0] == pytest.approx(1.0)  # 2 x 2 cells inside the frame
    flat = np.full((2, 5, 7), 3.0, np.float32)
    np.testing.assert_allclose(heat_map(flat), flat)
    np.testing.assert_allclose(photo_scores(heat_map(flat)), [3.0, 3.0])


def test_every_stage_is_brought_to_one_grid_of_stride_8(encoder):
    assert InspectConfig().layers == ("layer1", "layer2", "layer3")
    frame = (64, 96)
    images = np.random.default_rng(0).integers(0, 256, (2, *frame, 3), dtype=np.uint8)
    desc, channels = patch_maps(encoder.backbone, images, ("layer1", "layer2", "layer3"))
    assert grid_of(frame, ("layer1",)) == grid_of(frame, ("layer2", "layer3")) == (8, 12)
    assert tuple(desc.shape) == (2, sum(channels), frame[0] // PATCH_STRIDE, frame[1] // PATCH_STRIDE)
    assert len(channels) == 3
    assert channels[0] < channels[1] < channels[2]
    # layer1 at stride 8 is its stride-4 map averaged over 2 x 2 cells: a photo that differs only in one 8 x 8 block
    # changes layer1's description most in that block's cell
    other = images.copy()
    other[:, 24:32, 40:48] = 255 - other[:, 24:32, 40:48]
    moved, _ = patch_maps(encoder.backbone, other, ("layer1",))
    first, _ = patch_maps(encoder.backbone, images, ("layer1",))
    change = (moved - first).norm(dim=1)[0].numpy()
    assert np.unravel_index(int(np.argmax(change)), change.shape) == (3, 5)


def test_the_default_frame_is_at_least_160_px_unless_told():
    assert InspectConfig().frame_side(96) == 160
    assert InspectConfig().frame_side(224) == 224
    assert InspectConfig(image_size=96).frame_side(224) == 96
