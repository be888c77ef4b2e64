"""Training on several processes (GPUs or machines) with PyTorch's own engine: torch.distributed + DDP.

``badbatch train DIR --nproc N`` re-runs itself through ``torch.distributed.run`` (torchrun, see
``cli/train_launch.py``), which starts N workers with RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and
MASTER_PORT in their environment (multi-node: torchrun's rendezvous arguments). Every worker builds the
same :class:`~badbatch_gui.core.training.loop.trainer.Trainer`; everything rank-aware lives here. :func:`from_env`
returns None when WORLD_SIZE is unset or 1, so the single-process path never calls torch.distributed.

Design (docs/design/emc2.md §5 "DDP, if ever added", docs/design/frd.md §7, docs/design/reliability.md §2):

- **Data.** One global batch is one planned batch (``dataset.plan_batches``, unchanged, so a checkpoint
  resumes with any process count). Rank k takes the k-th of W equal contiguous slices (B divisible by W).
- **Loss and gradient.** Each rank embeds its B/W images (both views) through the DDP model. The
  embeddings are all-gathered *with gradient* (:class:`_GatherWithGrad`), so every rank holds the global
  (B, d) views in plan order and computes the *whole* single-process loss of the global batch (the same
  function, the same value on every rank). The gather's backward all-reduces (sums) the gradients the W
  identical losses send to each slice, i.e. W x dL/dz_k, and DDP averages parameter gradients over W: the
  update is the single-process gradient of the global batch exactly (not only in expectation). The extra
  cost is the (2B x 2B) similarity matrix on every rank, negligible next to the network.
- **EMC2 chain table / SogCLR u.** Replicated on every rank. Every rank runs the same MH scan on the same
  gathered similarities with the same seeded generator (same uniforms), so the replicas agree by
  construction; after each step rank 0's new rows for the batch's images (state index and log-score, or
  log u, and with fresh chain scores each image's stored float16 embedding) are broadcast and written over
  the replicas (:meth:`DistContext.sync_table`), so they stay bit-identical even where floating point differs
  between machines.
- **FRD curation.** Rank 0 scores the gathered global views and broadcasts the score; every rank's gate
  sees the same scores, so verdicts (accept / re-draw / skip) and the FRD window agree.
- **Control.** A stop (Ctrl-C: torchrun forwards SIGINT to each worker; or the GUI's control file, see
  :mod:`~badbatch_gui.core.training.run_folder.control_file`), a pause (control file) and the time-based checkpoint are agreed at step
  boundaries with a MAX all-reduce, so all ranks stop, pause or save at the same step.
- **Files.** Rank 0 alone holds the run lock and writes run.json, images.json, metrics, the rejected-batch
  log and checkpoints, in the single-process format (the bare model's state_dict, no "module." prefix),
  so a checkpoint resumes with 1 or N processes. On resume rank 0 reads the checkpoint and broadcasts
  it, so only rank 0's machine needs the run folder; every machine needs the image folder.
- **Backend.** NCCL with one GPU per process (``cuda:LOCAL_RANK``) when the device is CUDA, gloo on CPU.
  Collective time-out: ``BADBATCH_DIST_TIMEOUT_MIN`` minutes (default 60; covers decoding big folders).
- **EMC2 (paper)** is refused (:meth:`DistContext.check_config`): its extra forward of the chain states would
  have to be split and gathered like the views; not done yet.
- **Out of memory** stops a distributed run (the last checkpoint is kept): the ranks cannot agree on
  halving the batch in the middle of a collective.
"""

from __future__ import annotations

import datetime
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
import torch
import torch.distributed as dist

from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import BadBatchError, ConfigError, FolderError, TrainingError
from badbatch_gui.core.training.run_folder.control_file import ControlFileReader

log = logging.getLogger(__name__)

T = TypeVar("T")
TIMEOUT_ENV = "BADBATCH_DIST_TIMEOUT_MIN"
PAUSE_POLL_S = 0.2

_current: DistContext | None = None


def world_size_from_env() -> int:
    """WORLD_SIZE as set by torchrun (1 when unset)."""
    try:
        return max(1, int(os.environ.get("WORLD_SIZE", "1") or 1))
    except ValueError:
        return 1


def from_env(device_preference: str = "auto") -> DistContext | None:
    """The process group of this worker, initialised on first use; None when not launched by torchrun.

    Args:
        device_preference: TrainConfig.device; a CUDA device means NCCL on ``cuda:LOCAL_RANK``, anything
            else gloo on the CPU.

    Raises:
        ConfigError: this process has no GPU of its own (more processes than GPUs on the machine).
    """
    global _current
    if _current is not None:
        return _current
    world = world_size_from_env()
    if world <= 1:
        return None
    rank = int(os.environ["RANK"])
    local_rank = int(os.environ.get("LOCAL_RANK", rank))
    device = pick_device(device_preference)
    if device.type == "cuda":
        count = torch.cuda.device_count()
        if local_rank >= count:
            raise ConfigError(
                f"Process {local_rank} on this machine has no graphics card of its own: the machine "
                f"has {count}. Start at most {count} processes per machine.",
                code="gpu_per_process_missing",
                process=local_rank,
                count=count,
            )
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
        backend = "nccl" if dist.is_nccl_available() else "gloo"
    else:
        if device.type != "cpu":
            log.warning("distributed training on %s is not supported; using the CPU", device)
        device = torch.device("cpu")
        backend = "gloo"
    minutes = float(os.environ.get(TIMEOUT_ENV, "60") or 60)
    if not dist.is_initialized():
        dist.init_process_group(backend, timeout=datetime.timedelta(minutes=minutes))
    _current = DistContext(
        rank=dist.get_rank(), world_size=dist.get_world_size(), local_rank=local_rank, backend=backend, device=device
    )
    log.info(
        "distributed worker %d/%d (local %d), backend %s, device %s",
        _current.rank,
        _current.world_size,
        local_rank,
        backend,
        device,
    )
    return _current


def teardown() -> None:
    """Destroy the process group (end of a CLI run); a no-op in a single process."""
    global _current
    if _current is not None and dist.is_initialized():
        dist.destroy_process_group()
    _current = None


class _GatherWithGrad(torch.autograd.Function):
    """all_gather along dim 0 whose backward sums every rank's gradient and returns this rank's slice."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor, rank: int, world: int) -> torch.Tensor:
        parts = [torch.empty_like(x) for _ in range(world)]
        dist.all_gather(parts, x.contiguous())
        ctx.rank, ctx.rows = rank, x.shape[0]
        return torch.cat(parts)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor, None, None]:
        total = grad.contiguous().clone()
        dist.all_reduce(total)  # SUM
        return total[ctx.rank * ctx.rows : (ctx.rank + 1) * ctx.rows], None, None


@dataclass
class DistContext:
    """This worker's place in the process group and the collective helpers the trainer uses."""

    rank: int
    world_size: int
    local_rank: int
    backend: str
    device: torch.device
    _control: ControlFileReader = field(default_factory=ControlFileReader)  # rank 0 reads the window's requests

    @property
    def is_main(self) -> bool:
        """Rank 0: the only writer of files and the only source of events the user sees."""
        return self.rank == 0

    # ------------------------------------------------------------------ data
    def check_config(self, config: Any) -> None:
        """Refuse, in plain words, what several processes cannot train yet: the EMC2 paper variant, whose extra
        forward pass of the chains' states is not split between processes (ConfigError).
        """
        if getattr(config, "method", "") == "emc2" and getattr(config, "emc2_variant", "") == "paper":
            raise ConfigError(
                f"EMC2 (paper) trains on one graphics card only; this run was started on {self.world_size} "
                "processes. Train on one graphics card, or choose EMC2 with stored embeddings (or SimCLR or "
                "SogCLR) to use several.",
                code="paper_variant_single_process",
                processes=self.world_size,
            )

    def check_batch_size(self, batch_size: int) -> None:
        """Refuse a global batch that does not split evenly over the processes (plain ConfigError)."""
        if batch_size % self.world_size:
            raise ConfigError(
                f"The batch size {batch_size} cannot be split evenly over {self.world_size} "
                "processes; choose a batch size that is a multiple of the number of processes.",
                code="batch_not_divisible",
                batch_size=batch_size,
                processes=self.world_size,
            )

    def shard(self, indices: np.ndarray) -> np.ndarray:
        """This rank's contiguous slice of a planned batch. Shape: (B,) -> (B / world_size,)."""
        b = len(indices) // self.world_size
        return indices[self.rank * b : (self.rank + 1) * b]

    def gather_views(self, z1: torch.Tensor, z2: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Both views of the global batch in plan order, differentiable (see the module notes).

        Shape: z1, z2 (B / W, d) local rows -> (B, d), (B, d).
        """
        b, d = z1.shape
        g = _GatherWithGrad.apply(torch.cat([z1, z2]), self.rank, self.world_size)
        g = g.view(self.world_size, 2, b, d)
        return g[:, 0].reshape(self.world_size * b, d), g[:, 1].reshape(self.world_size * b, d)

    # ------------------------------------------------------------------ collectives
    def _tensor(self, values: list[float], dtype: torch.dtype) -> torch.Tensor:
        comm = self.device if self.backend == "nccl" else torch.device("cpu")
        return torch.tensor(values, dtype=dtype, device=comm)

    def barrier(self) -> None:
        """Wait for every rank."""
        if self.backend == "nccl":
            dist.barrier(device_ids=[self.device.index])
        else:
            dist.barrier()

    def any_flag(self, *flags: bool) -> tuple[bool, ...]:
        """Element-wise OR of boolean flags over all ranks (one all-reduce)."""
        t = self._tensor([float(bool(f)) for f in flags], torch.float32)
        dist.all_reduce(t, op=dist.ReduceOp.MAX)
        return tuple(bool(v) for v in t.tolist())

    def max_int(self, value: int) -> int:
        """The largest ``value`` over all ranks (e.g. peak memory)."""
        t = self._tensor([float(value)], torch.float64)
        dist.all_reduce(t, op=dist.ReduceOp.MAX)
        return int(t.item())

    def broadcast_float(self, value: float) -> float:
        """Rank 0's ``value`` on every rank."""
        t = self._tensor([float(value)], torch.float64)
        dist.broadcast(t, src=0)
        return float(t.item())

    def main_float(self, fn: Callable[[], float]) -> float:
        """``fn()`` evaluated on rank 0 only, broadcast to every rank."""
        return self.broadcast_float(fn() if self.is_main else float("nan"))

    def broadcast_object(self, obj: Any) -> Any:
        """Rank 0's picklable ``obj`` on every rank (between this run's own processes only)."""
        box = [obj if self.is_main else None]
        dist.broadcast_object_list(box, src=0, device=self.device if self.backend == "nccl" else None)
        return box[0]

    def on_main(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on rank 0 and return its result on every rank; its exception is raised on every rank.

        A :class:`BadBatchError` is re-raised as is (same plain message on every rank); any other error is
        re-raised on rank 0 and as a :class:`TrainingError` naming it on the others.
        """
        result: Any = None
        error: BaseException | None = None
        if self.is_main:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - sent to every rank, re-raised below
                error = exc
        shared = self.broadcast_object((result, _portable(error)) if self.is_main else None)
        if error is not None:
            raise error
        if shared[1] is not None:
            raise shared[1]
        return cast(T, shared[0])

    def raise_if_any(self, error: BaseException | None) -> None:
        """Collective error check: when any rank passes an error, every rank raises the lowest rank's."""
        errors: list[Any] = [None] * self.world_size
        dist.all_gather_object(errors, _portable(error))
        first = next((e for e in errors if e is not None), None)
        if error is not None:
            raise error
        if first is not None:
            raise first

    def in_turns(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on rank 0 first, then on the first process of each other machine, then on the rest.

        Used for building the decoded image cache: a large cache is a memory-mapped file shared by the
        processes of a machine, so the first builder writes it and the others reuse it (no two writers).
        """
        result: Any = None
        error: BaseException | None = None
        turn = 0 if self.rank == 0 else (1 if self.local_rank == 0 else 2)
        for t in range(3):
            if t == turn:
                try:
                    result = fn()
                except Exception as exc:  # noqa: BLE001 - shared with every rank below
                    error = exc
            self.barrier()
        self.raise_if_any(error)
        return cast(T, result)  # fn returned on every rank, else raise_if_any raised

    def check_same(self, value: str, message: str, code: str = "processes_differ") -> None:
        """FolderError(``message``, code=``code``) on every rank unless ``value`` is the same on all ranks."""
        values: list[Any] = [None] * self.world_size
        dist.all_gather_object(values, value)
        if len(set(values)) != 1:
            raise FolderError(message, code=code)

    # ------------------------------------------------------------------ model and tables
    def wrap(self, model: torch.nn.Module) -> torch.nn.Module:
        """DistributedDataParallel around ``model`` (BatchNorm becomes SyncBatchNorm on CUDA)."""
        from torch.nn.parallel import DistributedDataParallel

        if self.device.type == "cuda":
            if any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in model.modules()):
                torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
            return DistributedDataParallel(model, device_ids=[self.device.index], output_device=self.device.index)
        return DistributedDataParallel(model)

    def sync_table(self, sampler: Any, idx: torch.Tensor) -> None:
        """Write rank 0's rows of the EMC2 chain table (or SogCLR's u) for ``idx`` over every replica.

        Shape: idx (B,) dataset indices of the global batch.
        """
        if sampler is None:
            return
        ic = idx.detach().cpu().long().numpy()
        if hasattr(sampler, "last_idx"):  # EMC2Sampler: (state index, log-score) per image, exact in float64
            rows = np.stack([sampler.last_idx[ic].astype(np.float64), sampler.log_score[ic].astype(np.float64)])
            got = self._broadcast_array(rows)
            sampler.last_idx[ic] = got[0].astype(np.int64)
            sampler.log_score[ic] = got[1].astype(np.float32)
            if sampler.bank is not None:  # fresh chain scores: the stored embeddings (float16, exact in float64)
                bank = self._broadcast_array(sampler.bank[ic].astype(np.float64))
                sampler.bank[ic] = bank.astype(np.float16)
                sampler.bank_filled[ic] = True
        else:  # SogCLRState
            got = self._broadcast_array(sampler.log_u[torch.from_numpy(ic)].double().numpy())
            sampler.log_u[torch.from_numpy(ic)] = torch.from_numpy(got).float()

    def _broadcast_array(self, a: np.ndarray) -> np.ndarray:
        t = torch.from_numpy(np.ascontiguousarray(a, dtype=np.float64))
        if self.backend == "nccl":
            t = t.to(self.device)
        dist.broadcast(t, src=0)
        return t.cpu().numpy()

    # ------------------------------------------------------------------ control
    def step_boundary(
        self,
        control: RunControl | None,
        run_dir: Path | None,
        on_pause: Callable[[], None],
        on_resume: Callable[[], None],
    ) -> None:
        """Agree on stop / pause before a step; raises Cancelled on every rank when any rank must stop.

        Stop and pause come from each rank's RunControl (Ctrl-C) and, on rank 0, from the run folder's
        control file. While paused all ranks poll together every 0.2 s, so no collective waits long.
        """
        paused = False
        try:
            while True:
                stop = control is not None and control.stop_requested
                pause = control is not None and control.pause_requested
                if self.is_main and run_dir is not None:
                    file_stop, file_pause = self._control.read(run_dir)
                    stop, pause = stop or file_stop, pause or file_pause
                stop, pause = self.any_flag(stop, pause)
                if stop:
                    raise Cancelled()
                if not pause:
                    return
                if not paused:
                    paused = True
                    on_pause()
                time.sleep(PAUSE_POLL_S)
        finally:
            if paused:
                on_resume()


def _portable(error: BaseException | None) -> BaseException | None:
    """An exception that unpickles on another rank: BadBatchErrors and Cancelled as they are, others as
    TrainingError (e.g. a stop during image decoding stops every rank).
    """
    if error is None or isinstance(error, (BadBatchError, Cancelled)):
        return error
    return TrainingError(
        f"Process 0 failed: {type(error).__name__}: {error}",
        code="process_failed",
        kind=type(error).__name__,
        reason=str(error),
    )
