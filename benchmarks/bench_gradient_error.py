"""How far each negative-sampling estimator's gradient is from the exact global contrastive loss gradient
(EMC2's small gradient experiment, done so it can tell bias from noise; docs/design/emc2.md §5.1 and §8.8).

Setting (``_gradient_toy``): 500 MNIST digits with two fixed views each, a linear encoder with L2 normalisation
(PCA-64 inputs, 32 outputs), the exact full-data GCL gradient (positive not in the denominator). Every estimator runs
the project's own code: ``losses`` (SimCLR's NT-Xent, SogCLR's surrogate with ``SogCLRState``, the EMC2 loss) and
``EMC2Sampler`` in each variant; its per-anchor gradient is read from the gradient of that loss (and checked against
the sampler's weights).

Estimators: ``simclr`` (in-batch, as trained: the positive is in SimCLR's denominator), ``inbatch_gcl`` (the in-batch
estimate of the decoupled GCL that the *Loss* monitor computes; no method trains on it: a reference), ``sogclr``,
``emc2_official`` (stale scores, out-of-batch steps dropped: what the official code runs), ``emc2_stored`` (stored
float16 embeddings, gradient through the anchor only), ``emc2_paper`` (the chain's state re-embedded with the current
network, gradient through both sides) and two sanity rows: ``exact_draws`` (B-1 independent draws from the target
per anchor: unbiased) and ``zero`` (an all-zero gradient: relative bias 1).

Measured, for B in {4, 16}, beta in {5, 14.28}, several seeds (each seed: its own digits, views, encoder, batches):

(a) **bias** at frozen parameters (a partly trained encoder): two independent replicate runs per estimator, each run
    for ``burn`` passes to reach stationarity and then ``measure`` passes whose per-anchor gradients are averaged.
    Relative bias = sqrt(Σ_r <m_r^A - g_r, m_r^B - g_r> / Σ_r ‖g_r‖²), with m^A, m^B the two replicates' mean
    per-anchor gradients and g_r the exact one: the cross product of two independent means cancels their noise, so
    what remains is the bias itself (0: unbiased; 1: as far off as an all-zero gradient).
(b) **variance**: Σ_r E‖ĝ_r - E ĝ_r‖² / Σ_r ‖g_r‖² over the same samples (the same units as bias²).
(c) **step error** along one SGD path shared by all estimators (driven by the exact gradient of each batch's anchors,
    from an untrained encoder; each estimator's state — chains, stored vectors, SogCLR's table — follows the same
    batches and parameters): ‖ĝ_batch - g_batch‖ / ‖g_batch‖ for the batch's own 2B anchors, median over the second
    half of the path. It is dominated by variance; it shows what one step sees.

``--json OUT`` writes ``{"default": NAME, "results": [{"estimator", "batch_size", "beta", "bias", "bias_spread",
"variance", "step_error"}]}`` (means over seeds; ``bias_spread`` = max - min over seeds). ``--plot PNG`` draws the
bias with its seed range. ``--quick`` (make bench): one seed, fewer passes, about a minute.

Usage: ``.venv/bin/python benchmarks/bench_gradient_error.py [--quick] [--json OUT] [--plot PNG]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one BLAS thread per worker process
    os.environ.setdefault(_var, "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

ESTIMATORS = ("simclr", "inbatch_gcl", "sogclr", "emc2_official", "emc2_stored", "emc2_paper", "exact_draws", "zero")
LABELS = {
    "simclr": "SimCLR (in-batch NT-Xent, as trained)",
    "inbatch_gcl": "in-batch GCL, positive not in the denominator (reference only)",
    "sogclr": "SogCLR",
    "emc2_official": "EMC2 as the official code runs it",
    "emc2_stored": "EMC2 with stored embeddings",
    "emc2_paper": "EMC2 (paper)",
    "exact_draws": "sanity: exact draws from the target",
    "zero": "sanity: all-zero gradient",
}
CHAINED = ("emc2_official", "emc2_stored", "emc2_paper")  # need many visits per photo to reach stationarity
SETTINGS = {  # name: (seeds, burn passes {B: n}, measured passes, path passes {B: n})
    "full": (3, {4: 40, 16: 24}, 12, {4: 3, 16: 12}),
    "quick": (1, {4: 12, 16: 8}, 4, {4: 1, 16: 4}),
}
PRETRAIN_STEPS, PRETRAIN_LR, PATH_LR = 60, 0.02, 0.5
CONFIGS = ((4, 5.0), (16, 5.0), (4, 14.28), (16, 14.28))


def _pretrain(toy: Any, beta: float, steps: int) -> None:
    """A partly trained encoder: ``steps`` Adam steps on the exact full-data GCL (torch autograd)."""
    import torch

    w = torch.tensor(toy.w, requires_grad=True)
    a = torch.tensor(toy.a)
    photo = torch.arange(a.shape[0]) // 2
    same = photo[:, None] == photo[None, :]
    opt = torch.optim.Adam([w], lr=PRETRAIN_LR)
    for _ in range(steps):
        f = torch.nn.functional.normalize(a @ w.T, dim=1)
        s = f @ f.T
        lse = torch.logsumexp((beta * s).masked_fill(same, float("-inf")), dim=1)
        loss = (-beta * s[torch.arange(len(s)), torch.arange(len(s)) ^ 1] + lse).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    toy.w = w.detach().numpy().copy()


def _stationary(
    toy: Any, name: str, b: int, beta: float, seed: int, burn: int, measure: int, g_exact: np.ndarray
) -> tuple[float, float]:
    """(relative bias, relative variance) of one estimator at frozen parameters (module docstring (a), (b))."""
    from _gradient_toy import Estimator, Samples, gradients

    f, norms = toy.embed()
    n = toy.n
    burn = burn if name in CHAINED else (3 if name == "sogclr" else 0)
    sums, sq, counts = [], np.zeros(2 * n), np.zeros(2 * n)
    for rep in range(2):
        est = Estimator(name, n, beta, seed * 1000 + 10 * rep + b)
        rng = np.random.default_rng([seed, rep, b, 99])
        samples = Samples.empty()
        for p in range(burn + measure):
            perm = rng.permutation(n)
            for t in range(n // b):
                est.batch(f, perm[t * b : (t + 1) * b], samples if p >= burn else None)
        anchors, a_vec, cols, coefs = samples.stacked()
        total = np.zeros((2 * n, f.shape[1], toy.a.shape[1]))
        for i0 in range(0, len(anchors), 4000):
            sl = slice(i0, i0 + 4000)
            g = gradients(toy, f, norms, anchors[sl], a_vec[sl], cols[sl], coefs[sl])
            np.add.at(total, anchors[sl], g)
            np.add.at(sq, anchors[sl], np.einsum("skd,skd->s", g, g))
        np.add.at(counts, anchors, 1.0)
        sums.append(total)
    c_rep = counts / 2.0
    means = [s_ / np.maximum(c_rep, 1)[:, None, None] for s_ in sums]
    norm2 = float(np.sum(g_exact**2))
    bias2 = float(np.sum((means[0] - g_exact) * (means[1] - g_exact))) / norm2
    pooled = (sums[0] + sums[1]) / np.maximum(counts, 1)[:, None, None]
    var_r = (sq / np.maximum(counts, 1) - np.einsum("rkd,rkd->r", pooled, pooled)) * counts / np.maximum(counts - 1, 1)
    return float(np.sqrt(max(bias2, 0.0))), float(np.sum(var_r) / norm2)


def _path(seed: int, b: int, beta: float, passes: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """(median step error per estimator over the second half, the error per step) along one shared SGD path."""
    import torch
    from _gradient_toy import Estimator, Samples, exact_coefficients, gradients, make_toy

    toy = make_toy(seed)
    n = toy.n
    ests = {name: Estimator(name, n, beta, seed * 1000 + 7 + b) for name in ESTIMATORS if name != "zero"}
    rng = np.random.default_rng([seed, b, 5])
    errors: dict[str, list[float]] = {name: [] for name in ests}
    a = torch.tensor(toy.a)
    for _ in range(passes):
        perm = rng.permutation(n)
        for t in range(n // b):
            photos = perm[t * b : (t + 1) * b]
            f, norms = toy.embed()
            views = np.concatenate([2 * photos, 2 * photos + 1])
            w = torch.tensor(toy.w, requires_grad=True)
            ff = torch.nn.functional.normalize(a @ w.T, dim=1)
            kappa = torch.from_numpy(exact_coefficients(f, beta, views))
            # the exact gradient of the batch anchors' GCL terms: Σ_c κ_rc s(r, c), κ fixed at its exact values
            (kappa * (ff[views] @ ff.T)).sum().div(2 * b).backward()
            g_batch = w.grad.numpy()
            for name, est in ests.items():
                samples = Samples.empty()
                est.batch(f, photos, samples)
                g = gradients(toy, f, norms, *samples.stacked()).mean(axis=0)
                errors[name].append(float(np.linalg.norm(g - g_batch) / np.linalg.norm(g_batch)))
            toy.w = toy.w - PATH_LR * g_batch
    half = {name: float(np.median(e[len(e) // 2 :])) for name, e in errors.items()}
    half["zero"] = 1.0
    return half, errors


def run_seed(seed: int, beta: float, setting: str) -> list[dict[str, Any]]:
    """Every estimator at both batch sizes for one seed and one beta (runs in a worker process)."""
    import torch

    torch.set_num_threads(1)
    from _gradient_toy import dense_gradients, exact_coefficients, exact_gcl, make_toy

    _, burns, measure, path_passes = SETTINGS[setting]
    toy = make_toy(seed)
    loss0 = exact_gcl(toy, beta)
    _pretrain(toy, beta, PRETRAIN_STEPS)
    f, norms = toy.embed()
    anchors = np.arange(2 * toy.n)
    kappa = exact_coefficients(f, beta, anchors)
    g_exact = dense_gradients(toy, f, norms, anchors, kappa)
    kappa_pos = np.zeros_like(kappa)
    kappa_pos[anchors, anchors ^ 1] = -beta
    g_neg = g_exact - dense_gradients(toy, f, norms, anchors, kappa_pos)
    neg_share = float(np.sqrt(np.sum(g_neg**2) / np.sum(g_exact**2)))  # size of the negative term in g
    out = []
    for b in (4, 16):
        if (b, beta) not in CONFIGS:
            continue
        t0 = time.perf_counter()
        step_err, _ = _path(seed, b, beta, path_passes[b])
        for name in ESTIMATORS:
            bias, var = _stationary(toy, name, b, beta, seed, burns[b], measure, g_exact)
            out.append(
                {
                    "estimator": name,
                    "batch_size": b,
                    "beta": beta,
                    "seed": seed,
                    "bias": bias,
                    "bias_of_negative_term": bias / neg_share,
                    "negative_share": neg_share,
                    "variance": var,
                    "step_error": step_err[name],
                    "gcl_start": loss0,
                    "gcl_frozen": exact_gcl(toy, beta),
                    "seconds": time.perf_counter() - t0,
                }
            )
    return out


def summarise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Means over seeds, with the bias's seed range."""
    out = []
    for b, beta in CONFIGS:
        for name in ESTIMATORS:
            sel = [r for r in rows if r["estimator"] == name and r["batch_size"] == b and r["beta"] == beta]
            if not sel:
                continue
            bias = [r["bias"] for r in sel]
            out.append(
                {
                    "estimator": name,
                    "batch_size": b,
                    "beta": beta,
                    "bias": float(np.mean(bias)),
                    "bias_of_negative_term": float(np.mean([r["bias_of_negative_term"] for r in sel])),
                    "negative_share": float(np.mean([r["negative_share"] for r in sel])),
                    "bias_spread": float(max(bias) - min(bias)),
                    "bias_min": float(min(bias)),
                    "bias_max": float(max(bias)),
                    "variance": float(np.mean([r["variance"] for r in sel])),
                    "step_error": float(np.mean([r["step_error"] for r in sel])),
                    "seeds": len(sel),
                }
            )
    return out


def choose_default(summary: list[dict[str, Any]]) -> str:
    """The EMC2 variant the evidence supports: bias at beta 14.28 at most half SimCLR's at B = 4 and 16, the least
    biased of those; "emc2_stored" (the previous default) when none qualifies.
    """

    def bias(name: str, b: int) -> float:
        return next(
            r["bias"] for r in summary if r["estimator"] == name and r["batch_size"] == b and r["beta"] == 14.28
        )

    ok = [v for v in CHAINED if all(bias(v, b) <= 0.5 * bias("simclr", b) for b in (4, 16))]
    return min(ok, key=lambda v: bias(v, 4) + bias(v, 16)) if ok else "emc2_stored"


def table(summary: list[dict[str, Any]]) -> str:
    """A Markdown table: bias (seed range) per estimator and setting, then variance and step error at beta 14.28."""
    head = (
        "| estimator | "
        + " | ".join(f"β {beta:g}, B {b}" for b, beta in CONFIGS)
        + " | variance (β 14.28, B 4 / 16) | step error (β 14.28, B 4 / 16) |"
    )
    lines = [head, "|" + "---|" * (len(CONFIGS) + 3)]
    for name in ESTIMATORS:
        cells = []
        for b, beta in CONFIGS:
            r = next(
                (x for x in summary if x["estimator"] == name and x["batch_size"] == b and x["beta"] == beta), None
            )
            cells.append("–" if r is None else f"{r['bias']:.2f} ({r['bias_min']:.2f}–{r['bias_max']:.2f})")
        hi = [
            next((x for x in summary if x["estimator"] == name and x["batch_size"] == b and x["beta"] == 14.28), None)
            for b in (4, 16)
        ]
        var = " / ".join("–" if r is None else f"{r['variance']:.2f}" for r in hi)
        err = " / ".join("–" if r is None else f"{r['step_error']:.2f}" for r in hi)
        lines.append(f"| {LABELS[name]} | " + " | ".join(cells) + f" | {var} | {err} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="one seed, fewer passes (about a minute; make bench)")
    p.add_argument("--seeds", type=int, help="seeds (default 3; --quick 1)")
    p.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--json", metavar="OUT", help="write the results as JSON")
    p.add_argument("--plot", metavar="PNG", help="draw the bias with its seed range")
    args = p.parse_args(argv)
    setting = "quick" if args.quick else "full"
    seeds = args.seeds or SETTINGS[setting][0]
    start = time.perf_counter()
    jobs = [(seed, beta) for beta in (14.28, 5.0) for seed in range(seeds)]
    with ProcessPoolExecutor(max_workers=max(1, args.workers)) as pool:
        parts = list(pool.map(run_seed, [j[0] for j in jobs], [j[1] for j in jobs], [setting] * len(jobs)))
    rows = [r for part in parts for r in part]
    summary = summarise(rows)
    default = choose_default(summary)
    print(
        f"Gradient error: 500 MNIST digits x 2 fixed views, linear encoder + L2 normalisation, {seeds} seed(s), "
        f"setting {setting}; {time.perf_counter() - start:.0f} s in all\n"
    )
    print(table(summary))
    print(
        f"\nRelative bias (mean over seeds, seed range in brackets): 0 = unbiased, 1 = an all-zero gradient. "
        f"Variance in the units of bias². Variant the evidence supports as the default: {default}"
    )
    for b, beta in CONFIGS:
        sel = [r for r in summary if r["batch_size"] == b and r["beta"] == beta]
        print(
            f"B {b}, β {beta:g}: the negative term is {sel[0]['negative_share']:.2f} of the exact gradient's size; "
            "bias as a share of it: "
            + ", ".join(
                f"{r['estimator']} {r['bias_of_negative_term']:.2f}" for r in sel if r["estimator"] not in ("zero",)
            )
        )
    from badbatch_gui.core.config import TrainConfig

    if "emc2_" + TrainConfig().emc2_variant != default:
        print(f"NOTE: the app's default EMC2 variant is '{TrainConfig().emc2_variant}', not the one this run supports")
    for b in (4, 16):
        share = [r for r in summary if r["beta"] == 14.28 and r["batch_size"] == b and r["estimator"] in CHAINED]
        print(
            f"B {b}, β 14.28: bias² as a share of bias² + variance: "
            + ", ".join(f"{r['estimator']} {r['bias'] ** 2 / (r['bias'] ** 2 + r['variance']):.0%}" for r in share)
        )
    if args.json:
        from badbatch_gui.core.config import TrainConfig

        product = "emc2_" + TrainConfig().emc2_variant
        Path(args.json).write_text(
            json.dumps(
                {
                    "default": default,
                    "product_default": product,
                    "setting": setting,
                    "seeds": seeds,
                    "results": summary,
                    "per_seed": rows,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.plot:
        from _bias_plot import draw_bias_plot

        draw_bias_plot(summary, ESTIMATORS, LABELS, CONFIGS, Path(args.plot))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
