"""A run's loss curve for its report: the same lines the Train page draws, from the same records and the same rules.

From ``metrics.jsonl`` (``training.run_folder.runs.read_metrics``): each trained step's value (skipped steps are gaps), the
smoothed curve (``loss_reading.smooth_losses``), the loss over all photos once per pass (on the per-step scale), the
start line (``loss_reading.start_reference``: the untrained encoder) and the collapse line (the last recorded
log(2B - 2)). :func:`envelope` thins a long curve for drawing without losing its spikes (the lowest and highest value
of each column, as the live plot's "peak" downsampling does).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from badbatch_gui.core.training.methods.loss_reading import smooth_losses, start_reference


@dataclass(frozen=True)
class LossCurve:
    """The loss plot's data.

    Attributes:
        steps: step numbers. Shape (n,) float64.
        raw: each step's loss, NaN for a skipped (or unrecorded) step. Shape (n,).
        smoothed: the smoothed curve, NaN where ``raw`` is. Shape (n,).
        pass_steps / pass_values: the loss over all photos at the end of each pass, on the per-step scale.
            Shape (p,) each.
        start: the start line (NaN when unknown); collapsed: the collapse line, log(2B - 2) (NaN when unknown).
    """

    steps: np.ndarray
    raw: np.ndarray
    smoothed: np.ndarray
    pass_steps: np.ndarray
    pass_values: np.ndarray
    start: float
    collapsed: float

    @property
    def empty(self) -> bool:
        """No step has a loss (a run recorded before the loss monitor, or one that never trained)."""
        return not bool(np.isfinite(self.raw).any())


def loss_curve(columns: dict[str, np.ndarray]) -> LossCurve:
    """The curve from a run's metric columns (``training.run_folder.runs.read_metrics``).

    Shape:
        step columns (n,); ``epoch_*`` columns (p,).
    """
    steps = np.asarray(columns.get("step", ()), dtype=np.float64)
    nan = np.full(steps.shape, np.nan)
    loss = np.asarray(columns.get("loss", nan), dtype=np.float64)
    skipped = np.asarray(columns.get("skipped", np.zeros(steps.shape)), dtype=np.float64)
    raw = np.where(skipped == 1.0, np.nan, loss)
    smoothed = np.asarray(smooth_losses(raw.tolist())[0], dtype=np.float64)
    chance = np.asarray(columns.get("chance_loss", nan), dtype=np.float64)
    chance = chance[np.isfinite(chance)]
    pass_steps = np.asarray(columns.get("epoch_step", ()), dtype=np.float64)
    pass_values = np.asarray(
        columns.get("epoch_global_loss_on_step_scale", np.full(pass_steps.shape, np.nan)), dtype=np.float64
    )
    keep = (
        np.isfinite(pass_steps) & np.isfinite(pass_values)
        if pass_values.shape == pass_steps.shape
        else np.zeros(pass_steps.shape, dtype=bool)
    )
    return LossCurve(
        steps,
        raw,
        smoothed,
        pass_steps[keep],
        pass_values[keep],
        start_reference(raw.tolist()),
        float(chance[-1]) if chance.size else math.nan,
    )


def envelope(x: np.ndarray, y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lowest and highest finite ``y`` in each of ``columns`` equal slices of the x range.

    Shape:
        x, y: (n,) -> (column centres (m,), lows (m,), highs (m,)), m <= ``columns`` (empty columns dropped).
    """
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size == 0:
        empty = np.empty(0)
        return empty, empty, empty
    lo_x, hi_x = float(x.min()), float(x.max())
    span = max(hi_x - lo_x, 1e-12)
    col = np.minimum(((x - lo_x) / span * columns).astype(np.int64), columns - 1)
    lows = np.full(columns, np.inf)
    highs = np.full(columns, -np.inf)
    np.minimum.at(lows, col, y)
    np.maximum.at(highs, col, y)
    used = np.isfinite(lows)
    centres = lo_x + (np.arange(columns) + 0.5) / columns * span
    return centres[used], lows[used], highs[used]
