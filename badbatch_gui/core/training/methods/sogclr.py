"""SogCLR's per-image moving average u_i of the in-batch normaliser (Yuan et al., ICML 2022).

SogCLR ("Provable Stochastic Optimization for Global Contrastive Learning: Small Batch Does Not Harm
Performance", arXiv 2202.12387) replaces the in-batch estimate of the global contrastive loss's normaliser
by a per-image moving average, so small batches give a less biased gradient. The loss that uses this table
is :func:`badbatch_gui.core.training.methods.losses.sogclr_loss`.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from badbatch_gui.core.errors import CheckpointError

STATE_VERSION = 1


class SogCLRState:
    """SogCLR's moving average u_i of the in-batch mean of exp(beta*s) per image (docs/design/emc2.md §2).

    Stored as log u (float32; -inf = never seen) so that large beta cannot overflow. The first update of
    an image uses gamma = 1 (u_i = g_i), as official SogCLR does for a fresh table (there per batch).

    Args:
        n_images: dataset size n.
        gamma: moving-average weight of the new estimate, u <- (1 - gamma) u + gamma g.
    """

    def __init__(self, n_images: int, gamma: float = 0.9) -> None:
        if not 0.0 < gamma <= 1.0:
            raise ValueError("gamma must be in (0, 1]")
        self.n_images = int(n_images)
        self.gamma = float(gamma)
        self.log_u = torch.full((self.n_images,), float("-inf"), dtype=torch.float32)

    @property
    def nbytes(self) -> int:
        """Persistent memory: 4 bytes per image."""
        return self.log_u.numel() * self.log_u.element_size()

    @property
    def u(self) -> torch.Tensor:
        """The u table in linear space (0 for images never seen). Shape: (n,)."""
        return self.log_u.exp()

    def update(self, idx: torch.Tensor, log_g: torch.Tensor, gamma: float | None = None) -> torch.Tensor:
        """Blend new log-estimates into the table and return the new log u per row (fp32, input's device).

        Args:
            idx: dataset indices of the images.
            log_g: log of the in-batch estimate g_i for each view; the stored value is the mean of the
                per-view updated u (the EMC2 repository's choice; official SogCLR sums them, docs/design/emc2.md §2).
            gamma: overrides the table's gamma for this update.

        Shape: idx (B,); log_g (V, B) -> (V, B) per-view updated log u (before averaging).
        """
        g = self.gamma if gamma is None else float(gamma)
        ic = idx.detach().cpu().long()
        old = self.log_u[ic].to(log_g.device)  # (B,)
        lg = log_g.detach().float()
        fresh = torch.isneginf(old)
        keep_old = old + math.log1p(-g) if g < 1.0 else torch.full_like(old, -math.inf)
        blended = torch.logaddexp(keep_old, lg + math.log(g))  # log((1-g) u + g ĝ)
        new = torch.where(fresh, lg, blended)  # (V, B)
        mean_u = torch.logsumexp(new, dim=0) - math.log(new.shape[0])
        self.log_u[ic] = mean_u.cpu()
        return new

    def snapshot(self, idx: torch.Tensor) -> dict[str, Any]:
        """The rows of ``idx``, so an update can be undone when the optimiser skips the step. Shape: idx (B,)."""
        ic = idx.detach().cpu().long()
        return {"idx": ic, "log_u": self.log_u[ic].clone()}

    def restore(self, snap: dict[str, Any]) -> None:
        """Undo the updates since :meth:`snapshot` for its rows."""
        self.log_u[snap["idx"]] = snap["log_u"]

    def state_dict(self) -> dict[str, Any]:
        """Table and settings; tensors and primitives only."""
        return {"version": STATE_VERSION, "n_images": self.n_images, "gamma": self.gamma, "log_u": self.log_u.clone()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a :meth:`state_dict`; CheckpointError when the image count differs."""
        try:
            n = int(state["n_images"])
            log_u = state["log_u"].detach().cpu().float()
        except (KeyError, AttributeError, TypeError) as exc:
            raise CheckpointError(
                "The saved SogCLR state is incomplete, so the run cannot resume.", code="resume_state_incomplete"
            ) from exc
        if n != self.n_images or log_u.shape != (n,):
            raise CheckpointError(
                f"The saved SogCLR state is for {n} images but this run has {self.n_images}; "
                "the folder changed since the checkpoint, so the run cannot resume.",
                code="resume_folder_changed",
            )
        self.gamma = float(state.get("gamma", self.gamma))
        self.log_u = log_u.clone()
