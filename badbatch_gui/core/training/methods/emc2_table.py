"""EMC2's per-photo chain table: what each chain remembers between steps, its undo snapshot and its checkpoint form.

:class:`ChainTable` is the state half of :class:`~badbatch_gui.core.training.methods.emc2.EMC2Sampler` (the scan is the other
half, in emc2.py). Per photo i (dataset index):

- ``last_idx[i]`` (int64): the photo its chain sits on (-1: none yet); ``last_view[i]`` (int8), ``last_pass[i]``
  (int32), ``last_draw[i]`` (int16): which view of that photo, drawn in which pass and re-draw attempt, so the
  ``paper`` variant can re-create exactly that view (augmentation is a pure function of seed, pass, photo, attempt
  and view). 19 bytes per photo with ``log_score``.
- ``log_score[i]`` (float32): beta*s of the state when it was accepted (the official code's stale score).
- ``stored`` variants only: ``bank[i]`` (float16, d) the photo's last view-0 embedding, ``bank_filled[i]`` and
  ``bank_step[i]`` (int32, the sampler step that stored it): 2·d + 5 bytes per photo.
- The MH generator, the acceptance counters and ``steps`` (draws taken).

Everything is CPU numpy; :meth:`ChainTable.state_dict` holds tensors and plain values only (weights_only-loadable).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import torch

from badbatch_gui.core.config import canonical_emc2_variant
from badbatch_gui.core.errors import CheckpointError

logger = logging.getLogger(__name__)

STATE_VERSION = 2  # 2: variant names, the state's view/pass/draw, the bank's steps (version 1 still loads)


class ChainTable:
    """The chains' persistent per-photo state (see the module docstring).

    Args:
        n_images: photos in the dataset.
        seed: seed of the MH generator.
    """

    beta: float
    burn_in: float
    variant: str
    dataset_hash: str | None

    def __init__(self, n_images: int, seed: int) -> None:
        self.n_images = int(n_images)
        n = self.n_images
        self.last_idx = np.full(n, -1, dtype=np.int64)
        self.last_view = np.zeros(n, dtype=np.int8)
        self.last_pass = np.zeros(n, dtype=np.int32)
        self.last_draw = np.zeros(n, dtype=np.int16)
        self.log_score = np.full(n, -np.inf, dtype=np.float32)
        self.bank: np.ndarray | None = None  # (n, d) float16, allocated at the first draw that needs it
        self.bank_filled = np.zeros(n, dtype=bool)
        self.bank_step = np.zeros(n, dtype=np.int32)
        self.generator = torch.Generator(device="cpu")
        self.generator.manual_seed(int(seed))
        self.accepted = 0  # cumulative counters since construction / load
        self.proposed = 0
        self.steps = 0

    @property
    def nbytes(self) -> int:
        """Persistent chain memory: 19 bytes per photo, plus the stored embeddings of the ``stored`` variants."""
        table = sum(a.nbytes for a in (self.last_idx, self.last_view, self.last_pass, self.last_draw, self.log_score))
        bank = 0 if self.bank is None else int(self.bank.nbytes + self.bank_filled.nbytes + self.bank_step.nbytes)
        return int(table) + bank

    def _ensure_bank(self, dim: int) -> None:
        if self.bank is None or self.bank.shape[1] != dim:
            self.bank = np.zeros((self.n_images, dim), dtype=np.float16)
            self.bank_filled[:] = False

    def _store(self, idx_np: np.ndarray, z_view0: np.ndarray) -> None:
        """Remember each batch photo's view-0 embedding (float16) for the ``stored`` variants. Shape: (B,), (B, d)."""
        assert self.bank is not None
        self.bank[idx_np] = z_view0.astype(np.float16)
        self.bank_filled[idx_np] = True
        self.bank_step[idx_np] = self.steps

    # ------------------------------------------------------------------ undo
    def snapshot(self, idx: torch.Tensor) -> dict[str, Any]:
        """The table rows of ``idx``, the counters and the generator, so a step can be undone (:meth:`restore`).

        Used when the optimiser does not take the step (an fp16 GradScaler skip, an out-of-memory error in the
        forward or backward pass): the chains must not move either. Shape: idx (B,).
        """
        ic = idx.detach().cpu().numpy().astype(np.int64).reshape(-1)
        rows = {
            k: getattr(self, k)[ic].copy()
            for k in ("last_idx", "last_view", "last_pass", "last_draw", "log_score", "bank_filled", "bank_step")
        }
        return {
            "idx": ic,
            **rows,
            "bank": None if self.bank is None else self.bank[ic].copy(),
            "had_bank": self.bank is not None,
            "generator": self.generator.get_state(),
            "accepted": self.accepted,
            "proposed": self.proposed,
            "steps": self.steps,
        }

    def restore(self, snap: dict[str, Any]) -> None:
        """Undo the steps since :meth:`snapshot` for its rows (the batch's images)."""
        ic = snap["idx"]
        for k in ("last_idx", "last_view", "last_pass", "last_draw", "log_score", "bank_filled", "bank_step"):
            getattr(self, k)[ic] = snap[k]
        if not snap["had_bank"]:
            self.bank = None
        elif self.bank is not None:
            self.bank[ic] = snap["bank"]
        self.generator.set_state(snap["generator"])
        self.accepted, self.proposed, self.steps = snap["accepted"], snap["proposed"], snap["steps"]

    # ------------------------------------------------------------------ checkpoint
    def state_dict(self) -> dict[str, Any]:
        """Chain table, bank, generator and settings; tensors and primitives only (weights_only-loadable)."""
        arrays = {
            k: torch.from_numpy(getattr(self, k).copy())
            for k in ("last_idx", "last_view", "last_pass", "last_draw", "log_score", "bank_filled", "bank_step")
        }
        return {
            "version": STATE_VERSION,
            "n_images": self.n_images,
            "beta": self.beta,
            "burn_in": self.burn_in,
            "variant": self.variant,
            "dataset_hash": self.dataset_hash,
            **arrays,
            "bank": None if self.bank is None else torch.from_numpy(self.bank.copy()),
            "generator": self.generator.get_state(),
            "accepted": int(self.accepted),
            "proposed": int(self.proposed),
            "steps": int(self.steps),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore a :meth:`state_dict` (or a version-1 one); refuse (CheckpointError) another image set's table."""
        try:
            n = int(state["n_images"])
            last_idx = state["last_idx"].cpu().numpy().astype(np.int64)
            log_score = state["log_score"].cpu().numpy().astype(np.float32)
            gen = state["generator"]
        except (KeyError, AttributeError, TypeError) as exc:
            raise CheckpointError(
                "The saved EMC2 sampler state is incomplete, so the run cannot resume.", code="resume_state_incomplete"
            ) from exc
        if n != self.n_images or last_idx.shape != (n,) or log_score.shape != (n,):
            raise CheckpointError(
                f"The saved EMC2 sampler state is for {n} images but this run has {self.n_images}; "
                "the folder changed since the checkpoint, so the run cannot resume.",
                code="resume_folder_changed",
                saved=n,
                now=self.n_images,
            )
        saved_hash = state.get("dataset_hash")
        if saved_hash and self.dataset_hash and saved_hash != self.dataset_hash:
            raise CheckpointError(
                "The saved EMC2 sampler state belongs to a different list of images; "
                "the folder changed since the checkpoint, so the run cannot resume.",
                code="resume_folder_changed",
            )
        if float(state.get("beta", self.beta)) != self.beta:
            logger.warning("EMC2 sampler: using the saved beta %s instead of %s", state["beta"], self.beta)
        self.beta = float(state.get("beta", self.beta))
        self.burn_in = float(state.get("burn_in", self.burn_in))
        # version 1 named the variant "chain_scores" (stale / fresh / fresh_old); older still had neither: stale
        self.variant = canonical_emc2_variant(str(state.get("variant") or state.get("chain_scores") or "stale"))
        self.last_idx, self.log_score = last_idx.copy(), log_score.copy()

        def array(key: str, dtype: type, default: int | bool) -> np.ndarray:
            value = state.get(key)
            if value is None:
                return np.full(n, default, dtype=dtype)
            out: np.ndarray = value.cpu().numpy().astype(dtype).copy()
            return out

        self.last_view = array("last_view", np.int8, 0)
        self.last_pass = array("last_pass", np.int32, 0)
        self.last_draw = array("last_draw", np.int16, 0)
        self.bank_step = array("bank_step", np.int32, 0)
        bank = state.get("bank")
        self.bank = None if bank is None else bank.cpu().numpy().astype(np.float16).copy()
        self.bank_filled = array("bank_filled", np.bool_, False) if self.bank is not None else np.zeros(n, dtype=bool)
        self.generator.set_state(gen.clone())
        self.accepted = int(state.get("accepted", 0))
        self.proposed = int(state.get("proposed", 0))
        self.steps = int(state.get("steps", 0))
