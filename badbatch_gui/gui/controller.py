"""AppController: the GUI-side state (folder, scan, scores, decisions, device) and the background tasks.

Built once in ``app.main()`` and passed to every page (no globals). It is the one place that starts a task:
:meth:`AppController.start_task` runs a worker on the shared :class:`TaskRunner` (one long task at a time across
the app) and forwards its progress and end to every page; the page that asked for the task has connected its
result slots to the worker's typed signals first. The start-up device probe, which imports torch after the first
paint, is a pool job beside the tasks (gui/tasks/pool_jobs.py), so opening a folder never waits for it. Worker
signals are connected only to bound methods of GUI-thread objects, so every handler runs in the GUI thread.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ScanConfig, ScoreConfig
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.paths import AppPaths
from badbatch_gui.core.scoring.decisions import DecisionStore
from badbatch_gui.core.scoring.findings_store import FindingsStore
from badbatch_gui.core.scoring.leave_out import LeaveOut, leave_out, load_review, record_findings
from badbatch_gui.core.settings import AppSettings, save_settings
from badbatch_gui.gui.tasks import workers
from badbatch_gui.gui.tasks.device_probe import DeviceProbe
from badbatch_gui.gui.tasks.runner import TaskRunner, Worker
from badbatch_gui.gui.text.error_text import error_text

log = logging.getLogger(__name__)
OptionalSlot = Callable[..., object] | None  # a bound method of a GUI-thread object (AppController.start_task)
MAX_ERROR_DIALOGS = 3  # more at once would bury the window; later ones are logged and shown in the status bar


class AppController(QObject):
    """Shared state and task launcher for the pages (see docs/design/architecture.md "GUI contracts").

    Signals:
        folder_changed(object): a new folder (Path) was opened; scan and report are cleared.
        scan_changed(object): a scan finished (ScanResult) or was cleared (None).
        report_changed(object): batch scores arrived, were re-thresholded (ScoreReport) or cleared (None).
        decisions_changed(): the operator's keep/reject decisions changed (already saved).
        device_ready(object): torch loaded in the background; the dict describes the compute device.
        status_message(str): a short line for the status bar.
        busy_changed(bool): a task started (True), or ended and its thread finished (False).
        task_progress(str, int, int): task name, done, total (total 0 = busy, amount unknown).
        task_ended(str, str): task name and how it ended ("completed", "canceled", "errored").
        task_phase(str, str): task name and the core's phase name ("decode", "features", "scoring"...).
        task_paused(str, bool): the running task (name) paused (True) or continued (False).
    """

    folder_changed = Signal(object)
    scan_changed = Signal(object)
    report_changed = Signal(object)
    decisions_changed = Signal()
    device_ready = Signal(object)
    status_message = Signal(str)
    busy_changed = Signal(bool)
    task_progress = Signal(str, int, int)
    task_ended = Signal(str, str)
    task_phase = Signal(str, str)
    task_paused = Signal(str, bool)

    def __init__(self, settings: AppSettings, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.paths = paths
        self.tasks = TaskRunner(self)
        self.tasks.busy_changed.connect(self._on_tasks_busy)
        self.tasks.progress.connect(self.task_progress)
        self.tasks.phase.connect(self.task_phase)
        self.tasks.ended.connect(self.task_ended)
        self.probe = DeviceProbe(self)
        self.probe.found.connect(self._on_device_probed)
        self.probe.failed.connect(self._on_device_failed)
        self.probe.ended.connect(self._on_probe_ended)
        self.folder: Path | None = None
        self.scan: Any | None = None
        self.report: Any | None = None
        self.score_config: ScoreConfig | None = None
        self.decisions: DecisionStore | None = None
        self.findings: FindingsStore | None = None  # the folder's stored Batch check findings
        self.device_info: dict | None = None
        self.last_error: tuple[str, str] | None = None
        self.dialog_parent: QWidget | None = None
        self._pending_score: ScoreConfig | None = None
        self._open_after_demo = False
        self._dialogs: dict[int, Any] = {}  # key -> open ErrorDialog (dropped on finished / destroyed)
        self._dialog_serial = 0

    # ------------------------------------------------------------------ settings
    def save_settings(self) -> None:
        """Write the settings file; a failure is logged (never blocks the operator)."""
        try:
            save_settings(self.settings, self.paths.settings_file)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # ------------------------------------------------------------------ folder and scan
    def open_folder(self, path: Path | str, scan: bool = True) -> bool:
        """Make ``path`` the current folder, load its decisions and scan it. False (and a message) if refused."""
        folder = Path(path).expanduser()
        if not folder.is_dir():
            self.show_error(self.tr("The folder {0} does not exist or is not a folder.").format(folder), "")
            return False
        if self.busy:
            self.status_message.emit(self.tr("Wait for the current task to finish (or cancel it) first."))
            return False
        folder = folder.resolve()
        self.folder, self.scan, self.report, self.score_config = folder, None, None, None
        self.decisions, self.findings = load_review(self.paths, folder)
        self.settings.add_recent(str(folder))
        self.save_settings()
        self.folder_changed.emit(folder)
        self.scan_changed.emit(None)
        self.report_changed.emit(None)
        self.decisions_changed.emit()
        if scan:
            self.start_scan()
        return True

    def start_scan(self, config: ScanConfig = ScanConfig()) -> bool:
        """Scan the current folder in the background."""
        if self.folder is None:
            return False
        return self._start(workers.ScanWorker(self.folder, config), "scan")

    def open_demo(self) -> bool:
        """Open the built-in demo folder, generating it into the app's data dir first when missing."""
        demo = self.paths.demo_dir
        if workers.demo_ready(demo):
            return self.open_folder(demo)
        self._open_after_demo = True
        return self._start(workers.DemoWorker(demo), "demo")

    # ------------------------------------------------------------------ scoring
    def start_scoring(self, config: ScoreConfig) -> bool:
        """Score the current scan's batches; waits for the background torch load if it is still running."""
        if self.scan is None:
            self.status_message.emit(self.tr("Scan a folder first."))
            return False
        config = config.replace(exclude=self.leave_out().paths)
        if self.probing:
            self._pending_score = config
            self.status_message.emit(self.tr("Loading the machine-learning runtime; scoring starts right after."))
            self.task_progress.emit("score", 0, 0)
            return True
        self.score_config = config
        # the cache folder itself: decoded photos go to <cache>/images, shared with training and the CLI
        return self._start(workers.ScoreWorker(self.scan, config, self.paths.cache_dir), "score")

    def set_threshold(self, value: float | None) -> None:
        """Override the rejection threshold of the current report with ``value``, or go back to the automatic
        rule with None (re-emits ``report_changed``).
        """
        if self.report is None:
            return
        if value is None:
            cfg = self.score_config or ScoreConfig()
            self.report = self.report.rethreshold(None, policy=cfg.policy, k=cfg.k, percentile=cfg.percentile)
        else:
            self.report = self.report.rethreshold(float(value))
        self.report_changed.emit(self.report)

    # ------------------------------------------------------------------ decisions
    def set_decision(self, paths: list[str], decision: str | None) -> None:
        """Record "keep", "reject" or None (undecided) for images (relative paths) and save at once; a rejected
        photo the Batch check flagged is stored with its reasons (so runs can say why it was left out).
        """
        if self.decisions is None:
            return
        changed = sum(1 for p in paths if self.decisions.get(p) != decision)
        try:
            self.decisions.set_batch(paths, decision, self.flagged_reasons())
            self.decisions.save()
        except (BadBatchError, ValueError) as exc:
            self.show_error(error_text(exc), str(exc))
            return
        self.decisions_changed.emit()  # a cleared flagged photo goes back to the rule (left out automatically)
        self.status_message.emit(self._decision_feedback(decision, changed))

    def _decision_feedback(self, decision: str | None, changed: int) -> str:
        """What a decision button did, for the status bar (also when it changed nothing: e.g. "Leave out all
        flagged" when the flagged photos were already left out by default).
        """
        if changed == 0:
            return self.tr("Nothing changed: these photos already had this decision.")
        if decision == "reject":
            return self.tr("%n photo(s) left out of training.", "", changed)
        if decision == "keep":
            return self.tr("%n photo(s) kept for training.", "", changed)
        return self.tr("Decision cleared for %n photo(s).", "", changed)

    def flagged_reasons(self) -> dict[str, tuple[str, ...]]:
        """Relative path -> finding codes of every photo the folder's Batch check findings flag (unchanged since)."""
        return self.findings.flagged() if self.findings is not None else {}

    def leave_out(self) -> LeaveOut:
        """The photos training leaves out and why (core ``leave_out``: the same rule as ``badbatch train``)."""
        return leave_out(self.flagged_reasons(), self.decisions, self.settings.leave_out_flagged)

    def set_leave_out_flagged(self, on: bool) -> None:
        """Leave the flagged photos out of training unless kept by hand, or use them again; remembered as the
        setting ``badbatch train`` follows too. Nothing stored is lost either way (the rule derives the list).
        """
        self.settings.leave_out_flagged = bool(on)
        self.save_settings()
        self.decisions_changed.emit()

    def _record_findings(self, report: Any) -> None:
        """Store the check's findings (as ``badbatch score`` does); a failure is said, the findings still apply."""
        if self.findings is None or self.decisions is None:
            return
        try:
            record_findings(self.findings, self.decisions, report.findings)
        except BadBatchError as exc:
            self.show_error(error_text(exc), str(exc))

    # ------------------------------------------------------------------ device probe
    @property
    def probing(self) -> bool:
        """True while the device probe (the torch import) runs."""
        return self.probe.running

    def start_device_probe(self) -> None:
        """Import torch in the background and find the compute device (called after the first paint)."""
        self.probe.start()

    @Slot(object)
    def _on_device_probed(self, info: dict[str, Any]) -> None:
        self.device_info = dict(info)
        self.device_ready.emit(self.device_info)

    @Slot(str, str)
    def _on_device_failed(self, message: str, details: str) -> None:
        self.device_info = {"kind": "none", "name": message}
        self.device_ready.emit(self.device_info)
        self.show_error(
            self.tr(
                "The machine-learning runtime could not be loaded. Scoring and training will not "
                "work until this is fixed."
            ),
            details,
        )

    @Slot()
    def _on_probe_ended(self) -> None:
        if self._pending_score is not None:
            QTimer.singleShot(0, self._start_pending)

    @Slot()
    def _start_pending(self) -> None:
        config, self._pending_score = self._pending_score, None
        if config is not None and self.scan is not None:
            self.score_config = config
            self._start(workers.ScoreWorker(self.scan, config, self.paths.cache_dir), "score")

    # ------------------------------------------------------------------ tasks
    @property
    def busy(self) -> bool:
        """True while a task runs (or its thread has not finished yet)."""
        return self.tasks.busy

    @property
    def running_task(self) -> str:
        """The running task's name ("scan", "score", "train"...), "" when none runs."""
        return self.tasks.name

    def start_task(
        self,
        worker: Worker,
        name: str,
        *,
        done: OptionalSlot = None,
        failed: OptionalSlot = None,
        canceled: OptionalSlot = None,
        notice: OptionalSlot = None,
        phase: OptionalSlot = None,
    ) -> bool:
        """The one way to start a task: run ``worker`` as task ``name`` unless another task runs (then False).

        The given slots (bound methods of GUI-thread objects, never lambdas) are connected to the worker's signals
        of the same name first; connect any other typed event signal the caller shows before calling. Every page
        can follow the task's progress and phase (``task_progress``, ``task_phase``) and how it ended
        (``task_ended``).
        """
        for signal, slot in (
            (worker.done, done),
            (worker.failed, failed),
            (worker.canceled, canceled),
            (worker.notice, notice),
            (worker.phase, phase),
        ):
            if slot is not None:
                signal.connect(slot)
        return self.tasks.start(worker, name)

    def _start(self, worker: Worker, name: str) -> bool:
        """Start one of the controller's own tasks (scan, scoring, demo) with its result slots."""
        if not self.start_task(
            worker, name, done=self._on_done, failed=self._on_failed, canceled=self._on_canceled, notice=self._on_notice
        ):
            self.status_message.emit(self.tr("Another task is running; wait for it or cancel it first."))
            return False
        return True

    def set_task_paused(self, name: str, paused: bool) -> None:
        """The page running task ``name`` says it paused or continued (the status bar follows)."""
        self.task_paused.emit(name, paused)

    def cancel_task(self) -> None:
        """Ask the running task (scan, scoring...) to stop at its next step."""
        self._pending_score = None
        self.tasks.request_stop()
        self.status_message.emit(self.tr("Stopping…"))

    @Slot(bool)
    def _on_tasks_busy(self, busy: bool) -> None:
        """Tell the pages first; a follow-up task starts only once the previous task's thread has finished."""
        self.busy_changed.emit(busy)
        if not busy and self._open_after_demo:
            self._open_after_demo = False
            if workers.demo_ready(self.paths.demo_dir):
                self.open_folder(self.paths.demo_dir)

    # ------------------------------------------------------------------ results of the controller's own tasks
    @Slot(object)
    def _on_notice(self, notice: ev.Notice) -> None:
        if notice.level != "info":
            self.status_message.emit(notice.message)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        name = self.tasks.name
        if name == "scan":
            self.scan = result
            self.report = None
            self.scan_changed.emit(result)
            self.report_changed.emit(None)
            self.status_message.emit(self.tr("Scan finished: %n usable image(s).", "", len(result.images)))
        elif name == "score":
            self.report = result
            self._record_findings(result)  # before the pages redraw: they show what the rule now leaves out
            self.report_changed.emit(result)
            self.decisions_changed.emit()
            self.status_message.emit(self.tr("Batch check finished."))

    @Slot()
    def _on_canceled(self) -> None:
        self._open_after_demo = False
        self.status_message.emit(self.tr("Stopped. Nothing was changed."))

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self._open_after_demo = False
        self.show_error(message, details)

    # ------------------------------------------------------------------ errors and shutdown
    @Slot(str, str)
    def show_error(self, message: str, details: str = "") -> None:
        """Show a non-blocking error dialog (``message`` in the operator's words; ``details`` only behind "Copy
        details"). Never raises: a failure here is logged, so an error can never cause another one.

        Open dialogs are tracked by a key and dropped when they finish or are destroyed (Qt deletes a closed one,
        ``WA_DeleteOnClose``), so a closed dialog is never touched again. The same message while its dialog is
        still open raises that dialog instead of opening another; at most :data:`MAX_ERROR_DIALOGS` are open.
        """
        try:
            self._show_error(message, details)
        except Exception:  # reporting an error must not raise one
            log.exception("could not show the error dialog for: %s", message)

    def _show_error(self, message: str, details: str) -> None:
        log.warning("shown to the operator: %s", message)
        self.last_error = (message, details)
        self.status_message.emit(message.split("\n", 1)[0])
        for dialog in self._dialogs.values():
            if dialog.message == message and shiboken6.isValid(dialog):
                dialog.raise_()
                dialog.activateWindow()
                return
        if len(self._dialogs) >= MAX_ERROR_DIALOGS:
            return  # logged above; the open ones already ask for attention
        from badbatch_gui.gui.dialogs.error_dialog import ErrorDialog

        dialog = ErrorDialog(message, details, self.paths.log_dir, self.dialog_parent)
        self._dialog_serial += 1
        key = self._dialog_serial
        self._dialogs[key] = dialog
        dialog.finished.connect(functools.partial(self._forget_dialog, key))
        dialog.destroyed.connect(functools.partial(self._forget_dialog, key))
        dialog.show()

    def _forget_dialog(self, key: int, *_: object) -> None:
        """Drop a dialog that finished or was destroyed (never call it again)."""
        self._dialogs.pop(key, None)

    @property
    def open_error_dialogs(self) -> int:
        """How many error dialogs are open."""
        return len(self._dialogs)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop every task and wait for the threads (pumping events). True when all ended."""
        self._pending_score = None
        ok = self.tasks.shutdown(timeout_ms)
        ok = self.probe.wait(timeout_ms) and ok  # the probe cannot be stopped (it imports torch)
        for dialog in list(self._dialogs.values()):
            if shiboken6.isValid(dialog):
                dialog.close()
        self._dialogs.clear()
        return ok
