"""GUI-thread lateness while training runs in the background (issue 7: p99 under 50 ms).

A QTimer fires every 10 ms in the GUI thread and records how late each firing is (time since the previous
firing minus 10 ms). The Train page is shown (offscreen) with its four live plots. Three conditions are
interleaved in each of ``--repeats`` rounds:

- ``idle``: nothing runs (the floor of this machine, shared with other work);
- ``training``: a real tiny CPU training of the demo folder in a TrainWorker, driven by the page;
- ``fast feed``: a worker thread sends StepMetrics as fast as a big GPU would (``--rate`` steps/s) through
  the same batching as TrainWorker, so the plots grow to tens of thousands of points; this is the page's
  worst case, which a CPU run never reaches.

A first, cold training run (the worker imports the trainer modules) is reported on its own line and left out
of the pooled figures. Prints p50 / p99 / max lateness per condition (pooled over rounds) and per round.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_latency.py [--repeats 5] [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["BADBATCH_HOME"] = tempfile.mkdtemp(prefix="bench_gui_latency_")

import numpy as np

from badbatch_gui.gui import pyside_fixes

pyside_fixes.apply()

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 10


class LatenessProbe:
    """A 10 ms precise timer in the GUI thread recording its own lateness (seconds)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._clock = QElapsedTimer()
        self._last = 0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    def start(self) -> None:
        self.samples = []
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._timer.start()

    def stop(self) -> np.ndarray:
        self._timer.stop()
        return np.asarray(self.samples, dtype=np.float64)

    def _on_tick(self) -> None:
        now = self._clock.nsecsElapsed()
        self.samples.append(max(0.0, (now - self._last) / 1e9 - TICK_MS / 1000))
        self._last = now


def pump(seconds: float, until=None) -> None:
    """Run a real (sleeping) event loop for ``seconds``, or until ``until()`` is true (checked every 20 ms)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    check = QTimer()
    if until is not None:
        check.timeout.connect(lambda: until() and loop.quit())
        check.start(20)
    loop.exec()
    check.stop()


def fast_feed(page, rate: float, seconds: float) -> threading.Thread:
    """A thread that emits StepMetrics at ``rate`` per second into the page, batched like TrainWorker."""
    from badbatch_gui.core.config import TrainConfig
    from badbatch_gui.core.events import StepMetrics
    from badbatch_gui.gui.tasks.train_workers import TrainWorker

    worker = TrainWorker(TrainConfig(), Path("."), Path("."))  # only its signals are used: no trainer
    worker.metrics.connect(page._on_metrics)
    start_step = int(page.plots.loss.buffer("raw").n) + 1

    def run() -> None:
        t0 = time.perf_counter()
        step = start_step
        rng = np.random.default_rng(0)
        while time.perf_counter() - t0 < seconds:
            for _ in range(max(1, int(rate / 100))):
                worker.on_event(
                    StepMetrics(
                        step=step,
                        total_steps=10**7,
                        epoch=0,
                        epochs=100,
                        loss=float(rng.random()),
                        lr=1e-3,
                        images_per_s=5000.0,
                        batch_frd=1.0,
                        frd_threshold=2.0,
                        rejected_batches=step // 500,
                        batch_size=32,
                        eta_s=100.0,
                        elapsed_s=time.perf_counter() - t0,
                        cuda_allocated=2 << 30,
                        cuda_reserved=3 << 30,
                        cuda_total=8 << 30,
                    )
                )
                step += 1
            time.sleep(0.01)
        worker.steps.flush()

    thread = threading.Thread(target=run, name="fast-feed")
    thread._keep = worker  # type: ignore[attr-defined]  # the worker lives as long as its thread
    thread.start()
    return thread


def thread_done(thread: threading.Thread):
    """A check for :func:`pump`: the thread has ended."""
    return lambda: not thread.is_alive()


def stats(x: np.ndarray) -> str:
    ms = x * 1000
    return (
        f"p50 {np.percentile(ms, 50):6.2f} ms   p99 {np.percentile(ms, 99):6.2f} ms   max {ms.max():7.2f} ms"
        f"   (n={len(ms)})"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=6.0, help="length of each idle / fast-feed window")
    ap.add_argument("--epochs", type=int, default=3, help="passes of each tiny training (64 photos, batch 8)")
    ap.add_argument("--rate", type=float, default=2000.0, help="fast-feed steps per second")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(1)
    app = QApplication(sys.argv[:1])  # noqa: F841 - kept alive for the run
    from badbatch_gui.core.data.demo import write_demo_folder
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.controller import AppController
    from badbatch_gui.gui.pages.train.page import TrainPage

    folder = Path(os.environ["BADBATCH_HOME"]) / "demo"
    write_demo_folder(folder, n_images=64, seed=0)
    controller = AppController(AppSettings(), app_paths().ensure())
    controller.show_error = lambda message, details: print("error:", message, file=sys.stderr)
    controller.open_folder(folder)
    pump(120, until=lambda: controller.scan is not None and not controller.tasks.busy)
    page = TrainPage(controller)
    page.resize(1280, 800)
    page.show()
    s = page.forecast.settings
    s.set_preset("quick_check")
    s.set_values(batch_size=8, epochs=args.epochs, image_size=32)
    probe = LatenessProbe()
    results: dict[str, list[np.ndarray]] = {"idle": [], "training": [], "fast feed": []}
    steps_trained = []
    print(
        f"PySide6 offscreen, Python {sys.version.split()[0]}, torch {torch.__version__}, "
        f"{os.cpu_count()} CPU cores; {args.repeats} interleaved rounds"
    )
    # Warm-up (reported, not pooled): the first training of a session imports the trainer modules in the
    # worker thread; in the app the device probe and the memory forecast have done that before Start.
    probe.start()
    assert page.start(), "training did not start"
    pump(900, until=lambda: not controller.tasks.busy)
    print(f"cold first run (imports in the worker): {stats(probe.stop())}")
    for r in range(args.repeats):
        probe.start()
        pump(args.seconds)
        results["idle"].append(probe.stop())

        assert page.start(), "training did not start"
        probe.start()
        pump(900, until=lambda: not controller.tasks.busy)
        results["training"].append(probe.stop())
        steps_trained.append(page.plots.loss.point_count("raw"))

        page.plots.clear()
        probe.start()
        thread = fast_feed(page, args.rate, args.seconds)
        pump(args.seconds + 30, until=thread_done(thread))
        thread.join()
        pump(0.3)
        results["fast feed"].append(probe.stop())
        points = page.plots.loss.point_count("raw")
        print(
            f"round {r + 1}: "
            + " | ".join(f"{k} p99 {np.percentile(v[-1], 99) * 1000:.1f} ms" for k, v in results.items())
            + f"  (training {steps_trained[-1]} steps, fast feed {points} points"
            f" at {points / args.seconds:.0f}/s, {page.plots.loss.redraws} redraws so far)"
        )
    print()
    for k, v in results.items():
        print(f"{k:10s} {stats(np.concatenate(v))}")
    ratio = np.percentile(np.concatenate(results["training"]), 99) / max(
        1e-6, np.percentile(np.concatenate(results["idle"]), 99)
    )
    print(f"p99 training / idle: {ratio:.1f}x")
    controller.shutdown(60000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
