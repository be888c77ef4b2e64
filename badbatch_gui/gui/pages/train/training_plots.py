"""TrainingPlots: the Train page's four live plots (loss, images/s, memory, skipped batches).

The loss plot (the same measure for every method, core/training/methods/losses.py ``monitor``) has, besides each step's value
and its smoothed curve: the **global loss over all photos**, one point per pass (the objective itself, from the
embeddings each photo got in that pass, core/training/methods/global_loss.py, on the per-step scale); a dotted line at the
**start** (the untrained encoder, core/training/methods/loss_reading.py); and a dashed line where **all photos look alike**
(a collapsed encoder, log(2B - 2)).

Built from :class:`~badbatch_gui.gui.pages.train.live_plot.LivePlot` sharing one
:class:`~badbatch_gui.gui.pages.train.live_plot.RedrawPacer`; fed StepMetrics and EpochEnded events, or a recorded
run's columns for replay.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from badbatch_gui.core.events import EpochEnded, StepMetrics
from badbatch_gui.core.training.methods.loss_reading import START_STEPS, smooth_losses
from badbatch_gui.gui.pages.train.live_plot import LivePlot, RedrawPacer, SeriesBuffer


class TrainingPlots(QWidget):
    """The Train page's four plots: loss (see the module docstring), images/s, memory, rejected batches.

    Feed it StepMetrics with :meth:`add_many` and each pass's EpochEnded with :meth:`add_epoch`, or a recorded run's
    columns (``core.training.run_folder.runs.read_metrics``) with :meth:`load_columns`. Points are converted to columns once per
    batch, so ingesting costs microseconds per step. The x-axis is the step; wall time is in the tooltip.
    """

    FIELDS = (
        "step",
        "loss",
        "images_per_s",
        "elapsed_s",
        "cuda_allocated",
        "cuda_reserved",
        "cuda_total",
        "rss_bytes",
        "rejected_batches",
        "skipped",
        "chance_loss",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPlots")
        self.pacer = RedrawPacer(self)
        gib = self.tr("GB")
        self.loss = LivePlot(self.tr("Loss (lower is better)"), self.tr("loss"), self, self.pacer)
        self.loss.add_curve("raw", self.tr("each step"), "raw")
        self.loss.add_curve("smooth", self.tr("smoothed"), "smooth")
        self.loss.add_curve("global", self.tr("all photos, per pass"), "global", points=True)
        self.loss.add_hline("start", self.tr("at the start"), "start", Qt.PenStyle.DotLine)
        self.loss.add_hline("chance", self.tr("all photos alike — collapsed"), "forecast")
        self.speed = LivePlot(self.tr("Speed"), self.tr("images per second"), self, self.pacer)
        self.speed.add_curve("speed", self.tr("images/s"), "speed")
        self.memory = LivePlot(self.tr("Memory in use"), gib, self, self.pacer)
        self.memory.add_curve("allocated", self.tr("graphics card: used"), "allocated")
        self.memory.add_curve("reserved", self.tr("graphics card: reserved"), "reserved", Qt.PenStyle.DashLine)
        self.memory.add_curve("rss", self.tr("computer memory (this app)"), "rss")
        self.memory.add_hline("total", self.tr("capacity"), "limit")
        self.memory.add_hline("forecast", self.tr("forecast"), "forecast")
        self.rejected = LivePlot(self.tr("Batches skipped as unrepresentative"), self.tr("batches"), self, self.pacer)
        self.rejected.add_curve("rejected", self.tr("skipped so far"), "rejected")
        self.rejected.set_count_axis()
        for i, plot in enumerate((self.loss, self.speed, self.memory, self.rejected)):
            plot.setObjectName(("lossPlot", "speedPlot", "memoryPlot", "rejectedPlot")[i])
            plot.time_at = self._time_at
        self.loss.setToolTip(
            self.tr(
                "How well the encoder tells photos apart; lower is better, and it is the same measure for every method. "
                "The thin line is each training step's value, measured on that step's batch only; the dark line smooths "
                "it. The dots are the same measure over all photos at once, computed after each pass from what the "
                "network gave every photo during that pass: the quantity training minimises, and far steadier. Compare "
                "the dots with one another, not with the thin line: they are measured differently. In the first passes, "
                "while the network still changes quickly, the dots read low, because they mix results from across the "
                "pass. The "
                "dotted line is the value at the start, before the encoder learned anything. The dashed line is what an "
                "encoder scores when it sees all photos alike (a collapsed encoder). A healthy run falls well below the "
                "start and stays below the dashed line. Values below zero are normal: they mean the two views of a photo "
                "are much closer than any other photo."
            )
        )
        self.speed.setToolTip(self.tr("How many photos training processes per second."))
        self.memory.setToolTip(self.tr("Memory used by training, against what the device has."))
        self.rejected.setToolTip(
            self.tr("Batches that looked unlike the rest of the folder and were not trained on (curation).")
        )
        self._time = SeriesBuffer()
        self._ema: tuple[float, float] | None = None  # (decayed sum, decayed weight) of the smoothing
        self._start: list[float] = []  # the first START_STEPS trained steps' losses (the start line)
        self._last_step = -1.0
        self._cuda: bool | None = None
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.loss, 0, 0)
        lay.addWidget(self.speed, 0, 1)
        lay.addWidget(self.memory, 1, 0)
        lay.addWidget(self.rejected, 1, 1)
        self._show_memory_kind(cuda=False)

    def plots(self) -> tuple[LivePlot, ...]:
        """All four plots."""
        return (self.loss, self.speed, self.memory, self.rejected)

    def clear(self) -> None:
        """Start over (new run)."""
        for plot in self.plots():
            plot.clear()
        self._time.clear()
        self._ema, self._last_step, self._cuda = None, -1.0, None
        self._start = []

    def add_many(self, steps: Sequence[StepMetrics]) -> None:
        """Add steps (a batch of the training worker's ``metrics``)."""
        if not steps:
            return
        cols = {k: np.array([_num(getattr(m, k)) for m in steps], dtype=np.float64) for k in self.FIELDS}
        self.load_columns(cols, replace=False)

    def add_epoch(self, epoch: EpochEnded) -> None:
        """A pass ended: its global loss over all photos becomes one point, at the pass's last step."""
        value = _num(epoch.global_loss_on_step_scale)
        if math.isfinite(value) and epoch.step is not None:
            self.loss.append("global", float(epoch.step), value)

    def load_columns(self, cols: dict[str, np.ndarray], replace: bool = True) -> None:
        """Add (or with ``replace``, show only) steps given as columns: float64 arrays, NaN where missing —
        the format of ``core.training.run_folder.runs.read_metrics`` (its ``epoch_*`` columns are ignored).

        Shape:
            each column (n_steps,).
        """
        if replace:
            self.clear()
        step = np.asarray(cols.get("step", ()), dtype=np.float64)
        if step.size == 0:
            return
        nan = np.full(step.shape, np.nan)
        col = {k: np.asarray(cols[k], dtype=np.float64) if k in cols else nan for k in self.FIELDS}
        if step[0] <= self._last_step:  # a resumed run redoes the steps after its last checkpoint
            self._ema = None
        self._last_step = float(step[-1])
        self._time.extend(step, np.nan_to_num(col["elapsed_s"]))
        trained = col["skipped"] != 1.0
        loss = np.where(trained, col["loss"], np.nan)
        self.loss.extend("raw", step, loss)
        self.loss.extend("smooth", step, self._smooth(loss))
        if len(self._start) < START_STEPS:  # the start line: the same rule as core/training/methods/loss_reading.py
            self._start += [v for v in loss.tolist() if math.isfinite(v)][: START_STEPS - len(self._start)]
            self.loss.set_hline("start", float(np.mean(self._start)) if self._start else None)
        if replace:
            self._load_epochs(cols)
        chance = col["chance_loss"][np.isfinite(col["chance_loss"])]
        if chance.size:
            self.loss.set_hline("chance", float(chance[-1]))
        self.speed.extend("speed", step, np.where(trained, col["images_per_s"], np.nan))
        gib = float(2**30)
        if np.isfinite(col["cuda_allocated"]).any():
            self._show_memory_kind(cuda=True)
            self.memory.extend("allocated", step, col["cuda_allocated"] / gib)
            self.memory.extend("reserved", step, col["cuda_reserved"] / gib)
            total = col["cuda_total"][np.isfinite(col["cuda_total"])]
            if total.size:
                self.memory.set_hline("total", float(total[-1]) / gib)
        elif np.isfinite(col["rss_bytes"]).any():
            self._show_memory_kind(cuda=False)
            self.memory.extend("rss", step, col["rss_bytes"] / gib)
        self.rejected.extend("rejected", step, col["rejected_batches"])
        if replace:
            self.flush()

    def _load_epochs(self, cols: dict[str, np.ndarray]) -> None:
        """The per-pass global-loss points of a recorded run (``epoch_step``, ``epoch_global_loss_on_step_scale``)."""
        steps = np.asarray(cols.get("epoch_step", ()), dtype=np.float64)
        values = np.asarray(cols.get("epoch_global_loss_on_step_scale", np.full(steps.shape, np.nan)), dtype=np.float64)
        if steps.size and values.shape == steps.shape:
            self.loss.extend("global", steps, values)

    def set_memory_forecast(self, nbytes: int | None) -> None:
        """Draw the forecast peak as a dashed line on the memory plot (None hides it)."""
        self.memory.set_hline("forecast", nbytes / 2**30 if nbytes else None)

    def flush(self) -> None:
        """Redraw every plot now."""
        self.pacer.flush()
        for plot in self.plots():
            plot.redraw()

    def _smooth(self, loss: np.ndarray) -> np.ndarray:
        """The smoothed curve (``loss_reading.smooth_losses``, the run report's too), continuing from the previous
        batch of points.

        Shape:
            loss: (k,) with NaN for skipped steps -> (k,) NaN where ``loss`` is NaN.
        """
        out, self._ema = smooth_losses(loss.tolist(), self._ema)
        return np.asarray(out, dtype=np.float64)

    def _time_at(self, step: float) -> float | None:
        return self._time.y_at(step)

    def _show_memory_kind(self, cuda: bool) -> None:
        if self._cuda is cuda:
            return
        self._cuda = cuda
        self.memory.set_curve_visible("allocated", cuda)
        self.memory.set_curve_visible("reserved", cuda)
        self.memory.set_curve_visible("rss", not cuda)


def _num(v: float | int | bool | None) -> float:
    """A float for a column (None -> NaN, bools -> 0/1)."""
    return math.nan if v is None else float(v)
