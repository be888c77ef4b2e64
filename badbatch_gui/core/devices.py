"""Device and numeric-precision choice for training, evaluation and the memory forecast.

- ``auto`` device: CUDA when available, then Apple MPS, then CPU.
- ``auto`` precision: bf16 autocast on CUDA GPUs that support it (no loss scaler needed), fp16 autocast with
  a GradScaler on older CUDA GPUs, fp32 elsewhere. bf16 has no scaler, so the trainer checks every loss for
  NaN/inf (docs/design/reliability.md §3). fp16 is refused off CUDA (no scaler there) and falls back to fp32.
"""

from __future__ import annotations

import contextlib
import logging
from contextlib import AbstractContextManager

import torch

log = logging.getLogger(__name__)

PRECISIONS = ("fp32", "bf16", "fp16")


def pick_device(preference: str = "auto") -> torch.device:
    """The torch device for ``preference`` ("auto", "cpu", "cuda", "cuda:1", "mps").

    An explicit device that is not available falls back to the CPU with a log line.
    """
    pref = (preference or "auto").strip().lower()
    if pref == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    dev = torch.device(pref)
    if dev.type == "cuda" and not torch.cuda.is_available():
        log.warning("CUDA requested but not available; using the CPU")
        return torch.device("cpu")
    if dev.type == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        log.warning("MPS requested but not available; using the CPU")
        return torch.device("cpu")
    return dev


def pick_precision(preference: str, device: torch.device) -> str:
    """Resolve "auto"/"fp32"/"bf16"/"fp16" to the precision actually used on ``device``."""
    pref = (preference or "auto").lower()
    if pref == "auto":
        if device.type == "cuda":
            return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        return "fp32"
    if pref == "fp16" and device.type != "cuda":
        log.warning("fp16 training needs a CUDA GPU (loss scaling); using fp32 on %s", device)
        return "fp32"
    if pref == "bf16" and device.type == "mps":
        return "fp32"
    return pref if pref in PRECISIONS else "fp32"


def autocast(device: torch.device, precision: str) -> AbstractContextManager[object]:
    """The autocast context for ``precision`` (a no-op for fp32)."""
    if precision == "fp32":
        return contextlib.nullcontext()
    dtype = torch.bfloat16 if precision == "bf16" else torch.float16
    return torch.autocast(device_type=device.type, dtype=dtype)


def uses_channels_last(device: torch.device) -> bool:
    """channels_last memory format: faster convolutions on CUDA and on CPU (oneDNN); not used on MPS."""
    return device.type in ("cuda", "cpu")


def device_label(device: torch.device) -> str:
    """A short human description, e.g. "CUDA: NVIDIA H100 80GB HBM3" or "CPU"."""
    if device.type == "cuda":
        try:
            return f"CUDA: {torch.cuda.get_device_name(device)}"
        except Exception:  # noqa: BLE001 - only a label
            return "CUDA"
    return device.type.upper()
