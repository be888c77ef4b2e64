"""A finished run folder built by hand, for the export tests: photos, run.json, logs and a ResNet-18 checkpoint."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.nets.models import build_model

SIZE = 32
SUMMARY = {
    "train_time_s": 3725.0,
    "peak_memory_bytes": 3 * 2**30,
    "memory_kind": "cuda",
    "images_used": 10,
    "rejected_batches": 4,
    "final_loss": 1.25,
    "operator_overrides": 2,
    "batch_size_changes": [{"step": 7, "from": 32, "to": 16, "reason": "out of memory"}],
}


def make_run(base: Path, n_images: int = 10) -> tuple[Path, Path, torch.nn.Module]:
    """A run folder built by hand (docs/design/architecture.md "Run folder layout") with a non-trivial ResNet-18
    checkpoint.
    """
    images = base / "images"
    (images / "sub").mkdir(parents=True)
    rng = np.random.default_rng(0)
    paths = []
    for i in range(n_images):
        rel = f"sub/img_{i:02d}.png" if i % 2 else f"img_{i:02d}.png"
        Image.fromarray(rng.integers(0, 256, (SIZE + 8, SIZE + 3, 3), dtype=np.uint8)).save(images / rel)
        paths.append(rel)
    torch.manual_seed(0)
    model = build_model("resnet18", "group", proj_dim=16)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    cfg = TrainConfig(batch_size=4, epochs=3, image_size=SIZE, proj_dim=16, exclude=("bad_a.png", "bad_b.png"))
    run = base / "runs" / "run1"
    run.mkdir(parents=True)
    torch.save(
        {
            "model": model.state_dict(),
            "config": cfg.to_dict(),
            "epoch": 3,
            "step": 6,
            "schema": 1,
            "app_version": "0.1.0",
        },
        run / "checkpoint.pt",
    )
    (run / "run.json").write_text(
        json.dumps(
            {
                "config": cfg.to_dict(),
                "folder": str(images),
                "file_list_hash": "abc",
                "n_images": n_images,
                "status": "completed",
                "reason_message": "Training finished.",
                "started": "2025-01-01T10:00:00+00:00",
                "finished": "2025-01-01T11:02:05+00:00",
                "app_version": "0.1.0",
                "summary": SUMMARY,
            }
        )
    )
    (run / "images.json").write_text(json.dumps({"root": str(images), "paths": sorted(paths)}))
    (run / "metrics.jsonl").write_text(
        '{"step": 6, "total_steps": 6, "epoch": 2, "loss": 1.25, "surrogate": -3.5, "chance_loss": 3.4, "lr": 0.001}\n'
        '{"event": "epoch", "epoch": 2, "mean_loss": 1.3}\n{"step": 7, "lo'
    )
    (run / "rejected_batches.jsonl").write_text('{"step": 1}\n{"step": 3}\n')
    return run, images, model.eval()
