"""Export self-test: reload the written encoder and compare its embeddings with the live model.

The live side decodes sample images exactly as training did (``imageio.load_rgb_array`` -> [0, 1]); the
reloaded side goes through the export's own :class:`~badbatch_gui.core.nets.encoder_io.Preprocess`, so the
check covers the weights *and* the preprocessing the model card promises.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.data.augment import to_float
from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb_array
from badbatch_gui.core.export.model_card import RunRecord
from badbatch_gui.core.nets.encoder_io import Encoder
from badbatch_gui.core.nets.models import ContrastiveModel
from badbatch_gui.core.nets.preprocess import Preprocess

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SelfTestResult:
    """Reload-and-compare outcome.

    Attributes:
        max_abs_diff: largest absolute embedding difference (inf when shapes differ, nan when non-finite).
        passed: ``max_abs_diff <= tolerance`` and finite.
        tolerance: the fp32 tolerance used.
        n_images: how many sample images were compared.
        source: "run_images" (the run's own files) or "synthetic" (they could not be read).
        images: relative paths of the sample images used.
    """

    max_abs_diff: float
    passed: bool
    tolerance: float
    n_images: int
    source: str = "run_images"
    images: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form for the model card (non-finite numbers as strings)."""
        diff = self.max_abs_diff if math.isfinite(self.max_abs_diff) else str(self.max_abs_diff)
        return {
            "max_abs_diff": diff,
            "passed": self.passed,
            "tolerance": self.tolerance,
            "n_images": self.n_images,
            "source": self.source,
            "images": list(self.images),
        }


def sample_images(rec: RunRecord, size: int, n: int) -> tuple[torch.Tensor, tuple[str, ...]]:
    """Up to ``n`` of the run's images, evenly spread over the dataset, decoded the training way.

    Returns:
        ``(x, paths)``; ``paths`` is empty when none could be read and ``x`` is then seeded noise.
        Shape: x (k, 3, size, size) float32 in [0, 1].
    """
    picked: list[torch.Tensor] = []
    used: list[str] = []
    if rec.root and rec.paths:
        order = np.unique(np.linspace(0, len(rec.paths) - 1, num=min(len(rec.paths), 4 * n)).round().astype(int))
        for i in order:
            rel = rec.paths[int(i)]
            try:
                picked.append(to_float(load_rgb_array(Path(rec.root) / rel, size)))
                used.append(rel)
            except ImageDecodeError as exc:
                log.info("self-test skips %s: %s", rel, exc)
            if len(picked) == n:
                break
    if not picked:
        return torch.rand(n, 3, size, size, generator=torch.Generator().manual_seed(0)), ()
    return torch.stack(picked), tuple(used)


@torch.no_grad()
def run_self_test(
    model: ContrastiveModel,
    encoder: Encoder,
    preprocess: Preprocess,
    rec: RunRecord,
    n: int,
    tolerance: float,
    include_head: bool,
) -> tuple[SelfTestResult, torch.Tensor, torch.Tensor]:
    """Compare ``encoder`` (reloaded from disk) with ``model`` (live, from the checkpoint).

    Args:
        model: the trained ContrastiveModel in eval mode (``.backbone``, ``forward`` = projection).
        encoder, preprocess: what :func:`load_encoder` returned for the written export.
        rec: the run record (sample images).
        n: number of sample images.
        tolerance: maximum allowed absolute difference.
        include_head: also compare the projection head.

    Returns:
        ``(result, x, embeddings)``: the inputs the reloaded encoder saw and its embeddings, reused by the
        ONNX parity check. Shape: x (k, 3, S, S); embeddings (k, F).
    """
    x_live, paths = sample_images(rec, preprocess.size, n)
    x = preprocess.batch([Path(rec.root or "") / p for p in paths]) if paths else x_live
    live = model.backbone(x_live)
    got = encoder(x)
    diffs = [_max_diff(live, got)]
    if include_head:
        diffs.append(_max_diff(model(x_live), encoder.project(x)))
    worst = max(diffs, key=lambda d: (math.isnan(d), d))
    passed = math.isfinite(worst) and worst <= tolerance
    result = SelfTestResult(worst, passed, tolerance, int(x.shape[0]), "run_images" if paths else "synthetic", paths)
    log.info(
        "export self-test on %d images: max |diff| %.3g (tolerance %.0e) %s",
        x.shape[0],
        worst,
        tolerance,
        "PASS" if passed else "FAIL",
    )
    return result, x, got


def _max_diff(a: torch.Tensor, b: torch.Tensor) -> float:
    """Largest absolute difference. Shape: a, b (k, D); returns inf when shapes differ."""
    if a.shape != b.shape:
        return math.inf
    return float((a.double() - b.double()).abs().max()) if a.numel() else 0.0
