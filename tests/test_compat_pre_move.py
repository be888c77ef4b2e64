"""Files written before issue 14's move still work with today's code (docs/design/architecture.md §5-7).

``tests/data/pre_move/`` holds a run, its export, the reference embeddings, a decisions file and a settings file,
all written by the code from before the move (commit 3cac2e3) with ``make_fixtures.py`` beside them; that script's
docstring says exactly how. To keep the files small, the checkpoint's model tensors were replaced by a repeating
pattern of 997 seeded values (scaled to each tensor's mean and standard deviation) and the optimiser's moment
estimates by zeros, BEFORE the export, the reference embeddings and the reference resume were made, so the files
agree with one another; the checkpoint and ``encoder.safetensors`` are stored xz-compressed and unpacked here.

The proof: today's trainer resumes that checkpoint at step 5 and writes the same step lines as the old code did
when it resumed a copy; ``badbatch_gui.load_encoder`` and ``badbatch embed`` give the old export's embeddings;
the old decisions and settings files load with their values.
"""

from __future__ import annotations

import json
import lzma
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

import badbatch_gui
from badbatch_gui.cli import main
from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.scoring.decisions import DecisionStore
from badbatch_gui.core.scoring.leave_out import leave_out
from badbatch_gui.core.settings import load_settings
from badbatch_gui.core.training.loop.trainer import Trainer
from badbatch_gui.core.training.run_folder import runs

DATA = Path(__file__).parent / "data" / "pre_move"
TIMING = ("images_per_s", "eta_s", "elapsed_s", "rss_bytes", "cuda_allocated", "cuda_reserved", "cuda_total")


def _unpack(src: Path, dst: Path) -> Path:
    """Copy a fixture folder, unpacking its ``*.xz`` files."""
    shutil.copytree(src, dst)
    for packed in dst.glob("*.xz"):
        packed.with_suffix("").write_bytes(lzma.decompress(packed.read_bytes()))
        packed.unlink()
    return dst


@pytest.fixture
def pictures(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA / "pictures", tmp_path / "pictures"))


def _same(old: object, new: object) -> bool:
    if isinstance(old, float) and isinstance(new, float):
        return math.isclose(old, new, rel_tol=1e-4, abs_tol=1e-6)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return old == new


def test_a_checkpoint_written_before_the_move_resumes_where_it_stopped(tmp_path: Path, pictures: Path) -> None:
    run_dir = _unpack(DATA / "run", tmp_path / "run")
    before = runs.read_json(run_dir / runs.RUN_JSON)
    assert before is not None
    assert before["status"] == "canceled"
    torch.set_num_threads(1)
    events: list[object] = []
    summary = Trainer(TrainConfig(device="cpu"), pictures, run_dir).run(resume=True, on_event=events.append)
    assert summary.status == "completed"
    assert summary.steps == 6
    assert summary.images_used == 12
    resumed = [e for e in events if isinstance(e, ev.Notice) and e.code == "resumed"]
    assert len(resumed) == 1
    assert resumed[0].data == {"epoch": 1, "step": 4}
    lines = runs.read_jsonl(run_dir / runs.METRICS_JSONL)
    assert [r["step"] for r in lines if r.get("event") == "step"] == [1, 2, 3, 4, 5, 6]
    new = [{k: v for k, v in r.items() if k not in TIMING} for r in lines if r.get("event") == "step" and r["step"] > 4]
    old = json.loads((DATA / "expected_resume.json").read_text(encoding="utf-8"))
    # the same fields (plus only those added since: issue 20's stored-embedding health figures)...
    added = {"stored_cosine", "stored_age", "stored_share"}
    assert [sorted(set(r) - added) for r in new] == [sorted(r) for r in old]
    assert all(added <= set(r) for r in new)
    for o, n in zip(old, new, strict=True):  # ...and the same values as the old code's own resume
        assert all(_same(o[k], n[k]) for k in o), (o, n)
    after = runs.read_json(run_dir / runs.RUN_JSON)
    assert after is not None
    assert after["status"] == "completed"
    assert len(after["resumed"]) == 1
    assert after["started"] == before["started"]
    assert after["left_out"] == before["left_out"] == {"count": 2, "by_hand": 1, "by_reason": {"dark": 1}}
    assert after["file_list_hash"] == before["file_list_hash"]
    assert after["summary"]["steps"] == 6


def test_an_export_written_before_the_move_loads_and_embeds_the_same(tmp_path: Path, pictures: Path) -> None:
    export = _unpack(DATA / "export", tmp_path / "export")
    expected = np.load(DATA / "embeddings.npy")
    rows = (DATA / "embeddings.csv").read_text(encoding="utf-8").splitlines()[1:]
    names = [line.split(",", 1)[1] for line in rows]
    encoder, preprocess = badbatch_gui.load_encoder(export)
    assert preprocess.size == 32
    assert encoder.projector is None
    with torch.no_grad():
        got = encoder(preprocess.batch([pictures / n for n in names])).numpy()
    np.testing.assert_allclose(got, expected, atol=1e-5)

    out = tmp_path / "out" / "emb.npy"
    assert main(["embed", str(export), str(pictures), "--out", str(out), "--device", "cpu"]) == 0
    np.testing.assert_allclose(np.load(out), expected, atol=1e-5)
    assert out.with_suffix(".csv").read_text(encoding="utf-8") == (DATA / "embeddings.csv").read_text(encoding="utf-8")

    run_encoder, run_pre = badbatch_gui.load_encoder(_unpack(DATA / "run", tmp_path / "run"))  # the run itself too
    assert run_pre.size == 32
    assert run_encoder.feature_dim == encoder.feature_dim


def test_decisions_and_settings_written_before_the_move_load(tmp_path: Path, pictures: Path) -> None:
    file = Path(shutil.copy(DATA / "decisions.json", tmp_path / "decisions.json"))
    store = DecisionStore.load(pictures, file)
    # a rejection with reasons, written before "automatic" existed, was the app's default leave-out: it is now a
    # finding of an earlier check (leave_out.load_review hands it to the findings store), not the operator's
    assert store.rejected_paths() == ("img_0010.png",)
    assert store.kept_paths() == ("img_0007.png",)
    legacy = store.legacy_entries()
    assert list(legacy) == ["img_0003.png"]
    assert legacy["img_0003.png"].reasons == ("dark",)
    assert legacy["img_0003.png"].size_bytes == 2287
    rule = leave_out({rel: e.reasons for rel, e in legacy.items()}, store, leave_out_flagged=True)
    assert rule.paths == ("img_0003.png", "img_0010.png")
    assert rule.automatic == {"img_0003.png"}
    assert rule.summary().to_json() == {"count": 2, "by_hand": 1, "by_reason": {"dark": 1}, "automatic": 1}
    assert "img_0003.png" in store.to_json()["images"]  # kept in the file until the findings store holds it

    settings = load_settings(Path(shutil.copy(DATA / "settings.json", tmp_path / "settings.json")))
    assert (settings.language, settings.score_batch_size, settings.leave_out_flagged) == ("ja", 16, False)
    assert settings.recent_folders == ["/photos/a", "/photos/b"]
    assert settings.last_folder == "/photos/a"
    assert (settings.train_preset, settings.export_dir, settings.show_first_run_demo) == ("standard", "/exports", False)
