"""The network side of one training step: both views through the encoder, the FRD of their embeddings, and
the method's loss with the step's monitor figures.

The trainer builds one :class:`StepModel` per run (after the model, and with several processes its DDP wrapper,
exist) and keeps the bookkeeping (curation, checkpoints, records) to itself. Tests replace
:meth:`StepModel.forward_views`, :meth:`StepModel.batch_frd` or :meth:`StepModel.loss` to simulate an
out-of-memory error, a bad batch or a NaN loss.
"""

from __future__ import annotations

import torch

from badbatch_gui.core.devices import autocast
from badbatch_gui.core.scoring import frd
from badbatch_gui.core.training.methods import losses
from badbatch_gui.core.training.methods.chain_states import ChainViews
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
from badbatch_gui.core.training.methods.sogclr import SogCLRState

__all__ = ["StepModel"]


class StepModel:
    """The encoder (``net``: the contrastive model, or its DDP wrapper) with how a step runs it: device,
    precision, channels-last memory layout, the method and its inverse temperature ``beta``.
    """

    def __init__(
        self, net: torch.nn.Module, device: torch.device, precision: str, channels_last: bool, method: str, beta: float
    ) -> None:
        self.net, self.device, self.precision, self.channels_last = net, device, precision, channels_last
        self.method, self.beta = method, beta

    def forward_views(self, v1: torch.Tensor, v2: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Embeddings of both views in one (2B) forward pass.

        Shape:
            v1, v2: (B, 3, S, S) -> z1, z2 (B, proj_dim) unit rows.
        """
        b = v1.shape[0]
        x = torch.cat([v1, v2]).to(self.device, non_blocking=True)
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        with autocast(self.device, self.precision):
            z: torch.Tensor = self.net(x)
        return z[:b], z[b:]

    def embed(self, images: torch.Tensor) -> torch.Tensor:
        """Embeddings of single images (the EMC2 paper variant's chain states), with gradient.

        Shape:
            images: (m, 3, S, S) -> (m, proj_dim) unit rows.
        """
        x = images.to(self.device, non_blocking=True)
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        with autocast(self.device, self.precision):
            z: torch.Tensor = self.net(x)
        return z

    def batch_frd(self, z1: torch.Tensor, z2: torch.Tensor) -> float:
        """FRD between the two views' embeddings (float64, detached; docs/design/frd.md §4, §7).

        Shape: z1, z2 (B, d) -> float.
        """
        x = z1.detach().float().cpu().double().numpy()
        y = z2.detach().float().cpu().double().numpy()
        return float(frd.frechet_distance(x, y))

    def loss(
        self,
        z1: torch.Tensor,
        z2: torch.Tensor,
        idx: torch.Tensor,
        sampler: EMC2Sampler | SogCLRState | None,
        chain_views: ChainViews | None = None,
        stamp: tuple[int, int] = (0, 0),
    ) -> tuple[torch.Tensor, dict[str, float]]:
        """The method's objective (advances the EMC2 chains / SogCLR table for the rows ``idx``) and the step's
        figures: the monitor (``losses.monitor``: loss, embedding spread) and the sampler's health.

        ``chain_views``: the EMC2 paper variant's chain states (``chain_states.chain_views``), embedded here with
        gradient; ``stamp``: (pass, re-draw attempt) of the batch's views.

        Shape: z1, z2 (B, d), idx (B,) -> (scalar, dict of floats).
        """
        states = None
        if chain_views is not None:
            z_states = self.embed(chain_views.images) if chain_views.images.shape[0] else z1.new_zeros((0, z1.shape[1]))
            states = losses.ChainStates(z_states, chain_views.rows)
        out = losses.method_loss(self.method, z1, z2, idx, sampler, self.beta, states, stamp)
        return out.loss, {**out.stats, **losses.monitor(out.sim, self.beta)}
