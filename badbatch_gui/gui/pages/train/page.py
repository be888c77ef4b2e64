"""Step 3, Train: settings, memory forecast and the run buttons on the left (SetupPanel); live plots, run figures,
log and run history on the right (RunMonitor).

Training runs in a TrainWorker (or, on several GPUs, a MultiGpuTrainWorker) started by the controller; the page
connects its result slots to the worker's typed signals. Pause / Stop call the worker's RunControl directly. What
the page shows of its run is derived from the core's RunState (run_status.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.training.loop.trainable import check_trainable
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.pages.train.run_monitor import RunMonitor
from badbatch_gui.gui.pages.train.run_status import RunStatus
from badbatch_gui.gui.pages.train.setup_panel import SetupPanel
from badbatch_gui.gui.report.save_report import ReportSaver
from badbatch_gui.gui.tasks.train_workers import TrainingWorker, TrainWorker
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text import run_text, train_text
from badbatch_gui.gui.text.error_text import error_text
from badbatch_gui.gui.widgets.decisions_notice import DecisionsNotice

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

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.setObjectName("trainPage")
        self.controller = controller
        self.worker: TrainingWorker | None = None
        self.run_dir: Path | None = None
        self.report_run: Path | None = None  # the finished or recorded run whose figures are shown (Report…)
        self.reports = ReportSaver(controller, self)
        self._core_state = ev.RunState.IDLE  # what the run's last StateChanged said

        self.setup = SetupPanel(controller, self)
        self.monitor = RunMonitor(self)
        self.forecast, self.leave_out, self.data_label = (
            self.setup.forecast,
            self.setup.leave_out,
            self.setup.data_label,
        )
        self.start_button, self.pause_button = self.setup.start_button, self.setup.pause_button
        self.resume_button, self.stop_button = self.setup.resume_button, self.setup.stop_button
        self.banner, self.progress, self.plots = self.monitor.banner, self.monitor.progress, self.monitor.plots
        self.summary, self.log_view, self.run_list = self.monitor.summary, self.monitor.log_view, self.monitor.run_list
        self.tabs = self.monitor.tabs
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.setup)
        split.addWidget(self.monitor)
        split.setStretchFactor(1, 1)
        self.decisions_notice = DecisionsNotice(controller, "trainDecisionsNotice")
        layout = QVBoxLayout(self)
        layout.addWidget(self.decisions_notice)
        layout.addWidget(split, 1)

        self.start_button.clicked.connect(self._on_start_clicked)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.leave_out.review_requested.connect(self._on_review_flagged)
        self.forecast.forecast_ready.connect(self._on_forecast_ready)
        self.forecast.settings.changed.connect(self._on_data_changed)
        self.run_list.show_requested.connect(self.show_run)
        self.run_list.resume_requested.connect(self.resume_run)
        self.run_list.export_requested.connect(self._on_export_requested)
        self.run_list.report_requested.connect(self._on_report_requested)
        self.monitor.report_button.clicked.connect(self._on_report_clicked)
        self.run_list.refresh_requested.connect(self.refresh_runs)
        self.run_list.run_selected.connect(self._on_run_selected)
        controller.busy_changed.connect(self._on_busy_changed)
        controller.folder_changed.connect(self._on_folder_changed)
        for changed in (
            controller.scan_changed,
            controller.decisions_changed,
            controller.report_changed,
            controller.folder_changed,
        ):
            changed.connect(self._on_data_changed)
        controller.device_ready.connect(self._on_device_ready)
        if controller.device_info:
            self._on_device_ready(controller.device_info)
        self._on_data_changed()
        self.refresh_runs()

    # ------------------------------------------------------------------ public actions
    def training_config(self) -> TrainConfig:
        """The settings as a TrainConfig, leaving out what the leave-out rule leaves out (``AppController.leave_out``)."""
        return self.forecast.settings.config(exclude=self.controller.leave_out().paths)

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
            check_trainable(self.controller.scan, config)  # before the run folder exists: no empty failed runs
            run_dir = runs.new_run_dir(Path(folder).name, self.controller.paths.runs_dir)
        except BadBatchError as exc:
            self.banner.show_message(error_text(exc), "error")
            return False
        except OSError as exc:
            self.banner.show_message(pm.failure_text(exc, save_to=self.controller.paths.runs_dir) or str(exc), "error")
            return False
        self.plots.clear()
        return self._launch(
            self._train_worker(config, Path(folder), run_dir, self.controller.scan),
            run_dir,
            self.tr("Training started in {0}.").format(run_dir.name),
        )

    def resume_run(self, info: Any) -> bool:
        """Continue an interrupted/stopped run (a RunInfo) from its last checkpoint."""
        folder = Path(info.folder) if info.folder else None
        if folder is None or not folder.is_dir():
            self.banner.show_message(pm.folder_missing_text(folder), "error")
            return False
        try:
            config = TrainConfig.from_record(info.config)
        except BadBatchError as exc:
            self.banner.show_message(error_text(exc), "error")
            return False
        same = self.controller.folder is not None and Path(self.controller.folder) == folder
        self.show_run(info)
        worker = self._train_worker(
            config, folder, Path(info.run_dir), self.controller.scan if same else None, resume=True
        )
        return self._launch(
            worker,
            Path(info.run_dir),
            self.tr("Resuming {0} from its last saved point.").format(Path(info.run_dir).name),
        )

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

    @Slot(object)
    def show_run(self, info: Any) -> None:
        """Replay a recorded run's curves and show its figures (not while a run trains)."""
        if self.worker is None:
            self.monitor.show_recorded(info)
            self.report_run = Path(info.run_dir)
            self._update_buttons()

    def save_report(self, run_dir: Path | None = None, path: str | Path | None = None) -> Path | None:
        """Save the report of ``run_dir`` (default: the run shown) as a PDF; asks where unless ``path`` is given."""
        run_dir = run_dir or self.report_run
        return self.reports.save_run_report(run_dir, path) if run_dir is not None else None

    def shutdown(self) -> None:
        """Window closing: ask a running training to stop (the controller joins the thread)."""
        if self.worker is not None:
            self.worker.control.request_stop()

    # ------------------------------------------------------------------ the run's task
    def _train_worker(
        self, config: TrainConfig, folder: Path, run_dir: Path, scan: Any, resume: bool = False
    ) -> TrainingWorker:
        """This process's TrainWorker, or, with "Use all graphics cards" ticked, one process per GPU."""
        nproc = self.forecast.settings.gpu_processes()
        if nproc > 1:
            from badbatch_gui.gui.tasks.multi_gpu_worker import MultiGpuTrainWorker

            return MultiGpuTrainWorker(config, folder, run_dir, nproc, resume=resume)
        return TrainWorker(
            config,
            folder,
            run_dir,
            scan=scan,
            resume=resume,
            cache_dir=self.controller.paths.image_cache_dir,
            left_out=self.controller.leave_out().summary(config.exclude),
        )

    def _launch(self, worker: TrainingWorker, run_dir: Path, message: str) -> bool:
        worker.metrics.connect(self._on_metrics)
        worker.state_changed.connect(self._on_state_changed)
        worker.epoch_ended.connect(self.monitor.log_epoch)
        worker.checkpoint_saved.connect(self.monitor.log_checkpoint)
        if not self.controller.start_task(
            worker,
            TASK,
            done=self._on_done,
            failed=self._on_failed,
            canceled=self._on_canceled,
            notice=self.monitor.show_notice,
            phase=self.monitor.show_phase,
        ):
            self.banner.show_message(self.tr("Another task is running; wait for it to finish first."), "warning")
            return False
        self.worker, self.run_dir = worker, run_dir
        self._core_state = ev.RunState.PREPARING
        self.monitor.begin(message)
        self._show_status()
        return True

    @Slot(object)
    def _on_state_changed(self, state: ev.RunState) -> None:
        self._core_state = state
        self._show_status()
        paused = state is ev.RunState.PAUSED
        self.progress.set_paused(paused)
        self.controller.set_task_paused(TASK, paused)
        if paused:
            self.log_view.add(train_text.paused_line())

    @Slot(list)
    def _on_metrics(self, steps: list[ev.StepMetrics]) -> None:
        self.monitor.show_steps(steps, self.setup.n_images, self.setup.n_folder, self._left_out_text())
        if self._core_state is ev.RunState.PREPARING:  # steps arrive: the run is running
            self._on_state_changed(ev.RunState.RUNNING)
        m = steps[-1]
        if m.cuda_allocated is not None:  # on the CPU, RSS also counts the runtime: not comparable
            self.forecast.memory_bar.set_live(m.cuda_allocated)

    @Slot(object)
    def _on_done(self, _summary: object) -> None:
        self.monitor.completed(self.run_dir, self.setup.n_folder)
        self.report_run = self.run_dir

    @Slot()
    def _on_canceled(self) -> None:
        self.monitor.canceled(self.run_dir, self.setup.n_folder)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.controller.show_error(self.monitor.failed(message, self.run_dir), details)

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

    def _left_out_text(self) -> str:
        """The running run's left-out photos and why (the rule's reasons for the photos it started without)."""
        exclude = self.worker.config.exclude if self.worker is not None else ()
        return run_text.left_out_sentence(self.controller.leave_out().summary(exclude).to_json()) if exclude else ""

    # ------------------------------------------------------------------ state and buttons
    def _show_status(self) -> None:
        status = self.status
        self.progress.set_state_text(train_text.state_text(status.state, status.pausing, status.stop_requested))
        self.forecast.settings.set_editable(not status.active)
        self._update_buttons()

    def start_problem(self) -> str:
        """Why a new run cannot start on the current folder, in the operator's words ("" when it can)."""
        scan = self.controller.scan
        if self.controller.folder is None or scan is None:
            return self.tr("Open a folder of photos on the Images step first.")
        try:
            check_trainable(scan, self.training_config())
        except BadBatchError as exc:
            return error_text(exc)
        return ""

    def _update_buttons(self) -> None:
        busy = self.controller.busy
        status = self.status
        problem = "" if self.worker is not None else self.start_problem()
        self.setup.show_blocked(problem)
        self.start_button.setEnabled(not busy and not problem)
        self.pause_button.setEnabled(status.can_pause)
        self.resume_button.setEnabled(status.can_resume or (not busy and self._resumable_run() is not None))
        self.stop_button.setEnabled(status.can_stop)
        self.monitor.report_button.setEnabled(self.worker is None and self.report_run is not None)
        self.run_list.set_busy(busy)
        self.forecast.set_busy(busy or bool(problem))
        if problem and self.forecast.result is None and not busy:
            self.forecast.memory_bar.clear(self.tr("Memory is checked once the folder has photos to train on."))

    def _resumable_run(self) -> Any:
        """The run Resume continues when no run is paused: the one chosen in Runs, else the newest run (never an
        older one behind runs that cannot resume).
        """
        sel = self.run_list.selected()
        if sel is not None:
            return sel if sel.resumable else None
        listed = self.run_list.runs()
        return listed[0] if listed and listed[0].resumable else None

    @Slot(object)
    def _on_folder_changed(self, _folder: object) -> None:
        """Another folder: the figures and curves shown belong to the last one (not while a run trains)."""
        if self.worker is None:
            self.monitor.reset()
            self.report_run = None
            self._update_buttons()

    @Slot(object)
    def _on_run_selected(self, _info: object) -> None:
        self._update_buttons()

    @Slot()
    def _on_data_changed(self, *_: object) -> None:
        self.setup.refresh_data()
        if self.worker is None:
            self._update_buttons()

    # ------------------------------------------------------------------ other panels
    @Slot()
    def _on_review_flagged(self) -> None:
        self.go_to_step.emit(1)  # the Batch check

    @Slot(object)
    def _on_device_ready(self, info: dict[str, Any]) -> None:
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
            self.banner.show_message(
                self.tr("Training was not started: see the Memory box for why and what to change."), "warning"
            )

    @Slot(object)
    def _on_report_requested(self, info: Any) -> None:
        self.save_report(Path(info.run_dir))

    @Slot()
    def _on_report_clicked(self) -> None:
        self.save_report()

    @Slot(object)
    def _on_export_requested(self, info: Any) -> None:
        self.export_requested.emit(Path(info.run_dir))
