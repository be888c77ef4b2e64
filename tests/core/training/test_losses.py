"""Contrastive losses: reference checks, gradients, and docs/design/emc2.md §8.7 (the loss falls)."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from badbatch_gui.core.training.methods.emc2 import EMC2Sampler
from badbatch_gui.core.training.methods.losses import emc2_loss, gcl_loss, simclr_loss, sogclr_loss
from badbatch_gui.core.training.methods.sogclr import SogCLRState

torch.set_num_threads(1)


def _views(b: int, d: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(b, d, generator=g)
    return F.normalize(x + 0.3 * torch.randn(b, d, generator=g), dim=1), F.normalize(
        x + 0.3 * torch.randn(b, d, generator=g), dim=1
    )


def _simclr_reference(z1: torch.Tensor, z2: torch.Tensor, beta: float) -> torch.Tensor:
    z = torch.cat([z1, z2])
    n, b = z.shape[0], z1.shape[0]
    total = 0.0
    for r in range(n):
        p = (r + b) % n
        num = math.exp(beta * float(z[r] @ z[p]))
        den = sum(math.exp(beta * float(z[r] @ z[c])) for c in range(n) if c != r)
        total += -math.log(num / den)
    return torch.tensor(total / n)


def _gcl_reference(z1: torch.Tensor, z2: torch.Tensor, beta: float) -> float:
    b = z1.shape[0]
    total = 0.0
    for i in range(b):
        for x, y in ((z1[i], z2[i]), (z2[i], z1[i])):
            negs = [z[j] for j in range(b) if j != i for z in (z1, z2)]
            total += -beta * float(x @ y) + math.log(sum(math.exp(beta * float(x @ z)) for z in negs))
    return total / (2 * b)


def test_simclr_matches_reference():
    z1, z2 = _views(6, 8, 0)
    assert simclr_loss(z1, z2, 14.28).item() == pytest.approx(_simclr_reference(z1, z2, 14.28).item(), rel=1e-5)
    assert simclr_loss(z1, z2, 2.0).item() == pytest.approx(_simclr_reference(z1, z2, 2.0).item(), rel=1e-5)


def test_simclr_is_fp32_under_autocast():
    z1, z2 = _views(8, 16, 1)
    ref = simclr_loss(z1, z2, 14.28)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        got = simclr_loss(z1.bfloat16(), z2.bfloat16(), 14.28)
    assert got.dtype == torch.float32
    assert got.item() == pytest.approx(ref.item(), rel=2e-2)


def test_gcl_matches_reference():
    z1, z2 = _views(5, 8, 2)
    assert gcl_loss(z1, z2, 5.0).item() == pytest.approx(_gcl_reference(z1, z2, 5.0), rel=1e-5)


def test_sogclr_gradient_is_gcl_gradient_with_u():
    """The gradient is -beta grad s(x,y) + grad(g_hat)/u, u the moving average (docs/design/emc2.md §2)."""
    b, beta = 6, 5.0
    z1, z2 = _views(b, 8, 3)
    idx = torch.tensor([3, 0, 7, 9, 2, 5])
    u = SogCLRState(10, gamma=0.9)
    sogclr_loss(z1, z2, idx, u, beta)  # first visit: u = g_hat
    log_u_before = u.log_u.clone()
    a1, a2 = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    sogclr_loss(a1, a2, idx, u, beta).backward()
    # manual: per-view u_new = 0.1 u_old + 0.9 g_hat (detached), G = mean_r[-beta s_pos + g_hat_r / u_new_r]
    c1, c2 = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    z = torch.cat([c1, c2])
    s = z @ z.T
    full = torch.cat([idx, idx])
    neg = full[:, None] != full[None, :]
    g_hat = (torch.exp(beta * s) * neg).sum(1) / (2 * (b - 1))
    u_new = 0.1 * log_u_before[full].exp() + 0.9 * g_hat.detach()
    pos = torch.cat([s.diagonal(b), s.diagonal(-b)])
    (-beta * pos + g_hat / u_new).mean().backward()
    assert torch.allclose(a1.grad, c1.grad, atol=1e-5)
    assert torch.allclose(a2.grad, c2.grad, atol=1e-5)
    # the table keeps the mean of the two views' updated u
    assert torch.allclose(u.u[idx], 0.5 * (u_new[:b] + u_new[b:]), rtol=1e-5)


def test_emc2_loss_matches_formula_and_only_kept_columns_get_gradient():
    b, beta, n = 5, 14.28, 12
    z1, z2 = _views(b, 8, 4)
    idx = torch.tensor([1, 4, 6, 8, 11])
    sampler = EMC2Sampler(n, beta=beta, seed=0)
    twin = EMC2Sampler(n, beta=beta, seed=0)
    a1, a2 = z1.clone().requires_grad_(), z2.clone().requires_grad_()
    loss, stats = emc2_loss(a1, a2, idx, sampler, beta)
    z = torch.cat([z1, z2])
    s = z @ z.T
    w = twin.step(s, idx)
    expected = -beta * s.diagonal(b).mean() + beta * (w * s).sum() / (2 * b)
    assert loss.item() == pytest.approx(expected.item(), rel=1e-5)
    assert {"acceptance_rate", "rows_without_kept", "kept_steps"} <= stats.keys()
    loss.backward()
    # gradient w.r.t. z = beta/(2B) (W + W^T) z  - beta/B * partner terms
    zz = torch.cat([z1, z2]).requires_grad_()
    ss = zz @ zz.T
    (-beta * ss.diagonal(b).mean() + beta * (w * ss).sum() / (2 * b)).backward()
    assert torch.allclose(torch.cat([a1.grad, a2.grad]), zz.grad, atol=1e-5)


def _train(method: str, steps: int = 20, seed: int = 0) -> tuple[float, float]:
    """Adam on free embeddings (n=48 images, 2 fixed views, d=16); exact GCL before and after."""
    n, d, b, beta = 48, 16, 8, 5.0
    g = torch.Generator().manual_seed(seed)
    e1 = torch.randn(n, d, generator=g).requires_grad_()
    e2 = torch.randn(n, d, generator=g).requires_grad_()
    opt = torch.optim.Adam([e1, e2], lr=0.05)
    sampler, u = EMC2Sampler(n, beta=beta, seed=seed), SogCLRState(n)

    def exact() -> float:
        with torch.no_grad():
            return gcl_loss(F.normalize(e1, dim=1), F.normalize(e2, dim=1), beta).item()

    before = exact()
    for _ in range(steps):
        idx = torch.randperm(n, generator=g)[:b]
        z1, z2 = F.normalize(e1[idx], dim=1), F.normalize(e2[idx], dim=1)
        if method == "simclr":
            loss = simclr_loss(z1, z2, beta)
        elif method == "sogclr":
            loss = sogclr_loss(z1, z2, idx, u, beta)
        else:
            loss, _ = emc2_loss(z1, z2, idx, sampler, beta)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return before, exact()


@pytest.mark.parametrize("method", ["simclr", "sogclr", "emc2"])
def test_exact_global_loss_falls_over_20_steps(method):
    """§8.7: 20 manual steps on random embeddings lower the exact GCL (all 2n views)."""
    before, after = _train(method)
    assert after < before - 0.1


def test_monitor_equals_an_independent_gcl_on_fixed_embeddings():
    """The monitor is the in-batch global contrastive loss, whatever the method (issue 12)."""
    from badbatch_gui.core.training.methods.losses import method_loss, monitor

    z1, z2 = _views(7, 16, 11)
    for beta in (14.28, 5.0):
        ref = _gcl_reference(z1, z2, beta)
        sim = torch.cat([z1, z2]) @ torch.cat([z1, z2]).T
        assert monitor(sim, beta)["loss"] == pytest.approx(ref, rel=1e-5)
    idx = torch.arange(7)
    outs = [
        method_loss("simclr", z1, z2, idx, None, 14.28),
        method_loss("sogclr", z1, z2, idx, SogCLRState(7), 14.28),
        method_loss("emc2", z1, z2, idx, EMC2Sampler(7, variant="stored"), 14.28),
    ]
    for out in outs:  # the same number from every method's step
        assert monitor(out.sim, 14.28)["loss"] == pytest.approx(_gcl_reference(z1, z2, 14.28), rel=1e-5)
    assert len({round(float(o.loss), 4) for o in outs}) == 3  # while the surrogates differ


@pytest.mark.parametrize("b", [2, 8, 16])
def test_collapsed_embeddings_score_log_2b_minus_2(b):
    from badbatch_gui.core.training.methods.losses import chance_level, monitor

    one = F.normalize(torch.randn(1, 12), dim=1).expand(b, -1)
    sim = torch.cat([one, one]) @ torch.cat([one, one]).T
    got = monitor(sim, 14.28)
    assert got["loss"] == pytest.approx(math.log(2 * b - 2), abs=1e-4)
    assert got["loss"] == pytest.approx(chance_level(b), abs=1e-4)
    assert got["mean_cosine"] == pytest.approx(1.0, abs=1e-5)
    # a network that learned something scores below the line
    z1, z2 = _views(b, 32, 5)
    good = monitor(torch.cat([z1, z2]) @ torch.cat([z1, z2]).T, 14.28)
    assert good["loss"] < chance_level(b)
    assert good["mean_cosine"] < 0.5


def test_emc2_stored_counts_out_of_batch_states_through_the_anchor():
    """stored: rows whose chain stays on an out-of-batch state still get a negative term (gradient via z_r)."""
    n, b = 12, 3
    e = F.normalize(torch.randn(n, 8, generator=torch.Generator().manual_seed(0)), dim=1)
    s = EMC2Sampler(n, beta=14.28, seed=0, variant="stored")
    g = torch.Generator().manual_seed(1)
    for _ in range(40):
        idx = torch.randperm(n, generator=g)[:b]
        z1 = e[idx].clone().requires_grad_()
        z2 = e[idx].clone().requires_grad_()
        loss, stats = emc2_loss(z1, z2, idx, s, 14.28)
        loss.backward()
        assert stats["rows_without_kept"] == 0 or s.bank_filled.sum() < n  # only before every image was seen
        assert torch.isfinite(z1.grad).all()
    assert s.last_stats["rows_without_negative"] == 0.0


def test_emc2_paper_uses_the_reembedded_states_as_negatives_through_both_sides():
    """paper: a kept step at the chain's out-of-batch state adds beta * w * <z_r, z_state> / 2B, and the gradient
    reaches the state's own embedding (the stored variant's stops at the anchor).
    """
    from badbatch_gui.core.training.methods.losses import ChainStates

    n, b, beta = 12, 3, 14.28
    e = F.normalize(torch.randn(n, 8, generator=torch.Generator().manual_seed(0)), dim=1)
    s = EMC2Sampler(n, beta=beta, seed=0, variant="paper")
    g = torch.Generator().manual_seed(1)
    reached = 0
    for _ in range(40):
        idx = torch.randperm(n, generator=g)[:b]
        req = s.state_request(idx)
        z_states = e[torch.from_numpy(req.photos)].clone().requires_grad_()
        z1, z2 = e[idx].clone().requires_grad_(), e[idx].clone().requires_grad_()
        snap = s.snapshot(idx)
        loss, stats = emc2_loss(z1, z2, idx, s, beta, ChainStates(z_states, torch.from_numpy(req.rows)))
        loss.backward()
        # the same step again from the same table and generator: the draw's weights rebuild the loss exactly
        s.restore(snap)
        rows = torch.from_numpy(req.rows)
        state_sim = torch.where(
            rows >= 0,
            (torch.cat([e[idx], e[idx]]) * e[torch.from_numpy(req.photos)][rows.clamp(min=0)]).sum(1)
            if len(req.photos)
            else torch.zeros(2 * b),
            torch.tensor(float("nan")),
        )
        z = torch.cat([e[idx], e[idx]])
        draw = s.draw(z @ z.T, idx, None, state_sim)
        old = torch.where(rows >= 0, state_sim, torch.zeros(())).nan_to_num()
        expect = -beta * (z[:b] * z[b:]).sum(1).mean() + beta * (
            (draw.weights * (z @ z.T)).sum() + (draw.old_weights * old).sum()
        ) / (2 * b)
        assert float(loss.detach()) == pytest.approx(float(expect), rel=1e-5, abs=1e-5)
        assert stats["rows_without_kept"] == 0 or (s.last_idx >= 0).sum() < n
        if float(draw.old_weights.sum()) > 0:
            assert z_states.grad is not None
            assert float(z_states.grad.abs().sum()) > 0
            reached += 1
    assert reached > 0  # chains did sit on out-of-batch states (the test can fail)
    assert s.last_stats["rows_without_negative"] == 0.0
