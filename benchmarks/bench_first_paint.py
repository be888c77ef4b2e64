"""Time from process start to the main window's first paint (target: under 1.5 s), torch not yet imported.

Each run starts a fresh process (``badbatch-gui --exit-after-paint`` via ``app.main``) offscreen, in a temporary
app home, which prints the wall-clock time of its first paint and whether torch was in ``sys.modules`` then.
For scale, the same number of ``python -c "import torch"`` runs are interleaved with them.
Prints medians over ``--repeat`` runs (≥ 5). Not a test: timings on shared machines vary a lot.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = "import sys; from badbatch_gui.gui.app import main; sys.exit(main(['--exit-after-paint']))"
TORCH = "import time, torch; print('DONE', time.time())"


def _run(code: str, env: dict[str, str], marker: str) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith(marker)), None)
    if out.returncode != 0 or line is None:
        raise SystemExit(f"run failed ({out.returncode}): {out.stdout[-500:]} {out.stderr[-2000:]}")
    return float(line.split()[1]) - start, line


def main() -> int:
    """Run the benchmark and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    paint, torch_import, in_main, torch_seen = [], [], [], []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BADBATCH_HOME": home}
        _run(APP, env, "FIRST_PAINT")  # warm the file cache once, not counted
        for _ in range(max(5, args.repeat)):
            seconds, line = _run(APP, env, "FIRST_PAINT")
            paint.append(seconds)
            fields = dict(f.split("=") for f in line.split()[2:])
            in_main.append(float(fields["in_main_s"]))
            torch_seen.append(fields["torch_loaded"] == "True")
            torch_import.append(_run(TORCH, env, "DONE")[0])
    med = statistics.median(paint)
    sys.stdout.write(
        f"first paint, process start -> painted window: median {med:.3f} s "
        f"(min {min(paint):.3f}, max {max(paint):.3f}, n={len(paint)}); target < 1.5 s: "
        f"{'met' if med < 1.5 else 'NOT met'}\n"
        f"  of which inside app.main(): median {statistics.median(in_main):.3f} s\n"
        f"  torch imported at first paint: {'YES (bad)' if any(torch_seen) else 'no'}\n"
        f"for scale, python -c 'import torch' alone: median {statistics.median(torch_import):.3f} s "
        f"(ratio first paint / torch import = {med / statistics.median(torch_import):.2f})\n"
    )
    return 0 if not any(torch_seen) else 1


if __name__ == "__main__":
    sys.exit(main())
