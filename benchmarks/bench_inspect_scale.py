"""How long Inspect takes at scale on the CPU, and how much memory its patch memory holds.

Writes ``--normal`` synthetic photos (320 × 240 JPEGs of random textures: the timings do not depend on what the photos
show) and ``--new`` more, then times, with an untrained ResNet-18 at 96 px (the same arithmetic as a trained one):
indexing the normal folder (cold, then warm: nothing changed), a "photos like this one" query, near-duplicate groups,
the 2-D map, learning the normal photos (``fit_normal``, default ``InspectConfig``) and checking the new folder. Prints
seconds in all and per photo, and the patch memory's size.

    python benchmarks/bench_inspect_scale.py [--normal 10000] [--new 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def say(line: str = "") -> None:
    """One line of the benchmark's output."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _photo(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    small = rng.uniform(0, 255, (12, 16, 3)) * rng.uniform(0.5, 1.0, 3)
    img = np.asarray(Image.fromarray(small.astype(np.uint8)).resize((320, 240), Image.Resampling.BICUBIC), float)
    return np.clip(img + rng.normal(0, 12, img.shape), 0, 255).astype(np.uint8)


def write(folder: Path, n: int, offset: int) -> None:
    """``n`` JPEGs in ``folder`` (two threads)."""
    folder.mkdir(parents=True, exist_ok=True)

    def one(i: int) -> None:
        Image.fromarray(_photo(offset + i)).save(folder / f"p{i:05d}.jpg", quality=90)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one, range(n)))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--normal", type=int, default=10_000)
    p.add_argument("--new", type=int, default=1_000)
    p.add_argument("--work", default=None)
    args = p.parse_args()
    import torch

    torch.set_num_threads(2)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench_inspect_scale_"))
    os.environ.setdefault("BADBATCH_HOME", str(work / "home"))
    from badbatch_gui.core.config import InspectConfig
    from badbatch_gui.core.inspect.check import check_photos
    from badbatch_gui.core.inspect.duplicates import near_duplicate_groups
    from badbatch_gui.core.inspect.folder_map import folder_map
    from badbatch_gui.core.inspect.index import build_index
    from badbatch_gui.core.inspect.model import InspectModel, untrained_twin, weights_fingerprint
    from badbatch_gui.core.inspect.neighbours import similar_photos
    from badbatch_gui.core.inspect.normal_model import fit_normal
    from badbatch_gui.core.nets.models import build_model, encoder_config
    from badbatch_gui.core.paths import app_paths

    t = time.perf_counter()
    if not (work / "normal").exists():
        write(work / "normal", args.normal, 0)
        write(work / "new", args.new, 10**6)
    say(f"wrote {args.normal} + {args.new} photos in {time.perf_counter() - t:.0f} s")
    net = build_model()
    base = InspectModel(
        net.backbone.eval(), 96, weights_fingerprint(net.backbone, 96), "random", "file", encoder_config(net)
    )
    model = untrained_twin(base, "standard", 0)
    cache = app_paths().cache_dir  # BADBATCH_HOME, set above
    rows = []

    def timed(name: str, n: int, fn):
        t0 = time.perf_counter()
        out = fn()
        s = time.perf_counter() - t0
        rows.append((name, s, n))
        say(f"{name}: {s:.1f} s ({1e3 * s / max(n, 1):.2f} ms per photo)")
        return out

    index = timed(
        "index the normal folder, cold",
        args.normal,
        lambda: build_index(model, work / "normal", cache_dir=cache, device="cpu"),
    )
    timed(
        "index it again, nothing changed",
        args.normal,
        lambda: build_index(model, work / "normal", cache_dir=cache, device="cpu"),
    )
    timed("photos like this one (k = 12)", args.normal, lambda: similar_photos(model, index, index.paths[0], 12))
    timed("near-duplicate groups", args.normal, lambda: near_duplicate_groups(index, 0.95))
    timed("2-D map", args.normal, lambda: folder_map(index))
    normal = timed(
        "learn the normal photos",
        min(args.normal, InspectConfig().memory_photos),
        lambda: fit_normal(model, index, InspectConfig(device="cpu"), cache_dir=cache),
    )
    result = timed("check the new folder", args.new, lambda: check_photos(model, normal, work / "new", device="cpu"))
    mem = normal.memory
    say(
        f"patch memory: {len(mem.features)} patches x {mem.features.shape[1]} values = {mem.nbytes / 1e6:.1f} MB "
        f"from {len(mem.photos)} photos; whole normal model {normal.nbytes / 1e6:.1f} MB; index "
        f"{(index.embeddings.nbytes + index.measurements.nbytes) / 1e6:.1f} MB; frame {normal.frame}, grid {normal.grid}"
    )
    total = sum(s for name, s, _ in rows if "again" not in name)
    say(f"total (cold index, learn, check): {total / 60:.1f} min; {result.summary()}")


if __name__ == "__main__":
    main()
