"""The EMC2 paper variant's extra forward: each chain's out-of-batch state, re-created and re-embedded every step.

EMC2's gradient needs E_{z~pi_x}[beta grad s(x, z)] under the *current* network (docs/design/emc2.md §1). A chain's
state that is not in the batch is a view of another photo, accepted at an earlier step. The ``paper`` variant
(``EMC2Sampler(variant="paper")``) re-embeds that state with the current network each step, with gradient: its
score against each anchor is exact (the MH ratio compares like with like) and, where the chain stays on it past the
burn-in, it is a negative whose gradient flows through both embeddings, as the paper intends (its official code has
this term, but it never fires: docs/design/emc2.md §3).

Which view is re-embedded: **the very view the chain accepted**. The chain's state is a particular augmented view (the
target pi_x runs over views), and every view is a pure function of (seed, pass, photo, re-draw attempt, view)
(``augment.view_rng``), so the table keeps those four numbers (7 bytes per photo) and ``TwoViewDataset.views_at``
draws the same pixels again. A fresh augmentation of the state's photo would change the state under the chain
(its score would no longer be the one the chain accepted, a random jump the MH rule does not account for); the
clean photo is not a view training ever proposes, so its score would not compare with the candidates'.

Cost: one extra forward and backward of m <= B photos per step (chains on the same view share one), about half a
step more compute at most; the re-drawn views are augmented on the training thread (``benchmarks/bench_emc2_overhead
.py`` measures both). Several processes are refused (``distributed.DistContext.check_config``).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from badbatch_gui.core.data.dataset import TwoViewDataset
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
from badbatch_gui.core.training.methods.sogclr import SogCLRState


@dataclass(frozen=True)
class ChainViews:
    """The views one ``paper`` step re-embeds.

    Attributes:
        images: (m, 3, S, S) float32 in [0, 1] on the CPU, one per distinct state.
        rows: (2B,) int64; rows[r] = which of the m views row r's chain sits on, -1 where the chain has none yet.
    """

    images: torch.Tensor
    rows: torch.Tensor


def chain_views(
    sampler: EMC2Sampler | SogCLRState | None, dataset: TwoViewDataset, idx: torch.Tensor
) -> ChainViews | None:
    """The views of the batch's chain states (None unless the run trains the EMC2 ``paper`` variant).

    Shape: idx (B,) dataset indices -> :class:`ChainViews` with m <= B images.
    """
    if not isinstance(sampler, EMC2Sampler) or sampler.variant != "paper":
        return None
    req = sampler.state_request(idx)
    return ChainViews(dataset.views_at(req.photos, req.passes, req.draws, req.views), torch.from_numpy(req.rows))
