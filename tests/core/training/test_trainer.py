"""Trainer: learning, exact resume, curation, run control, NaN stop, out-of-memory halving, disk full.

Tiny CPU runs: 32-px synthetic images, batch 8, ResNet-18 GroupNorm, one thread. Tests that check control
flow rather than learning replace the network pass by a projector-only pass (``fast_forward``).
"""

from __future__ import annotations

import json
import math
import threading
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.dataset import plan_batches
from badbatch_gui.core.errors import CheckpointError, ConfigError, TrainingError
from badbatch_gui.core.training.loop.step_model import StepModel
from badbatch_gui.core.training.loop.trainer import Trainer
from badbatch_gui.core.training.run_folder import checkpoint as ckpt
from badbatch_gui.core.training.run_folder import runs
from tests.helpers.synth_images import make_folder

torch.set_num_threads(1)

BASE = dict(batch_size=8, epochs=2, image_size=32, device="cpu", warmup_epochs=0.5, seed=0)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("imgs") / "pictures", n=48, seed=0)


@pytest.fixture
def fast_forward(monkeypatch):
    """Replace the ResNet pass by the projector on fixed random features (cheap, still trainable)."""
    feats = torch.randn(64, 512, generator=torch.Generator().manual_seed(0))

    def forward(self, v1, v2):
        b = v1.shape[0]
        x = torch.cat([feats[:b] + v1.mean((1, 2, 3))[:, None], feats[:b] + v2.mean((1, 2, 3))[:, None]])
        z = F.normalize(self.net.projector(x), dim=1)
        return z[:b], z[b:]

    monkeypatch.setattr(StepModel, "forward_views", forward)


def finished(events: list) -> list:
    return [e for e in events if isinstance(e, ev.RunFinished)]


def steps(events: list) -> list:
    return [e for e in events if isinstance(e, ev.StepMetrics)]


def step_records(run_dir: Path) -> list[dict]:
    return [r for r in runs.read_jsonl(run_dir / runs.METRICS_JSONL) if r.get("event") == "step"]


@pytest.mark.parametrize("method", ["emc2", "simclr", "sogclr"])
def test_loss_decreases_for_each_method(folder, tmp_path, method):
    events: list = []
    cfg = TrainConfig(method=method, **BASE)
    summary = Trainer(cfg, folder, tmp_path / "run").run(on_event=events.append)
    losses = np.array([e.loss for e in steps(events)])
    assert summary.status == "completed"
    assert summary.steps == len(losses) == 12
    assert np.all(np.isfinite(losses))
    assert losses[-4:].mean() < losses[:4].mean() - 0.1, losses
    assert [e.reason for e in finished(events)] == [ev.FinishReason.COMPLETED]
    rec = json.loads((tmp_path / "run" / runs.RUN_JSON).read_text())
    assert rec["status"] == "completed"
    assert rec["summary"]["images_used"] == 48
    assert rec["summary"]["train_time_s"] > 0
    assert rec["summary"]["peak_memory_bytes"] > 0
    assert json.loads((tmp_path / "run" / runs.IMAGES_JSON).read_text())["paths"][0] == "img_0000.png"
    curves = runs.read_metrics(tmp_path / "run")
    assert np.allclose(curves["loss"], losses)
    assert len(curves["epoch_mean_loss"]) == 2


def test_stopped_run_resumes_with_the_same_next_batch_and_loss(folder, tmp_path):
    cfg = TrainConfig(method="emc2", **BASE)
    Trainer(cfg, folder, tmp_path / "ref").run()
    ref = step_records(tmp_path / "ref")

    control = RunControl()
    events: list = []

    def on_event(e):
        events.append(e)
        if isinstance(e, ev.StepMetrics) and e.step == 5:
            control.request_stop()

    first = Trainer(cfg, folder, tmp_path / "cut").run(control=control, on_event=on_event)
    assert first.status == "canceled"
    assert [e.reason for e in finished(events)] == [ev.FinishReason.CANCELED]
    saved = ckpt.load_checkpoint(tmp_path / "cut" / runs.CHECKPOINT)
    assert saved["step"] == 5
    assert saved["epoch"] == 0
    assert saved["batch_in_epoch"] == 5
    info = runs.run_info(tmp_path / "cut")
    assert info.status == "canceled"
    assert info.resumable

    again: list = []
    second = Trainer(cfg, folder, tmp_path / "cut").run(on_event=again.append, resume=True)
    assert second.status == "completed"
    assert second.steps == 12
    got = step_records(tmp_path / "cut")
    assert [r["step"] for r in got] == list(range(1, 13))
    nxt = got[5]
    assert nxt["indices_sha"] == ref[5]["indices_sha"]
    assert nxt["batch"] == ref[5]["batch"]
    assert nxt["loss"] == pytest.approx(ref[5]["loss"], rel=1e-6, abs=1e-7)
    assert [r["loss"] for r in got] == pytest.approx([r["loss"] for r in ref], rel=1e-5, abs=1e-6)


def test_run_dir_inside_the_image_folder_is_refused(folder):
    with pytest.raises(ConfigError):
        Trainer(TrainConfig(**BASE), folder, folder / "runs" / "x")


def test_nan_loss_stops_names_the_batch_and_keeps_the_last_checkpoint(folder, tmp_path, nan_loss_at, fast_forward):
    nan_loss_at(4)
    events: list = []
    cfg = TrainConfig(method="simclr", checkpoint_every_steps=2, **BASE)
    with pytest.raises(TrainingError) as info:
        Trainer(cfg, folder, tmp_path / "run").run(on_event=events.append)
    plan = plan_batches(48, 8, seed=0, epoch=0)
    bad_path = f"img_{int(plan[3][0]):04d}.png"
    text = str(info.value)
    assert "NaN" in text
    assert "step 4" in text
    assert "FRD" in text
    assert bad_path in text
    assert [e.reason for e in finished(events)] == [ev.FinishReason.ERRORED]
    assert ckpt.load_checkpoint(tmp_path / "run" / runs.CHECKPOINT)["step"] == 2
    rec = json.loads((tmp_path / "run" / runs.RUN_JSON).read_text())
    assert rec["status"] == "errored"
    assert bad_path in rec["nonfinite_batch"]["paths"]


def test_out_of_memory_halves_the_batch_and_continues(folder, tmp_path, monkeypatch, fast_forward):
    original = StepModel.forward_views
    calls = {"n": 0}

    def forward(self, v1, v2):
        calls["n"] += 1
        if calls["n"] == 3:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")
        return original(self, v1, v2)

    monkeypatch.setattr(StepModel, "forward_views", forward)
    events: list = []
    cfg = TrainConfig(method="emc2", **{**BASE, "epochs": 1})
    summary = Trainer(cfg, folder, tmp_path / "run").run(on_event=events.append)
    notices = [e for e in events if isinstance(e, ev.Notice) and e.code == "oom_batch_halved"]
    assert len(notices) == 1
    assert "4" in notices[0].message
    assert summary.status == "completed"
    assert summary.batch_size == 4
    assert summary.batch_size_changes == ({**summary.batch_size_changes[0], "from": 8, "to": 4, "step": 2},)
    recs = step_records(tmp_path / "run")
    # Epoch 0 consumed every image exactly once: 2 batches of 8, then the rest of the same permutation by 4.
    assert [r["batch_size"] for r in recs] == [8, 8] + [4] * 8
    perm = np.concatenate(plan_batches(48, 8, seed=0, epoch=0))
    from badbatch_gui.core.training.run_folder.run_recorder import indices_sha as _indices_sha

    expected = [_indices_sha(perm[i * 8 : (i + 1) * 8]) for i in range(2)]
    expected += [_indices_sha(perm[16 + i * 4 : 16 + (i + 1) * 4]) for i in range(8)]
    assert [r["indices_sha"] for r in recs] == expected
    rec = json.loads((tmp_path / "run" / runs.RUN_JSON).read_text())
    assert rec["summary"]["batch_size_changes"][0]["to"] == 4


def test_out_of_memory_below_batch_size_two_stops(folder, tmp_path, monkeypatch):
    def forward(self, v1, v2):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated)")

    monkeypatch.setattr(StepModel, "forward_views", forward)
    events: list = []
    with pytest.raises(TrainingError, match="out of memory"):
        Trainer(TrainConfig(**{**BASE, "batch_size": 4}), folder, tmp_path / "run").run(on_event=events.append)
    assert len([e for e in events if isinstance(e, ev.Notice) and e.code == "oom_batch_halved"]) == 1
    assert [e.reason for e in finished(events)] == [ev.FinishReason.ERRORED]


def test_pause_and_stop_from_another_thread(folder, tmp_path, fast_forward):
    control = RunControl()
    events: list = []
    paused = threading.Event()
    result: dict = {}

    def operator():
        control.request_pause()
        assert paused.wait(30)
        result["steps_at_pause"] = len(steps(events))
        threading.Event().wait(0.3)
        result["steps_after_wait"] = len(steps(events))
        control.resume()
        while len(steps(events)) < result["steps_at_pause"] + 2:
            threading.Event().wait(0.01)
        control.request_stop()

    started = threading.Event()

    def on_event(e):
        events.append(e)
        if isinstance(e, ev.StateChanged) and e.state is ev.RunState.PAUSED:
            paused.set()
        if isinstance(e, ev.StepMetrics) and not started.is_set():
            started.set()
            threading.Thread(target=operator, daemon=True).start()

    cfg = TrainConfig(method="sogclr", **{**BASE, "epochs": 5})
    summary = Trainer(cfg, folder, tmp_path / "run").run(control=control, on_event=on_event)
    assert summary.status == "canceled"
    assert result["steps_after_wait"] == result["steps_at_pause"]
    assert result["steps_at_pause"] + 2 <= len(steps(events)) < 30
    assert [e.reason for e in finished(events)] == [ev.FinishReason.CANCELED]
    assert ckpt.load_checkpoint(tmp_path / "run" / runs.CHECKPOINT)["step"] == len(steps(events))
    assert runs.run_info(tmp_path / "run").status == "canceled"


def test_curation_rejects_a_planted_bad_batch_after_warm_up(folder, tmp_path, monkeypatch, fast_forward):
    planted = 17
    current: dict = {}
    noise = np.random.default_rng(0)

    def remember_indices(trainer, batch_index, indices, step):
        current["indices"] = indices
        step()

    def fake_frd(self, z1, z2):
        return 5.0 if planted in current["indices"] else 0.1 + 0.01 * noise.random()

    monkeypatch.setattr(StepModel, "batch_frd", fake_frd)
    events: list = []
    cfg = TrainConfig(method="emc2", **{**BASE, "batch_size": 4, "epochs": 3, "frd_warmup_batches": 12})
    summary = Trainer(cfg, folder, tmp_path / "run", around_step=remember_indices).run(on_event=events.append)
    rejected = runs.read_jsonl(tmp_path / "run" / runs.REJECTED_JSONL)
    assert rejected
    assert all(planted in r["indices"] for r in rejected)
    assert all(r["epoch"] >= 1 and len(r["scores"]) == 3 and r["threshold"] < 5.0 for r in rejected)
    assert any(r["epoch"] == 2 for r in rejected)
    assert f"img_{planted:04d}.png" in rejected[0]["paths"]
    assert summary.rejected_batches == len(rejected)
    assert summary.steps == 36 - len(rejected)
    skipped = [e for e in steps(events) if e.skipped]
    assert len(skipped) == len(rejected)
    assert all(np.isnan(e.loss) for e in skipped)
    planted_steps = [e for e in steps(events) if e.epoch == 0 and e.batch_frd == 5.0]
    assert len(planted_steps) == 1
    assert not planted_steps[0].skipped


def test_disk_full_while_checkpointing_stops_and_keeps_the_previous_checkpoint(
    folder, tmp_path, monkeypatch, fast_forward
):
    original = ckpt.save_atomic
    calls = {"n": 0}

    def save(obj, path):
        calls["n"] += 1
        if calls["n"] == 2:
            raise CheckpointError(
                f"The disk is full: the checkpoint could not be written to {path.parent}; "
                "the previous checkpoint is kept."
            )
        original(obj, path)

    monkeypatch.setattr(ckpt, "save_atomic", save)
    events: list = []
    with pytest.raises(TrainingError, match="disk is full"):
        Trainer(TrainConfig(checkpoint_every_steps=2, **BASE), folder, tmp_path / "run").run(on_event=events.append)
    assert ckpt.load_checkpoint(tmp_path / "run" / runs.CHECKPOINT)["step"] == 2
    assert [e.reason for e in finished(events)] == [ev.FinishReason.ERRORED]


def test_resume_refuses_a_changed_folder(tmp_path, fast_forward):
    pictures = make_folder(tmp_path / "pics", n=16, seed=1)
    Trainer(TrainConfig(**{**BASE, "epochs": 1}), pictures, tmp_path / "run").run()
    make_folder(tmp_path / "extra", n=1, seed=2)
    (tmp_path / "extra" / "img_0000.png").rename(pictures / "new_picture.png")
    events: list = []
    with pytest.raises(CheckpointError, match="changed"):
        Trainer(TrainConfig(**BASE), pictures, tmp_path / "run").run(on_event=events.append, resume=True)
    assert [e.reason for e in finished(events)] == [ev.FinishReason.ERRORED]
    assert json.loads((tmp_path / "run" / runs.RUN_JSON).read_text())["status"] == "completed"  # record untouched


def test_a_second_trainer_on_a_live_run_is_refused(folder, tmp_path):
    lock = runs.RunLock(tmp_path / "run")
    (tmp_path / "run").mkdir()
    assert lock.acquire()
    try:
        with pytest.raises(TrainingError, match="already training"):
            Trainer(TrainConfig(**BASE), folder, tmp_path / "run").run()
    finally:
        lock.release()


class _SkippingScaler:
    """Stands in for torch.amp.GradScaler: skips the optimiser step (and halves its scale) on chosen calls."""

    def __init__(self, skip_calls: set[int]) -> None:
        self.scale_value, self.calls, self.skip_calls = 1024.0, 0, skip_calls

    def get_scale(self) -> float:
        return self.scale_value

    def scale(self, loss):
        return loss

    def step(self, optimizer) -> None:
        self.calls += 1
        if self.calls not in self.skip_calls:
            optimizer.step()

    def update(self) -> None:
        if self.calls in self.skip_calls:
            self.scale_value /= 2

    def state_dict(self) -> dict:
        return {"scale": self.scale_value}


def _table(sampler) -> dict:
    return {
        k: (v.clone() if isinstance(v, torch.Tensor) else v)
        for k, v in sampler.state_dict().items()
        if k not in ("accepted", "proposed")
    }


@pytest.mark.parametrize(("method", "variant"), [("emc2", "stored"), ("emc2", "paper"), ("sogclr", "stored")])
def test_a_step_the_fp16_scaler_skips_leaves_the_tables_unchanged(folder, tmp_path, fast_forward, method, variant):
    seen: dict[int, tuple[dict, dict]] = {}

    def watched(trainer, batch_index, indices, step):
        if not isinstance(trainer.parts.scaler, _SkippingScaler):  # before the first step: as if built with it
            trainer.parts.scaler = _SkippingScaler({3})
        before = _table(trainer.parts.sampler)
        step()
        seen[trainer.pos.step + 1] = (before, _table(trainer.parts.sampler))

    cfg = TrainConfig(method=method, emc2_variant=variant, curate=False, **{**BASE, "epochs": 1})
    summary = Trainer(cfg, folder, tmp_path / "run", around_step=watched).run()
    assert summary.scaler_skipped_steps == 1
    for step, (before, after) in seen.items():
        same = all(
            torch.equal(before[k], after[k]) if isinstance(before[k], torch.Tensor) else before[k] == after[k]
            for k in before
        )
        assert same == (step == 3), f"step {step}: tables {'unchanged' if same else 'changed'}"


def test_resume_of_a_run_stopped_before_its_first_checkpoint_starts_it_again(folder, tmp_path, fast_forward):
    """Killed a few seconds in (no checkpoint yet): Resume starts the same run from the beginning."""
    run_dir = tmp_path / "run"
    cfg = TrainConfig(method="emc2", curate=False, **{**BASE, "epochs": 1, "seed": 7})

    def killed(trainer, batch_index, indices, step):
        raise RuntimeError("process killed")  # at the first step, before any checkpoint

    with pytest.raises(RuntimeError, match="process killed"):
        Trainer(cfg, folder, run_dir, around_step=killed).run()
    assert not (run_dir / runs.CHECKPOINT).exists()
    assert runs.run_info(run_dir).resumable
    events: list = []
    summary = Trainer(TrainConfig(**BASE), folder, run_dir).run(resume=True, on_event=events.append)
    assert summary.status == "completed"
    assert summary.steps == 48 // 8
    assert TrainConfig.from_dict(runs.read_json(run_dir / runs.RUN_JSON)["config"]).seed == 7  # its own settings
    assert "restarted" in [e.code for e in events if isinstance(e, ev.Notice)]
    # with neither a checkpoint nor recorded settings there is nothing to resume
    with pytest.raises(CheckpointError):
        Trainer(TrainConfig(**BASE), folder, tmp_path / "empty").run(resume=True)


class _OOMInBackward(torch.autograd.Function):
    """Identity forward; its backward raises the out-of-memory error a GPU raises mid-backward."""

    @staticmethod
    def forward(ctx, x):
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad):
        raise torch.cuda.OutOfMemoryError("CUDA out of memory (simulated, in backward)")


def _everything(parts) -> dict:
    """The sampler's whole state (table, bank, generator, counters) and the per-pass loss's stored embeddings."""
    out = {
        f"sampler.{k}": (v.clone() if isinstance(v, torch.Tensor) else v) for k, v in parts.sampler.state_dict().items()
    }
    out.update(
        {f"bank.{k}": (v.clone() if isinstance(v, torch.Tensor) else v) for k, v in parts.bank.state_dict().items()}
    )
    return out


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        (torch.equal(a[k], b[k]) if isinstance(a[k], torch.Tensor) else a[k] == b[k]) for k in a
    )


@pytest.mark.parametrize(("method", "variant"), [("emc2", "paper"), ("emc2", "stored"), ("sogclr", "paper")])
def test_out_of_memory_in_backward_leaves_every_table_as_it_was(
    folder, tmp_path, monkeypatch, fast_forward, method, variant
):
    """Issue 20: an OOM raised in backward must not leave the chains, stored embeddings, generator or SogCLR's u
    advanced, or the retry with half the batch advances them a second time.
    """
    loss_fn = StepModel.loss
    calls = {"n": 0}

    def loss(self, *args, **kwargs):
        out, figures = loss_fn(self, *args, **kwargs)
        calls["n"] += 1
        return (_OOMInBackward.apply(out) if calls["n"] == 4 else out), figures

    monkeypatch.setattr(StepModel, "loss", loss)
    seen: list[tuple[dict, dict, bool]] = []

    def watched(trainer, batch_index, indices, step):
        before = _everything(trainer.parts)
        try:
            step()
        except torch.cuda.OutOfMemoryError:
            seen.append((before, _everything(trainer.parts), True))
            raise
        seen.append((before, _everything(trainer.parts), False))

    events: list = []
    cfg = TrainConfig(method=method, emc2_variant=variant, curate=False, **{**BASE, "epochs": 1})
    summary = Trainer(cfg, folder, tmp_path / "run", around_step=watched).run(on_event=events.append)
    assert summary.status == "completed"
    assert summary.batch_size == 4
    assert [e.code for e in events if isinstance(e, ev.Notice)].count("oom_batch_halved") == 1
    failed = [(b, a) for b, a, oom in seen if oom]
    assert len(failed) == 1
    assert _same(*failed[0])
    assert all(not _same(b, a) for b, a, oom in seen if not oom)  # every taken step did change them


def test_checkpoint_every_n_passes_skips_the_others_and_resumes_exactly(folder, tmp_path, fast_forward):
    cfg = TrainConfig(method="emc2", curate=False, checkpoint_every_passes=2, **{**BASE, "epochs": 3})
    events: list = []
    Trainer(cfg, folder, tmp_path / "ref").run(on_event=events.append)
    saved = [e.epoch for e in events if isinstance(e, ev.CheckpointSaved)]
    assert saved == [2, 3]  # after pass 2 and after the last pass, not after pass 1
    ref = step_records(tmp_path / "ref")

    def crash_in_pass_3(trainer, batch_index, indices, step):
        if trainer.pos.epoch == 2 and batch_index == 2:
            raise RuntimeError("power cut (simulated)")
        step()

    with pytest.raises(RuntimeError, match="power cut"):
        Trainer(cfg, folder, tmp_path / "cut", around_step=crash_in_pass_3).run()
    assert ckpt.load_checkpoint(tmp_path / "cut" / runs.CHECKPOINT)["epoch"] == 2
    summary = Trainer(cfg, folder, tmp_path / "cut").run(resume=True)
    assert summary.status == "completed"
    got = step_records(tmp_path / "cut")
    assert [r["step"] for r in got] == [r["step"] for r in ref]
    assert [r["indices_sha"] for r in got] == [r["indices_sha"] for r in ref]
    assert [r["loss"] for r in got] == pytest.approx([r["loss"] for r in ref], rel=1e-5, abs=1e-6)


def test_the_paper_variant_resumes_with_the_same_chain_states_and_losses(folder, tmp_path):
    """EMC2 (paper) re-draws each chain's view from (pass, attempt, view) kept in the table: a stopped and resumed
    run re-embeds the very same views and continues with the uninterrupted run's losses.
    """
    cfg = TrainConfig(method="emc2", emc2_variant="paper", curate=False, **BASE)
    Trainer(cfg, folder, tmp_path / "ref").run()
    ref = step_records(tmp_path / "ref")
    control = RunControl()

    def on_event(e):
        if isinstance(e, ev.StepMetrics) and e.step == 8:  # in the second pass: chains hold earlier-pass views
            control.request_stop()

    Trainer(cfg, folder, tmp_path / "cut").run(control=control, on_event=on_event)
    Trainer(cfg, folder, tmp_path / "cut").run(resume=True)
    got = step_records(tmp_path / "cut")
    assert [r["loss"] for r in got] == pytest.approx([r["loss"] for r in ref], rel=1e-5, abs=1e-6)
    assert all(r["rows_without_negative"] == 0.0 for r in got[6:])  # every chain has a state by the second pass
    epochs = [r for r in runs.read_jsonl(tmp_path / "cut" / runs.METRICS_JSONL) if r.get("event") == "epoch"]
    assert [r["global_photos"] for r in epochs] == [48, 48]  # the per-pass loss covers every photo, resumed too
    assert all(math.isfinite(r["global_loss"]) for r in epochs)
