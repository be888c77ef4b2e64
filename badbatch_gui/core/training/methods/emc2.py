"""EMC2 persistent Metropolis-Hastings negative sampler (one chain per photo over the in-batch candidates).

Paper: Yau, Wai, Raman, Sarkar, Hong, "EMC2: Efficient MCMC Negative Sampling for Contrastive Learning
with Global Convergence", ICML 2024, arXiv 2404.10575. The gradient of the global contrastive loss needs
E_{z~pi_x}[beta * grad s(x, z)] with pi_x(z) proportional to exp(beta * s(x, z)) over all negatives
(docs/design/emc2.md §1). EMC2 estimates it with one persistent MH chain per image whose proposals are the in-batch
candidates (an independence sampler, docs/design/emc2.md §2).

Conventions (the paper leaves room; this follows the official code, docs/design/emc2.md §3, with the §5 fixes):
- Rows/columns of ``sim`` (2B, 2B): rows 0..B-1 are view 0 of ``idx[0..B-1]``, rows B..2B-1 view 1.
  Row r belongs to image i = r mod B; its partner (positive) row is (r + B) mod 2B.
- One chain per *image* (keyed by dataset index, §5), shared by both views: the chain scans the 2B
  columns for the view-0 row, then carries its state into the view-1 row (§3).
- Chain state per image: ``last_idx`` (int64 dataset index of the current state, -1 = none yet), which view of
  that photo it is and when that view was drawn (``last_view``, ``last_pass``, ``last_draw``), and ``log_score``
  = the stored beta*s of that state when it was accepted (float32, -inf before the first state).
- MH in log space in fp32 (§5): accept column j for row r when log U < beta*S[r, j] - current.
- Masking (§5): every column whose dataset index equals the row's image (itself and its partner view)
  gets log-target -inf: never accepted, never kept. Duplicate dataset indices in one batch are refused.
- Burn-in (§3): K = floor(burn_in * 2(B-1)); with 0-based column position j, the step is *kept* when
  j > K and column j is not masked for the row. At burn_in 0.5, K = B-1, so at most B-1 kept steps per row.
- OLD steps: the chain still sits on its out-of-batch state. The k_r kept steps of row r (OLD ones included
  where the variant counts them) are each weighted 1/k_r (renormalised, §5; the code divides by B-1). Rows with
  k_r = 0 get an all-zero weight row and are counted in ``last_stats["rows_without_kept"]``.
- Uniforms come from the sampler's own seeded CPU ``torch.Generator`` (§5), drawn once per step as a
  (2, 2B, B) block indexed [view, column, anchor], so a restored generator reproduces every draw.

Variants (``variant``; what each does with the chain's out-of-batch state, docs/design/emc2.md §5.1, measured with
``benchmarks/bench_gradient_error.py``):

==================  ===============================================================  ================================
variant             how the out-of-batch state is scored                             kept steps at the state
==================  ===============================================================  ================================
``paper``           re-embedded with the current network (the caller's extra         negatives, gradient through
                    forward of the state's very view, ``state_sim``)                  both sides (the paper's intent)
``stored``          a float16 view-0 embedding stored when the photo was last in a   negatives, gradient through the
                    batch (``bank``)                                                  anchor only (a memory bank)
``stored_scores``   as ``stored``                                                     dropped
``official``        the score stored when the state was accepted (stale)             dropped (the official code)
==================  ===============================================================  ================================

``TrainConfig`` defaults to ``stored``, the least biased variant measured (docs/design/emc2.md §5.1). This class on
its own defaults to ``official``. Older names are still read (``LEGACY_VARIANTS``: stale, fresh, fresh_old). The
scan is sequential over the 2 x 2B columns but vectorised over the B anchors (numpy on CPU), O(B^2) scalar work
(well under a millisecond per step at the usual batch sizes: docs/design/emc2.md §5.1).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np
import torch

from badbatch_gui.core.config import EMC2_LEGACY_VARIANTS as LEGACY_VARIANTS
from badbatch_gui.core.config import EMC2_VARIANTS as VARIANTS
from badbatch_gui.core.config import canonical_emc2_variant as canonical_variant
from badbatch_gui.core.training.methods.emc2_table import ChainTable

__all__ = [
    "LEGACY_VARIANTS",
    "VARIANTS",
    "EMC2Sampler",
    "NegativeDraw",
    "StateRequest",
    "burn_in_cutoff",
    "canonical_variant",
]

logger = logging.getLogger(__name__)

STORED_VARIANTS = ("stored", "stored_scores")  # need the bank of stored embeddings
COUNTS_OLD = ("paper", "stored")  # kept steps at the out-of-batch state are negatives


def burn_in_cutoff(batch_size: int, burn_in: float) -> int:
    """K = floor(burn_in * 2(B-1)); steps at column positions j > K may be kept (docs/design/emc2.md §3)."""
    return int(math.floor(burn_in * 2 * (batch_size - 1)))


@dataclass(frozen=True)
class NegativeDraw:
    """What one sampler step hands to the loss.

    Attributes:
        weights: (2B, 2B) float32; weights[r, c] is the weight of S[r, c] in row r's negative term.
        old_weights: (2B,) float32; the weight of row r's out-of-batch chain state (zeros unless the variant
            counts it). Each row's weights and old weight sum to 1, or 0 when nothing was kept.
        old_vectors: (2B, d) float32 stored embeddings of those states (``stored`` only, else None; with ``paper``
            the caller holds the re-embedded states).
    """

    weights: torch.Tensor
    old_weights: torch.Tensor
    old_vectors: torch.Tensor | None


@dataclass(frozen=True)
class StateRequest:
    """The out-of-batch states a ``paper`` step must re-embed (one per chain that has one, duplicates merged).

    Attributes:
        photos, views, passes, draws: (m,) int64 keys of the m distinct states: the photo's dataset index, which of
            its two views, and the pass and re-draw attempt the view was drawn in (augment.view_rng's inputs).
        rows: (2B,) int64; rows[r] = which of the m states row r's chain sits on (-1: the chain has none yet).
    """

    photos: np.ndarray
    views: np.ndarray
    passes: np.ndarray
    draws: np.ndarray
    rows: np.ndarray


class EMC2Sampler(ChainTable):
    """Per-image persistent MH chains over in-batch negatives (EMC2, docs/design/emc2.md §3 and §5).

    Args:
        n_images: dataset size n; the chain table is keyed by dataset index 0..n-1.
        beta: inverse temperature of the target pi_x(z) ~ exp(beta * s(x, z)).
        burn_in: fraction of the 2(B-1) proposals per row discarded before keeping states.
        seed: seed of the sampler's own generator (MH uniforms only).
        dataset_hash: optional file-list hash; checked on :meth:`load_state_dict` when both sides have one.
        variant: see the module docstring (``paper``, ``stored``, ``stored_scores``, ``official``; older names
            accepted). ``stored*`` need ``z`` in :meth:`draw`, ``paper`` needs ``state_sim``.
    """

    def __init__(
        self,
        n_images: int,
        beta: float = 14.28,
        burn_in: float = 0.5,
        seed: int = 0,
        dataset_hash: str | None = None,
        variant: str = "official",
    ) -> None:
        if n_images < 2:
            raise ValueError("EMC2 needs at least 2 images")
        if not 0.0 <= burn_in < 1.0:
            raise ValueError("burn_in must be in [0, 1)")
        if beta < 0:
            raise ValueError("beta must be non-negative")
        super().__init__(n_images, seed)
        self.beta = float(beta)
        self.burn_in = float(burn_in)
        self.variant = canonical_variant(variant)
        self.dataset_hash = dataset_hash
        self.last_stats: dict[str, float] = {}

    @property
    def uses_bank(self) -> bool:
        """Whether out-of-batch states are scored from stored embeddings (``stored`` variants)."""
        return self.variant in STORED_VARIANTS

    @property
    def acceptance_rate(self) -> float:
        """Accepted / valid (unmasked) proposals since construction or the last load (nan before any)."""
        return self.accepted / self.proposed if self.proposed else float("nan")

    def state_request(self, idx: torch.Tensor | np.ndarray) -> StateRequest:
        """The out-of-batch states of the batch's chains, for the ``paper`` variant's re-embedding.

        Shape: idx (B,) -> :class:`StateRequest` with m <= B distinct states.
        """
        ic = np.asarray(idx.detach().cpu().numpy() if isinstance(idx, torch.Tensor) else idx, dtype=np.int64)
        ic = ic.reshape(-1)
        photo = self.last_idx[ic]
        keys = np.stack([photo, self.last_view[ic], self.last_pass[ic], self.last_draw[ic]], axis=1).astype(np.int64)
        has = photo >= 0
        uniq, inverse = np.unique(keys[has], axis=0, return_inverse=True)
        per_chain = np.full(ic.shape[0], -1, dtype=np.int64)
        per_chain[has] = inverse.reshape(-1)
        uniq = uniq.reshape(-1, 4)
        return StateRequest(
            uniq[:, 0].copy(),
            uniq[:, 1].copy(),
            uniq[:, 2].copy(),
            uniq[:, 3].copy(),
            np.concatenate([per_chain, per_chain]),
        )

    def step(self, sim: torch.Tensor, idx: torch.Tensor, z: torch.Tensor | None = None) -> torch.Tensor:
        """:meth:`draw`, returning only the in-batch weights (2B, 2B)."""
        return self.draw(sim, idx, z).weights

    def draw(
        self,
        sim: torch.Tensor,
        idx: torch.Tensor,
        z: torch.Tensor | None = None,
        state_sim: torch.Tensor | None = None,
        stamp: tuple[int, int] = (0, 0),
    ) -> NegativeDraw:
        """Run the 2 x 2B MH scan for the batch's B chains and return the kept-state weights.

        Args:
            sim: cosine similarities of the 2B views (detached; converted to fp32 CPU here).
            idx: dataset indices of the batch's images (distinct).
            z: the 2B unit embeddings behind ``sim`` (detached); required by the ``stored`` variants.
            state_sim: ``paper``: s(row's anchor, its chain's re-embedded out-of-batch state) under the current
                network, NaN where the chain has no state (:meth:`state_request`'s ``rows`` is -1).
            stamp: (pass, re-draw attempt) of this batch's views: recorded with a newly accepted state so the
                ``paper`` variant can re-draw that very view later.

        Shape: sim (2B, 2B); idx (B,) int64; z (2B, d); state_sim (2B,) -> :class:`NegativeDraw`.
        """
        idx_np = idx.detach().cpu().numpy().astype(np.int64, copy=False).reshape(-1)
        b = idx_np.shape[0]
        s = sim.detach().to("cpu", torch.float32).numpy()
        self._check_batch(s, idx_np)
        if self.uses_bank and z is None:
            raise ValueError("the stored-embedding variants need the batch's embeddings z")
        if self.variant == "paper" and (state_sim is None or state_sim.shape[0] != 2 * b):
            raise ValueError("the paper variant needs state_sim, (2B,) similarities to the re-embedded states")
        zc = None if z is None else z.detach().to("cpu", torch.float32).numpy()

        idx_full = np.concatenate([idx_np, idx_np])  # dataset index of every row/column
        valid = idx_full[:, None] != idx_full[None, :]  # (2B, 2B): not self, not the partner view
        log_target = np.where(valid, np.float32(self.beta) * s, np.float32(-np.inf)).astype(np.float32)
        u = torch.rand((2, 2 * b, b), generator=self.generator, dtype=torch.float32).numpy()
        with np.errstate(divide="ignore"):
            log_u = np.log(u)

        old_log = old_vec = None
        if self.variant == "paper" and state_sim is not None:
            ss = state_sim.detach().to("cpu", torch.float32).numpy()
            old_log = np.where(np.isfinite(ss), np.float32(self.beta) * ss, np.float32(-np.inf)).astype(np.float32)
        elif self.uses_bank and zc is not None:
            old_log, old_vec = self._old_state_scores(idx_np, zc)
        cur = old_log[:b].copy() if old_log is not None else self.log_score[idx_np].copy()
        history, accepted, state, cur = self._scan(log_target, log_u, cur, old_log, b)
        n_acc = int(accepted.sum())

        # Kept steps: column position j > K, column j not masked for the row (§3); OLD steps where counted.
        k_cut = burn_in_cutoff(b, self.burn_in)
        col_valid = valid.reshape(2, b, 2 * b).transpose(0, 2, 1)  # [view, column, anchor] view of the mask
        kept_any = col_valid & (np.arange(2 * b) > k_cut)[None, :, None]
        kept = kept_any & (history >= 0)
        rows = np.arange(2)[:, None, None] * b + np.arange(b)[None, None, :]  # row index of (view, anchor)
        flat = (rows * (2 * b) + history)[kept]  # (row, state) pairs, one per kept step
        weights = np.bincount(flat, minlength=4 * b * b).reshape(2 * b, 2 * b).astype(np.float32)
        old_counts = np.zeros(2 * b, dtype=np.float32)
        if self.variant in COUNTS_OLD and old_log is not None:
            at_old = kept_any & (history < 0)
            old_counts = np.bincount(np.broadcast_to(rows, at_old.shape)[at_old], minlength=2 * b).astype(np.float32)
            old_counts[~np.isfinite(old_log)] = 0.0  # a chain with no state yet has nothing to count
        k = weights.sum(axis=1) + old_counts
        np.divide(weights, k[:, None], out=weights, where=k[:, None] > 0)
        np.divide(old_counts, k, out=old_counts, where=k > 0)

        stored_stats = self._stored_stats(idx_np, zc, old_counts, int((k > 0).sum())) if self.uses_bank else {}
        self.log_score[idx_np] = cur
        moved = state >= 0
        self.last_idx[idx_np[moved]] = idx_full[state[moved]]
        self.last_view[idx_np[moved]] = (state[moved] // b).astype(np.int8)
        self.last_pass[idx_np[moved]] = int(stamp[0])
        self.last_draw[idx_np[moved]] = int(stamp[1])
        if zc is not None and self.uses_bank:
            self._store(idx_np, zc[:b])
        self.steps += 1
        n_prop = int(valid.sum())  # every unmasked (row, column) pair is one proposal
        self.accepted += n_acc
        self.proposed += n_prop
        n_kept_any = int(kept_any.sum())
        n_old = n_kept_any - int(kept.sum())
        self.last_stats = {
            "acceptance_rate": n_acc / n_prop,
            "rows_without_kept": int((k == 0).sum()),
            "rows_without_negative": float((k == 0).mean()),
            "kept_steps": int(kept.sum()),
            "old_fraction": n_old / n_kept_any if n_kept_any else 0.0,
            **stored_stats,
        }
        vectors = torch.from_numpy(old_vec) if old_vec is not None and self.variant == "stored" else None
        return NegativeDraw(torch.from_numpy(weights), torch.from_numpy(old_counts), vectors)

    def _check_batch(self, s: np.ndarray, idx_np: np.ndarray) -> None:
        b = idx_np.shape[0]
        if s.shape != (2 * b, 2 * b):
            raise ValueError(f"sim must be (2B, 2B) = ({2 * b}, {2 * b}), got {tuple(s.shape)}")
        if b < 2:
            raise ValueError("EMC2 needs a batch of at least 2 images")
        if np.unique(idx_np).size != b:
            raise ValueError("a batch must not contain the same dataset index twice")
        if idx_np.min() < 0 or idx_np.max() >= self.n_images:
            raise ValueError("dataset index out of range for this sampler")

    @staticmethod
    def _scan(
        log_target: np.ndarray, log_u: np.ndarray, cur: np.ndarray, old_log: np.ndarray | None, b: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The sequential MH scan, vectorised over the B chains.

        Shape: log_target (2B, 2B); log_u (2, 2B, B); cur (B,) the chains' starting log-scores; old_log (2B,) or
        None -> history (2, 2B, B) state after each step (-1 = OLD), accepted (2, 2B, B), final state (B,), final
        log-scores (B,).
        """
        state = np.full(b, -1, dtype=np.int64)  # -1 = OLD (the out-of-batch last_idx)
        history = np.empty((2, 2 * b, b), dtype=np.int64)  # chain state after each step [view, column, anchor]
        accepted = np.empty((2, 2 * b, b), dtype=bool)
        diff = np.empty(b, dtype=np.float32)
        anchors = np.arange(b)
        # [view, column, anchor] layout of the log-targets: rows v*B..v*B+B-1, transposed (contiguous per column)
        lt_all = np.ascontiguousarray(log_target.reshape(2, b, 2 * b).transpose(0, 2, 1))
        with np.errstate(invalid="ignore"):  # -inf - (-inf) = nan compares False: masked stays rejected
            for v in range(2):
                if v == 1 and old_log is not None:  # re-score the carried state against the view-1 anchor
                    cur = np.where(state >= 0, lt_all[1, np.maximum(state, 0), anchors], old_log[b:])
                for j in range(2 * b):
                    cand = lt_all[v, j]
                    np.subtract(cand, cur, out=diff)
                    acc = np.less(log_u[v, j], diff, out=accepted[v, j])
                    np.copyto(cur, cand, where=acc)
                    np.copyto(state, j, where=acc)
                    history[v, j] = state
        return history, accepted, state, cur

    def _old_state_scores(self, idx_np: np.ndarray, zc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Log-scores ``beta * s(a, e)``: each row's current anchor ``a`` against the stored embedding ``e`` of its
        chain's out-of-batch state.

        Shape: idx_np (B,), zc (2B, d) -> log-scores (2B,) (-inf where the chain has no stored state),
        vectors (2B, d) float32 (zeros there).
        """
        b, d = idx_np.shape[0], zc.shape[1]
        self._ensure_bank(d)
        assert self.bank is not None
        last = np.concatenate([self.last_idx[idx_np]] * 2)
        known = last >= 0
        known[known] = self.bank_filled[last[known]]
        vec = np.zeros((2 * b, d), dtype=np.float32)
        vec[known] = self.bank[last[known]].astype(np.float32)
        scores = np.full(2 * b, -np.inf, dtype=np.float32)
        scores[known] = np.float32(self.beta) * np.einsum("rd,rd->r", zc[known], vec[known])
        return scores, vec

    def _stored_stats(
        self, idx_np: np.ndarray, zc: np.ndarray | None, old_w: np.ndarray, rows_with_negative: int
    ) -> dict[str, float]:
        """How stale the stored embeddings are (health, docs/design/emc2.md §5.3), before this batch refreshes them.

        - ``stored_cosine``: mean cosine between each batch photo's stored view-0 vector and its fresh view-0
          embedding (NaN when none of the batch's photos had one yet).
        - ``stored_age``: mean age in sampler steps of the stored vectors this step uses as negatives (NaN: none).
        - ``stored_share``: the share of the batch's negative weight that rests on stored vectors (0 to 1).
        """
        out = {"stored_cosine": math.nan, "stored_age": math.nan, "stored_share": 0.0}
        if self.bank is None or zc is None:
            return out
        b = idx_np.shape[0]
        had = self.bank_filled[idx_np]
        if had.any():
            stored = self.bank[idx_np[had]].astype(np.float32)
            fresh = zc[:b][had]
            norms = np.linalg.norm(stored, axis=1) * np.linalg.norm(fresh, axis=1)
            out["stored_cosine"] = float(np.mean(np.einsum("rd,rd->r", stored, fresh) / np.maximum(norms, 1e-12)))
        used = old_w > 0
        if self.variant == "stored" and used.any():
            last = np.concatenate([self.last_idx[idx_np]] * 2)[used]
            out["stored_age"] = float(np.mean(self.steps - self.bank_step[last]))
            out["stored_share"] = float(old_w.sum() / max(1, rows_with_negative))  # each such row weighs 1 in all
        return out
