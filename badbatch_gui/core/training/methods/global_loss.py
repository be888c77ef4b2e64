"""The global contrastive loss over the whole folder, estimated once per pass from stored embeddings.

The *Loss* monitor of a step is the in-batch GCL: a noisy, downward-biased estimate (log of a mean over 2B - 2
negatives). The objective EMC2 and SogCLR minimise is the GCL over *all* photos (docs/design/emc2.md §1). Every
trained step stores the two views' embeddings of its photos (float16, :class:`EmbeddingBank`); at the end of each pass
:meth:`EmbeddingBank.global_loss` computes the GCL with every stored view as a negative:

    mean over anchors x of [-beta s(x, y) + log sum_{z: views of other photos} exp(beta s(x, z))]

The embeddings come from the step each photo was last trained in (up to a pass old), so this describes the network
over the pass rather than at its last step: the points compare with one another, not with the per-step curve
(docs/design/emc2.md §5.3, "Measured: the pass-end loss"). With up to :data:`MAX_ANCHORS` anchors (a seeded sample
beyond that) against all 2n views it costs 2048 · 2n · d multiply-adds, on the training device, once per pass.
Memory: 4·d + 1 bytes per photo, kept in every checkpoint so a resumed pass is complete.

:func:`on_step_scale` moves the value onto the per-step curve's scale (collapse at log(2B - 2) for both), for the plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

MAX_ANCHORS = 2048
CHUNK = 512


@dataclass(frozen=True)
class GlobalLoss:
    """One pass's estimate: ``value`` (the GCL over ``photos`` photos) and the photos it covers."""

    value: float
    photos: int


def on_step_scale(value: float, photos: int, batch_size: int) -> float:
    """A GCL over ``photos`` photos on the per-step monitor's scale: value - log(2P - 2) + log(2B - 2).

    Both then read log(2B - 2) for a collapsed encoder (all photos alike); for any encoder the result is
    -beta s(x, y) + log(mean over all negatives of exp(beta s)) + log(2B - 2), which the per-step value estimates
    from one batch (lower on average: the log of a mean of a few terms).
    """
    if photos < 2 or not math.isfinite(value):
        return math.nan
    return value - math.log(2 * photos - 2) + math.log(max(1, 2 * batch_size - 2))


class EmbeddingBank:
    """Each photo's last embeddings of its two views, as float16 (see the module docstring).

    Args:
        n_images: photos in the run.
    """

    def __init__(self, n_images: int) -> None:
        self.n_images = int(n_images)
        self.vectors: np.ndarray | None = None  # (n, 2, d) float16, allocated at the first store
        self.filled = np.zeros(self.n_images, dtype=bool)

    @property
    def nbytes(self) -> int:
        """Bytes held: 4·d + 1 per photo once allocated."""
        return int(self.filled.nbytes + (0 if self.vectors is None else self.vectors.nbytes))

    def store(self, idx: torch.Tensor, z1: torch.Tensor, z2: torch.Tensor) -> None:
        """Remember the batch's embeddings (detached).

        Shape: idx (B,) dataset indices; z1, z2 (B, d).
        """
        ic = idx.detach().cpu().numpy().astype(np.int64).reshape(-1)
        z = torch.stack([z1.detach(), z2.detach()], dim=1).to("cpu", torch.float16).numpy()  # (B, 2, d)
        if self.vectors is None or self.vectors.shape[2] != z.shape[2]:
            self.vectors = np.zeros((self.n_images, 2, z.shape[2]), dtype=np.float16)
            self.filled[:] = False
        self.vectors[ic] = z
        self.filled[ic] = True

    def global_loss(self, beta: float, device: torch.device | str = "cpu", seed: int = 0) -> GlobalLoss | None:
        """The GCL over the photos stored so far (None with fewer than 2).

        Anchors: every stored view, or :data:`MAX_ANCHORS` of them drawn with ``seed`` when there are more.
        """
        photos = np.flatnonzero(self.filled)
        if self.vectors is None or photos.size < 2:
            return None
        dev = torch.device(device)
        e = torch.from_numpy(self.vectors[photos].reshape(-1, self.vectors.shape[2])).to(dev).float()  # (2P, d)
        e = torch.nn.functional.normalize(e, dim=1)  # undo float16 rounding of the unit norm
        owner = torch.arange(photos.size, device=dev).repeat_interleave(2)  # photo of each view row
        anchors = np.arange(e.shape[0])
        if anchors.size > MAX_ANCHORS:
            anchors = np.sort(np.random.default_rng([int(seed), 0x61]).choice(anchors.size, MAX_ANCHORS, replace=False))
        total = 0.0
        with torch.no_grad():
            for i0 in range(0, anchors.size, CHUNK):
                a = torch.from_numpy(anchors[i0 : i0 + CHUNK]).to(dev)
                s = e[a] @ e.T  # (chunk, 2P)
                logits = (beta * s).masked_fill(owner[a][:, None] == owner[None, :], float("-inf"))
                pos = s[torch.arange(a.shape[0], device=dev), a ^ 1]  # the other view of the anchor's photo
                total += float((-beta * pos + torch.logsumexp(logits, dim=1)).sum())
        return GlobalLoss(total / anchors.size, int(photos.size))

    def state_dict(self) -> dict[str, Any]:
        """Tensors and plain values only (weights_only-loadable)."""
        return {
            "n_images": self.n_images,
            "filled": torch.from_numpy(self.filled.copy()),
            "vectors": None if self.vectors is None else torch.from_numpy(self.vectors.copy()),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore :meth:`state_dict`; a bank for another number of photos is dropped (the pass starts empty)."""
        if int(state.get("n_images", -1)) != self.n_images or state.get("vectors") is None:
            return
        self.vectors = state["vectors"].cpu().numpy().astype(np.float16).copy()
        self.filled = state["filled"].cpu().numpy().astype(bool).copy()
