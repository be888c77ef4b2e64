"""Memory readings and the pre-training memory forecast (CPU)."""

from __future__ import annotations

import pytest
import torch

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.training import memory

torch.set_num_threads(1)
CFG = TrainConfig(method="emc2", batch_size=8, image_size=32, device="cpu")


def test_readings_on_cpu():
    assert memory.cuda_memory("cpu") is None
    rss = memory.process_rss()
    assert 10 * 2**20 < rss < 64 * 2**30
    total, avail = memory.system_memory()
    assert 0 < avail <= total
    peak = memory.PeakMemory(torch.device("cpu"))
    peak.reset()
    block = torch.ones(64 * 2**20 // 4)  # 64 MiB touched
    peak.sample()
    assert peak.kind == "cpu_rss"
    assert peak.peak >= rss * 0.5
    assert peak.peak >= 64 * 2**20
    del block


def test_forecast_parts_add_up_and_scale_with_the_batch():
    f8 = memory.forecast(CFG, probe=False, n_images=1000)
    f16 = memory.forecast(CFG.replace(batch_size=16), probe=False, n_images=1000)
    params = sum(p.numel() for p in torch.nn.Module.parameters(_model()))
    assert f8.params_bytes == 4 * params
    assert f8.optimizer_bytes == 2 * f8.params_bytes
    assert f8.gradients_bytes == f8.params_bytes
    per_pass_loss = 4 * 128 + 1  # the two stored embeddings of the per-pass global loss, every method
    assert CFG.emc2_variant == "stored"
    assert f8.sampler_bytes == (19 + 2 * 128 + 5 + per_pass_loss) * 1000
    assert f8.host_bytes == 1000 * 32 * 32 * 3
    paper = memory.forecast(CFG.replace(emc2_variant="paper"), probe=False, n_images=1000)
    assert paper.sampler_bytes == (19 + per_pass_loss) * 1000
    assert memory.forecast(CFG.replace(method="simclr"), probe=False, n_images=1000).sampler_bytes == 513000
    # the paper variant's extra forward of up to B chain-state photos: 1.5 x the activations of the 2B views
    assert paper.activations_bytes == pytest.approx(1.5 * f8.activations_bytes, rel=1e-3)
    assert f8.total_bytes == sum(f8.parts().values())
    assert f16.activations_bytes == pytest.approx(2 * f8.activations_bytes, rel=0.1)
    assert f8.verdict == "fits comfortably"
    assert f8.suggested_batch_size == 8
    assert "GiB" in f8.message


def _model():
    from badbatch_gui.core.nets.models import build_model

    return build_model("resnet18", "group", 128, stem=CFG.stem)


def test_sampler_state_per_method():
    per_pass_loss = (4 * 128 + 1) * 500  # every method stores two float16 embeddings per photo for the global loss
    assert (
        memory.forecast(CFG.replace(method="sogclr"), probe=False, n_images=500).sampler_bytes == 2000 + per_pass_loss
    )
    assert memory.forecast(CFG.replace(method="simclr"), probe=False, n_images=500).sampler_bytes == per_pass_loss


def test_real_trial_counts_the_same_activations_as_the_no_compute_trial():
    real = memory.forecast(CFG.replace(batch_size=4), probe=True)
    meta = memory.forecast(CFG.replace(batch_size=4), probe=False)
    assert real.activations_bytes == meta.activations_bytes > 1_000_000
    assert "one trial step" in real.activations_method
    assert "no-compute" in meta.activations_method


def test_small_free_memory_gives_a_verdict_and_a_smaller_power_of_two(monkeypatch):
    base = memory.forecast(CFG.replace(batch_size=64), probe=False)
    per_image = (base.activations_bytes + base.frd_bytes) / 64
    fixed = base.total_bytes - 64 * per_image
    free = int((fixed + 20 * per_image) / memory.TARGET_FRACTION)  # room for about 20 images per batch
    monkeypatch.setattr(memory, "device_capacity", lambda dev: (2 * free, free))
    f = memory.forecast(CFG.replace(batch_size=64), probe=False)
    assert f.total_bytes > memory.TARGET_FRACTION * free
    assert f.verdict in ("tight", "will not fit")
    assert f.suggested_batch_size == 16
    assert "Suggested batch size: 16" in f.message
    small = int(f.total_bytes / 1.2)
    monkeypatch.setattr(memory, "device_capacity", lambda dev: (2 * small, small))
    assert memory.forecast(CFG.replace(batch_size=64), probe=False).verdict == "will not fit"
    tight = int(f.total_bytes / 0.8)
    monkeypatch.setattr(memory, "device_capacity", lambda dev: (2 * tight, tight))
    assert memory.forecast(CFG.replace(batch_size=64), probe=False).verdict == "tight"
