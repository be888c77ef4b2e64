"""Benchmark: FRD fast formula (nuclear norm, thin QR) against the pytorch-fid route (scipy sqrtm).

Run: ``.venv/bin/python benchmarks/bench_frd.py [--threads 1] [--repeats 5]``.

Both sides start from the raw feature matrices (means and covariances included). Repeats are interleaved
(fast, sqrtm, fast, sqrtm, ...) and medians are printed with the speed-up ratio and the relative difference
of the two results. Where N ≤ D the covariances are singular and sqrtm is the inaccurate side (docs/design/frd.md §4),
so the exact eigenvalue reference (top N−1 eigenvalues of ΣXΣY) is printed too. Targets (docs/design/frd.md §4,
docs/design/benchmark_data.md): ≥ 500× at N = 64, D = 512; relative difference ≤ 1e-5 where both are full rank (N > D).
"""

from __future__ import annotations

import argparse
import os
import sys

_THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "BLIS_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


def _threads_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


# BLAS reads these once, at load time: they must be set before numpy is imported.
for _var in _THREAD_VARS:
    os.environ[_var] = _threads_from_argv(sys.argv[1:])

import time
import warnings
from collections.abc import Callable

import numpy as np
import scipy
import scipy.linalg

from badbatch_gui.core.scoring.frd import (
    frechet_distance,
    frechet_distance_batched,
    reference_stats,
)
from badbatch_gui.core.scoring.frd_per_photo import per_image_loo_reference


def _say(line: str = "") -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def pytorch_fid_route(x: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> float:
    """pytorch-fid's calculate_frechet_distance on raw features (docs/design/frd.md §8), logging instead of print."""
    mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    diff = mu1 - mu2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covmean = scipy.linalg.sqrtm(s1 @ s2)
        if not np.isfinite(covmean).all():
            offset = np.eye(s1.shape[0]) * eps
            covmean = scipy.linalg.sqrtm((s1 + offset) @ (s2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError(f"Imaginary component {np.max(np.abs(covmean.imag))}")
        covmean = covmean.real
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def exact_eig_route(x: np.ndarray, y: np.ndarray) -> float:
    """Exact reference when N ≤ D: only the top N − 1 eigenvalues of ΣXΣY are nonzero (docs/design/frd.md §4)."""
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    k = min(len(x), len(y)) - 1
    ev = np.sort(np.linalg.eigvals(s1 @ s2).real)[::-1][:k]
    diff = x.mean(axis=0) - y.mean(axis=0)
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.sqrt(np.clip(ev, 0, None)).sum())


def two_views(rng: np.random.Generator, n: int, d: int, noise: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """L2-normalised features of two augmented views of the same n images (as in training)."""
    content = rng.normal(size=(n, d))

    def unit(a: np.ndarray) -> np.ndarray:
        return a / np.linalg.norm(a, axis=1, keepdims=True)

    return unit(content + noise * rng.normal(size=(n, d))), unit(content + noise * rng.normal(size=(n, d)))


def _time_block(fn: Callable[[], object], inner: int) -> float:
    t0 = time.perf_counter()
    for _ in range(inner):
        fn()
    return (time.perf_counter() - t0) / inner


def bench_case(rng: np.random.Generator, n: int, d: int, repeats: int) -> None:
    x, y = two_views(rng, n, d)
    fast_val = frechet_distance(x, y)
    try:
        slow_val: float | None = pytorch_fid_route(x, y)
    except ValueError as exc:
        slow_val = None
        _say(f"  pytorch-fid route raised: {exc}")
    # Inner loop so one fast timing block lasts ~20 ms (timer resolution, scheduler noise).
    single = _time_block(lambda: frechet_distance(x, y), 3)
    inner = max(1, int(0.02 / max(single, 1e-6)))
    fast_t, slow_t = [], []
    for _ in range(repeats):  # interleaved: fast, slow, fast, slow, ...
        fast_t.append(_time_block(lambda: frechet_distance(x, y), inner))
        slow_t.append(_time_block(lambda: pytorch_fid_route(x, y), 1) if slow_val is not None else float("nan"))
    f_med, s_med = float(np.median(fast_t)), float(np.median(slow_t))
    branch = "QR (R_A R_Bᵀ, D×D)" if n > d else "direct (A Bᵀ, N×N)"
    _say(f"N={n:4d} D={d:5d}  [{branch}]  FRD={fast_val:.10g}")
    _say(
        f"  fast    median {f_med * 1e3:9.4f} ms  (min {min(fast_t) * 1e3:.4f}, max {max(fast_t) * 1e3:.4f};"
        f" {repeats}×{inner} calls)"
    )
    _say(
        f"  sqrtm   median {s_med * 1e3:9.2f} ms  (min {min(slow_t) * 1e3:.2f}, max {max(slow_t) * 1e3:.2f};"
        f" {repeats} calls)"
    )
    _say(f"  speed-up (median sqrtm / median fast): {s_med / f_med:,.0f}×")
    if slow_val is not None:
        rel = abs(fast_val - slow_val) / abs(slow_val)
        kind = "both full rank" if n > d else "singular covariances: sqrtm is the inaccurate side"
        _say(f"  relative difference fast vs sqrtm: {rel:.2e}  ({kind})")
    if n <= d and d <= 1024:
        exact = exact_eig_route(x, y)
        _say(
            f"  relative difference fast vs exact eigenvalue reference: {abs(fast_val - exact) / exact:.2e};"
            f" sqrtm vs exact: {abs((slow_val or np.nan) - exact) / exact:.2e}"
        )


def bench_extras(rng: np.random.Generator, repeats: int) -> None:
    """Batched scoring and leave-one-out per-image scores at training/preview sizes (fast side only)."""
    xs, ys = (np.stack(v) for v in zip(*(two_views(rng, 64, 512) for _ in range(32)), strict=True))
    loop_t, batch_t = [], []
    for _ in range(repeats):
        loop_t.append(_time_block(lambda: [frechet_distance(a, b) for a, b in zip(xs, ys, strict=True)], 1))
        batch_t.append(_time_block(lambda: frechet_distance_batched(xs, ys), 1))
    _say(
        f"K=32 batches N=64 D=512: looped {np.median(loop_t) * 1e3:.2f} ms, batched "
        f"{np.median(batch_t) * 1e3:.2f} ms (medians of {repeats})"
    )
    ref = reference_stats(two_views(rng, 2000, 512)[0])
    for n in (64, 256):
        x = two_views(rng, n, 512)[0]
        t = [_time_block(lambda x=x: per_image_loo_reference(x, ref), 1) for _ in range(repeats)]
        _say(f"per_image_loo_reference N={n} D=512 (folder M=2000): median {np.median(t) * 1e3:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1", help="BLAS/OpenMP threads (set before numpy loads)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-2048", action="store_true", help="skip D=2048 (sqrtm takes seconds per call)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    _say(
        f"numpy {np.__version__}, scipy {scipy.__version__}, threads {os.environ['OMP_NUM_THREADS']}, "
        f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f} (other jobs share the CPU: expect noise)"
    )
    cases = [(64, 512), (256, 128)] + ([] if args.skip_2048 else [(64, 2048)])
    for n, d in cases:
        bench_case(rng, n, d, args.repeats)
    bench_extras(rng, args.repeats)
    _say(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
