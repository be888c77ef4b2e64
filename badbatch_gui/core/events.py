"""Frozen event dataclasses sent by long-running core work to its ``on_event`` callback.

Events hold Python values or numpy copies, never tensors, so any client (CLI, tests, the GUI's workers)
can keep or forward them across threads. Every long entry point sends exactly one :class:`RunFinished`
(:func:`finish_once` does it for all but the trainer, which returns its summary also when stopped).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from badbatch_gui.core.control import Cancelled
from badbatch_gui.core.file_names import display_name

R = TypeVar("R")


class RunState(enum.Enum):
    """Life cycle of a long job: IDLE -> PREPARING -> RUNNING <-> PAUSED -> FINISHING -> IDLE."""

    IDLE = "idle"
    PREPARING = "preparing"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHING = "finishing"


class FinishReason(enum.Enum):
    """Why a job ended."""

    COMPLETED = "completed"
    CANCELED = "canceled"
    ERRORED = "errored"


@dataclass(frozen=True)
class StateChanged:
    """The job moved to a new :class:`RunState`."""

    state: RunState


@dataclass(frozen=True)
class Progress:
    """Generic progress of a phase (``phase`` is a short machine name such as "decode", "features").

    ``total`` is None when unknown. ``message`` is a plain-language line for a status bar.
    """

    phase: str
    done: int
    total: int | None
    message: str = ""


@dataclass(frozen=True)
class ScanProgress:
    """Folder scan progress: files examined so far, files found so far (total unknown until the walk ends)."""

    done: int
    total: int | None
    current: str = ""


@dataclass(frozen=True)
class BatchScored:
    """One batch of a preview was scored (``index`` of ``total`` batches)."""

    index: int
    total: int
    frd: float


@dataclass(frozen=True)
class Notice:
    """Something the operator should know that does not stop the job.

    ``code`` is a stable machine name (e.g. "oom_batch_halved", "untrained_features", "skipped_file"),
    ``message`` the plain-language sentence shown to the operator, ``data`` small extra values.
    """

    code: str
    message: str
    level: str = "warning"  # "info" | "warning" | "error"
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", display_name(self.message))  # a file name that is not valid Unicode


@dataclass(frozen=True)
class StepMetrics:
    """One optimiser step (or a skipped, FRD-rejected batch) of training.

    ``loss`` is the method-independent monitor (the in-batch global contrastive loss, ``losses.monitor``;
    ``chance_loss`` = log(2B-2) is what a collapsed network, every photo alike, scores); ``surrogate`` is the value
    of the objective the method actually differentiates (not comparable between methods). Health figures:
    ``mean_cosine`` (similarity of different photos' embeddings; near 1 = collapse), and for EMC2
    ``acceptance_rate``, ``rows_without_negative`` (fraction of anchor rows with no negative term),
    ``old_fraction`` (fraction of kept chain steps at an out-of-batch state) and, with stored embeddings,
    ``stored_cosine`` (cosine between the batch photos' stored and fresh embeddings), ``stored_age`` (age in steps
    of the stored embeddings used as negatives) and ``stored_share`` (share of the negative weight on stored
    embeddings). NaN/None on skipped batches.
    Memory figures are bytes; CUDA fields are None on CPU, where ``rss_bytes`` is the process RSS.
    """

    step: int
    total_steps: int
    epoch: int
    epochs: int
    loss: float
    lr: float
    images_per_s: float
    batch_frd: float
    frd_threshold: float | None
    rejected_batches: int
    batch_size: int
    eta_s: float | None
    elapsed_s: float
    cuda_allocated: int | None = None
    cuda_reserved: int | None = None
    cuda_total: int | None = None
    rss_bytes: int | None = None
    skipped: bool = False
    surrogate: float | None = None
    chance_loss: float | None = None
    mean_cosine: float | None = None
    positive_similarity: float | None = None
    acceptance_rate: float | None = None
    rows_without_negative: float | None = None
    old_fraction: float | None = None
    stored_cosine: float | None = None
    stored_age: float | None = None
    stored_share: float | None = None


@dataclass(frozen=True)
class EpochEnded:
    """An epoch finished; ``rejected`` counts batches skipped by FRD curation in that epoch.

    ``chance_loss`` = log(2B-2) is what a collapsed encoder (every photo alike) scores on the per-step scale.
    ``global_loss`` is the global contrastive loss over the ``global_photos`` photos trained on, from the embeddings
    they got in this pass (the objective itself, core/training/methods/global_loss.py); ``global_loss_on_step_scale`` is the
    same value moved onto the per-step curve's scale (collapse at ``chance_loss`` for both). None when not computed.
    """

    epoch: int
    epochs: int
    mean_loss: float
    rejected: int
    batches: int
    chance_loss: float | None = None
    global_loss: float | None = None
    global_photos: int | None = None
    global_loss_on_step_scale: float | None = None
    step: int | None = None  # batches consumed when the pass ended (the x of the pass's point on the loss plot)


@dataclass(frozen=True)
class CheckpointSaved:
    """A resume checkpoint was written atomically to ``path``."""

    path: str
    epoch: int
    step: int


@dataclass(frozen=True)
class RunFinished:
    """The job ended. ``message`` is plain language; ``result`` is the job's return value when COMPLETED."""

    reason: FinishReason
    message: str = ""
    result: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", display_name(self.message))  # a file name that is not valid Unicode


EventCallback = Callable[[object], None]


def emit(on_event: EventCallback | None, event: object) -> None:
    """Send ``event`` to ``on_event`` when a callback was given."""
    if on_event is not None:
        on_event(event)


def finish_once(
    on_event: EventCallback | None, work: Callable[[], R], canceled: str, completed: Callable[[R], str]
) -> R:
    """Run an entry point's ``work`` and send its one :class:`RunFinished` (docs/design/architecture.md §3).

    COMPLETED with ``completed(result)`` as the message and the result; CANCELED with ``canceled`` when ``work``
    raised :class:`~badbatch_gui.core.control.Cancelled`; ERRORED with the error's plain sentence for anything
    else. The exception is raised again after the event was sent.
    """
    try:
        result = work()
    except Cancelled:
        emit(on_event, RunFinished(FinishReason.CANCELED, canceled))
        raise
    except BaseException as exc:
        emit(on_event, RunFinished(FinishReason.ERRORED, str(exc) or exc.__class__.__name__))
        raise
    emit(on_event, RunFinished(FinishReason.COMPLETED, completed(result), result))
    return result
