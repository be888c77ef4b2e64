"""EMC2 persistent Metropolis-Hastings negative sampler, and SogCLR's per-image u table.

Paper: Yau, Wai, Raman, Sarkar, Hong, "EMC2: Efficient MCMC Negative Sampling for Contrastive Learning
with Global Convergence", ICML 2024, arXiv 2404.10575. The gradient of the global contrastive loss needs
E_{z~pi_x}[beta * grad s(x, z)] with pi_x(z) proportional to exp(beta * s(x, z)) over all negatives
(emc2.md §1). EMC2 estimates it with one persistent MH chain per image whose proposals are the in-batch
candidates (an independence sampler, emc2.md §2).

Conventions (the paper leaves room; this follows the official code, emc2.md §3, with the §5 fixes):
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
- OLD steps (chain state still the out-of-batch ``last_idx``) are dropped (§3: the code's out-of-batch
  term can never fire at burn-in 0.5; §5 makes this explicit). The remaining k_r kept steps of row r
  are each weighted 1/k_r (renormalised, §5; the code divides by B-1). Rows with k_r = 0 get an all-zero
  weight row and are counted in ``last_stats["rows_without_kept"]``.
- Uniforms come from the sampler's own seeded CPU ``torch.Generator`` (§5), drawn once per step as a
  (2, 2B, B) block indexed [view, column, anchor], so a restored generator reproduces every draw.
- The stored score stays stale between iterations (the code's default, §5); no refresh forward here.

The scan is sequential over the 2 x 2B columns but vectorised over the B anchors (numpy on CPU; each
step is a few (B,) array operations), so a step costs O(B^2) scalar work and no extra forward pass.
Measured (1 shared CPU thread): about 0.2 ms at B=16, 0.4-0.7 ms at B=32, 1 ms at B=64, 6-12 ms at B=128.

Known bias of this practical scheme (measured, tests/core/test_emc2.py): the kept states are NOT exactly
distributed as pi_x. With frozen embeddings (n=60, B=8, beta=5) the histogram of kept states plateaus at
total-variation distance ~0.09 from softmax(beta*s(x, .)) and is flatter (best-fit beta ~4 instead of 5).
Two causes, each measured in a stand-alone simulation: (1) dropping OLD steps removes mass exactly where
the chain stays on a good out-of-batch state (alone: TV 0.084); (2) each candidate is proposed several
times per batch (2 anchor rows; with the two views of an image similar, up to 4 times), which raises the
chance of leaving a state but not of returning to it while it is outside the batch. Counting OLD steps in
a single pass gives TV 0.012. At beta=2 the bias is below ~0.015 and the TV keeps shrinking.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.errors import CheckpointError

logger = logging.getLogger(__name__)

STATE_VERSION = 1


def burn_in_cutoff(batch_size: int, burn_in: float) -> int:
    """K = floor(burn_in * 2(B-1)); steps at column positions j > K may be kept (emc2.md §3)."""
    return int(math.floor(burn_in * 2 * (batch_size - 1)))


class EMC2Sampler:
    """Per-image persistent MH chains over in-batch negatives (EMC2, emc2.md §3 and §5).

    Args:
        n_images: dataset size n; the chain table is keyed by dataset index 0..n-1.
        beta: inverse temperature of the target pi_x(z) ~ exp(beta * s(x, z)).
        burn_in: fraction of the 2(B-1) proposals per row discarded before keeping states.
        seed: seed of the sampler's own generator (MH uniforms only).
        dataset_hash: optional file-list hash; checked on :meth:`load_state_dict` when both sides have one.
    """

    def __init__(self, n_images: int, beta: float = 14.28, burn_in: float = 0.5, seed: int = 0,
                 dataset_hash: str | None = None) -> None:
        if n_images < 2:
            raise ValueError("EMC2 needs at least 2 images")
        if not 0.0 <= burn_in < 1.0:
            raise ValueError("burn_in must be in [0, 1)")
        if beta < 0:
            raise ValueError("beta must be non-negative")
        self.n_images = int(n_images)
        self.beta = float(beta)
        self.burn_in = float(burn_in)
        self.dataset_hash = dataset_hash
        self.last_idx = np.full(self.n_images, -1, dtype=np.int64)
        self.log_score = np.full(self.n_images, -np.inf, dtype=np.float32)
        self.generator = torch.Generator(device="cpu")
        self.generator.manual_seed(int(seed))
        self.accepted = 0  # cumulative counters since construction / load
        self.proposed = 0
        self.last_stats: dict[str, float] = {}

    @property
    def nbytes(self) -> int:
        """Persistent chain memory: 12 bytes per image (int64 index + float32 log-score)."""
        return int(self.last_idx.nbytes + self.log_score.nbytes)

    @property
    def acceptance_rate(self) -> float:
        """Accepted / valid (unmasked) proposals since construction or the last load (nan before any)."""
        return self.accepted / self.proposed if self.proposed else float("nan")

    def step(self, sim: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
        """Run the 2 x 2B MH scan for the batch's B chains and return the kept-state weights.

        Args:
            sim: cosine similarities of the 2B views (detached; converted to fp32 CPU here).
            idx: dataset indices of the batch's images (distinct).

        Shape: sim (2B, 2B); idx (B,) int64 -> weights (2B, 2B) float32 on CPU, where weights[r, c] is the
        weight of S[r, c] in row r's negative term; each row sums to 1, or 0 when nothing was kept.
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

        idx_full = np.concatenate([idx_np, idx_np])  # dataset index of every row/column
        valid = idx_full[:, None] != idx_full[None, :]  # (2B, 2B): not self, not the partner view
        log_target = np.where(valid, np.float32(self.beta) * s, np.float32(-np.inf)).astype(np.float32)
        # One block of uniforms per step, consumed as [view, column, anchor] (reproducible from the generator).
        u = torch.rand((2, 2 * b, b), generator=self.generator, dtype=torch.float32).numpy()
        with np.errstate(divide="ignore"):
            log_u = np.log(u)

        cur = self.log_score[idx_np].copy()  # stored stale log-scores (emc2.md §3 "cur = score[idx[i]]")
        state = np.full(b, -1, dtype=np.int64)  # -1 = OLD (the out-of-batch last_idx)
        history = np.empty((2, 2 * b, b), dtype=np.int64)  # chain state after each step [view, column, anchor]
        accepted = np.empty((2, 2 * b, b), dtype=bool)
        diff = np.empty(b, dtype=np.float32)
        # [view, column, anchor] layout of the log-targets: rows v*B..v*B+B-1, transposed (contiguous per column)
        lt_all = np.ascontiguousarray(log_target.reshape(2, b, 2 * b).transpose(0, 2, 1))
        with np.errstate(invalid="ignore"):  # -inf - (-inf) = nan compares False: masked stays rejected
            for v in range(2):
                for j in range(2 * b):
                    cand = lt_all[v, j]
                    np.subtract(cand, cur, out=diff)
                    acc = np.less(log_u[v, j], diff, out=accepted[v, j])
                    np.copyto(cur, cand, where=acc)
                    np.copyto(state, j, where=acc)
                    history[v, j] = state
        n_acc = int(accepted.sum())

        # Kept steps: column position j > K, column j not masked for the row, chain not at OLD (§3, §5).
        k_cut = burn_in_cutoff(b, self.burn_in)
        col_valid = valid.reshape(2, b, 2 * b).transpose(0, 2, 1)  # [view, column, anchor] view of the mask
        kept_any = col_valid & (np.arange(2 * b) > k_cut)[None, :, None]
        kept = kept_any & (history >= 0)
        rows = np.arange(2)[:, None, None] * b + np.arange(b)[None, None, :]  # row index of (view, anchor)
        flat = (rows * (2 * b) + history)[kept]  # (row, state) pairs, one per kept step
        weights = np.bincount(flat, minlength=4 * b * b).reshape(2 * b, 2 * b).astype(np.float32)
        k = weights.sum(axis=1, keepdims=True)
        np.divide(weights, k, out=weights, where=k > 0)

        self.log_score[idx_np] = cur
        moved = state >= 0
        self.last_idx[idx_np[moved]] = idx_full[state[moved]]
        n_prop = int(valid.sum())  # every unmasked (row, column) pair is one proposal
        self.accepted += n_acc
        self.proposed += n_prop
        n_kept_any = int(kept_any.sum())
        self.last_stats = {
            "acceptance_rate": n_acc / n_prop,
            "rows_without_kept": int((k[:, 0] == 0).sum()),
            "kept_steps": int(kept.sum()),
            "old_fraction": (n_kept_any - int(kept.sum())) / n_kept_any if n_kept_any else 0.0,
        }
        return torch.from_numpy(weights)

    def state_dict(self) -> dict[str, Any]:
        """Chain table, generator and settings; tensors and primitives only (weights_only-loadable)."""
        return {
            "version": STATE_VERSION,
            "n_images": self.n_images,
            "beta": self.beta,
            "burn_in": self.burn_in,
            "dataset_hash": self.dataset_hash,
            "last_idx": torch.from_numpy(self.last_idx.copy()),
            "log_score": torch.from_numpy(self.log_score.copy()),
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
            raise CheckpointError("The saved EMC2 sampler state is incomplete, so the run cannot resume.") from exc
        if n != self.n_images or last_idx.shape != (n,) or log_score.shape != (n,):
            raise CheckpointError(
                f"The saved EMC2 sampler state is for {n} images but this run has {self.n_images}; "
                "the folder changed since the checkpoint, so the run cannot resume."
            )
        saved_hash = state.get("dataset_hash")
        if saved_hash and self.dataset_hash and saved_hash != self.dataset_hash:
            raise CheckpointError(
                "The saved EMC2 sampler state belongs to a different list of images; "
                "the folder changed since the checkpoint, so the run cannot resume."
            )
        if float(state.get("beta", self.beta)) != self.beta:
            logger.warning("EMC2 sampler: using the saved beta %s instead of %s", state["beta"], self.beta)
        self.beta = float(state.get("beta", self.beta))
        self.burn_in = float(state.get("burn_in", self.burn_in))
        self.last_idx = last_idx.copy()
        self.log_score = log_score.copy()
        self.generator.set_state(gen.clone())
        self.accepted = int(state.get("accepted", 0))
        self.proposed = int(state.get("proposed", 0))


class SogCLRState:
    """SogCLR's moving average u_i of the in-batch mean of exp(beta*s) per image (emc2.md §2).

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
        """u table in linear space (0 for images never seen). Shape: (n,)."""
        return self.log_u.exp()

    def update(self, idx: torch.Tensor, log_g: torch.Tensor, gamma: float | None = None) -> torch.Tensor:
        """Blend new log-estimates into the table and return the new log u per row (fp32, input's device).

        Args:
            idx: dataset indices of the images.
            log_g: log of the in-batch estimate g_i for each view; the stored value is the mean of the
                per-view updated u (the EMC2 repository's choice; official SogCLR sums them, emc2.md §2).
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

    def state_dict(self) -> dict[str, Any]:
        """Table and settings; tensors and primitives only."""
        return {"version": STATE_VERSION, "n_images": self.n_images, "gamma": self.gamma,
                "log_u": self.log_u.clone()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a :meth:`state_dict`; CheckpointError when the image count differs."""
        try:
            n = int(state["n_images"])
            log_u = state["log_u"].detach().cpu().float()
        except (KeyError, AttributeError, TypeError) as exc:
            raise CheckpointError("The saved SogCLR state is incomplete, so the run cannot resume.") from exc
        if n != self.n_images or log_u.shape != (n,):
            raise CheckpointError(
                f"The saved SogCLR state is for {n} images but this run has {self.n_images}; "
                "the folder changed since the checkpoint, so the run cannot resume."
            )
        self.gamma = float(state.get("gamma", self.gamma))
        self.log_u = log_u.clone()
