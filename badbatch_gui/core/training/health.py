"""Training health: plain warnings when the encoder collapses or EMC2's chains stop supplying negatives.

The trainer feeds every trained step's monitor figures (``losses.monitor`` and the EMC2 sampler's statistics)
to :class:`HealthWatch`, which looks at medians over a window of recent steps, after a warm-up, and returns a
:class:`~badbatch_gui.core.events.Notice` the first time a problem shows (and again only after it cleared):

- ``collapse``: the embeddings of different photos have become nearly the same (median similarity of different
  photos ``mean_cosine`` >= :data:`COLLAPSE_COSINE`) *and* the monitor loss sits at the level of a network
  that learned nothing (within :data:`COLLAPSE_LOSS_MARGIN` of log(2B-2)). The network then tells photos
  apart no better than chance, and further training does not fix it; the usual cause is a learning rate that
  is too high for the batch size.
- ``no_negatives`` (EMC2): more than :data:`NO_NEGATIVE_FRACTION` of anchor rows got no negative term, so the
  loss only pulls views together, which drives collapse.

The thresholds were set on measured runs (see ``benchmarks/bench_health.py``): a normal run on the demo folder
and on real digits, and the same runs with the learning rate 100x too high.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from typing import TypeGuard

from badbatch_gui.core import events as ev

WINDOW = 50  # trained steps in the rolling window
WARMUP_STEPS = 100  # or one pass, whichever is shorter: the untrained network's embeddings start nearly parallel
COLLAPSE_COSINE = 0.95
COLLAPSE_LOSS_MARGIN = 0.05  # as a fraction of log(2B-2)
NO_NEGATIVE_FRACTION = 0.10


class HealthWatch:
    """Rolling health checks over a run's trained steps (see the module docstring).

    Args:
        steps_per_pass: batches in one pass over the photos (the warm-up is at most one pass).
    """

    def __init__(self, steps_per_pass: int) -> None:
        self.warmup = max(1, min(WARMUP_STEPS, int(steps_per_pass)))
        self.seen = 0
        self._cos: deque[float] = deque(maxlen=WINDOW)
        self._gap: deque[float] = deque(maxlen=WINDOW)
        self._noneg: deque[float] = deque(maxlen=WINDOW)
        self.active: set[str] = set()

    def observe(self, step: int, stats: Mapping[str, float | None], chance: float) -> list[ev.Notice]:
        """Add one trained step's figures; returns the notices that start now (usually none).

        Args:
            step: the step number (for the message data).
            stats: ``loss`` (monitor), ``mean_cosine`` and, for EMC2, ``rows_without_negative``.
            chance: log(2B-2) at this step's batch size.
        """
        self.seen += 1
        loss, cos = stats.get("loss"), stats.get("mean_cosine")
        if _finite(loss) and _finite(cos) and chance > 0:
            self._cos.append(float(cos))
            self._gap.append((chance - float(loss)) / chance)
        noneg = stats.get("rows_without_negative")
        if _finite(noneg):
            self._noneg.append(float(noneg))
        if self.seen < self.warmup:
            return []
        out: list[ev.Notice] = []
        cos_med, gap_med = _median(self._cos), _median(self._gap)
        collapsed = (len(self._cos) >= min(WINDOW, self.warmup) and cos_med >= COLLAPSE_COSINE
                     and gap_med <= COLLAPSE_LOSS_MARGIN)
        if self._changed("collapse", collapsed):
            out.append(ev.Notice(
                "collapse", "The encoder is collapsing: it gives nearly the same result for every photo "
                f"(similarity {cos_med:.2f}) and has stopped learning. Stop the run and start again with a lower "
                "learning rate (for example a tenth), or with the Standard preset.", "warning",
                {"step": step, "mean_cosine": round(cos_med, 3), "loss_gap": round(gap_med, 3)}))
        noneg_mean = sum(self._noneg) / len(self._noneg) if self._noneg else 0.0
        starved = len(self._noneg) >= min(WINDOW, self.warmup) and noneg_mean > NO_NEGATIVE_FRACTION
        if self._changed("no_negatives", starved):
            out.append(ev.Notice(
                "no_negatives", f"{noneg_mean:.0%} of the photos in recent batches were compared with no other "
                "photo, so training only pulls each photo's two views together. If this persists, use a larger "
                "batch or the SimCLR method.", "warning", {"step": step, "fraction": round(noneg_mean, 3)}))
        return out

    def _changed(self, code: str, now: bool) -> bool:
        """True when ``code`` starts now (it is reported again only after it cleared)."""
        if now and code not in self.active:
            self.active.add(code)
            return True
        if not now:
            self.active.discard(code)
        return False


def _finite(v: object) -> TypeGuard[float]:
    return isinstance(v, (int, float)) and math.isfinite(v)


def _median(values: deque[float]) -> float:
    if not values:
        return math.nan
    s = sorted(values)
    m = len(s) // 2
    return s[m] if len(s) % 2 else 0.5 * (s[m - 1] + s[m])
