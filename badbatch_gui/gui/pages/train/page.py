"""Step 3, Train: presets and memory forecast on the left; live plots, run figures, log and run history on the
right. Training runs in a TrainWorker (or, on several GPUs, a MultiGpuTrainWorker) started by the controller;
the page connects its result slots to the worker's typed signals; Pause / Stop call its RunControl directly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.training import runs
from badbatch_gui.gui.pages.train.forecast_panel import ForecastPanel
from badbatch_gui.gui.pages.train.leave_out_row import LeaveOutRow
from badbatch_gui.gui.pages.train.log_view import LogView
from badbatch_gui.gui.pages.train.run_list import RunList
from badbatch_gui.gui.pages.train.run_progress import RunProgress
from badbatch_gui.gui.pages.train.run_status import RunStatus
from badbatch_gui.gui.pages.train.training_plots import TrainingPlots
from badbatch_gui.gui.tasks.train_workers import TrainingWorker, TrainWorker
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text import run_text, train_text
from badbatch_gui.gui.widgets.run_summary import RunSummaryView
from badbatch_gui.gui.widgets.status_banner import StatusBanner

log = logging.getLogger(__name__)
TASK = "train"


class TrainPage(QWidget):
    """The Train step.

    Signals (the main window connects them):
        export_requested(object): show the Export page with this run folder (Path) chosen.
        go_to_step(int): show another step (0-based), e.g. the Batch check to review the flagged photos.
    """

    export_requested = Signal(object)
    go_to_step = Signal(int)

    def __init__(self, controller: Any) -> None:
        super().__init__()
        self.setObjectName("trainPage")
        self.controller = controller
        self.worker: TrainingWorker | None = None
        self.run_dir: Path | None = None
        self._core_state = ev.RunState.IDLE  # what the run's last StateChanged said
        self._peak = 0
        self._n_images: int | None = None  # photos this run trains on
        self._total: int | None = None  # usable photos in the folder
        self._excluded = 0
        self._last_metrics: ev.StepMetrics | None = None
        self._bad_loss_notice: str | None = None
        self._warnings: list[str] = []

        self.forecast = ForecastPanel(controller, self)
        self.start_button = _button(self, "trainStartButton", self.tr("Start training"),
                                         self.tr("Check the memory, then start training with these settings."))
        self.pause_button = _button(self, "trainPauseButton", self.tr("Pause"),
                                         self.tr("Pause after the current step; nothing is lost."))
        self.resume_button = _button(self, "trainResumeButton", self.tr("Resume"),
                                          self.tr("Continue the paused run, or the interrupted run chosen in Runs."))
        self.stop_button = _button(self, "trainStopButton", self.tr("Stop"),
                                        self.tr("Stop and save progress; you can resume the run later."))
        self.data_label = QLabel(self, objectName="trainDataLabel", wordWrap=True)
        self.leave_out = LeaveOutRow(controller, self)
        self.leave_out.review_requested.connect(self._on_review_flagged)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(b)
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.addWidget(self.forecast)
        left_lay.addWidget(self.leave_out)
        left_lay.addWidget(self.data_label)
        left_lay.addLayout(buttons)
        left_lay.addStretch(1)
        scroll = QScrollArea(self, widgetResizable=True, minimumWidth=340)
        scroll.setWidget(left)

        self.banner = StatusBanner(self)
        self.progress = RunProgress(self)
        self.plots = TrainingPlots(self)
        self.summary = RunSummaryView(self)
        self.log_view = LogView(self)
        self.run_list = RunList(self)
        self.tabs = QTabWidget(self, objectName="trainTabs")
        self.tabs.addTab(self.log_view, self.tr("Log"))
        self.tabs.addTab(self.run_list, self.tr("Runs"))
        right = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(right)
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.banner)
        top_lay.addWidget(self.progress)
        top_lay.addWidget(self.plots, 1)
        top_lay.addWidget(self.summary)
        right.addWidget(top)
        right.addWidget(self.tabs)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([560, 180])
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(split)

        self.start_button.clicked.connect(self._on_start_clicked)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.forecast.forecast_ready.connect(self._on_forecast_ready)
        self.forecast.settings.changed.connect(self._on_data_changed)
        self.run_list.show_requested.connect(self.show_run)
        self.run_list.resume_requested.connect(self.resume_run)
        self.run_list.export_requested.connect(self._on_export_requested)
        self.run_list.refresh_requested.connect(self.refresh_runs)
        self.run_list.run_selected.connect(lambda _info: self._update_buttons())
        controller.busy_changed.connect(self._on_busy_changed)
        controller.scan_changed.connect(self._on_data_changed)
        controller.decisions_changed.connect(self._on_data_changed)
        controller.report_changed.connect(self._on_data_changed)
        controller.folder_changed.connect(self._on_data_changed)
        controller.device_ready.connect(self._on_device_ready)
        if controller.device_info:
            self._on_device_ready(controller.device_info)
        self._on_data_changed()
        self.refresh_runs()

    # ------------------------------------------------------------------ public actions
    def training_config(self) -> TrainConfig:
        """The settings as a TrainConfig, with the operator's rejected photos excluded."""
        exclude = self.controller.decisions.rejected_paths() if self.controller.decisions is not None else ()
        return self.forecast.settings.config(exclude=tuple(exclude))

    def start(self) -> bool:
        """Start a new run on the current folder now (no forecast). False and a banner when impossible."""
        folder = self.controller.folder
        if folder is None or self.controller.scan is None:
            self.banner.show_message(self.tr("Open a folder of photos on the Images step first."), "warning")
            return False
        if not Path(folder).is_dir():
            self.banner.show_message(pm.folder_missing_text(folder), "error")
            return False
        try:
            config = self.training_config()
            run_dir = runs.new_run_dir(Path(folder).name, self.controller.paths.runs_dir)
        except BadBatchError as exc:
            self.banner.show_message(str(exc), "error")
            return False
        except OSError as exc:
            self.banner.show_message(pm.failure_text(exc, save_to=self.controller.paths.runs_dir) or str(exc),
                                     "error")
            return False
        self.plots.clear()
        return self._launch(self._train_worker(config, Path(folder), run_dir, self.controller.scan), run_dir,
                            self.tr("Training started in {0}.").format(run_dir.name))

    def resume_run(self, info: Any) -> bool:
        """Continue an interrupted/stopped run (a RunInfo) from its last checkpoint."""
        folder = Path(info.folder) if info.folder else None
        if folder is None or not folder.is_dir():
            self.banner.show_message(pm.folder_missing_text(folder), "error")
            return False
        try:
            config = TrainConfig.from_record(info.config)
        except BadBatchError as exc:
            self.banner.show_message(str(exc), "error")
            return False
        same = self.controller.folder is not None and Path(self.controller.folder) == folder
        self.show_run(info)
        worker = self._train_worker(config, folder, Path(info.run_dir), self.controller.scan if same else None,
                                    resume=True)
        return self._launch(worker, Path(info.run_dir), self.tr("Resuming {0} from its last saved point.")
                            .format(Path(info.run_dir).name))

    @property
    def status(self) -> RunStatus:
        """The page's run as the operator sees it (derived from the core's RunState and pending requests)."""
        return RunStatus.of(self._core_state, self.worker.control if self.worker is not None else None)

    @property
    def state(self) -> ev.RunState:
        """The run's state as shown (IDLE when the page has no run)."""
        return self.status.state

    @Slot()
    def pause(self) -> None:
        """Pause at the next step boundary."""
        if self.worker is not None and self.status.can_pause:
            self.worker.control.request_pause()
            self._show_status()

    @Slot()
    def resume(self) -> None:
        """Continue a paused run; when idle, resume the interrupted run chosen in the Runs list."""
        if self.worker is not None and self.status.can_resume:
            self.worker.control.resume()
            self._show_status()
            self.log_view.add(self.tr("Continuing."))
            return
        info = self._resumable_run()
        if info is not None and not self.controller.busy:
            self.resume_run(info)

    @Slot()
    def stop(self) -> None:
        """Stop at the next step boundary; the trainer saves a checkpoint first."""
        if self.worker is not None:
            self.worker.control.request_stop()
            self._show_status()

    @Slot()
    def refresh_runs(self) -> None:
        """Re-read the runs folder into the Runs list."""
        self.run_list.set_runs(runs.list_runs(self.controller.paths.runs_dir))
        self._update_buttons()

    def show_run(self, info: Any) -> None:
        """Replay a recorded run's curves and show its figures."""
        if self.worker is not None:
            return
        self.plots.load_columns(runs.read_metrics(Path(info.run_dir)))
        self.summary.set_summary(info.summary, n_images=info.summary.get("images_used"),
                                 left_out=run_text.left_out_sentence(info.left_out))

    def shutdown(self) -> None:
        """Window closing: ask a running training to stop (the controller joins the thread)."""
        if self.worker is not None:
            self.worker.control.request_stop()

    # ------------------------------------------------------------------ worker plumbing
    def _train_worker(self, config: TrainConfig, folder: Path, run_dir: Path, scan: Any,
                      resume: bool = False) -> TrainingWorker:
        """This process's TrainWorker, or, with "Use all graphics cards" ticked, one process per GPU."""
        nproc = self.forecast.settings.gpu_processes()
        if nproc > 1:
            from badbatch_gui.gui.tasks.multi_gpu_worker import MultiGpuTrainWorker

            return MultiGpuTrainWorker(config, folder, run_dir, nproc, resume=resume)
        return TrainWorker(config, folder, run_dir, scan=scan, resume=resume)

    def _launch(self, worker: TrainingWorker, run_dir: Path, message: str) -> bool:
        worker.metrics.connect(self._on_metrics)
        worker.state_changed.connect(self._on_state_changed)
        worker.phase.connect(self._on_phase)
        worker.notice.connect(self._on_notice)
        worker.epoch_ended.connect(self._on_epoch_ended)
        worker.checkpoint_saved.connect(self._on_checkpoint_saved)
        worker.done.connect(self._on_done)
        worker.canceled.connect(self._on_canceled)
        worker.failed.connect(self._on_failed)
        if not self.controller.start_task(worker, TASK):
            self.banner.show_message(self.tr("Another task is running; wait for it to finish first."), "warning")
            return False
        self.worker, self.run_dir, self._peak = worker, run_dir, 0
        self._core_state = ev.RunState.PREPARING
        self._last_metrics, self._bad_loss_notice, self._warnings = None, None, []
        self.banner.clear()
        self.log_view.add(message)
        self._show_status()
        return True

    @Slot(object)
    def _on_state_changed(self, state: ev.RunState) -> None:
        self._core_state = state
        self._show_status()
        if state is ev.RunState.PAUSED:
            self.log_view.add(train_text.paused_line())

    @Slot(object)
    def _on_notice(self, notice: ev.Notice) -> None:
        cuda = self._last_metrics is not None and self._last_metrics.cuda_allocated is not None
        text = pm.notice_text(notice.code, notice.message, {"device": "cuda" if cuda else "cpu", **notice.data})
        if notice.code in pm.NAN_CODES:
            self._bad_loss_notice = text
        if notice.level != "info":
            self._warnings.append(text)
            self.banner.show_message(text, notice.level)
        self.log_view.add(text, notice.level)

    @Slot(object)
    def _on_phase(self, progress: ev.Progress) -> None:
        self.progress.set_state_text(progress.message or self.tr("Preparing…"))

    @Slot(object)
    def _on_epoch_ended(self, epoch: ev.EpochEnded) -> None:
        self.log_view.add(train_text.epoch_line(epoch))

    @Slot(object)
    def _on_checkpoint_saved(self, saved: ev.CheckpointSaved) -> None:
        self.log_view.add(train_text.checkpoint_line(saved))

    @Slot(list)
    def _on_metrics(self, steps: list[ev.StepMetrics]) -> None:
        self.plots.add_many(steps)
        m = steps[-1]
        self._last_metrics = m
        if self._core_state is ev.RunState.PREPARING:  # steps arrive: the run is running
            self._on_state_changed(ev.RunState.RUNNING)
        self.progress.set_step(m.step, m.total_steps, m.eta_s)
        used = m.cuda_allocated if m.cuda_allocated is not None else m.rss_bytes
        self._peak = max(self._peak, int(used or 0))
        if m.cuda_allocated is not None:  # on the CPU, RSS also counts the runtime: not comparable
            self.forecast.memory_bar.set_live(used)
        self.summary.set_summary({"train_time_s": m.elapsed_s, "peak_memory_bytes": self._peak or None,
                                  "memory_kind": "cuda" if m.cuda_allocated is not None else "cpu_rss",
                                  "images_used": self._n_images, "rejected_batches": m.rejected_batches},
                                 n_images=self._total, live=True, left_out=self._left_out_text())

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.log_view.add(self.tr("Training finished."))
        text = self.tr("Training finished. You can export the encoder on the Export step.")
        if self._warnings:  # what happened on the way stays visible (e.g. a batch size change)
            text += "\n" + "\n".join(dict.fromkeys(self._warnings))
        self.banner.show_message(text, "warning" if self._warnings else "info")
        self._show_final_summary()

    @Slot()
    def _on_canceled(self) -> None:
        self.log_view.add(self.tr("Stopped. Progress is saved; choose the run in Runs and press Resume to "
                                  "continue."))
        self._show_final_summary()

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        record = runs.read_json(self.run_dir / runs.RUN_JSON) if self.run_dir is not None else None
        text = self._bad_loss_notice or pm.nan_text_from_record(record) or message
        self.banner.show_message(text, "error")
        self.log_view.add(text, "error")
        self.controller.show_error(text, details)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy and self.worker is not None:
            self.worker = None
            self.forecast.memory_bar.set_live(None)
            self.progress.finish()
            self._core_state = ev.RunState.IDLE
            self._show_status()
            self.refresh_runs()
        self._update_buttons()

    def _show_final_summary(self) -> None:
        self.plots.flush()
        info = runs.run_info(self.run_dir) if self.run_dir is not None else None
        if info is not None and info.summary:
            self.summary.set_summary(info.summary, n_images=self._total, left_out=run_text.left_out_sentence(info.left_out))

    # ------------------------------------------------------------------ state and labels
    def _show_status(self) -> None:
        status = self.status
        self.progress.set_state_text(train_text.state_text(status.state, status.pausing, status.stop_requested))
        self.forecast.settings.set_editable(not status.active)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.controller.busy
        status = self.status
        self.start_button.setEnabled(not busy and self.controller.scan is not None)
        self.pause_button.setEnabled(status.can_pause)
        self.resume_button.setEnabled(status.can_resume or (not busy and self._resumable_run() is not None))
        self.stop_button.setEnabled(status.can_stop)
        self.run_list.set_busy(busy)
        self.forecast.set_busy(busy)

    def _resumable_run(self) -> Any:
        sel = self.run_list.selected()
        if sel is not None:
            return sel if sel.resumable else None
        return next((r for r in self.run_list.runs() if r.resumable), None)

    @Slot()
    def _on_data_changed(self, *_: object) -> None:
        scan = self.controller.scan
        self._excluded = len(self.controller.decisions.rejected_paths()) if self.controller.decisions else 0
        if scan is None:
            self._n_images = self._total = None
            self.data_label.setText(self.tr("No photos yet: open a folder on the Images step."))
        else:
            self._total = len(scan.training_images())
            self._n_images = max(0, self._total - self._excluded)
            limit = self.forecast.settings.image_limit()
            text = self.tr("Training will use {0} of {1} photos ({2} left out).")
            if limit is not None and limit < self._n_images:
                self._n_images = limit
                text = self.tr("Training will use {0} of {1} photos (this preset uses at most {0}; {2} left "
                               "out).")
            self.data_label.setText(text.format(self._n_images, self._total, self._excluded))
        self.forecast.set_n_images(self._n_images)
        self.leave_out.refresh()
        if self.worker is None:
            self._update_buttons()

    def _left_out_text(self) -> str:
        """The running run's left-out photos and why (from the decisions it started with)."""
        store = self.controller.decisions
        exclude = self.worker.config.exclude if self.worker is not None else ()
        return run_text.left_out_sentence(store.left_out_summary(exclude)) if store is not None and exclude else ""

    @Slot()
    def _on_review_flagged(self) -> None:
        self.go_to_step.emit(1)  # the Batch check

    @Slot(object)
    def _on_device_ready(self, info: dict) -> None:
        count = info.get("cuda_count", 1 if info.get("kind") == "cuda" else 0) if info else 0
        self.forecast.settings.set_multi_gpu_available(int(count or 0))

    @Slot()
    def _on_start_clicked(self) -> None:
        self.forecast.run_then_start()

    @Slot(object)
    def _on_forecast_ready(self, fits: bool) -> None:
        result = self.forecast.result
        cuda = result is not None and str(result["forecast"].device).startswith("cuda")
        self.plots.set_memory_forecast(self.forecast.total_bytes() if cuda else None)
        if fits:
            QTimer.singleShot(0, self.start)
        else:
            self.banner.show_message(self.tr("Training was not started: see the Memory box for why and what to "
                                             "change."), "warning")

    @Slot(object)
    def _on_export_requested(self, info: Any) -> None:
        self.export_requested.emit(Path(info.run_dir))


def _button(parent: QWidget, name: str, text: str, tip: str) -> QPushButton:
    """A push button with an object name and a one-sentence tooltip."""
    b = QPushButton(text, parent)
    b.setObjectName(name)
    b.setToolTip(tip)
    return b
