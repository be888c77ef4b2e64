"""What a training step reports: the :class:`~badbatch_gui.core.events.StepMetrics` event behind the live plots, the
command line's progress lines and each metrics.jsonl step line (docs/design/architecture.md §5).
"""

from __future__ import annotations

from typing import Any

import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.training.loop.clock import TrainClock
from badbatch_gui.core.training.memory import cuda_memory, process_rss
from badbatch_gui.core.training.methods import losses
from badbatch_gui.core.training.methods.health import HEALTH_KEYS
from badbatch_gui.core.training.run_folder.run_recorder import TrainPosition


def step_metrics(
    outcome: dict[str, Any],
    position: TrainPosition,
    epochs: int,
    total_steps: int,
    batch_size: int,
    step_s: float,
    clock: TrainClock,
    device: torch.device,
) -> ev.StepMetrics:
    """The event for the batch just consumed.

    Args:
        outcome: what the step found: ``lr``, ``scores`` (every draw's FRD), ``tau``, ``skipped``, and for a trained
            batch ``loss`` (the monitor), ``surrogate`` and the health figures (:data:`HEALTH_KEYS`).
        position: the position after the batch.
        step_s: the step's duration in seconds.
    """
    cuda = cuda_memory(device)
    return ev.StepMetrics(
        step=position.step,
        total_steps=total_steps,
        epoch=position.epoch,
        epochs=epochs,
        loss=float(outcome.get("loss", float("nan"))),
        lr=float(outcome["lr"]),
        images_per_s=clock.images_per_s(batch_size, step_s),
        batch_frd=float(outcome["scores"][0]),
        frd_threshold=outcome["tau"],
        rejected_batches=position.rejected,
        batch_size=batch_size,
        eta_s=clock.eta(total_steps - position.step),
        elapsed_s=clock.elapsed(position),
        cuda_allocated=cuda[0] if cuda else None,
        cuda_reserved=cuda[1] if cuda else None,
        cuda_total=cuda[2] if cuda else None,
        rss_bytes=None if cuda else process_rss(),
        skipped=bool(outcome.get("skipped")),
        surrogate=outcome.get("surrogate"),
        chance_loss=losses.chance_level(batch_size),
        **{k: outcome.get(k) for k in HEALTH_KEYS},
    )
