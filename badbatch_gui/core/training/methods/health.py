"""Training health: plain warnings when the encoder collapses, EMC2's chains stop supplying negatives, or stored
embeddings that no longer match the network steer training.

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
- ``stale_embeddings`` (EMC2 with stored embeddings): the stored embeddings no longer look like the photos they
  stand for, and they carry much of the negative weight. When a photo comes back, its stored view-0 vector is
  compared with its fresh view-0 embedding (``stored_cosine``); two fresh views of a photo agree to
  ``positive_similarity``, so the difference is what the network moved since the vector was stored (augmentation
  alone does not count). It fires when the median difference is at least :data:`STALE_GAP` while at least
  :data:`STALE_SHARE` of the negative weight rests on stored vectors (``stored_share``), from the third pass on (in
  the first passes every run's vectors lag a network that changes fast); the vectors' age in passes is in the
  message's data. The thresholds were set from normal runs and runs with deliberately wrong vectors
  (docs/design/emc2.md §5.3, "Measured: stale stored embeddings").

The collapse and no-negative thresholds were checked on a normal run and on the same run with the learning rate
1000x too high (``tests/core/training/test_health.py``); the stale-embedding thresholds on normal runs and on a run
whose stored vectors were deliberately kept from an older network (the same test file).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from typing import TypeGuard

from badbatch_gui.core import events as ev

# The health figures every step records (metrics.jsonl columns, the step event's fields).
HEALTH_KEYS = (
    "mean_cosine",
    "positive_similarity",
    "acceptance_rate",
    "rows_without_negative",
    "old_fraction",
    "stored_cosine",
    "stored_age",
    "stored_share",
)

WINDOW = 50  # trained steps in the rolling window
WARMUP_STEPS = 100  # or one pass, whichever is shorter: the untrained network's embeddings start nearly parallel
COLLAPSE_COSINE = 0.95
COLLAPSE_LOSS_MARGIN = 0.05  # as a fraction of log(2B-2)
NO_NEGATIVE_FRACTION = 0.10
STALE_GAP = 0.30  # positive_similarity - stored_cosine, median over the window
STALE_SHARE = 0.25  # mean share of the negative weight on stored vectors: they dominate a quarter of it
STALE_AFTER_PASSES = 2  # vectors stored in the first passes come from a network that is still settling


class HealthWatch:
    """Rolling health checks over a run's trained steps (see the module docstring).

    Args:
        steps_per_pass: batches in one pass over the photos (the warm-up is at most one pass).
    """

    def __init__(self, steps_per_pass: int) -> None:
        self.steps_per_pass = max(1, int(steps_per_pass))
        self.warmup = max(1, min(WARMUP_STEPS, int(steps_per_pass)))
        self.seen = 0
        self._cos: deque[float] = deque(maxlen=WINDOW)
        self._gap: deque[float] = deque(maxlen=WINDOW)
        self._noneg: deque[float] = deque(maxlen=WINDOW)
        self._stale_gap: deque[float] = deque(maxlen=WINDOW)
        self._stored_share: deque[float] = deque(maxlen=WINDOW)
        self._stored_age: deque[float] = deque(maxlen=WINDOW)
        self.active: set[str] = set()

    def observe(self, step: int, stats: Mapping[str, float | None], chance: float) -> list[ev.Notice]:
        """Add one trained step's figures; returns the notices that start now (usually none).

        Args:
            step: the step number (for the message data).
            stats: ``loss`` (monitor), ``mean_cosine``, ``positive_similarity`` and, for EMC2,
                ``rows_without_negative``; with stored embeddings ``stored_cosine``, ``stored_share``, ``stored_age``.
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
        if self.seen > STALE_AFTER_PASSES * self.steps_per_pass:  # the first passes' vectors lag by nature
            stored, pos = stats.get("stored_cosine"), stats.get("positive_similarity")
            if _finite(stored) and _finite(pos):
                self._stale_gap.append(float(pos) - float(stored))
            share, age = stats.get("stored_share"), stats.get("stored_age")
            if _finite(share):
                self._stored_share.append(float(share))
            if _finite(age):
                self._stored_age.append(float(age))
        if self.seen < self.warmup:
            return []
        out: list[ev.Notice] = []
        cos_med, gap_med = _median(self._cos), _median(self._gap)
        collapsed = (
            len(self._cos) >= min(WINDOW, self.warmup)
            and cos_med >= COLLAPSE_COSINE
            and gap_med <= COLLAPSE_LOSS_MARGIN
        )
        if self._changed("collapse", collapsed):
            out.append(
                ev.Notice(
                    "collapse",
                    "The encoder is collapsing: it gives nearly the same result for every photo "
                    f"(similarity {cos_med:.2f}) and has stopped learning. Stop the run and start again with a lower "
                    "learning rate (for example a tenth), or with the Standard preset.",
                    "warning",
                    {"step": step, "mean_cosine": round(cos_med, 3), "loss_gap": round(gap_med, 3)},
                )
            )
        noneg_mean = sum(self._noneg) / len(self._noneg) if self._noneg else 0.0
        starved = len(self._noneg) >= min(WINDOW, self.warmup) and noneg_mean > NO_NEGATIVE_FRACTION
        if self._changed("no_negatives", starved):
            out.append(
                ev.Notice(
                    "no_negatives",
                    f"{noneg_mean:.0%} of the photos in recent batches were compared with no other "
                    "photo, so training only pulls each photo's two views together. If this persists, use a larger "
                    "batch or the SimCLR method.",
                    "warning",
                    {"step": step, "fraction": round(noneg_mean, 3)},
                )
            )
        out += self._stale_notice(step)
        return out

    def _stale_notice(self, step: int) -> list[ev.Notice]:
        """``stale_embeddings`` when it starts (see the module docstring)."""
        full = min(WINDOW, self.warmup)
        gap = _median(self._stale_gap)
        share = sum(self._stored_share) / len(self._stored_share) if self._stored_share else 0.0
        stale = (
            len(self._stale_gap) >= full
            and len(self._stored_share) >= full
            and gap >= STALE_GAP
            and share >= STALE_SHARE
        )
        if not self._changed("stale_embeddings", stale):
            return []
        age = _median(self._stored_age) / self.steps_per_pass if self._stored_age else math.nan
        return [
            ev.Notice(
                "stale_embeddings",
                f"{share:.0%} of the comparisons in recent steps used stored copies of photos' "
                "embeddings that no longer match what the network gives those photos now (similarity lower by "
                f"{gap:.2f} than two fresh views of a photo), so training is steered by out-of-date information. Use "
                "the EMC2 (paper) method, or a lower learning rate.",
                "warning",
                {
                    "step": step,
                    "share": round(share, 3),
                    "gap": round(gap, 3),
                    "age_passes": None if not math.isfinite(age) else round(age, 2),
                },
            )
        ]

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
