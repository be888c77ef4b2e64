"""export_encoder: round trip, model card content, self-test failure, safety of the destination, ONNX parity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ExportConfig, TrainConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.data.imageio import load_rgb_array
from badbatch_gui.core.errors import ExportError
from badbatch_gui.core.export.export import SelfTestError, export_encoder
from badbatch_gui.core.export.export_target import ExportExistsError
from badbatch_gui.core.export.onnx_export import onnx_available
from badbatch_gui.core.nets.encoder_io import load_encoder
from tests.helpers.export_runs import SIZE, make_run

torch.set_num_threads(1)


@pytest.fixture
def run(tmp_path):
    return make_run(tmp_path)


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".partial-" in p.name or ".old-" in p.name]


def test_round_trip_model_card_and_events(run, tmp_path):
    run_dir, images, model = run
    events: list[object] = []
    res = export_encoder(
        run_dir, tmp_path / "exports" / "my encoder", ExportConfig(self_test_images=3), on_event=events.append
    )
    assert res.out_dir == (tmp_path / "exports" / "my encoder").resolve()
    assert set(res.files) == {"encoder.safetensors", "model_card.json", "README.txt"}
    assert res.self_test.passed
    assert res.self_test.n_images == 3
    assert res.self_test.max_abs_diff <= 1e-4
    assert res.self_test.tolerance == 1e-4
    assert res.onnx_status == "not_requested"
    finished = [e for e in events if isinstance(e, ev.RunFinished)]
    assert len(finished) == 1
    assert finished[0].reason is ev.FinishReason.COMPLETED
    # Independent check: the export reproduces the trained model on a real image, through its own Preprocess.
    enc, pre = load_encoder(res.out_dir)
    rel = "sub/img_03.png"
    x_train = torch.from_numpy(load_rgb_array(images / rel, SIZE)).permute(2, 0, 1).float().div(255)[None]
    with torch.no_grad():
        assert torch.equal(enc(pre(images / rel)[None]), model.backbone(x_train))
    card = json.loads((res.out_dir / "model_card.json").read_text(encoding="utf-8"))
    assert list(card)[:8] == [
        "format",
        "format_version",
        "name",
        "created",
        "trial",
        "trial_note",
        "preset",
        "key_figures",
    ]
    kf = card["key_figures"]
    assert kf["training_time_s"] == 3725.0
    assert kf["training_time"] == "1 h 02 min"
    assert kf["peak_memory_bytes"] == 3 * 2**30
    assert "GPU" in kf["peak_memory"]
    assert kf["images_used"] == 10
    paths = json.loads((run_dir / "images.json").read_text())["paths"]
    assert card["dataset"]["image_count"] == 10
    assert card["dataset"]["file_list_hash"] == hashlib.sha256("\n".join(sorted(paths)).encode()).hexdigest()
    cur = card["curation"]
    assert cur["rejected_batches"] == 4
    assert cur["rejected_batches_logged"] == 2
    assert cur["operator_overrides"] == 2
    assert cur["images_excluded_by_operator"] == 2
    assert cur["images_left_out"] == {"count": 2, "by_hand": 2, "by_reason": {}}  # recorded before "left_out"
    assert kf["images_left_out"] == 2
    assert "2 photos left out (2 by hand)" in kf["data_used"]
    assert cur["batch_size_changes"][0]["to"] == 16
    assert card["input_size"] == SIZE
    assert card["embedding"]["dim"] == 512
    assert card["preprocessing"]["normalisation"]["inside_model"] is True
    assert card["training"]["method"] == "emc2"
    assert card["training"]["settings"]["epochs"] == 3
    assert (
        card["training"]["method_name"]
        == {"paper": "EMC2 (paper)", "stored": "EMC2 with stored embeddings"}[TrainConfig().emc2_variant]
    )  # the variant named for what it is (issue 20)
    assert card["final_metrics"]["final_loss"] == 1.25
    assert card["final_metrics"]["last_step"]["step"] == 6
    assert card["software"]["torch"] == torch.__version__
    assert card["self_test"]["passed"] is True
    assert card["self_test"]["n_images"] == 3
    weights = (res.out_dir / "encoder.safetensors").read_bytes()
    assert card["files"]["encoder.safetensors"]["sha256"] == hashlib.sha256(weights).hexdigest()
    readme = (res.out_dir / "README.txt").read_text(encoding="utf-8")
    assert "load_encoder" in readme
    assert "PASS" in readme
    english, japanese = readme.split("-" * 60)  # both languages: the folder is read without the app
    assert "自己テスト: 合格" in japanese
    assert "読み込む" in japanese
    assert "2 枚は除外" in japanese
    assert _leftovers(res.out_dir.parent) == []


def test_include_head_round_trip(run, tmp_path):
    run_dir, _, model = run
    res = export_encoder(run_dir, tmp_path / "e", ExportConfig(include_head=True, self_test_images=2))
    enc, _ = load_encoder(res.out_dir)
    x = torch.rand(2, 3, SIZE, SIZE)
    with torch.no_grad():
        assert torch.equal(enc.project(x), model(x))
    assert json.loads((res.out_dir / "model_card.json").read_text())["architecture"]["include_head"] is True


def test_never_overwrites_without_force_and_only_replaces_exports(run, tmp_path):
    run_dir, _, _ = run
    out = tmp_path / "e"
    export_encoder(run_dir, out, ExportConfig(self_test_images=1))
    before = (out / "encoder.safetensors").read_bytes()
    with pytest.raises(ExportExistsError, match="--force"):
        export_encoder(run_dir, out, ExportConfig(self_test_images=1))
    assert (out / "encoder.safetensors").read_bytes() == before
    res = export_encoder(run_dir, out, ExportConfig(self_test_images=1, force=True, include_head=True))
    assert res.self_test.passed
    assert _leftovers(tmp_path) == []
    other = tmp_path / "my_documents"
    other.mkdir()
    (other / "thesis.txt").write_text("precious")
    with pytest.raises(ExportError, match="not a BadBatch export"):
        export_encoder(run_dir, other, ExportConfig(force=True))
    assert (other / "thesis.txt").read_text() == "precious"


@pytest.mark.parametrize("where", ["run", "images", "reserved", "traversal"])
def test_unsafe_destinations_are_refused_before_any_work(run, tmp_path, where):
    run_dir, images, _ = run
    out = {
        "run": run_dir / "export",
        "images": images / "export",
        "reserved": tmp_path / "CON",
        "traversal": tmp_path / "a:b",
    }[where]
    with pytest.raises(ExportError):
        export_encoder(run_dir, out, ExportConfig(force=True))
    assert not out.exists()


def test_failing_self_test_fails_the_export_and_leaves_nothing(run, tmp_path, monkeypatch):
    import badbatch_gui.core.export.export as export_mod

    def corrupted(path):
        enc, pre = load_encoder(path)
        with torch.no_grad():
            enc.backbone.body.conv1.weight.add_(torch.randn_like(enc.backbone.body.conv1.weight) * 1e-2)
        return enc, pre

    monkeypatch.setattr(export_mod, "load_encoder", corrupted)
    events: list[object] = []
    run_dir = run[0]
    with pytest.raises(SelfTestError, match="self-test"):
        export_encoder(run_dir, tmp_path / "e", ExportConfig(self_test_images=2), on_event=events.append)
    assert not (tmp_path / "e").exists()
    assert _leftovers(tmp_path) == []
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.ERRORED]
    assert run_dir.joinpath("checkpoint.pt").exists()


def test_cancel_leaves_nothing(run, tmp_path):
    control = RunControl()
    events: list[object] = []

    def on_event(e):
        events.append(e)
        if isinstance(e, ev.Progress) and e.done == 2:
            control.request_stop()

    with pytest.raises(Cancelled):
        export_encoder(run[0], tmp_path / "e", ExportConfig(self_test_images=1), control, on_event)
    assert not (tmp_path / "e").exists()
    assert _leftovers(tmp_path) == []
    assert [e.reason for e in events if isinstance(e, ev.RunFinished)] == [ev.FinishReason.CANCELED]


def test_self_test_falls_back_to_generated_images_when_the_folder_is_gone(run, tmp_path):
    run_dir, images, _ = run
    for p in sorted(images.rglob("*.png")):
        p.unlink()
    events: list[object] = []
    res = export_encoder(run_dir, tmp_path / "e", ExportConfig(self_test_images=2), on_event=events.append)
    assert res.self_test.passed
    assert res.self_test.source == "synthetic"
    assert any(isinstance(e, ev.Notice) and e.code == "self_test_synthetic" for e in events)


def test_onnx_requested_without_the_extra_is_a_plain_error(run, tmp_path, monkeypatch):
    import badbatch_gui.core.export.export as export_mod

    monkeypatch.setattr(export_mod, "onnx_available", lambda: (False, "ONNX export needs onnx; pip install x"))
    with pytest.raises(ExportError, match="pip install"):
        export_encoder(run[0], tmp_path / "e", ExportConfig(onnx=True))
    assert not (tmp_path / "e").exists()


@pytest.mark.skipif(
    not onnx_available()[0],
    reason="ONNX parity needs the optional 'onnx' extra "
    "(pip install 'badbatch-gui[onnx]'), which is not installed here",
)
def test_onnx_parity(run, tmp_path):
    run_dir, _, model = run
    res = export_encoder(run_dir, tmp_path / "e", ExportConfig(onnx=True, self_test_images=2))
    assert res.onnx_status == "passed"
    assert "encoder.onnx" in res.files
    card = json.loads((res.out_dir / "model_card.json").read_text())
    assert card["onnx"]["status"] == "passed"
    assert card["onnx"]["max_abs_diff"] <= card["onnx"]["tolerance"]
    from badbatch_gui.core.export.onnx_export import _run

    x = torch.rand(3, 3, SIZE, SIZE, generator=torch.Generator().manual_seed(5))  # batch 3: dynamic axis
    got, runtime = _run(res.out_dir / "encoder.onnx", x.numpy())
    with torch.no_grad():
        ref = model.backbone(x).numpy()
    assert got.shape == (3, 512)
    assert float(np.abs(got - ref).max()) <= 1e-4 * max(1.0, float(np.abs(ref).max())), runtime


def test_leftovers_of_a_killed_export_are_cleaned_up(run, tmp_path):
    import os

    stale = tmp_path / ".e.partial-deadbeef"
    fresh = tmp_path / ".e.partial-cafe0001"
    for p in (stale, fresh):
        p.mkdir()
        (p / "encoder.safetensors").write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    export_encoder(run[0], tmp_path / "e", ExportConfig(self_test_images=1))
    assert not stale.exists()
    assert fresh.exists()


def test_exports_a_run_written_by_the_real_trainer(tmp_path):
    from badbatch_gui.core.training.loop.trainer import Trainer

    images = tmp_path / "imgs"
    images.mkdir()
    for i in range(8):
        Image.fromarray(np.random.default_rng(i).integers(0, 256, (40, 40, 3), dtype=np.uint8)).save(
            images / f"{i}.png"
        )
    cfg = TrainConfig(batch_size=4, epochs=1, image_size=SIZE, device="cpu", precision="fp32", method="simclr")
    summary = Trainer(cfg, images, tmp_path / "run").run()
    res = export_encoder(tmp_path / "run", tmp_path / "exp", ExportConfig(self_test_images=2))
    assert res.self_test.passed
    assert res.self_test.source == "run_images"
    card = res.model_card
    assert card["key_figures"]["images_used"] == summary.images_used == 8
    assert card["key_figures"]["peak_memory_bytes"] == summary.peak_memory_bytes > 0
    assert card["dataset"]["file_list_hash"] == card["dataset"]["scan_file_list_hash"]
    assert card["final_metrics"]["final_loss"] == pytest.approx(summary.final_loss)


def test_the_model_card_says_how_many_photos_were_left_out_and_why(run, tmp_path):
    run_dir, _, _ = run
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    record["left_out"] = {"count": 5, "by_hand": 1, "by_reason": {"dark": 3, "blurry": 1}}
    (run_dir / "run.json").write_text(json.dumps(record), encoding="utf-8")
    res = export_encoder(run_dir, tmp_path / "exports" / "e", ExportConfig(self_test_images=2))
    card = json.loads((res.out_dir / "model_card.json").read_text(encoding="utf-8"))
    assert card["curation"]["images_left_out"] == record["left_out"]
    assert card["key_figures"]["images_left_out"] == 5
    assert "5 photos left out (3 too dark, 1 blurry, 1 by hand)" in card["key_figures"]["data_used"]


def test_a_quick_check_run_is_marked_as_a_trial_in_its_record_the_run_list_and_the_model_card(tmp_path):
    from badbatch_gui.core.config import TRIAL_NOTE, train_preset
    from badbatch_gui.core.training.loop.trainer import Trainer
    from badbatch_gui.core.training.run_folder.runs import run_info

    images = tmp_path / "imgs"
    images.mkdir()
    for i in range(8):
        Image.fromarray(np.random.default_rng(i).integers(0, 256, (40, 40, 3), dtype=np.uint8)).save(
            images / f"{i}.png"
        )
    cfg = train_preset("quick_check", batch_size=4, epochs=1, image_size=SIZE, device="cpu", precision="fp32")
    assert cfg.preset == "quick_check"
    assert cfg.is_trial
    Trainer(cfg, images, tmp_path / "run").run()
    record = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert record["trial"] is True
    assert record["config"]["preset"] == "quick_check"
    info = run_info(tmp_path / "run")
    assert info is not None
    assert info.trial
    res = export_encoder(tmp_path / "run", tmp_path / "exp", ExportConfig(self_test_images=2))
    card = json.loads((res.out_dir / "model_card.json").read_text(encoding="utf-8"))
    assert card["trial"] is True
    assert card["trial_note"] == TRIAL_NOTE
    assert card["preset"] == "quick_check"
    assert "Trial run: quick check, not for use" in TRIAL_NOTE
    readme = (res.out_dir / "README.txt").read_text(encoding="utf-8")
    assert TRIAL_NOTE in readme.splitlines()[1]
    assert "checks the file, not how good the network is" in readme


def test_a_run_from_other_settings_is_not_a_trial(run, tmp_path):
    from badbatch_gui.core.config import train_preset

    assert not train_preset("standard").is_trial
    assert not TrainConfig().is_trial
    res = export_encoder(run[0], tmp_path / "e", ExportConfig(self_test_images=1))
    assert res.model_card["trial"] is False
    assert res.model_card["trial_note"] is None
    assert "Trial run" not in (res.out_dir / "README.txt").read_text(encoding="utf-8")
