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
  columns for the view-0 row, then carries its state and stored score into the view-1 row (§3).
- Chain state per image: ``last_idx`` (int64 dataset index of the current negative, -1 = none yet) and
  ``log_score`` = stored, stale beta*s of that state (float32, starts at -inf so the first valid
  candidate is always accepted; the code's "smallest normal float" in linear space, §3).
- MH in log space in fp32 (§5): accept column j for row r when log U < beta*S[r, j] - log_score.
- Masking (§5): every column whose dataset index equals the row's image (itself and its partner view)
  gets log-target -inf: never accepted, never kept. Duplicate dataset indices in one batch are refused.
- Burn-in (§3): K = floor(burn_in * 2(B-1)); with 0-based column position j, the step is *kept* when
  j > K and column j is not masked for the row (the code's condition on the proposal column). The kept
  state is the chain's state after step j. At burn_in 0.5, K = B-1, so positions B..2B-1 are candidates
  for keeping, one of which is masked: at most B-1 kept steps per row.
- OLD steps (chain state still the out-of-batch ``last_idx``): the official code drops them (§3: its
  out-of-batch term can never fire at burn-in 0.5), and so do ``chain_scores`` "stale" and "fresh";
  "fresh_old" (the default) counts them through the stored embedding (below). The k_r kept steps of row r
  are each weighted 1/k_r (renormalised, §5; the code divides by B-1). Rows with k_r = 0 get an all-zero
  weight row and are counted in ``last_stats["rows_without_kept"]``.
- Uniforms come from the sampler's own seeded CPU ``torch.Generator`` (§5), drawn once per step as a
  (2, 2B, B) block indexed [view, column, anchor], so a restored generator reproduces every draw.
- Chain scores (``chain_scores``; the project's choice, measured with ``benchmarks/bench_chain_scores.py``):
  the official code compares proposals with the score a state had when it was accepted, under an older
  network and another anchor ("stale"). Early in training all embeddings are nearly parallel, so stored scores
  are high, and once the embeddings spread the chains stop accepting: in a replay where the mean similarity
  falls from 0.9 to 0.2 over 8 passes, up to 6 % of anchor rows got no negative at all. The default
  ``fresh_old`` (a) re-scores the chain's current state against each new anchor row (an in-batch state from
  the batch's similarities; the out-of-batch state from a stored float16 embedding of that photo's view 0, the
  last time it was in a batch: 2·d + 1 bytes per photo, 269 B at d = 128) and (b) counts kept steps at the
  out-of-batch state as negatives through that stored embedding (gradient through the anchor only, like a
  memory bank) instead of dropping them. Rows without a negative: 0 % (stale up to 6 %); sampler cost 0.33 ms
  instead of 0.26 ms at B = 16. A no-gradient re-forward of the chain states would give exact fresh scores but
  costs ~14 % of a training step; it is not shipped.

The scan is sequential over the 2 x 2B columns but vectorised over the B anchors (numpy on CPU; each
step is a few (B,) array operations), so a step costs O(B^2) scalar work and no extra forward pass.
Measured (1 shared CPU thread): about 0.3 ms at B=16, 0.5 ms at B=32, 1.1 ms at B=64.

Known bias of this practical scheme (measured, tests/core/training/test_emc2.py): the kept states are NOT exactly
distributed as pi_x. With frozen embeddings (one anchor, n=60, B=8) the histogram of kept states is flatter
than softmax(beta*s(x, .)), and the gap grows with beta. Total-variation distance after 8000 batches:

  ==============  =======  =======  =========
  chain scores    beta 2   beta 5   beta 14.28
  ==============  =======  =======  =========
  stale / fresh   0.019    0.086    0.366 (51 % of the anchor's rows without a negative)
  fresh_old       0.019    0.060    0.213 (none without)
  ==============  =======  =======  =========

(With frozen embeddings stale scores are exact, so "fresh" alone changes nothing here.) Two causes, each
measured in a stand-alone simulation: (1) dropping out-of-batch steps removes mass exactly where the chain stays
on a good state (at beta 14.28 that is most steps; ``fresh_old`` removes this cause); (2) each candidate is
proposed several times per batch (2 anchor rows; with the two views of an image similar, up to 4 times), which
raises the chance of leaving a state but not of returning to it while it is outside the batch.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.errors import CheckpointError

logger = logging.getLogger(__name__)

STATE_VERSION = 1


def burn_in_cutoff(batch_size: int, burn_in: float) -> int:
    """K = floor(burn_in * 2(B-1)); steps at column positions j > K may be kept (docs/design/emc2.md §3)."""
    return int(math.floor(burn_in * 2 * (batch_size - 1)))


CHAIN_SCORES = ("stale", "fresh", "fresh_old")


@dataclass(frozen=True)
class NegativeDraw:
    """What one sampler step hands to the loss.

    Attributes:
        weights: (2B, 2B) float32; weights[r, c] is the weight of S[r, c] in row r's negative term.
        old_weights: (2B,) float32; the weight of row r's out-of-batch chain state (zeros unless
            ``chain_scores="fresh_old"``). Each row's weights and old weight sum to 1, or 0 when nothing was kept.
        old_vectors: (2B, d) float32 stored embeddings of those out-of-batch states (None when unused).
    """

    weights: torch.Tensor
    old_weights: torch.Tensor
    old_vectors: torch.Tensor | None


class EMC2Sampler:
    """Per-image persistent MH chains over in-batch negatives (EMC2, docs/design/emc2.md §3 and §5).

    Args:
        n_images: dataset size n; the chain table is keyed by dataset index 0..n-1.
        beta: inverse temperature of the target pi_x(z) ~ exp(beta * s(x, z)).
        burn_in: fraction of the 2(B-1) proposals per row discarded before keeping states.
        seed: seed of the sampler's own generator (MH uniforms only).
        dataset_hash: optional file-list hash; checked on :meth:`load_state_dict` when both sides have one.
        chain_scores: how a chain's current state is scored when a new anchor row starts scanning:
            ``"stale"`` (the official code: the score stored when the state was accepted, under an older model
            and another anchor), ``"fresh"`` (re-scored against the current anchor: an in-batch state from the
            batch's similarities, an out-of-batch state from a stored low-precision embedding of the image, see
            :attr:`bank`) or ``"fresh_old"`` (fresh, and kept steps at the out-of-batch state count as negatives
            through that stored embedding instead of being dropped). Fresh scores need ``z`` in :meth:`draw`.
    """

    def __init__(self, n_images: int, beta: float = 14.28, burn_in: float = 0.5, seed: int = 0,
                 dataset_hash: str | None = None, chain_scores: str = "stale") -> None:
        if n_images < 2:
            raise ValueError("EMC2 needs at least 2 images")
        if not 0.0 <= burn_in < 1.0:
            raise ValueError("burn_in must be in [0, 1)")
        if beta < 0:
            raise ValueError("beta must be non-negative")
        if chain_scores not in CHAIN_SCORES:
            raise ValueError(f"chain_scores must be one of {CHAIN_SCORES}")
        self.n_images = int(n_images)
        self.beta = float(beta)
        self.burn_in = float(burn_in)
        self.chain_scores = chain_scores
        self.dataset_hash = dataset_hash
        self.last_idx = np.full(self.n_images, -1, dtype=np.int64)
        self.log_score = np.full(self.n_images, -np.inf, dtype=np.float32)
        # Fresh scores: the last view-0 embedding of every image (float16, (n, d); allocated at the first draw).
        self.bank: np.ndarray | None = None
        self.bank_filled = np.zeros(self.n_images, dtype=bool)
        self.generator = torch.Generator(device="cpu")
        self.generator.manual_seed(int(seed))
        self.accepted = 0  # cumulative counters since construction / load
        self.proposed = 0
        self.last_stats: dict[str, float] = {}

    @property
    def fresh(self) -> bool:
        """Whether chain states are re-scored against the current anchor."""
        return self.chain_scores != "stale"

    @property
    def nbytes(self) -> int:
        """Persistent chain memory: 12 bytes per image (int64 index + float32 log-score), plus, for fresh chain
        scores, the bank of float16 embeddings (2 bytes per dimension) and its filled flags: 269 bytes at 128 dimensions."""
        bank = 0 if self.bank is None else int(self.bank.nbytes + self.bank_filled.nbytes)
        return int(self.last_idx.nbytes + self.log_score.nbytes) + bank

    @property
    def acceptance_rate(self) -> float:
        """Accepted / valid (unmasked) proposals since construction or the last load (nan before any)."""
        return self.accepted / self.proposed if self.proposed else float("nan")

    def step(self, sim: torch.Tensor, idx: torch.Tensor, z: torch.Tensor | None = None) -> torch.Tensor:
        """:meth:`draw`, returning only the in-batch weights (2B, 2B)."""
        return self.draw(sim, idx, z).weights

    def draw(self, sim: torch.Tensor, idx: torch.Tensor, z: torch.Tensor | None = None) -> NegativeDraw:
        """Run the 2 x 2B MH scan for the batch's B chains and return the kept-state weights.

        Args:
            sim: cosine similarities of the 2B views (detached; converted to fp32 CPU here).
            idx: dataset indices of the batch's images (distinct).
            z: the 2B unit embeddings behind ``sim`` (detached); required for fresh chain scores.

        Shape: sim (2B, 2B); idx (B,) int64; z (2B, d) -> :class:`NegativeDraw`.
        """
        idx_np = idx.detach().cpu().numpy().astype(np.int64, copy=False).reshape(-1)
        b = idx_np.shape[0]
        s = sim.detach().to("cpu", torch.float32).numpy()
        if s.shape != (2 * b, 2 * b):
            raise ValueError(f"sim must be (2B, 2B) = ({2 * b}, {2 * b}), got {tuple(s.shape)}")
        if b < 2:
            raise ValueError("EMC2 needs a batch of at least 2 images")
        if np.unique(idx_np).size != b:
            raise ValueError("a batch must not contain the same dataset index twice")
        if idx_np.min() < 0 or idx_np.max() >= self.n_images:
            raise ValueError("dataset index out of range for this sampler")
        if self.fresh and z is None:
            raise ValueError("fresh chain scores need the batch's embeddings z")
        zc = None if z is None else z.detach().to("cpu", torch.float32).numpy()

        idx_full = np.concatenate([idx_np, idx_np])  # dataset index of every row/column
        valid = idx_full[:, None] != idx_full[None, :]  # (2B, 2B): not self, not the partner view
        log_target = np.where(valid, np.float32(self.beta) * s, np.float32(-np.inf)).astype(np.float32)
        # One block of uniforms per step, consumed as [view, column, anchor] (reproducible from the generator).
        u = torch.rand((2, 2 * b, b), generator=self.generator, dtype=torch.float32).numpy()
        with np.errstate(divide="ignore"):
            log_u = np.log(u)

        old_log = old_vec = None
        if self.fresh and zc is not None:
            old_log, old_vec = self._old_state_scores(idx_np, zc)
            cur = old_log[:b].copy()
        else:
            # stored stale log-scores (docs/design/emc2.md §3 "cur = score[idx[i]]")
            cur = self.log_score[idx_np].copy()
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
        n_acc = int(accepted.sum())

        # Kept steps: column position j > K, column j not masked for the row (§3); OLD steps only with fresh_old.
        k_cut = burn_in_cutoff(b, self.burn_in)
        col_valid = valid.reshape(2, b, 2 * b).transpose(0, 2, 1)  # [view, column, anchor] view of the mask
        kept_any = col_valid & (np.arange(2 * b) > k_cut)[None, :, None]
        kept = kept_any & (history >= 0)
        rows = np.arange(2)[:, None, None] * b + np.arange(b)[None, None, :]  # row index of (view, anchor)
        flat = (rows * (2 * b) + history)[kept]  # (row, state) pairs, one per kept step
        weights = np.bincount(flat, minlength=4 * b * b).reshape(2 * b, 2 * b).astype(np.float32)
        old_counts = np.zeros(2 * b, dtype=np.float32)
        if self.chain_scores == "fresh_old" and old_log is not None:
            at_old = kept_any & (history < 0)
            old_counts = np.bincount(np.broadcast_to(rows, at_old.shape)[at_old], minlength=2 * b).astype(np.float32)
            old_counts[~np.isfinite(old_log)] = 0.0  # a chain with no state yet has nothing to count
        k = weights.sum(axis=1) + old_counts
        np.divide(weights, k[:, None], out=weights, where=k[:, None] > 0)
        np.divide(old_counts, k, out=old_counts, where=k > 0)

        self.log_score[idx_np] = cur
        moved = state >= 0
        self.last_idx[idx_np[moved]] = idx_full[state[moved]]
        if zc is not None and self.fresh:
            self._store(idx_np, zc[:b])
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
        }
        vectors = None
        if old_vec is not None and self.chain_scores == "fresh_old":
            vectors = torch.from_numpy(old_vec)
        return NegativeDraw(torch.from_numpy(weights), torch.from_numpy(old_counts), vectors)

    def _old_state_scores(self, idx_np: np.ndarray, zc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """beta * s(row's current anchor, stored embedding of its chain's out-of-batch state).

        Shape: idx_np (B,), zc (2B, d) -> log-scores (2B,) (-inf where the chain has no stored state),
        vectors (2B, d) float32 (zeros there).
        """
        b, d = idx_np.shape[0], zc.shape[1]
        if self.bank is None or self.bank.shape[1] != d:
            self.bank = np.zeros((self.n_images, d), dtype=np.float16)
            self.bank_filled[:] = False
        last = np.concatenate([self.last_idx[idx_np]] * 2)
        known = last >= 0
        known[known] = self.bank_filled[last[known]]
        vec = np.zeros((2 * b, d), dtype=np.float32)
        vec[known] = self.bank[last[known]].astype(np.float32)
        scores = np.full(2 * b, -np.inf, dtype=np.float32)
        scores[known] = np.float32(self.beta) * np.einsum("rd,rd->r", zc[known], vec[known])
        return scores, vec

    def _store(self, idx_np: np.ndarray, z_view0: np.ndarray) -> None:
        """Remember each batch image's view-0 embedding (float16) for fresh scores of later chains."""
        assert self.bank is not None
        self.bank[idx_np] = z_view0.astype(np.float16)
        self.bank_filled[idx_np] = True

    def snapshot(self, idx: torch.Tensor) -> dict[str, Any]:
        """The table rows of ``idx``, the counters and the generator, so a step can be undone (:meth:`restore`).

        Used when the optimiser does not take the step (an fp16 GradScaler skip): the chains must not move
        either. Shape: idx (B,).
        """
        ic = idx.detach().cpu().numpy().astype(np.int64).reshape(-1)
        return {"idx": ic, "last_idx": self.last_idx[ic].copy(), "log_score": self.log_score[ic].copy(),
                "bank": None if self.bank is None else self.bank[ic].copy(), "had_bank": self.bank is not None,
                "bank_filled": self.bank_filled[ic].copy(), "generator": self.generator.get_state(),
                "accepted": self.accepted, "proposed": self.proposed}

    def restore(self, snap: dict[str, Any]) -> None:
        """Undo the steps since :meth:`snapshot` for its rows (the batch's images)."""
        ic = snap["idx"]
        self.last_idx[ic] = snap["last_idx"]
        self.log_score[ic] = snap["log_score"]
        if not snap["had_bank"]:
            self.bank = None
        elif self.bank is not None:
            self.bank[ic] = snap["bank"]
        self.bank_filled[ic] = snap["bank_filled"]
        self.generator.set_state(snap["generator"])
        self.accepted, self.proposed = snap["accepted"], snap["proposed"]

    def state_dict(self) -> dict[str, Any]:
        """Chain table, bank, generator and settings; tensors and primitives only (weights_only-loadable)."""
        return {
            "version": STATE_VERSION,
            "n_images": self.n_images,
            "beta": self.beta,
            "burn_in": self.burn_in,
            "chain_scores": self.chain_scores,
            "dataset_hash": self.dataset_hash,
            "last_idx": torch.from_numpy(self.last_idx.copy()),
            "log_score": torch.from_numpy(self.log_score.copy()),
            "bank": None if self.bank is None else torch.from_numpy(self.bank.copy()),
            "bank_filled": torch.from_numpy(self.bank_filled.copy()),
            "generator": self.generator.get_state(),
            "accepted": int(self.accepted),
            "proposed": int(self.proposed),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a :meth:`state_dict`; refuse (CheckpointError) when it belongs to another image set."""
        try:
            n = int(state["n_images"])
            last_idx = state["last_idx"].cpu().numpy().astype(np.int64)
            log_score = state["log_score"].cpu().numpy().astype(np.float32)
            gen = state["generator"]
        except (KeyError, AttributeError, TypeError) as exc:
            raise CheckpointError("The saved EMC2 sampler state is incomplete, so the run cannot resume.",
                                  code="resume_state_incomplete") from exc
        if n != self.n_images or last_idx.shape != (n,) or log_score.shape != (n,):
            raise CheckpointError(
                f"The saved EMC2 sampler state is for {n} images but this run has {self.n_images}; "
                "the folder changed since the checkpoint, so the run cannot resume.", code="resume_folder_changed"
            )
        saved_hash = state.get("dataset_hash")
        if saved_hash and self.dataset_hash and saved_hash != self.dataset_hash:
            raise CheckpointError(
                "The saved EMC2 sampler state belongs to a different list of images; "
                "the folder changed since the checkpoint, so the run cannot resume.", code="resume_folder_changed"
            )
        if float(state.get("beta", self.beta)) != self.beta:
            logger.warning("EMC2 sampler: using the saved beta %s instead of %s", state["beta"], self.beta)
        self.beta = float(state.get("beta", self.beta))
        self.burn_in = float(state.get("burn_in", self.burn_in))
        self.chain_scores = str(state.get("chain_scores", "stale"))  # older checkpoints: stale scores
        self.last_idx = last_idx.copy()
        self.log_score = log_score.copy()
        bank = state.get("bank")
        self.bank = None if bank is None else bank.cpu().numpy().astype(np.float16).copy()
        filled = state.get("bank_filled")
        self.bank_filled = (np.zeros(n, dtype=bool) if filled is None or self.bank is None
                            else filled.cpu().numpy().astype(bool).copy())
        self.generator.set_state(gen.clone())
        self.accepted = int(state.get("accepted", 0))
        self.proposed = int(state.get("proposed", 0))
