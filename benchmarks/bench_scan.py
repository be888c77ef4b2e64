"""Scan throughput: 5,000 small JPEGs, fast mode vs verify mode, and probe threads vs one thread.

Usage: ``python benchmarks/bench_scan.py [--files 5000] [--repeats 5]``. Generation is not timed. Each
variant runs ``--repeats`` times, interleaved, and the median is printed (target: fast mode under 10 s for
5,000 files on 2 cores). Figures are noisy when other processes share the CPU.
"""

from __future__ import annotations

import argparse
import io
import logging
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.data import scan

logger = logging.getLogger(__name__)


def make_folder(root: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` small JPEGs (64-128 px, 50 per sub-folder) under ``root``; a few templates, varied bytes."""
    rng = np.random.default_rng(seed)
    templates = []
    for _ in range(16):
        w, h = (int(v) for v in rng.integers(64, 129, size=2))
        arr = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
        buf = io.BytesIO()
        Image.fromarray(arr).save(buf, "JPEG", quality=80)
        templates.append(buf.getvalue())
    for i in range(n):
        sub = root / f"d{i // 50:03d}"
        sub.mkdir(exist_ok=True)
        data = templates[i % len(templates)]
        # Make every file unique (no duplicate groups) with a small APP15 segment right after SOI.
        tag = f"bench{i}".encode()
        app15 = b"\xff\xef" + (len(tag) + 2).to_bytes(2, "big") + tag
        (sub / f"img_{i:05d}.jpg").write_bytes(data[:2] + app15 + data[2:])


def time_scan(root: Path, config: ScanConfig, workers: int) -> tuple[float, int]:
    """One timed scan with ``workers`` probe threads; returns (seconds, usable images)."""
    scan.WORKERS = workers
    t0 = time.perf_counter()
    result = scan.scan_folder(root, config)
    return time.perf_counter() - t0, len(result.images)


def main() -> None:
    """Generate the folder, run the interleaved variants, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    original_workers = scan.WORKERS
    variants = {
        f"fast, {original_workers} threads": (ScanConfig(), original_workers),
        "fast, 1 thread": (ScanConfig(), 1),
        f"verify, {original_workers} threads": (ScanConfig(verify=True), original_workers),
        "verify, 1 thread": (ScanConfig(verify=True), 1),
    }
    times: dict[str, list[float]] = {k: [] for k in variants}
    with tempfile.TemporaryDirectory(prefix="bench_scan_") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        make_folder(root, args.files)
        print(f"generated {args.files} JPEGs in {time.perf_counter() - t0:.1f} s (not timed below)")
        time_scan(root, ScanConfig(), original_workers)  # warm the page cache once
        for rep in range(args.repeats):
            for name, (config, workers) in variants.items():
                if name.startswith("verify") and rep >= max(1, args.repeats // 5):
                    continue  # verify mode is slow: time it once per five repeats
                seconds, usable = time_scan(root, config, workers)
                assert usable == args.files, f"{name}: {usable} usable of {args.files}"
                times[name].append(seconds)
    scan.WORKERS = original_workers
    base = statistics.median(times["fast, 1 thread"])
    for name, values in times.items():
        med = statistics.median(values)
        print(
            f"{name:>22}: median {med:6.2f} s  {args.files / med:8.0f} files/s  "
            f"(n={len(values)}, vs 1-thread fast: {med / base:4.2f}x)"
        )


if __name__ == "__main__":
    main()
