"""What the patch check's settings cost: the release before (96 px, ``layer2``+``layer3``, 40,000 patches) against
the default now (160 px, ``layer1``-``layer3``, 20,000 patches), side by side on the same photos.

Writes ``--normal`` and ``--new`` synthetic 320 × 240 JPEGs (``bench_inspect_scale``'s textures: the timings do not
depend on what the photos show), indexes the normal folder once, then per repeat and per setting (interleaved, the
order alternating) learns the normal photos (``fit_normal``, no cache) and checks the new folder
(``check_photos``), with an untrained ResNet-18 (the same arithmetic as a trained one). Prints the medians of seconds
per photo, their ratio, and the patch memory's size. Quality is ``bench_inspect.py``'s business, not this script's.

    python benchmarks/bench_inspect_settings.py [--normal 200] [--new 100] [--repeats 3] [--threads 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_inspect_scale import say, write


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--normal", type=int, default=200)
    p.add_argument("--new", type=int, default=100)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--work", default=None)
    args = p.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    from badbatch_gui.core.config import InspectConfig
    from badbatch_gui.core.inspect.check import check_photos
    from badbatch_gui.core.inspect.index import build_index
    from badbatch_gui.core.inspect.model import InspectModel, weights_fingerprint
    from badbatch_gui.core.inspect.normal_model import fit_normal
    from badbatch_gui.core.nets.models import build_model, encoder_config

    work = Path(args.work or tempfile.mkdtemp(prefix="bench_inspect_settings_"))
    write(work / "normal", args.normal, 0)
    write(work / "new", args.new, 10**6)
    torch.manual_seed(0)
    net = build_model()
    model = InspectModel(
        net.backbone.eval().requires_grad_(False),
        96,
        weights_fingerprint(net.backbone, 96),
        "untrained",
        "untrained",
        encoder_config(net),
    )
    index = build_index(model, work / "normal", cache_dir=work / "cache", device="cpu")
    settings = {
        "before (96 px, layer2+3, 40k)": InspectConfig(
            image_size=96, layers=("layer2", "layer3"), max_patches=40_000, device="cpu"
        ),
        "now (160 px, layer1-3, 20k)": InspectConfig(device="cpu"),
    }
    times: dict[str, dict[str, list[float]]] = {k: {"learn": [], "check": []} for k in settings}
    memory: dict[str, float] = {}
    for r in range(args.repeats):
        for name in list(settings) if r % 2 == 0 else list(reversed(settings)):
            cache = work / f"cache-{r}-{len(memory)}-{name[:3]}"
            t0 = time.perf_counter()
            normal = fit_normal(model, index, settings[name], cache_dir=cache)
            t1 = time.perf_counter()
            check_photos(model, normal, work / "new", device="cpu")
            t2 = time.perf_counter()
            times[name]["learn"].append((t1 - t0) / len(normal.normal_paths))
            times[name]["check"].append((t2 - t1) / args.new)
            memory[name] = normal.memory.nbytes / 1e6
            say(
                f"repeat {r} {name}: learn {times[name]['learn'][-1]:.3f} s/photo, check "
                f"{times[name]['check'][-1]:.3f} s/photo, frame {normal.frame}, grid {normal.grid}, "
                f"{len(normal.memory.features)} patches"
            )
    say(f"\n{args.normal} normal, {args.new} new photos, {args.repeats} repeats, {args.threads} thread(s); medians")
    say("| setting | learn the normal photos, s/photo | check, s/photo | patch memory |")
    say("|---|---|---|---|")
    for name in settings:
        say(
            f"| {name} | {statistics.median(times[name]['learn']):.3f} | {statistics.median(times[name]['check']):.3f}"
            f" | {memory[name]:.1f} MB |"
        )
    a, b = list(settings)
    say(
        f"Ratio now / before: learn {statistics.median(times[b]['learn']) / statistics.median(times[a]['learn']):.2f}"
        f", check {statistics.median(times[b]['check']) / statistics.median(times[a]['check']):.2f}"
    )


if __name__ == "__main__":
    main()
