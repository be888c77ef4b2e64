"""Memory readings taken in the training thread, and the pre-training memory forecast.

Readings: :func:`cuda_memory` (allocated, reserved, total bytes of a CUDA device) and :func:`process_rss`
(resident set size of this process, from ``/proc/self/statm`` or ``resource``; no psutil dependency).

Forecast (docs/design/architecture.md, docs/design/reliability.md §4): what one training run will need, as a sum of
- parameters, their gradients, and AdamW's two fp32 moments (2 × parameters);
- activations of one step, i.e. forward + backward of 2B views at the run's image size:
  * on CUDA *measured* by a one-batch trial (``torch.cuda.max_memory_allocated`` above the baseline,
    minus the gradients counted separately);
  * elsewhere *counted*: the bytes of every tensor autograd keeps for the backward pass (a
    ``saved_tensors_hooks`` tally during a real one-batch forward, or during a no-compute forward on the
    ``meta`` device when ``probe=False``) plus the two largest of them again for backward's temporary
    gradients. CPU RSS deltas were not used: the allocator keeps freed memory, so they are noise.
- the EMC2 paper variant's extra forward of up to B chain-state photos per step: activations x 1.5 (an upper bound:
  chains on the same view share one, core/training/methods/chain_states.py);
- the per-photo state (:func:`sampler_bytes_per_image`: EMC2's chain table, SogCLR's u, the stored embeddings of
  the per-pass global loss) and the FRD buffers;
- on the CPU only, the decoded image cache (n × S × S × 3 bytes), since it shares system RAM.

Against the device's free memory (CUDA ``mem_get_info``; system RAM ``MemAvailable`` / ``os.sysconf``) it
gives a plain verdict and a suggested batch size: the config's batch size if its forecast stays under
:data:`TARGET_FRACTION` (60 %, Ultralytics AutoBatch's default) of free memory, else the largest power of
two below it that does. Activations are scaled linearly in B from the trial.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import torch
from torch import nn

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.devices import autocast, pick_device, pick_precision

log = logging.getLogger(__name__)

TARGET_FRACTION = 0.60
TIGHT_FRACTION = 0.90
SAMPLER_BYTES_PER_IMAGE = {"emc2": 19, "sogclr": 4, "simclr": 0}


def sampler_bytes_per_image(config: TrainConfig) -> int:
    """Persistent per-photo state: EMC2's chain table (19 B: the state's photo, view, pass and attempt, and its score)
    plus, for the stored-embedding variants, a float16 embedding, a flag and its step (2 * proj_dim + 5 B); SogCLR's
    u (4 B); and for every method the two float16 embeddings and a flag of the per-pass global loss
    (4 * proj_dim + 1 B, global_loss.py).
    """
    base = SAMPLER_BYTES_PER_IMAGE.get(config.method, 0)
    if config.method == "emc2" and config.emc2_variant in ("stored", "stored_scores"):
        base += 2 * int(config.proj_dim) + 5
    return base + 4 * int(config.proj_dim) + 1


def extra_forward_factor(config: TrainConfig) -> float:
    """Activations of a step relative to the 2B views' alone: 1.5 for the EMC2 paper variant (up to B more photos
    forward and backward, core/training/methods/chain_states.py), else 1.
    """
    return 1.5 if config.method == "emc2" and config.emc2_variant == "paper" else 1.0


def cuda_memory(device: torch.device | str | None = None) -> tuple[int, int, int] | None:
    """(allocated, reserved, total) bytes of a CUDA device, or None when ``device`` is not CUDA."""
    dev = torch.device(device) if device is not None else None
    if dev is None or dev.type != "cuda" or not torch.cuda.is_available():
        return None
    total = torch.cuda.get_device_properties(dev).total_memory
    return int(torch.cuda.memory_allocated(dev)), int(torch.cuda.memory_reserved(dev)), int(total)


def process_rss() -> int:
    """Resident set size of this process in bytes (0 when it cannot be read)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return peak_rss()  # macOS/Windows fallback: the peak is the best cheap reading there


def peak_rss() -> int:
    """Peak resident set size of this process in bytes (``ru_maxrss``; 0 when unavailable)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


def system_memory() -> tuple[int, int]:
    """(total, available) bytes of system RAM (available = MemAvailable on Linux)."""
    total = avail = 0
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        total = page * os.sysconf("SC_PHYS_PAGES")
        avail = page * os.sysconf("SC_AVPHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        pass
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    avail = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return int(total), int(avail or total)


def device_capacity(device: torch.device) -> tuple[int, int]:
    """(total, free) bytes of the memory training will use on ``device``."""
    if device.type == "cuda":
        free, total = torch.cuda.mem_get_info(device)
        return int(total), int(free)
    if device.type == "mps":
        total, avail = system_memory()
        rec = getattr(getattr(torch, "mps", None), "recommended_max_memory", None)
        if callable(rec):
            return int(rec()), int(min(avail, rec()))
        return total, avail
    return system_memory()


@dataclass(frozen=True)
class MemoryForecast:
    """A memory forecast for one training configuration (bytes unless named otherwise).

    ``activations_method`` says how the activations were obtained (measured / counted); ``host_bytes`` is
    the image cache, counted into ``total_bytes`` only when the device is the CPU.
    """

    device: str
    batch_size: int
    image_size: int
    params_bytes: int
    gradients_bytes: int
    optimizer_bytes: int
    activations_bytes: int
    activations_method: str
    sampler_bytes: int
    frd_bytes: int
    host_bytes: int
    total_bytes: int
    capacity_bytes: int
    free_bytes: int
    verdict: str
    suggested_batch_size: int
    message: str

    @property
    def fraction_of_free(self) -> float:
        """The forecast over the free memory, ``total / free`` (above 1: it will not fit)."""
        return self.total_bytes / self.free_bytes if self.free_bytes else float("inf")

    def parts(self) -> dict[str, int]:
        """The bar's segments, in display order."""
        return {
            "model": self.params_bytes,
            "gradients": self.gradients_bytes,
            "optimizer": self.optimizer_bytes,
            "activations": self.activations_bytes,
            "sampler": self.sampler_bytes,
            "frd": self.frd_bytes,
            "images": self.host_bytes if self.device.startswith("cpu") else 0,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-able copy."""
        return {**asdict(self), "fraction_of_free": self.fraction_of_free}


def _saved_tensor_bytes(model: nn.Module, x: torch.Tensor, precision: str, device: torch.device) -> int:
    """Bytes of the distinct non-parameter tensors autograd saves in one forward, plus the two largest again.

    Shape:
        x: (2B, 3, S, S).
    """
    params = {id(p) for p in model.parameters()} | {id(b) for b in model.buffers()}
    seen: dict[int, int] = {}
    keep: list[torch.Tensor] = []  # holds references so ids stay unique during the pass

    def pack(t: torch.Tensor) -> torch.Tensor:
        if id(t) not in params and id(t) not in seen:
            seen[id(t)] = t.numel() * t.element_size()
            keep.append(t)
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        with autocast(device, precision):
            z = model(x)
    del z
    keep.clear()
    sizes = sorted(seen.values(), reverse=True)
    return int(sum(sizes) + sum(sizes[:2]))


def _measure_cuda(model: nn.Module, x: torch.Tensor, precision: str, device: torch.device, grad_bytes: int) -> int:
    """Peak CUDA allocation of one forward+backward above the baseline, minus the gradients."""
    torch.cuda.synchronize(device)
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats(device)
    base = torch.cuda.memory_allocated(device)
    with autocast(device, precision):
        z = model(x)
    loss = (z.float() @ z.float().T).logsumexp(1).mean()
    loss.backward()
    torch.cuda.synchronize(device)
    peak = torch.cuda.max_memory_allocated(device) - base
    del z, loss
    model.zero_grad(set_to_none=True)
    torch.cuda.empty_cache()
    return max(0, int(peak - grad_bytes))


def forecast(
    config: TrainConfig,
    device: torch.device | str | None = None,
    probe: bool = True,
    n_images: int | None = None,
    model_factory: Callable[[], nn.Module] | None = None,
) -> MemoryForecast:
    """Forecast the memory of training ``config`` on ``device`` (default: the config's device).

    Args:
        config: the run's settings (method, batch size, image size, backbone, precision).
        device: a torch device or a name ("auto", "cpu", "cuda"...); None uses ``config.device``.
        probe: run a real one-batch trial (CUDA: measured peak; CPU: counted saved tensors of a real pass).
            False counts saved tensors on the ``meta`` device: no compute, no memory, same numbers on CPU.
        n_images: images in the folder (sampler state, image cache); defaults to ``config.max_images`` or 0.
        model_factory: builds the model (default: ``models.build_model`` with the config's settings).
    """
    if device is None or isinstance(device, str):
        dev = pick_device(config.device if device is None else device)  # "auto", "cpu", "cuda:1"...
    else:
        dev = torch.device(device)
    precision = pick_precision(config.precision, dev)
    n = int(n_images if n_images is not None else (config.max_images or 0))
    b, s = int(config.batch_size), int(config.image_size)
    if model_factory is None:
        from badbatch_gui.core.nets.models import build_model  # the trial only

        def model_factory() -> nn.Module:
            return build_model(config.backbone, config.norm, config.proj_dim, stem=config.stem)

    on_meta = not probe or dev.type == "mps"
    target = torch.device("meta") if on_meta else dev
    with torch.device(target):
        model = model_factory()
    params = sum(p.numel() * p.element_size() for p in model.parameters())
    params_fp32 = sum(p.numel() * 4 for p in model.parameters())
    grads, optim = params_fp32, 2 * params_fp32
    x = (
        torch.rand(2 * b, 3, s, s, device=target)
        if target.type != "meta"
        else torch.empty(2 * b, 3, s, s, device=target)
    )
    if target.type == "cuda":
        model = model.to(memory_format=torch.channels_last)
        act = _measure_cuda(model, x.contiguous(memory_format=torch.channels_last), precision, dev, grads)
        method = f"measured: one trial step on the GPU ({precision})"
    else:
        act = _saved_tensor_bytes(model, x, "fp32" if on_meta else precision, target)
        method = (
            "counted: tensors kept for the backward pass, no-compute trial"
            if on_meta
            else f"counted: tensors kept for the backward pass, one trial step ({precision})"
        )
    del model, x
    act = int(act * extra_forward_factor(config))
    sampler = sampler_bytes_per_image(config) * n
    proj = int(config.proj_dim)
    frd = 2 * b * proj * 8 * 3 + int(config.frd_window) * 8  # float64 copies, centred factors, window
    host = n * s * s * 3
    total_cap, free = device_capacity(dev)

    def total_for(batch: int) -> int:
        extra = host if dev.type == "cpu" else 0
        return int(params + grads + optim + act * batch / b + sampler + frd * batch / b + extra)

    total = total_for(b)
    if total <= TARGET_FRACTION * free:
        verdict = "fits comfortably"
    elif total <= TIGHT_FRACTION * free:
        verdict = "tight"
    else:
        verdict = "will not fit"
    suggested = b
    if total > TARGET_FRACTION * free:
        suggested = 2
        p = 1 << (max(b - 1, 1)).bit_length() - 1  # largest power of two below b
        while p >= 2:
            if total_for(p) <= TARGET_FRACTION * free:
                suggested = p
                break
            p //= 2
    gib = 1024**3
    where = "GPU memory" if dev.type == "cuda" else "system memory"
    message = (
        f"Training needs about {total / gib:.2f} GiB of {where}; {free / gib:.1f} GiB is free "
        f"({total_cap / gib:.1f} GiB in all): {verdict}."
    )
    if suggested != b:
        message += f" Suggested batch size: {suggested}."
    return MemoryForecast(
        device=str(dev),
        batch_size=b,
        image_size=s,
        params_bytes=int(params),
        gradients_bytes=int(grads),
        optimizer_bytes=int(optim),
        activations_bytes=int(act),
        activations_method=method,
        sampler_bytes=int(sampler),
        frd_bytes=int(frd),
        host_bytes=int(host),
        total_bytes=total,
        capacity_bytes=int(total_cap),
        free_bytes=int(free),
        verdict=verdict,
        suggested_batch_size=int(suggested),
        message=message,
    )


def _vm_hwm() -> int | None:
    """Linux peak RSS since the last reset (``VmHWM``), or None where unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class PeakMemory:
    """Peak memory of one training run on its device.

    CUDA: ``torch.cuda.max_memory_allocated`` after a reset at the start (kind "cuda"). CPU/MPS: peak RSS
    of the process (kind "cpu_rss"): on Linux the kernel's high-water mark ``VmHWM``, reset at the start by
    writing 5 to ``/proc/self/clear_refs``; elsewhere the largest value :meth:`sample` saw.
    """

    def __init__(self, device: torch.device) -> None:
        self.device = torch.device(device)
        self.kind = "cuda" if self.device.type == "cuda" else "cpu_rss"
        self._sampled = 0
        self._kernel = False

    def reset(self) -> None:
        """Start measuring now."""
        if self.kind == "cuda":
            torch.cuda.reset_peak_memory_stats(self.device)
            return
        self._sampled = process_rss()
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
                fh.write("5")
            self._kernel = _vm_hwm() is not None
        except OSError:
            self._kernel = False

    def sample(self) -> None:
        """Take a reading (cheap; call at step boundaries and after the forward pass)."""
        if self.kind != "cuda":
            self._sampled = max(self._sampled, process_rss())

    @property
    def peak(self) -> int:
        """Peak bytes since :meth:`reset`."""
        if self.kind == "cuda":
            return int(torch.cuda.max_memory_allocated(self.device))
        hwm = _vm_hwm() if self._kernel else None
        return int(max(self._sampled, hwm or 0))
