"""The objects that train (model, optimiser, schedule, scaler, sampler, curation gate) and their resume checkpoint
(docs/design/reliability.md §2, docs/design/architecture.md §5).

:func:`build_parts` builds a run's :class:`TrainingParts` from its settings; :func:`checkpoint_state` turns them and
the run's position into the checkpoint, :func:`restore` puts a checkpoint back into freshly built parts, and
:func:`load_resume_state` reads a run folder's checkpoint for resuming. Everything saved is tensors and plain values,
so the file loads with ``torch.load(weights_only=True)`` (docs/design/reliability.md §5).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from badbatch_gui import __version__
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.json_checks import JsonObject
from badbatch_gui.core.nets.models import ContrastiveModel, build_model, encoder_config, optimizer_groups
from badbatch_gui.core.training.loop.curation import CurationGate
from badbatch_gui.core.training.loop.resume_state import WarmupCosine, to_cpu
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
from badbatch_gui.core.training.methods.global_loss import EmbeddingBank
from badbatch_gui.core.training.methods.sogclr import SogCLRState
from badbatch_gui.core.training.run_folder import checkpoint as ckpt
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.core.training.run_folder.run_recorder import SCHEMA, TrainPosition

KIND = "badbatch-train-checkpoint"


@dataclass
class TrainingParts:
    """The objects a checkpoint saves and restores (besides the position and the global RNG states).

    Attributes:
        model: the bare model (never the DDP wrapper).
        optimizer, scheduler: AdamW and its learning-rate schedule.
        scaler: the fp16 GradScaler, or None.
        sampler: EMC2's chains or SogCLR's table, or None for SimCLR.
        gate: the FRD curation gate (its score window).
        bank: every photo's last embeddings, for the once-per-pass global loss (global_loss.py).
    """

    model: ContrastiveModel
    optimizer: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    scaler: torch.amp.GradScaler | None
    sampler: EMC2Sampler | SogCLRState | None
    gate: CurationGate
    bank: EmbeddingBank


def build_parts(
    config: TrainConfig,
    device: torch.device,
    precision: str,
    n_images: int,
    dataset_hash: str,
    progress: Callable[[], float],
    one_batch: Callable[[], float],
    warmup_batches: int,
    channels_last: bool,
) -> TrainingParts:
    """A run's training objects, freshly initialised (the model from torch's global RNG, seeded by the caller).

    Args:
        progress: epochs done as a float (the learning-rate schedule follows the data consumed, ``WarmupCosine``).
        one_batch: one batch, in epochs.
        warmup_batches: the FRD warm-up length.
        channels_last: store the model's weights channels-last (CUDA).
    """
    model = build_model(config.backbone, config.norm, config.proj_dim, stem=config.stem).to(device)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.AdamW(optimizer_groups(model, config.weight_decay, config.decay_scope), lr=config.lr)
    schedule = WarmupCosine(config.warmup_epochs, config.epochs, progress, one_batch)
    # A plain function (not the callable object) so the scheduler's state_dict holds no Python objects.
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: schedule(s))
    scaler = torch.amp.GradScaler("cuda") if precision == "fp16" else None
    sampler: EMC2Sampler | SogCLRState | None = None
    if config.method == "emc2":
        sampler = EMC2Sampler(
            n_images,
            beta=config.beta,
            burn_in=config.burn_in,
            seed=config.seed,
            dataset_hash=dataset_hash,
            variant=config.emc2_variant,
        )
    elif config.method == "sogclr":
        sampler = SogCLRState(n_images, gamma=config.sogclr_gamma)
    gate = CurationGate(config.curate, config.frd_window, config.frd_k, warmup_batches, config.frd_redraws)
    return TrainingParts(model, optimizer, scheduler, scaler, sampler, gate, EmbeddingBank(n_images))


def guarded_step(
    parts: TrainingParts,
    idx: torch.Tensor,
    compute_loss: Callable[[], torch.Tensor],
    check_loss: Callable[[torch.Tensor], None],
) -> tuple[torch.Tensor, bool]:
    """One optimiser step on a loss whose computation advances the EMC2 / SogCLR tables for the rows ``idx``.

    ``check_loss`` sees the loss before the step (the non-finite stop). The tables advance only on steps the optimiser
    takes: when the fp16 GradScaler skips the step, or anything (an out-of-memory error in the forward or backward
    pass, a stop) is raised before the step is taken, they are put back as they were — chains, stored embeddings,
    the sampler's generator and counters, SogCLR's u — so a retry (with half the batch after out of memory) starts
    from the same state. Returns (loss, whether the step was taken).
    """
    table = parts.sampler.snapshot(idx) if parts.sampler is not None else None
    try:
        loss = compute_loss()
        check_loss(loss)
        taken = optimise(parts, loss)
    except BaseException:
        if parts.sampler is not None and table is not None:
            parts.sampler.restore(table)
        raise
    if not taken and parts.sampler is not None and table is not None:
        parts.sampler.restore(table)
    return loss, taken


def optimise(parts: TrainingParts, loss: torch.Tensor) -> bool:
    """Backward and optimiser step; False when the fp16 GradScaler skipped the step (inf/NaN gradients)."""
    optimizer, scaler = parts.optimizer, parts.scaler
    optimizer.zero_grad(set_to_none=True)
    if scaler is None:
        loss.backward()
        optimizer.step()
        return True
    scale = scaler.get_scale()
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    return not scaler.get_scale() < scale


@dataclass(frozen=True)
class RunIdentity:
    """What ties a checkpoint to its run: the settings and the data it trains on."""

    config: TrainConfig
    file_list_hash: str
    dataset_hash: str
    n_images: int
    world_size: int


def checkpoint_state(
    parts: TrainingParts, position: TrainPosition, batch_size: int, identity: RunIdentity
) -> dict[str, Any]:
    """The checkpoint dictionary (its keys are the checkpoint format, docs/design/reliability.md §2)."""
    return {
        "schema": SCHEMA,
        "app_version": __version__,
        "kind": KIND,
        "model": to_cpu(parts.model.state_dict()),
        "architecture": encoder_config(parts.model),
        "image_size": int(identity.config.image_size),
        "optimizer": to_cpu(parts.optimizer.state_dict()),
        "scheduler": parts.scheduler.state_dict(),
        "scaler": parts.scaler.state_dict() if parts.scaler is not None else None,
        "sampler": to_cpu(parts.sampler.state_dict()) if parts.sampler is not None else None,
        "curation": parts.gate.state_dict(),
        "rng": ckpt.rng_state(),
        "embedding_bank": parts.bank.state_dict(),
        "epoch": position.epoch,
        "batch_in_epoch": position.images_in_epoch // batch_size,
        "images_in_epoch": position.images_in_epoch,
        "step": position.step,
        "batch_size": batch_size,
        "config": identity.config.to_dict(),
        "file_list_hash": identity.file_list_hash,
        "dataset_hash": identity.dataset_hash,
        "n_images": identity.n_images,
        "position": dataclasses.asdict(position),
        "world_size": identity.world_size,
    }


def _position(state: dict[str, Any]) -> tuple[TrainPosition, int]:
    """The checkpoint's training position and batch size, each value checked (type and range) before use.

    Raises:
        CheckpointError: code ``bad_value`` naming the field that is missing, of the wrong type or out of range.
    """
    top = JsonObject(state, "checkpoint", strict=True, error=CheckpointError)
    batch_size = top.integer("batch_size", 0, 1, 1 << 20, required=True)
    pos = top.child("position", required=True)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(TrainPosition):
        if f.name not in pos:
            continue
        if f.name == "batch_size_changes":
            changes = pos.value(f.name, [], max_depth=2)
            if not isinstance(changes, list) or not all(isinstance(c, dict) for c in changes):
                raise CheckpointError(
                    "The checkpoint is damaged: its batch-size changes are not a list.",
                    code="bad_value",
                    source="checkpoint",
                    key=f.name,
                    expected="a list",
                )
            kwargs[f.name] = [dict(c) for c in changes]
        elif f.type == "float":
            value = pos.data[f.name]
            if (
                isinstance(f.default, float)
                and math.isnan(f.default)
                and isinstance(value, float)
                and math.isnan(value)
            ):
                kwargs[f.name] = value  # a loss not measured yet (NaN until its first step or pass)
                continue
            low = 0.0 if f.name.endswith("_s") else -1e15  # times cannot be negative; losses fall below zero
            kwargs[f.name] = pos.number(f.name, 0.0, low, 1e15)
        else:
            kwargs[f.name] = pos.integer(f.name, 0, 0, 1 << 62)
    return TrainPosition(**kwargs), batch_size


def restore(parts: TrainingParts, state: dict[str, Any]) -> tuple[TrainPosition, int]:
    """Put a checkpoint back into freshly built parts and the global RNGs; returns (position, batch size).

    Raises:
        CheckpointError: the checkpoint does not fit the run's network or settings (tensor shapes, missing parts, a
            damaged value), code ``checkpoint_mismatch`` or ``bad_value``; the parts may be half restored then, so
            the run must not go on with them.
    """
    position, batch_size = _position(state)
    try:
        parts.model.load_state_dict(state["model"])
        parts.optimizer.load_state_dict(state["optimizer"])
        parts.scheduler.load_state_dict(state["scheduler"])
        if parts.scaler is not None and state.get("scaler"):
            parts.scaler.load_state_dict(state["scaler"])
        if parts.sampler is not None:
            parts.sampler.load_state_dict(state["sampler"])
        parts.gate.load_state_dict(state["curation"])
        if state.get("embedding_bank"):  # checkpoints before the per-pass global loss have none: the pass starts empty
            parts.bank.load_state_dict(state["embedding_bank"])
        if state.get("rng"):
            ckpt.set_rng_state(state["rng"])
    except CheckpointError:
        raise
    except (RuntimeError, KeyError, ValueError, TypeError, IndexError, AttributeError, OverflowError) as exc:
        detail = " ".join(str(exc).split())[:160]
        raise CheckpointError(
            f"The checkpoint does not fit this run's network or settings, so it cannot be resumed ({detail}).",
            code="checkpoint_mismatch",
            detail=detail,
        ) from None
    return position, batch_size


def load_resume_state(run_dir: Path) -> dict[str, Any]:
    """The run's checkpoint with "image_paths" from images.json; ``{"restart": True, "config": ...}`` for a run
    stopped before its first checkpoint (it starts again from the beginning with its recorded settings).

    The checkpoint's plain values are checked before use: schema, settings, hashes, image list and position.

    Raises:
        CheckpointError: no checkpoint and no recorded settings, an unreadable checkpoint, another schema, or a
            damaged value (code ``bad_value``).
    """
    path = run_dir / runs.CHECKPOINT
    if not path.exists() and not ckpt.prev_path(path).exists():
        saved = (runs.read_run_record(run_dir) or {}).get("config")
        if saved:
            return {"restart": True, "config": saved}
        raise CheckpointError(
            f"{display_name(run_dir)} has no checkpoint to resume from.",
            code="resume_no_checkpoint",
            run_dir=display_name(run_dir),
        )
    state = ckpt.load_checkpoint(path)
    top = JsonObject(state, "checkpoint", strict=True, error=CheckpointError)
    if top.integer("schema", 0) != SCHEMA:
        raise CheckpointError(
            "The checkpoint was written by another version of the app and cannot be resumed.",
            code="checkpoint_other_version",
        )
    for key in ("model", "optimizer", "scheduler", "curation"):
        top.child(key, required=True)
    for key in ("file_list_hash", "dataset_hash"):
        top.text(key, None, 128)
    if not isinstance(state.get("config"), dict):
        raise CheckpointError(
            "The checkpoint is damaged: it holds no settings.",
            code="bad_value",
            source="checkpoint",
            key="config",
            expected="a JSON object",
        )
    _position(state)
    images = JsonObject(
        runs.read_json(run_dir / runs.IMAGES_JSON) or {}, runs.IMAGES_JSON, strict=True, error=CheckpointError
    )
    state["image_paths"] = images.texts("paths", None)
    return state
