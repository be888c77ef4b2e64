"""How the files in this folder were made: with the code from BEFORE issue 14's move (commit 3cac2e3).

Run (once; the files are committed, this script documents them and can remake them)::

    git worktree add /tmp/pre_move 3cac2e3
    PYTHONPATH=/tmp/pre_move .venv/bin/python tests/data/pre_move/make_fixtures.py /tmp/fixtures

It writes, into the given folder (then copied here by hand):

- ``pictures/``: 14 synthetic 32-px PNGs (``tests/helpers/synth_images.make_folder``, seed 5).
- ``decisions.json``: the folder's keep / leave-out decisions (one flagged photo rejected as "dark", one rejected
  by hand, one kept), saved by the old ``DecisionStore``.
- ``settings.json``: an ``AppSettings`` with non-default values, saved by the old ``save_settings``.
- ``run/``: an EMC2 run (batch 4, 2 epochs, 32 px, the two rejected photos left out: 12 photos, 3 batches per
  epoch) stopped after step 4, as the old ``Trainer`` left it: ``run.json``, ``images.json``, ``metrics.jsonl``,
  ``rejected_batches.jsonl`` and ``checkpoint.pt`` (stored as ``checkpoint.pt.xz``).
- ``export/``: the old ``export_encoder`` of that run (``encoder.safetensors`` stored as ``.xz``,
  ``model_card.json``, ``README.txt``).
- ``embeddings.npy`` / ``embeddings.csv``: what the old ``badbatch embed export/ pictures/`` wrote.
- ``expected_resume.json``: the step lines the old code wrote when it resumed a copy of the run (steps 5 and 6),
  without the timing fields.

To keep the files small, the checkpoint's float tensors were rewritten BEFORE the export, the reference
embeddings and the reference resume were made, so every file here is consistent with the others: each model
tensor became a repeating pattern of 997 seeded values scaled to the tensor's own mean and standard deviation
(a ResNet-18 of 45 MB compresses to a few kB with xz), and the optimiser's moment estimates were set to zero.
Nothing else in the checkpoint was changed (keys, schema, position, RNG states, EMC2 tables, curation window).
"""

from __future__ import annotations

import json
import lzma
import shutil
import sys
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # this repository, for tests.helpers.synth_images

TIMING = ("images_per_s", "eta_s", "elapsed_s", "rss_bytes", "cuda_allocated", "cuda_reserved", "cuda_total")


def _pattern(t: torch.Tensor, base: np.ndarray) -> torch.Tensor:
    if not t.is_floating_point() or t.numel() == 0:
        return t
    mean = float(t.double().mean())
    std = float(t.double().std()) if t.numel() > 1 else 0.0
    flat = base[np.arange(t.numel()) % len(base)] * std + mean
    return torch.from_numpy(flat.reshape(tuple(t.shape))).to(t.dtype)


def _shrink_checkpoint(path: Path) -> None:
    state = torch.load(path, map_location="cpu", weights_only=True)
    base = np.random.default_rng(997).standard_normal(997)
    state["model"] = {k: _pattern(v, base) for k, v in state["model"].items()}
    for per_param in state["optimizer"]["state"].values():
        for key in ("exp_avg", "exp_avg_sq"):
            per_param[key] = torch.zeros_like(per_param[key])
    torch.save(state, path)


def _xz(path: Path) -> None:
    path.with_name(path.name + ".xz").write_bytes(lzma.compress(path.read_bytes(), preset=9 | lzma.PRESET_EXTREME))
    path.unlink()


def main(out: Path) -> None:
    import os

    import badbatch_gui

    assert "pre_move" in badbatch_gui.__file__, badbatch_gui.__file__  # the old code, not today's
    os.environ["BADBATCH_HOME"] = str(out / "_home")
    torch.set_num_threads(1)
    from badbatch_gui.cli import main as cli_main  # noqa: I001 - modules of the old layout, unknown to the sorter
    from badbatch_gui.core import runs
    from badbatch_gui.core.config import ExportConfig, TrainConfig
    from badbatch_gui.core.control import RunControl
    from badbatch_gui.core.decisions import DecisionStore
    from badbatch_gui.core.export import export_encoder
    from badbatch_gui.core.settings import AppSettings, save_settings
    from badbatch_gui.core.trainer import Trainer
    from tests.helpers.synth_images import make_folder

    pictures = make_folder(out / "pictures", n=14, seed=5)

    store = DecisionStore(pictures, out / "decisions.json")
    store.set_image("img_0003.png", "reject", ["dark"])
    store.set_image("img_0010.png", "reject")
    store.set_image("img_0007.png", "keep")
    store.save()

    settings = AppSettings(
        language="ja",
        score_batch_size=16,
        leave_out_flagged=False,
        train_preset="standard",
        export_dir="/exports",
        show_first_run_demo=False,
    )
    settings.add_recent("/photos/b")
    settings.add_recent("/photos/a")
    save_settings(settings, out / "settings.json")

    # The run: the decisions leave two photos out, as `badbatch train` applies them.
    app_copy = DecisionStore(pictures).file  # where the app looks for the folder's decisions
    app_copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(out / "decisions.json", app_copy)
    config = TrainConfig(
        method="emc2",
        batch_size=4,
        epochs=2,
        image_size=32,
        device="cpu",
        warmup_epochs=0.5,
        seed=3,
        checkpoint_every_steps=2,
        exclude=store.rejected_paths(),
    )
    run_dir = out / "run"
    control = RunControl()

    def stop_after_step_4(event: object) -> None:
        if type(event).__name__ == "StepMetrics" and event.step == 4:  # type: ignore[attr-defined]  # an old-layout event, known by its class name
            control.request_stop()

    summary = Trainer(config, pictures, run_dir).run(control=control, on_event=stop_after_step_4)
    assert summary.status == "canceled", summary
    assert summary.steps == 4, summary
    (run_dir / "checkpoint.pt.prev").unlink(missing_ok=True)
    (run_dir / ".lock").unlink(missing_ok=True)
    _shrink_checkpoint(run_dir / "checkpoint.pt")

    export_encoder(run_dir, out / "export", ExportConfig(self_test_images=4))
    assert (
        cli_main(["embed", str(out / "export"), str(pictures), "--out", str(out / "embeddings.npy"), "--device", "cpu"])
        == 0
    )

    ref = out / "_resumed"
    shutil.copytree(run_dir, ref)
    resumed = Trainer(TrainConfig(device="cpu"), pictures, ref).run(resume=True)
    assert resumed.status == "completed", resumed
    assert resumed.steps == 6, resumed
    lines = [
        {k: v for k, v in r.items() if k not in TIMING}
        for r in runs.read_jsonl(ref / runs.METRICS_JSONL)
        if r.get("event") == "step" and r["step"] > 4
    ]
    (out / "expected_resume.json").write_text(json.dumps(lines, indent=1) + "\n", encoding="utf-8")

    _xz(run_dir / "checkpoint.pt")
    _xz(out / "export" / "encoder.safetensors")
    shutil.rmtree(ref)
    shutil.rmtree(out / "_home")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
