"""Contrastive losses (SimCLR, SogCLR and EMC2 surrogates), the global contrastive loss and the step monitor.

All functions take the two views' L2-normalised embeddings z1, z2 of the same B images (row i of z1 and
row i of z2 are the positive pair). Views are stacked as Z = [z1; z2] (2B, d): row r's partner is
(r + B) mod 2B. Similarities are computed in fp32 even under autocast (docs/design/emc2.md §5): exp(14.28) is fine in
fp32 but not in fp16, and the MH sampler compares log-scores.

Notation (docs/design/emc2.md §1): s(a, b) = f(a)^T f(b), beta = 1/tau (EMC2 uses 14.28).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch
import torch.nn.functional as F

if TYPE_CHECKING:  # same layer (2): only for type hints, no runtime import
    from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
    from badbatch_gui.core.training.methods.sogclr import SogCLRState


def _similarities(z1: torch.Tensor, z2: torch.Tensor) -> torch.Tensor:
    """Stacked fp32 cosine-similarity matrix S = Z Z^T (autocast disabled).

    Shape: z1 (B, d), z2 (B, d) -> (2B, 2B).
    """
    if z1.shape != z2.shape or z1.dim() != 2:
        raise ValueError(f"z1 and z2 must both be (B, d); got {tuple(z1.shape)} and {tuple(z2.shape)}")
    with torch.autocast(device_type=z1.device.type, enabled=False):
        z = torch.cat([z1, z2], dim=0).float()
        return z @ z.T


def _negative_mask(b: int, device: torch.device, idx: torch.Tensor | None = None) -> torch.Tensor:
    """True where column c is a negative for row r (not the row itself, not its partner view).

    Shape: idx (B,) or None -> (2B, 2B) bool.
    """
    if idx is None:
        idx = torch.arange(b, device=device)
    full = torch.cat([idx, idx]).to(device)
    return full[:, None] != full[None, :]


def simclr_loss(z1: torch.Tensor, z2: torch.Tensor, beta: float) -> torch.Tensor:
    """NT-Xent (SimCLR) over the 2B views with temperature 1/beta (docs/design/emc2.md §2).

    For each of the 2B rows: cross-entropy of beta*S[r, :] (self excluded, positive *included* in the
    denominator, as in SimCLR) with the partner view as target; mean over rows.

    Shape: z1 (B, d), z2 (B, d) unit rows -> scalar.
    """
    return _simclr_from_sim(_similarities(z1, z2), beta)


def _simclr_from_sim(s: torch.Tensor, beta: float) -> torch.Tensor:
    """:func:`simclr_loss` on a precomputed S. Shape: s (2B, 2B) -> scalar."""
    b = s.shape[0] // 2
    eye = torch.eye(2 * b, dtype=torch.bool, device=s.device)
    logits = (beta * s).masked_fill(eye, float("-inf"))
    target = (torch.arange(2 * b, device=s.device) + b) % (2 * b)
    return F.cross_entropy(logits, target)


def gcl_loss(z1: torch.Tensor, z2: torch.Tensor, beta: float) -> torch.Tensor:
    """Decoupled global contrastive loss (docs/design/emc2.md §1) over the given images.

    mean over the 2B anchors of [-beta*s(x, y) + log sum_{z in views of other images} exp(beta*s(x, z))].
    Given the whole dataset (two fixed views per image) this is the exact GCL L(theta); given one batch it
    is the in-batch (biased) estimate. Differentiable; used by tests and as a method-independent metric.

    Shape: z1 (B, d), z2 (B, d) -> scalar.
    """
    b = z1.shape[0]
    s = _similarities(z1, z2)
    neg = _negative_mask(b, s.device)
    pos = torch.cat([s.diagonal(offset=b), s.diagonal(offset=-b)])
    lse = torch.logsumexp((beta * s).masked_fill(~neg, float("-inf")), dim=1)
    return (-beta * pos + lse).mean()


def sogclr_loss(
    z1: torch.Tensor, z2: torch.Tensor, idx: torch.Tensor, u: SogCLRState, beta: float, gamma: float | None = None
) -> torch.Tensor:
    """SogCLR surrogate (Yuan et al. 2022; docs/design/emc2.md §2); updates ``u`` in place.

    For row r (image i, view v): g_hat = mean over the 2(B-1) in-batch negatives of exp(beta*S[r, j]);
    u_i^(v) = (1-gamma) u_i + gamma g_hat (gamma = 1 the first time image i is seen). The surrogate
    -beta*S[r, partner] + mean_j w_rj * beta*S[r, j] with fixed weights w_rj = exp(beta*S[r, j]) / u_i^(v)
    has gradient -beta grad s(x, y) + grad(g_hat) / u_i, i.e. the GCL gradient with the normaliser replaced
    by the moving average (here on the same beta scale as the other losses: no extra tau factor). The
    table keeps the mean of the two views' updated u (the EMC2 repository's choice; official SogCLR adds
    them). The returned *value* is the surrogate's, not a GCL estimate (use :func:`gcl_loss` to compare).

    Shape: z1 (B, d), z2 (B, d) unit rows; idx (B,) int64 dataset indices -> scalar.
    """
    return _sogclr_from_sim(_similarities(z1, z2), idx, u, beta, gamma)


def _sogclr_from_sim(
    s: torch.Tensor, idx: torch.Tensor, u: SogCLRState, beta: float, gamma: float | None = None
) -> torch.Tensor:
    """:func:`sogclr_loss` on a precomputed S. Shape: s (2B, 2B), idx (B,) -> scalar."""
    b = s.shape[0] // 2
    neg = _negative_mask(b, s.device, idx.to(s.device))
    with torch.no_grad():
        lt = (beta * s).masked_fill(~neg, float("-inf"))
        log_g = torch.logsumexp(lt, dim=1) - math.log(2 * (b - 1))  # (2B,)
        log_u = u.update(idx, log_g.view(2, b), gamma).reshape(2 * b)  # per-view updated log u
        w = torch.exp(lt - log_u[:, None])  # 0 on masked entries
    pos = torch.cat([s.diagonal(offset=b), s.diagonal(offset=-b)])
    per_row = -beta * pos + (w * (beta * s)).sum(dim=1) / (2 * (b - 1))
    return per_row.mean()


@dataclass(frozen=True)
class ChainStates:
    """The ``paper`` EMC2 variant's out-of-batch chain states, re-embedded with the current network this step.

    Attributes:
        z: (m, d) unit embeddings of the m distinct states, with gradient (the extra forward pass).
        rows: (2B,) int64; rows[r] = which of the m states row r's chain sits on, -1 where it has none.
    """

    z: torch.Tensor
    rows: torch.Tensor


def emc2_loss(
    z1: torch.Tensor,
    z2: torch.Tensor,
    idx: torch.Tensor,
    sampler: EMC2Sampler,
    beta: float,
    states: ChainStates | None = None,
    stamp: tuple[int, int] = (0, 0),
) -> tuple[torch.Tensor, dict[str, Any]]:
    """EMC2 surrogate (docs/design/emc2.md §3, renormalised as in §5): positives + MH-sampled negatives.

    positives = -beta * mean_i S[i, i+B];  negatives = beta * (sum_{r,c} W[r, c] S[r, c] + sum_r w_r s_r) / (2B),
    where W = the sampler's kept in-batch chain states and w_r the weight of row r's out-of-batch state (each row's
    weights summing to 1, or 0 when nothing was kept; such rows still count in the 2B). What s_r is depends on the
    sampler's variant: ``paper``, the similarity to the state re-embedded this step (``states``; gradient through
    both sides); ``stored``, to the state's stored float16 embedding (gradient through the anchor z_r only); the
    other variants drop those steps (w_r = 0). The weights are fixed; the gradient flows through S and the
    embeddings. The sampler's own beta defines the MH target; ``beta`` here scales the loss (the trainer passes the
    same value). ``stamp`` = (pass, re-draw attempt) of the batch's views (see ``EMC2Sampler.draw``).

    Shape: z1 (B, d), z2 (B, d) unit rows; idx (B,) int64 dataset indices -> (scalar, stats dict).
    """
    return _emc2_from_sim(_similarities(z1, z2), torch.cat([z1, z2]), idx, sampler, beta, states, stamp)


def _emc2_from_sim(
    s: torch.Tensor,
    z: torch.Tensor,
    idx: torch.Tensor,
    sampler: EMC2Sampler,
    beta: float,
    states: ChainStates | None = None,
    stamp: tuple[int, int] = (0, 0),
) -> tuple[torch.Tensor, dict[str, Any]]:
    """:func:`emc2_loss` on a precomputed S. Shape: s (2B, 2B), z (2B, d) -> (scalar, stats)."""
    b = s.shape[0] // 2
    state_sim = state_sim_grad = None
    if sampler.variant == "paper":
        if states is None:
            raise ValueError("the paper EMC2 variant needs the re-embedded chain states")
        with torch.autocast(device_type=z.device.type, enabled=False):
            rows = states.rows.to(z.device)
            has = rows >= 0
            picked = states.z.float()[rows.clamp(min=0)] if states.z.shape[0] else torch.zeros_like(z.float())
            state_sim_grad = torch.where(has, (z.float() * picked).sum(dim=1), torch.zeros((), device=z.device))
        state_sim = torch.where(has, state_sim_grad.detach(), torch.full((), float("nan"), device=z.device))
    draw = sampler.draw(s.detach(), idx, z.detach() if sampler.uses_bank else None, state_sim, stamp)
    w = draw.weights.to(device=s.device, non_blocking=True)
    pos = s.diagonal(offset=b)  # S[i, i+B]
    loss_pos = -beta * pos.mean()
    neg = (w * s).sum()
    if draw.old_vectors is not None:
        with torch.autocast(device_type=z.device.type, enabled=False):
            old = (z.float() * draw.old_vectors.to(z.device)).sum(dim=1)  # (2B,) <z_r, v_r>, v_r fixed
        neg = neg + (draw.old_weights.to(z.device) * old).sum()
    elif state_sim_grad is not None:
        neg = neg + (draw.old_weights.to(z.device) * state_sim_grad).sum()
    loss_neg = beta * neg / (2 * b)
    stats: dict[str, Any] = dict(sampler.last_stats)
    stats["positive_similarity"] = float(pos.detach().mean())
    return loss_pos + loss_neg, stats


@dataclass(frozen=True)
class LossOutput:
    """One step's objective and what the monitor needs.

    Attributes:
        loss: the scalar the optimiser steps on (the method's gradient surrogate; differentiable).
        sim: (2B, 2B) detached fp32 similarity matrix of the step's views.
        stats: plain floats: the sampler's health figures (EMC2) and ``positive_similarity``.
    """

    loss: torch.Tensor
    sim: torch.Tensor
    stats: dict[str, float]


def method_loss(
    method: str,
    z1: torch.Tensor,
    z2: torch.Tensor,
    idx: torch.Tensor,
    state: EMC2Sampler | SogCLRState | None,
    beta: float,
    chain_states: ChainStates | None = None,
    stamp: tuple[int, int] = (0, 0),
) -> LossOutput:
    """The training objective of ``method`` ("emc2", "sogclr", "simclr"), computing S once.

    ``chain_states`` and ``stamp``: see :func:`emc2_loss` (EMC2 only).

    Shape: z1 (B, d), z2 (B, d) unit rows; idx (B,) dataset indices -> :class:`LossOutput`.
    """
    z1, z2 = z1.float(), z2.float()
    s = _similarities(z1, z2)
    stats: dict[str, float] = {}
    if method == "emc2":
        # the method names its state: EMC2Sampler for emc2, SogCLRState for sogclr (no runtime import, same layer)
        sampler: EMC2Sampler = state  # type: ignore[assignment]  # emc2's state is its sampler
        loss, st = _emc2_from_sim(s, torch.cat([z1, z2]), idx, sampler, beta, chain_states, stamp)
        stats.update({k: float(v) for k, v in st.items()})
    elif method == "sogclr":
        loss = _sogclr_from_sim(s, idx, state, beta)  # type: ignore[arg-type]  # SogCLRState, as above
    elif method == "simclr":
        loss = _simclr_from_sim(s, beta)
    else:
        raise ValueError(f"unknown method {method!r}")
    return LossOutput(loss, s.detach(), stats)


def monitor(sim: torch.Tensor, beta: float) -> dict[str, float]:
    """Method-independent figures of one step, from its similarity matrix (no gradient, O(B^2)).

    - ``loss``: the in-batch global contrastive loss (:func:`gcl_loss` on S): the same quantity for every
      method, so curves of EMC2, SogCLR and SimCLR runs compare. A network that learned nothing (all views
      alike, or positives no closer than negatives) scores ``log(2B - 2)`` (:func:`chance_level`).
    - ``mean_cosine``: mean similarity of views of *different* photos (1 = all embeddings collapsed to one
      point; the embedding spread is 1 - mean_cosine).
    - ``positive_similarity``: mean similarity of the two views of a photo.

    Shape: sim (2B, 2B) -> dict of floats.
    """
    with torch.no_grad():
        s = sim.detach().float()
        b = s.shape[0] // 2
        neg = _negative_mask(b, s.device)
        pos = torch.cat([s.diagonal(offset=b), s.diagonal(offset=-b)])
        lse = torch.logsumexp((beta * s).masked_fill(~neg, float("-inf")), dim=1)
        # one device-to-host copy for the three figures (each float() on a GPU tensor would wait for the GPU)
        loss, mean_cos, pos_sim = torch.stack([(-beta * pos + lse).mean(), s[neg].mean(), pos.mean()]).tolist()
        return {"loss": loss, "mean_cosine": mean_cos, "positive_similarity": pos_sim}


def chance_level(batch_size: int) -> float:
    """The monitor loss of a network that learned nothing: log(2B - 2) (see :func:`monitor`)."""
    return math.log(max(1, 2 * int(batch_size) - 2))
