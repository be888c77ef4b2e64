"""How to read a run's loss: its reference at the start, and one verdict on where it ended (torch-free: the window
imports it before torch is loaded).

The *Loss* curve (the in-batch global contrastive loss of each step, ``losses.monitor``) has two reference levels:

- **start**: the mean of the first :data:`START_STEPS` trained steps' values. The learning rate starts near zero
  (warm-up), so this is what the untrained encoder scores. Random, untrained embeddings score well above the collapse
  level (about +0.75 at B = 16, d = 128), so "below the dashed line" alone does not say that a run learned.
- **collapsed**: log(2B - 2), what an encoder that gives every photo the same embedding scores (``losses.chance_level``).

The smoothed curve drawn over the steps' values (:func:`smooth_losses`) is computed here too, so the Train page's plot
and the run report draw the very same line.

:func:`loss_outcome` compares the last pass's mean with both (the Train page and ``badbatch train`` say it in a
sentence after training).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

START_STEPS = 5
SMOOTHING = 0.05  # the exponential moving average's weight of each new step
COLLAPSE_MARGIN = 0.05  # within 5 % of log(2B - 2) counts as at the collapse level (as health.py's collapse check)
LEARNED_DROP = 0.10  # a fall of at least a tenth of the start-to-collapse distance, or 0.1, counts as learning


def start_reference(losses: Iterable[float]) -> float:
    """The mean of the first :data:`START_STEPS` finite values (NaN when there is none)."""
    first = []
    for v in losses:
        if math.isfinite(v):
            first.append(v)
            if len(first) == START_STEPS:
                break
    return sum(first) / len(first) if first else math.nan


def smooth_losses(
    losses: Sequence[float], carry: tuple[float, float] | None = None
) -> tuple[list[float], tuple[float, float]]:
    """The bias-corrected exponential moving average of the finite losses (as Adam corrects its moments): early
    points are the average of the steps so far instead of being pulled towards the very first, noisy step.

    Args:
        losses: the steps' values, NaN for a skipped step.
        carry: the state a previous call returned, to continue a curve that arrives in pieces (None: start anew).

    Returns:
        (the smoothed values, NaN where ``losses`` is not finite; the state to continue with).
    """
    acc, weight = carry if carry is not None else (0.0, 0.0)
    out = []
    for v in losses:
        if math.isfinite(v):
            acc = (1 - SMOOTHING) * acc + SMOOTHING * v
            weight = (1 - SMOOTHING) * weight + SMOOTHING
            out.append(acc / weight)
        else:
            out.append(math.nan)
    return out, (acc, weight)


@dataclass(frozen=True)
class LossOutcome:
    """Where a run's loss ended.

    Attributes:
        kind: "learned" (clearly below the start, and below the collapse level), "collapsed" (within 5 % of the
            collapse level), "flat" (anything else: hardly below the start) or "unknown" (a value is missing).
        start, final, collapsed: the three values compared (final = the last pass's mean per-step loss).
    """

    kind: str
    start: float
    final: float
    collapsed: float


def loss_outcome(start: float | None, final: float | None, collapsed: float | None) -> LossOutcome:
    """Compare a run's last-pass loss with its start and with the collapse level (see the module docstring)."""
    s, f, c = (math.nan if v is None else float(v) for v in (start, final, collapsed))
    if not all(math.isfinite(v) for v in (s, f, c)):
        return LossOutcome("unknown", s, f, c)
    if abs(f - c) <= COLLAPSE_MARGIN * c:
        return LossOutcome("collapsed", s, f, c)
    if f < c and s - f >= max(0.1, LEARNED_DROP * abs(s - c)):
        return LossOutcome("learned", s, f, c)
    return LossOutcome("flat", s, f, c)


def outcome_sentence(outcome: LossOutcome) -> str:
    """The English sentence (the command line's; the window translates its own from the same outcome)."""
    if outcome.kind == "unknown":
        return "The loss was not recorded, so there is no verdict on it."
    values = (
        f"from {outcome.start:.2f} at the start to {outcome.final:.2f} over the last pass "
        f"(all photos alike, collapsed: {outcome.collapsed:.2f})"
    )
    if outcome.kind == "learned":
        return f"The loss fell {values}: the encoder learned to tell the photos apart."
    if outcome.kind == "collapsed":
        return (
            f"The loss went {values}: it ended at the collapsed level, so the encoder tells the photos apart no "
            "better than chance. Train again with a lower learning rate."
        )
    return (
        f"The loss went {values}: it hardly fell, so the encoder learned little. Train for more passes, or check "
        "that the photos differ from one another."
    )
