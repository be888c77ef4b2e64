"""Re-checking a folder is quick: the decoded photos persist between runs and processes
(``core/data/decoded_store.py``).

Writes ``--photos`` camera-size JPEGs (2448 × 2048, like an industrial camera; made from the photographs that
ship with scikit-image, upscaled, with sensor noise so they compress like real shots), then runs
``badbatch score`` in separate processes sharing one app home (``BADBATCH_HOME``):

1. cold: an empty cache folder, default options;
2. warm, another batch size (``--batch-size 16``);
3. warm, another mode (``--mode views``, which also pushes the augmented views through the network);
4. warm, the first command again;

and reads each run's timings from its ``--json`` report (decode seconds, photos decoded, total). Then, in this
process, ``--repeats`` cold checks with and without the pixel checks (``ScoreConfig(pixel_checks=False)``),
interleaved, medians, show what the checks cost on photos of this size.

Usage: ``python benchmarks/bench_recheck.py [--photos 600] [--repeats 3] [--bench-python .venv-bench/bin/python]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import planted_defects

SOURCES = ("brick", "gravel", "grass", "ihc", "coffee", "chelsea", "astronaut", "rocket")
SIZE = (2448, 2048)


def write_camera_folder(out: Path, n: int, data: Path, seed: int = 0) -> None:
    """``n`` camera-size JPEGs (quality 92). Skips files that already exist (the folder is reused)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    sources = {s: planted_defects._load(data, s) for s in SOURCES}
    for i in range(n):
        path = out / f"CAM_{i:04d}.jpg"
        name = SOURCES[i % len(SOURCES)]
        if path.exists():
            continue
        src = sources[name]
        h, w = src.shape[:2]
        cw, ch = rng.uniform(0.6, 0.9) * w, rng.uniform(0.6, 0.9) * h
        x, y = rng.uniform(0, w - cw), rng.uniform(0, h - ch)
        im = planted_defects._pil(src).transform(
            SIZE, Image.Transform.EXTENT, (x, y, x + cw, y + ch), Image.Resampling.BICUBIC
        )
        noise = rng.normal(0, 3.0, (SIZE[1], SIZE[0], 1)).astype(np.float32)
        arr = np.clip(np.asarray(im, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
        Image.fromarray(arr).save(path, "JPEG", quality=92)


def cli_run(folder: Path, home: Path, out: Path, *extra: str) -> dict:
    """One ``badbatch score`` process; returns its report's timings (and the wall time of the process)."""
    env = {**os.environ, "BADBATCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "badbatch_gui.cli", "score", str(folder), "--json", str(out), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        raise SystemExit(res.stderr[-3000:])
    timings = json.loads(out.read_text(encoding="utf-8"))["timings"]
    return {**timings, "process_s": wall}


def say(line: str = "") -> None:
    """One line of the benchmark's report on stdout."""
    sys.stdout.write(line + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--photos", type=int, default=600)
    ap.add_argument("--repeats", type=int, default=3, help="cold in-process checks with and without pixel checks")
    ap.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "badbatch-camera-photos")
    ap.add_argument("--bench-python", default=str(Path(__file__).resolve().parents[1] / ".venv-bench/bin/python"))
    args = ap.parse_args()
    write_camera_folder(args.folder, args.photos, planted_defects.skimage_data_dir(args.bench_python))
    work = Path(tempfile.mkdtemp(prefix="bench-recheck-"))
    home = work / "home"
    runs = [
        ("cold, default options", ()),
        ("warm, --batch-size 16", ("--batch-size", "16")),
        ("warm, --mode views", ("--mode", "views")),
        ("warm, default options again", ()),
    ]
    rows = []
    for i, (label, extra) in enumerate(runs):
        t = cli_run(args.folder, home, work / f"run{i}.json", *extra)
        rows.append((label, t))
    import torch

    from badbatch_gui.core.config import ScoreConfig
    from badbatch_gui.core.data.scan import scan_folder
    from badbatch_gui.core.scoring.scoring import score_folder

    torch.set_num_threads(2)
    totals: dict[bool, list[float]] = {True: [], False: []}
    scan = scan_folder(args.folder)
    for _ in range(args.repeats):
        for checks in (True, False):
            cache = work / f"inproc_{checks}"
            shutil.rmtree(cache, ignore_errors=True)
            totals[checks].append(
                score_folder(scan, ScoreConfig(pixel_checks=checks), cache_dir=cache).timings["total_s"]
            )
    say(f"{args.photos} JPEGs of {SIZE[0]} x {SIZE[1]} px in {args.folder}")
    say()
    say("| run (separate processes, one app home) | photos decoded | decoding | checks | whole check | process |")
    say("|---|---|---|---|---|---|")
    for label, t in rows:
        say(
            f"| {label} | {int(t['photos_decoded'])} | {t['decode_s']:.2f} s | {t['checks_s']:.2f} s | "
            f"{t['total_s']:.2f} s | {t['process_s']:.2f} s |"
        )
    cold = rows[0][1]
    on, off = statistics.median(totals[True]), statistics.median(totals[False])
    say()
    say(
        f"pixel checks on these photos: {cold['measure_cpu_s']:.2f} s of processor time while decoding "
        f"(2 threads), {cold['checks_s']:.2f} s judging; cold check {on:.2f} s with them, {off:.2f} s without "
        f"({on / off - 1:+.0%}; medians of {args.repeats}, in-process)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
