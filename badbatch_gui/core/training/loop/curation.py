"""In-training FRD curation gate (docs/design/frd.md §7): warm-up, rolling threshold, re-draw, then skip.

For each planned batch the trainer computes the FRD between the detached embeddings of its two views
(docs/design/frd.md §3 ``views`` mode, "The Bad Batches", Göksu & Pugeault, arXiv 2403.19579) and asks this gate:

    tau = gate.begin_batch()                      # τ from the window of earlier first-attempt scores
    for attempt in 0 .. redraws:
        verdict = gate.decide(score_of(attempt), attempt)
        if verdict is ACCEPT: train on this draw; break
        if verdict is REJECT: skip the batch (no optimiser step, no sampler update); break
        # REDRAW: re-augment the same images (draw = attempt + 1) and score again

Project choices (the paper does not specify them, docs/design/frd.md §1, §6-7):
- Only the first attempt's score enters the rolling window, so re-draws do not pull τ down.
- τ for batch t is the policy applied to the window *before* batch t's own score (the pseudo-code's
  "tau = policy(window)" at the end of the previous batch).
- Warm-up: the first ``warmup_batches`` batches (counted from the start of the run, or from the last
  :meth:`reset`) only record scores. The trainer passes ``min(frd_warmup_batches, batches_per_epoch)``, that is
  200 batches by default but never more than one epoch (docs/design/frd.md §7): a quick-check run whose epoch is
  far below 200 batches ends its warm-up after the first epoch rather than never curating. The policy itself
  still sets no τ below 20 scores (frd_threshold.MIN_SCORES), so tiny runs never reject anything.
- A non-finite score is not recorded and never rejects (the non-finite loss check stops the run instead).
- With curation switched off the gate still records scores (the live plot shows τ) but always accepts.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from badbatch_gui.core.scoring.frd_threshold import RollingThreshold


class Verdict(enum.Enum):
    """What to do with one draw of a batch."""

    ACCEPT = "accept"
    REDRAW = "redraw"
    REJECT = "reject"


class CurationGate:
    """The per-batch decision of docs/design/frd.md §7.

    Args:
        enabled: reject batches at all (TrainConfig.curate).
        window: rolling window length (first-attempt scores).
        k: robust policy factor (median + k·1.4826·MAD).
        warmup_batches: batches that only record scores.
        redraws: re-augmentation attempts before a batch is skipped.
    """

    def __init__(
        self, enabled: bool = True, window: int = 200, k: float = 3.0, warmup_batches: int = 200, redraws: int = 2
    ) -> None:
        self.enabled = bool(enabled)
        self.redraws = max(0, int(redraws))
        self.warmup_batches = max(0, int(warmup_batches))
        self.threshold = RollingThreshold(window=int(window), k=float(k))
        self.batches_seen = 0
        self._tau: float | None = None
        self._warming = True

    @property
    def warming_up(self) -> bool:
        """True while the current batch falls in the warm-up."""
        return self.batches_seen < self.warmup_batches

    @property
    def tau(self) -> float | None:
        """τ in force for the current batch (None: nothing can be rejected)."""
        return self._tau

    def begin_batch(self) -> float | None:
        """Fix τ and the warm-up flag for the next batch; returns τ (None while nothing may be rejected)."""
        self._warming = self.warming_up
        self._tau = self.threshold.value
        return self._tau

    def decide(self, score: float, attempt: int) -> Verdict:
        """Verdict for draw ``attempt`` (0 = first) of the current batch with FRD ``score``."""
        score = float(score)
        finite = math.isfinite(score)
        if attempt == 0:
            self.batches_seen += 1
            if finite:
                self.threshold.append(score)
        if not self.enabled or self._warming or self._tau is None or not finite or score <= self._tau:
            return Verdict.ACCEPT
        return Verdict.REDRAW if attempt < self.redraws else Verdict.REJECT

    def reset(self, warmup_batches: int | None = None) -> None:
        """Forget the window and warm up again (after a batch-size change: FRD depends on N, docs/design/frd.md §4)."""
        self.threshold = RollingThreshold(window=self.threshold.window, k=self.threshold.k)
        self.batches_seen = 0
        if warmup_batches is not None:
            self.warmup_batches = max(0, int(warmup_batches))
        self._tau = None

    def state_dict(self) -> dict[str, Any]:
        """Plain state for the resume checkpoint."""
        return {
            "threshold": self.threshold.state_dict(),
            "batches_seen": int(self.batches_seen),
            "warmup_batches": int(self.warmup_batches),
        }

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Restore :meth:`state_dict` (settings stay as constructed, except the warm-up length)."""
        self.threshold.load_state_dict(state["threshold"])
        self.batches_seen = int(state.get("batches_seen", 0))
        self.warmup_batches = int(state.get("warmup_batches", self.warmup_batches))
        self._tau = None


D = TypeVar("D")  # one draw of a batch's two views
Z = TypeVar("Z")  # the embeddings of a draw


@dataclass
class CuratedBatch(Generic[D, Z]):
    """What :func:`curate` decided for one planned batch: the verdict, the draw it ended on, that draw's
    embeddings (None when the batch is skipped), every attempt's score and the threshold τ it was judged by.
    """

    verdict: Verdict
    draw: D
    views: Z | None
    scores: list[float]
    tau: float | None


def curate(
    gate: CurationGate, first: D, redraw: Callable[[int], D], embed: Callable[[D], Z], score: Callable[[Z], float]
) -> CuratedBatch[D, Z]:
    """Run the gate on one planned batch: score the first draw, re-draw (``redraw(attempt)``) while the gate asks
    for it, and stop at ACCEPT or REJECT. Each draw's embeddings are released before the next forward pass.
    """
    tau = gate.begin_batch()
    scores: list[float] = []
    draw, views = first, None
    verdict = Verdict.ACCEPT
    for attempt in range(gate.redraws + 1):
        views = None  # free the previous draw's graph before the next forward
        draw = first if attempt == 0 else redraw(attempt)
        views = embed(draw)
        scores.append(score(views))
        verdict = gate.decide(scores[-1], attempt)
        if verdict is not Verdict.REDRAW:
            break
    return CuratedBatch(verdict, draw, None if verdict is Verdict.REJECT else views, scores, tau)
