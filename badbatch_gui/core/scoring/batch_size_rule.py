"""The one rule for the Batch check's batch size, shared by the command line and the window.

The automatic threshold needs at least ``frd_threshold.MIN_SCORES`` (20) batch scores. When the
folder gives fewer batches at the chosen size and the size was left to the app, the check uses the largest size
that gives ``MIN_SCORES`` batches, never below :data:`MIN_BATCH_SIZE` (smaller batches make FRD too noisy to
mean much), and says so. A size the operator set explicitly is honoured; the report then says plainly why no
threshold was set and which size would give one.
"""

from __future__ import annotations

from dataclasses import dataclass

from badbatch_gui.core.scoring.frd_threshold import MIN_SCORES

MIN_BATCH_SIZE = 8  # the smallest batch the rule picks by itself


@dataclass(frozen=True)
class BatchSizeChoice:
    """The batch size a check uses and why.

    Attributes:
        requested: the size asked for (the default or the operator's).
        size: the size used.
        n_images: photos in the batch plan.
        automatic: the size was left to the app (so it may be lowered).
    """

    requested: int
    size: int
    n_images: int
    automatic: bool

    @property
    def lowered(self) -> bool:
        """True when the rule lowered the requested size."""
        return self.size < self.requested

    @property
    def n_batches(self) -> int:
        """Full batches at the chosen size."""
        return self.n_images // self.size if self.size else 0

    @property
    def enough_for_threshold(self) -> bool:
        """True when the batches are enough for an automatic threshold."""
        return self.n_batches >= MIN_SCORES

    @property
    def largest_size_with_threshold(self) -> int | None:
        """The largest size (at least :data:`MIN_BATCH_SIZE`) that gives enough batches, or None if none does."""
        size = self.n_images // MIN_SCORES
        return size if size >= MIN_BATCH_SIZE else None


def choose_batch_size(n_images: int, requested: int, automatic: bool) -> BatchSizeChoice:
    """Apply the rule (see the module docstring).

    Args:
        n_images: photos the batches are drawn from.
        requested: the default or the operator's batch size.
        automatic: True when the operator did not set the size (it may then be lowered).
    """
    n, requested = int(n_images), int(requested)
    size = requested
    if automatic and n // requested < MIN_SCORES:
        size = min(requested, max(MIN_BATCH_SIZE, n // MIN_SCORES))
        size = max(2, min(size, n))  # a tiny folder: one batch of every photo rather than none
    return BatchSizeChoice(requested, size, n, bool(automatic))
