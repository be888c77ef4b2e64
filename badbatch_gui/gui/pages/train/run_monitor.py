"""RunMonitor: the Train page's right side — what a run reports, as it happens and afterwards.

Message banner, progress row, live plots and the three run figures above; the Log and the Runs list in tabs
below. The page connects its running worker's typed signals to these slots (``show_notice``, ``show_phase``,
``log_epoch``, ``log_checkpoint``) and hands on the rest (steps, pause, how the run ended).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import is_trial
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.gui.pages.train.log_view import LogView
from badbatch_gui.gui.pages.train.run_list import RunList
from badbatch_gui.gui.pages.train.run_progress import RunProgress
from badbatch_gui.gui.pages.train.training_plots import TrainingPlots
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text import run_text, sentences, train_text
from badbatch_gui.gui.widgets.run_summary import RunSummaryView
from badbatch_gui.gui.widgets.status_banner import StatusBanner


class RunMonitor(QWidget):
    """Banner, progress, plots and figures of the page's run; its log and the list of runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = StatusBanner(self)
        self.progress = RunProgress(self)
        self.plots = TrainingPlots(self)
        self.summary = RunSummaryView(self)
        self.log_view = LogView(self)
        self.run_list = RunList(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("trainTabs")
        self.tabs.addTab(self.log_view, self.tr("Log"))
        self.tabs.addTab(self.run_list, self.tr("Runs"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(split)
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.banner)
        top_lay.addWidget(self.progress)
        top_lay.addWidget(self.plots, 1)
        self.report_button = QPushButton(self.tr("Report…"), top)
        self.report_button.setObjectName("trainReportButton")
        self.report_button.setToolTip(
            self.tr(
                "Save the report of the run shown as a PDF to hand over: the photos "
                "used and left out, the time and memory it took, its loss curve, "
                "settings and export."
            )
        )
        self.report_button.setEnabled(False)
        figures = QHBoxLayout()
        figures.addWidget(self.summary, 1)
        figures.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignBottom)
        top_lay.addLayout(figures)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 180])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.last_metrics: ev.StepMetrics | None = None
        self._peak = 0
        self._bad_loss_notice: str | None = None
        self._warnings: list[str] = []

    def reset(self) -> None:
        """Another folder was opened: forget the curves, figures and messages shown for the last one (the log
        and the Runs list stay: they are about every run).
        """
        self.last_metrics, self._peak, self._bad_loss_notice, self._warnings = None, 0, None, []
        self.plots.clear()  # the plots' own reset (training_plots.TrainingPlots.clear)
        self.summary.clear()
        self.banner.clear()
        self.progress.reset()

    def begin(self, message: str) -> None:
        """A run starts (or resumes): forget the last run's figures and messages; log ``message``."""
        self.last_metrics, self._peak, self._bad_loss_notice, self._warnings = None, 0, None, []
        self.banner.clear()
        self.log_view.add(message)

    def show_steps(
        self, steps: list[ev.StepMetrics], images_used: int | None, n_folder: int | None, left_out: str
    ) -> None:
        """Plot new steps; show the progress and the figures so far (photos used of ``n_folder`` in the folder,
        ``left_out`` the sentence on the photos left out).
        """
        self.plots.add_many(steps)
        m = self.last_metrics = steps[-1]
        self.progress.set_step(m.step, m.total_steps, m.eta_s)
        used = m.cuda_allocated if m.cuda_allocated is not None else m.rss_bytes
        self._peak = max(self._peak, int(used or 0))
        self.summary.set_summary(
            {
                "train_time_s": m.elapsed_s,
                "peak_memory_bytes": self._peak or None,
                "memory_kind": "cuda" if m.cuda_allocated is not None else "cpu_rss",
                "images_used": images_used,
                "rejected_batches": m.rejected_batches,
            },
            n_images=n_folder,
            live=True,
            left_out=left_out,
        )

    @Slot(object)
    def show_notice(self, notice: ev.Notice) -> None:
        """A core notice in the operator's words: in the log, and on the banner unless it is only information."""
        cuda = self.last_metrics is not None and self.last_metrics.cuda_allocated is not None
        text = pm.notice_text(notice.code, notice.message, {"device": "cuda" if cuda else "cpu", **notice.data})
        if notice.code in pm.NAN_CODES:
            self._bad_loss_notice = text
        if notice.level != "info":
            self._warnings.append(text)
            self.banner.show_message(text, notice.level)
        self.log_view.add(text, notice.level)

    @Slot(object)
    def show_phase(self, progress: ev.Progress) -> None:
        """What the preparation is doing."""
        self.progress.set_state_text(progress.message or self.tr("Preparing…"))

    @Slot(object)
    def log_epoch(self, epoch: ev.EpochEnded) -> None:
        """A pass over the photos ended: a log line, and its loss over all photos on the plot."""
        self.log_view.add(train_text.epoch_line(epoch))
        self.plots.add_epoch(epoch)

    @Slot(object)
    def log_checkpoint(self, saved: ev.CheckpointSaved) -> None:
        """Progress was saved."""
        self.log_view.add(train_text.checkpoint_line(saved))

    def completed(self, run_dir: Path | None, n_folder: int | None) -> None:
        """The run finished: say so, how its loss ended, and what happened on the way (e.g. a batch size change)."""
        self.log_view.add(self.tr("Training finished."))
        text = self.tr("Training finished. You can export the encoder on the Export step.")
        info = runs.run_info(run_dir) if run_dir is not None else None
        verdict = train_text.loss_outcome_text(info.summary) if info is not None and info.summary else ""
        if verdict:
            text = sentences.join(text, verdict)
            self.log_view.add(verdict)
        if run_dir is not None and is_trial((runs.read_json(run_dir / runs.RUN_JSON) or {}).get("config") or {}):
            text = sentences.join(text, run_text.trial_sentence())  # a Quick check run is a trial (issue 19)
        if self._warnings:
            text += "\n" + "\n".join(dict.fromkeys(self._warnings))
        self.banner.show_message(text, "warning" if self._warnings else "info")
        self.show_final_summary(run_dir, n_folder)

    def canceled(self, run_dir: Path | None, n_folder: int | None) -> None:
        """The run stopped at the operator's request (its progress is saved)."""
        self.log_view.add(self.tr("Stopped. Progress is saved; choose the run in Runs and press Resume to continue."))
        self.show_final_summary(run_dir, n_folder)

    def failed(self, message: str, run_dir: Path | None) -> str:
        """The run failed: show why (a bad loss names its batch) and return that sentence."""
        record = runs.read_run_record(run_dir) if run_dir is not None else None
        text = self._bad_loss_notice or pm.nan_text_from_record(record) or message
        self.banner.show_message(text, "error")
        self.log_view.add(text, "error")
        return text

    def show_final_summary(self, run_dir: Path | None, n_folder: int | None) -> None:
        """The figures as the run recorded them."""
        self.plots.flush()
        info = runs.run_info(run_dir) if run_dir is not None else None
        if info is not None and info.summary:
            self.summary.set_summary(
                info.summary, n_images=n_folder, left_out=run_text.left_out_sentence(info.left_out)
            )

    def show_recorded(self, info: Any) -> None:
        """Replay a recorded run's curves and show its figures (a RunInfo)."""
        self.plots.load_columns(runs.read_metrics(Path(info.run_dir)))
        self.summary.set_summary(
            info.summary, n_images=info.summary.get("images_used"), left_out=run_text.left_out_sentence(info.left_out)
        )
