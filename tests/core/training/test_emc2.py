"""EMC2 sampler correctness (docs/design/emc2.md §8 items 1-6; item 7 is in test_losses.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from badbatch_gui.core.errors import CheckpointError
from badbatch_gui.core.training.methods.emc2 import EMC2Sampler, burn_in_cutoff
from badbatch_gui.core.training.methods.sogclr import SogCLRState
from benchmarks._chain_replay import replay_fixed_anchor

torch.set_num_threads(1)


def _unit(n: int, d: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return F.normalize(torch.randn(n, d, generator=g), dim=1)


def _batch_sim(e1: torch.Tensor, e2: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    z = torch.cat([e1[idx], e2[idx]])
    return z @ z.T


def _reference_step(sim, idx, last_idx, log_score, beta, burn_in, log_u):
    """Literal per-anchor transcription of docs/design/emc2.md §3 in log space, with §5's renormalisation."""
    b = len(idx)
    full = list(idx) + list(idx)
    k_cut = math.floor(burn_in * 2 * (b - 1))
    w = np.zeros((2 * b, 2 * b))
    for i in range(b):
        cur, state = log_score[idx[i]], -1
        for v, r in enumerate((i, i + b)):
            for j in range(2 * b):
                masked = full[j] == full[r]
                cand = -math.inf if masked else beta * float(sim[r, j])
                if cand != -math.inf and (cur == -math.inf or log_u[v, j, i] < cand - cur):
                    cur, state = cand, j
                if j > k_cut and not masked and state != -1:
                    w[r, state] += 1
        log_score[idx[i]] = cur
        if state != -1:
            last_idx[idx[i]] = full[state]
    return w  # kept-step counts per (row, column)


@pytest.mark.parametrize(("b", "burn_in"), [(4, 0.5), (7, 0.5), (6, 0.0), (5, 0.8)])
def test_matches_literal_reference_and_weights_are_one_over_k(b, burn_in):
    n, beta = 30, 5.0
    e1, e2 = _unit(n, 8, 1), _unit(n, 8, 2)
    s = EMC2Sampler(n, beta=beta, burn_in=burn_in, seed=3)
    ref_last, ref_score = np.full(n, -1), np.full(n, -math.inf)
    rng = np.random.default_rng(0)
    for _ in range(15):
        idx = torch.from_numpy(rng.choice(n, size=b, replace=False))
        sim = _batch_sim(e1, e2, idx)
        gen = torch.Generator()
        gen.set_state(s.generator.get_state())
        log_u = torch.rand((2, 2 * b, b), generator=gen).log().numpy()
        counts = _reference_step(sim.numpy(), idx.tolist(), ref_last, ref_score, beta, burn_in, log_u)
        got = s.step(sim, idx).numpy()
        np.testing.assert_array_equal(s.last_idx, ref_last)
        np.testing.assert_allclose(s.log_score, ref_score, rtol=1e-6)
        # §8.6: a row with k kept (non-OLD) steps weighs each of them 1/k; rows with k = 0 are all zero
        k = counts.sum(1, keepdims=True)
        np.testing.assert_allclose(got * np.maximum(k, 1), counts, atol=1e-5)
        assert s.last_stats["rows_without_kept"] == int((k == 0).sum())
        assert s.last_stats["kept_steps"] == int(k.sum())


def test_weights_are_one_over_kept_count_in_a_hand_made_case():
    # B=3, burn-in 0.5 -> K = 2, positions 3, 4, 5 may be kept. Anchor 0 (rows 0, 3) sees a very high
    # score at column 1 (image 1, view 0) and nothing better afterwards, so its chain stays at column 1.
    b, n = 3, 3
    sim = torch.full((2 * b, 2 * b), -1.0)
    sim[0, 1] = sim[1, 0] = 1.0
    sim[3, 1] = sim[1, 3] = 1.0
    s = EMC2Sampler(n, beta=50.0, burn_in=0.5, seed=0)
    w = s.step(sim, torch.tensor([0, 1, 2]))
    # row 0: kept positions 4, 5 (3 is its partner, masked) -> k=2 steps, both at column 1 -> weight 1
    assert w[0, 1].item() == pytest.approx(1.0)
    assert burn_in_cutoff(3, 0.5) == 2
    assert s.last_stats["rows_without_kept"] == 0
    # every row's weights sum to 1 and are k-multiples of 1/k
    assert torch.allclose(w.sum(1), torch.ones(2 * b))


def _mixing_histogram(
    n_steps: int, beta: float, seed: int = 0, variant: str = "official"
) -> tuple[float, float, float, float]:
    """Run one fixed anchor through ``n_steps`` random batches; compare kept states with the GCL target
    (benchmarks/_chain_replay.py, shared with bench_chain_scores.py). Returns (TV distance, mass on the anchor
    itself, entropy of the kept histogram, entropy of the target).
    """
    r = replay_fixed_anchor(n_steps, beta, variant, seed)
    return r.tv, r.anchor_mass, r.entropy_kept, r.entropy_target


def test_stationary_distribution_approaches_softmax_over_all_other_images():
    """§8.1 at beta=2 (n=60, B=8): kept states vs softmax(beta*s(x, .)) over ALL other images.

    Measured (seed 0): TV 0.059 after 400 batches, 0.033 after 4000, 0.014 after 16000: it keeps
    shrinking, so at this beta the scheme's bias (see the next test) is below ~0.015. Bound: 0.05.
    """
    tv_short, self_short, _, _ = _mixing_histogram(400, beta=2.0)
    tv_long, self_long, _, _ = _mixing_histogram(4000, beta=2.0)
    assert self_short == 0
    assert self_long == 0
    assert tv_long < 0.05
    assert tv_long < tv_short


def test_stationary_bias_at_beta_5_is_the_known_flattening():
    """§8.1 at beta=5: the practical scheme (docs/design/emc2.md §3 + §5) is NOT exactly invariant; pin its bias.

    Two measured causes (n=60, B=8, 20k batches, stand-alone simulation): dropping OLD steps (§5) alone
    gives TV 0.084; proposing each candidate several times per batch (two views x two anchor rows) adds
    to it; together TV ~0.09, a flatter distribution (best-fit beta ~4.0 instead of 5). Counting OLD steps
    with a single pass gives TV 0.012. Here: TV 0.101 after 2000 batches, 0.088 after 16000 (entropy 3.24
    against the target's 3.08). So the TV plateaus near 0.09 instead of shrinking to 0:
    kept negatives are slightly "hotter" than pi_x. The bound below catches any regression beyond that.
    """
    tv, self_mass, h_emp, h_target = _mixing_histogram(2000, beta=5.0)
    assert self_mass == 0
    assert tv < 0.12
    assert h_emp > h_target  # flatter than the target, the documented direction of the bias


def test_stationary_bias_at_the_training_beta_with_fresh_scores_and_out_of_batch_states():
    """§8.1 at beta=14.28, the value training uses (issue 12), n=60, B=8, 2000 batches.

    Measured (benchmarks/bench_chain_scores.py, seed 0): the official scheme (stale scores, out-of-batch steps
    dropped) TV 0.361 with 51 % of the anchor's rows left without any negative: at this beta the chain mostly
    sits on a good out-of-batch state, and those steps were dropped. Fresh scores alone change nothing here
    (the embeddings are frozen, so stale scores are exact). Counting the out-of-batch state through its stored
    embedding (``fresh_old``, the default) gives TV 0.201 (0.213 after 8000) and no row without a negative;
    what remains is the flattening from proposing each candidate several times per batch (see the module
    docstring). Bounds: fresh_old < 0.25, and it must beat stale by at least 0.1.
    """
    tv_old, self_old, _, _ = _mixing_histogram(2000, beta=14.28, variant="stored")
    tv_stale, _, _, _ = _mixing_histogram(2000, beta=14.28, variant="official")
    assert self_old == 0
    assert tv_old < 0.25
    assert tv_stale - tv_old > 0.1


def test_fresh_scores_leave_no_row_without_a_negative_while_embeddings_spread():
    """Drift replay (issue 12): mean similarity falls from ~0.9 to ~0.45 over 4 passes, beta=14.28, B=16.

    Stale scores stop accepting once the embeddings spread (the stored scores are too high), so rows lose
    their negative term; re-scoring against the current anchor keeps it. Measured (bench_chain_scores.py,
    8 passes): stale 0 % -> 6 % by the last pass, fresh at most 0.2 %, fresh_old 0 %.
    """
    n, b, d, passes = 256, 16, 32, 4
    g = torch.Generator().manual_seed(0)
    common = F.normalize(torch.randn(d, generator=g), dim=0)
    own = F.normalize(torch.randn(n, d, generator=g), dim=1)
    worst = {}
    for mode in ("stale", "fresh_old"):
        s = EMC2Sampler(n, beta=14.28, seed=0, variant=mode)
        rng = np.random.default_rng(0)
        rows = []
        for p in range(passes):
            perm = rng.permutation(n)
            for k in range(n // b):
                a = 0.95 - 0.8 * (p + k / (n // b)) / passes
                e = F.normalize(a * common + (1 - a) * own, dim=1)
                it = torch.from_numpy(perm[k * b : (k + 1) * b])
                z = torch.cat(
                    [
                        F.normalize(e[it] + 0.04 * torch.randn(b, d, generator=g), dim=1),
                        F.normalize(e[it] + 0.04 * torch.randn(b, d, generator=g), dim=1),
                    ]
                )
                s.draw(z @ z.T, it, z)
                if p > 0:
                    rows.append(s.last_stats["rows_without_negative"])
        worst[mode] = float(np.mean(rows))
    assert worst["fresh_old"] == 0.0
    assert worst["stale"] > 0.01  # the defect the fresh scores fix is real here (the test can fail)


def _acceptance(beta: float, clusters: int, noise: float) -> float:
    n, b, d = 200, 32, 128
    centres = _unit(clusters, d, 5)
    g = torch.Generator().manual_seed(6)
    lab = torch.arange(n) % clusters
    e1 = F.normalize(centres[lab] + noise * torch.randn(n, d, generator=g), dim=1)
    e2 = F.normalize(centres[lab] + noise * torch.randn(n, d, generator=g), dim=1)
    s = EMC2Sampler(n, beta=beta, seed=0)
    for _ in range(100):
        idx = torch.randperm(n, generator=g)[:b]
        s.step(_batch_sim(e1, e2, idx), idx)
    return s.acceptance_rate


def test_acceptance_rate_realistic_beta():
    """§8.2: beta=14.28, n=200, B=32, d=128: acceptance in 0.1-0.5.

    Measured: unstructured unit embeddings 0.37; 10 clusters with within-cluster similarity ~0.25: 0.17.
    (Tighter clusters, within-cluster similarity ~0.55, give ~0.07: the chains sit on hard negatives.)
    """
    unstructured = _acceptance(14.28, clusters=1, noise=10.0)
    clustered = _acceptance(14.28, clusters=10, noise=0.15)
    assert 0.1 <= unstructured <= 0.5
    assert 0.1 <= clustered <= 0.5
    assert _acceptance(5.0, clusters=10, noise=0.15) > clustered  # hotter target, more acceptances


def test_never_self_or_positive():
    """§8.3: no weight on the anchor's own row, its partner view or any column of the same image."""
    n, b = 40, 10
    e1, e2 = _unit(n, 16, 1), _unit(n, 16, 2)
    s = EMC2Sampler(n, beta=14.28, burn_in=0.0, seed=1)
    g = torch.Generator().manual_seed(2)
    for _ in range(200):
        idx = torch.randperm(n, generator=g)[:b]
        w = s.step(_batch_sim(e1, e2, idx), idx)
        full = torch.cat([idx, idx])
        same = full[:, None] == full[None, :]
        assert w[same].abs().sum().item() == 0
    assert np.all(s.last_idx != np.arange(n))


@pytest.mark.parametrize("beta", [0.0, 1e-6])
def test_beta_to_zero_accepts_every_proposal(beta):
    """§8.4: beta -> 0 makes every unmasked proposal accepted."""
    n, b = 20, 6
    e = _unit(n, 8, 0)
    s = EMC2Sampler(n, beta=beta, seed=0)
    for t in range(20):
        idx = torch.randperm(n, generator=torch.Generator().manual_seed(t))[:b]
        s.step(_batch_sim(e, e, idx), idx)
    assert s.acceptance_rate == pytest.approx(1.0, abs=1e-6)


def test_state_dict_round_trip_reproduces_draws(tmp_path):
    """§8.5: after save/load (through torch.save + weights_only load) the next draws are identical."""
    n, b = 50, 8
    e1, e2 = _unit(n, 16, 1), _unit(n, 16, 2)
    batches = [torch.randperm(n, generator=torch.Generator().manual_seed(t))[:b] for t in range(12)]
    a = EMC2Sampler(n, beta=14.28, seed=4)
    for idx in batches[:6]:
        a.step(_batch_sim(e1, e2, idx), idx)
    torch.save(a.state_dict(), tmp_path / "s.pt")
    state = torch.load(tmp_path / "s.pt", map_location="cpu", weights_only=True)
    expected = [a.step(_batch_sim(e1, e2, idx), idx) for idx in batches[6:]]
    b2 = EMC2Sampler(n, beta=14.28, seed=999)
    b2.load_state_dict(state)
    got = [b2.step(_batch_sim(e1, e2, idx), idx) for idx in batches[6:]]
    for x, y in zip(expected, got, strict=True):
        assert torch.equal(x, y)
    np.testing.assert_array_equal(a.last_idx, b2.last_idx)
    np.testing.assert_array_equal(a.log_score, b2.log_score)
    # a fresh sampler with another seed does not reproduce them (the test can fail)
    c = EMC2Sampler(n, beta=14.28, seed=999)
    assert not all(torch.equal(x, c.step(_batch_sim(e1, e2, i), i)) for x, i in zip(expected, batches[6:], strict=True))


def test_state_dict_is_a_copy_and_mismatch_is_refused():
    s = EMC2Sampler(10, seed=0, dataset_hash="abc")
    st = s.state_dict()
    s.step(torch.zeros(4, 4), torch.tensor([0, 1]))
    assert st["last_idx"].eq(-1).all()  # not a view of the live table
    with pytest.raises(CheckpointError, match="10 images but this run has 11"):
        EMC2Sampler(11).load_state_dict(st)
    with pytest.raises(CheckpointError, match="different list of images"):
        EMC2Sampler(10, dataset_hash="xyz").load_state_dict(st)
    assert s.nbytes == 19 * 10  # state photo (int64), its view, pass and attempt (int8, int32, int16), score


def test_step_rejects_bad_input():
    s = EMC2Sampler(10)
    with pytest.raises(ValueError, match="same dataset index twice"):
        s.step(torch.zeros(4, 4), torch.tensor([1, 1]))
    with pytest.raises(ValueError, match=r"sim must be \(2B, 2B\)"):
        s.step(torch.zeros(6, 6), torch.tensor([1, 2]))


def test_sogclr_state_update_and_round_trip():
    u = SogCLRState(5, gamma=0.9)
    idx = torch.tensor([1, 3])
    g0 = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).log()  # (views, B)
    u.update(idx, g0)
    assert torch.allclose(u.u[idx], torch.tensor([2.0, 3.0]))  # first time: gamma=1, mean of the views
    g1 = torch.tensor([[5.0, 5.0], [5.0, 5.0]]).log()
    u.update(idx, g1)
    assert torch.allclose(u.u[idx], 0.1 * torch.tensor([2.0, 3.0]) + 0.9 * 5.0)
    assert u.u[0].item() == 0.0
    v = SogCLRState(5)
    v.load_state_dict(u.state_dict())
    assert torch.equal(v.log_u, u.log_u)
    with pytest.raises(CheckpointError):
        SogCLRState(6).load_state_dict(u.state_dict())


def test_paper_variant_samples_like_the_stored_one_on_frozen_embeddings():
    """With frozen embeddings a stored embedding is exact, so the paper variant (the state re-embedded each step)
    keeps the same states as the stored one (measured: TV 0.201 for both after 2000 batches at beta 14.28; the
    rest is the flattening of the module docstring). What differs is the gradient (test_losses.py).
    """
    tv_paper, self_mass, _, _ = _mixing_histogram(2000, beta=14.28, variant="paper")
    tv_stored, _, _, _ = _mixing_histogram(2000, beta=14.28, variant="stored")
    assert self_mass == 0
    assert tv_paper < 0.25
    assert abs(tv_paper - tv_stored) < 0.02


def test_paper_state_request_names_the_very_view_each_chain_accepted():
    """The table keeps the photo, view, pass and attempt of each chain's state; the request hands them back, one per
    distinct state; the stored score is that very view's similarity to the photo's last anchor.
    """
    n, b, beta = 12, 4, 5.0
    e1, e2 = _unit(n, 8, 1), _unit(n, 8, 2)
    s = EMC2Sampler(n, beta=beta, seed=0, variant="paper")
    rng = np.random.default_rng(0)
    moved = 0
    for step in range(40):
        idx = torch.from_numpy(rng.choice(n, size=b, replace=False))
        req = s.state_request(idx)
        ic = idx.numpy()
        for i, photo in enumerate(ic):
            k = int(req.rows[i])
            assert req.rows[i + b] == k
            if s.last_idx[photo] < 0:
                assert k == -1
            else:
                assert (req.photos[k], req.views[k], req.passes[k], req.draws[k]) == (
                    s.last_idx[photo],
                    s.last_view[photo],
                    s.last_pass[photo],
                    s.last_draw[photo],
                )
        assert len({tuple(x) for x in zip(req.photos, req.views, req.passes, req.draws, strict=True)}) == len(
            req.photos
        )  # one view per distinct state
        views = torch.cat([e1[idx], e2[idx]])
        photos = torch.from_numpy(req.photos)
        state_z = torch.where(torch.from_numpy(req.views)[:, None] == 0, e1[photos], e2[photos])
        state_sim = torch.full((2 * b,), float("nan"))
        has = torch.from_numpy(req.rows >= 0)
        state_sim[has] = (views[has] * state_z[torch.from_numpy(req.rows)[has]]).sum(1)
        before = np.stack([s.last_idx[ic], s.last_view[ic]])
        s.draw(views @ views.T, idx, None, state_sim, stamp=(step // 3, step % 3))
        for i, photo in enumerate(ic):
            state, view = int(s.last_idx[photo]), int(s.last_view[photo])
            if state < 0:
                continue
            z_state = (e1 if view == 0 else e2)[state]
            assert s.log_score[photo] == pytest.approx(beta * float(e2[photo] @ z_state), abs=1e-4)
            if (state, view) != tuple(before[:, i]):
                moved += 1
                assert (s.last_pass[photo], s.last_draw[photo]) == (step // 3, step % 3)
    assert moved > 10  # chains did move (the test can fail)


def test_a_version_1_table_loads_with_its_old_variant_name():
    s = EMC2Sampler(10, seed=0, variant="stored")
    z = F.normalize(torch.randn(4, 8), dim=1)
    s.step(z @ z.T, torch.tensor([0, 1]), z)
    old = {
        k: v
        for k, v in s.state_dict().items()
        if k not in ("variant", "last_view", "last_pass", "last_draw", "bank_step", "steps")
    }
    old.update(version=1, chain_scores="fresh_old")
    t = EMC2Sampler(10, variant="paper")
    t.load_state_dict(old)
    assert t.variant == "stored"
    assert np.array_equal(t.last_idx, s.last_idx)
    assert t.steps == 0
    assert np.array_equal(t.bank, s.bank)
    assert not t.last_view.any()
    old.pop("chain_scores")  # older still: neither name, the official behaviour
    t.load_state_dict(old)
    assert t.variant == "official"
