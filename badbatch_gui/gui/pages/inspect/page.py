"""Step 5, Inspect: put a trained network (a finished run or an export) to work on photos.

1. The network and an index of a folder under it (``ModelBox``; the index is the controller's task, an
   ``IndexWorker``, cached by the core so only new or changed photos are looked at again).
2. "Photos like this one" (``SimilarPanel``): the nearest photos, optionally beside the untrained network's
   answer (its own index is built the first time the switch is turned on), and near-duplicate groups.
3. "Check new photos" (``CheckPanel``): each new photo against the indexed normal photos (a ``CheckWorker`` task),
   listed as it is judged, with heat maps, a filter, the false-alarm rate and CSV export.
4. "A map of the folder" (``MapPanel``): the folder's 2-D layout, coloured by Batch check reason or decision.

The core API is ``core/inspect`` (docs/design/inspect.md §1). Nothing heavy runs on the GUI thread: the index and the
check are tasks; searches, near-duplicate groups and re-judging at another false-alarm rate
(``CheckResult.with_false_alarm_rate``) are pool jobs (``tasks/inspect_jobs.py``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import write_text_atomic
from badbatch_gui.gui import resources
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.pages.inspect.check_panel import CheckPanel
from badbatch_gui.gui.pages.inspect.map_panel import MapPanel
from badbatch_gui.gui.pages.inspect.model_box import ModelBox
from badbatch_gui.gui.pages.inspect.similar_panel import SimilarPanel
from badbatch_gui.gui.report.save_report import ReportSaver
from badbatch_gui.gui.tasks.inspect_jobs import DuplicatesWorker, LatestJob, RejudgeWorker, SimilarWorker
from badbatch_gui.gui.tasks.inspect_workers import CheckWorker, IndexWorker
from badbatch_gui.gui.widgets.status_banner import StatusBanner

log = logging.getLogger(__name__)

INDEX_TASK, CHECK_TASK = "index", "check_photos"


class InspectPage(QWidget):
    """The Inspect step. ``go_to_step(int)`` shows another step."""

    go_to_step = Signal(int)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectPage")
        self.controller = controller
        self.model: Any = None  # InspectModel of the index (read-only; handed to workers only)
        self.index: Any = None  # FolderIndex
        self.twin: Any = None  # the untrained twin and its index, built when the comparison is first asked for
        self.twin_index: Any = None
        self.normal: Any = None  # NormalModel learnt from the index, reused by later checks
        self.result: Any = None  # the last CheckResult, at the rate shown
        self.reports = ReportSaver(controller, self)
        self.worker: Any = None  # this page's running task
        self.job = ""  # "index", "twin" or "check"
        self._checked = 0

        title = QLabel(self.tr("<h2>5 · Inspect</h2>"))
        intro = QLabel(
            self.tr(
                "Put the trained network to work: find photos like a chosen one, check new photos "
                "against your normal ones, and see a map of the whole folder."
            )
        )
        intro.setWordWrap(True)
        self.model_box = ModelBox(controller)
        self.banner = StatusBanner(self)
        self.banner.setObjectName("inspectBanner")
        ratio = self.devicePixelRatioF() or 1.0
        thumbs = controller.paths.thumbnails_dir
        self.similar = SimilarPanel(thumbs, ratio)
        self.check = CheckPanel(thumbs, ratio)
        self.map = MapPanel(thumbs, ratio)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectTabs")
        self.tabs.addTab(self.similar, resources.icon("step-images"), self.tr("Photos like this one"))
        self.tabs.addTab(self.check, resources.icon("step-batch"), self.tr("Check new photos"))
        self.tabs.addTab(self.map, resources.icon("scan"), self.tr("A map of the folder"))
        self.empty = QLabel(self.tr("Choose a trained network and build the index of its photos to start."))
        self.empty.setObjectName("inspectEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.tabs)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(intro)
        lay.addWidget(self.model_box)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)

        self.similar_job = LatestJob(self)
        self.similar_job.ready.connect(self._on_similar)
        self.similar_job.failed.connect(self._on_job_failed)
        self.duplicates_job = LatestJob(self)
        self.duplicates_job.ready.connect(self._on_duplicates)
        self.duplicates_job.failed.connect(self._on_job_failed)
        self.rejudge_job = LatestJob(self)
        self.rejudge_job.ready.connect(self._on_rejudged)
        self.rejudge_job.failed.connect(self._on_job_failed)

        self.model_box.build_requested.connect(self.build_index)
        self.model_box.cancel_requested.connect(self.cancel)
        self.model_box.choice_changed.connect(self._forget)
        self.similar.query_requested.connect(self._on_query)
        self.similar.compare_toggled.connect(self._on_compare)
        self.similar.duplicates_requested.connect(self._on_duplicates_requested)
        self.check.check_requested.connect(self.check_folder)
        self.check.cancel_requested.connect(self.cancel)
        self.check.rate_changed.connect(self._on_rate)
        self.check.save_requested.connect(self.save_csv)
        self.check.report_requested.connect(self.save_report)
        self.check.folder_chosen.connect(self._update_state)
        self.map.query_requested.connect(self.ask_like)
        self.map.decision_requested.connect(self._on_decision)
        controller.busy_changed.connect(self._on_busy_changed)
        controller.decisions_changed.connect(self._on_decisions_changed)
        controller.folder_changed.connect(self._on_folder_changed)
        self.model_box.refresh()
        self._update_state()

    # ------------------------------------------------------------------ public actions
    @Slot()
    def build_index(self) -> bool:
        """Load the chosen network and index the chosen photos in the background."""
        choice, folder = self.model_box.choice(), self.model_box.folder()
        if choice is None or folder is None:
            self.banner.show_message(self.tr("Choose a trained network and a folder of photos first."), "warning")
            return False
        if not Path(folder).is_dir():
            self.banner.show_message(
                self.tr("The folder {0} does not exist (any more). Choose another one with Change….").format(folder),
                "error",
            )
            return False
        worker = IndexWorker(
            Path(folder), self.model_box.exclude(), self.controller.paths.cache_dir, source=choice.path
        )
        worker.done.connect(self._on_index_done)
        return self._start(worker, INDEX_TASK, "index")

    @Slot(object, float)
    def check_folder(self, folder: Path, rate: float) -> bool:
        """Check the photos of ``folder`` against the indexed (normal) photos at false-alarm ``rate``."""
        if self.index is None:
            return False
        if not Path(folder).is_dir():
            self.banner.show_message(self.tr("The folder {0} does not exist (any more).").format(folder), "error")
            return False
        worker = CheckWorker(
            self.model, self.index, Path(folder), rate, self.controller.paths.cache_dir, normal=self.normal
        )
        worker.normal_ready.connect(self._on_normal_ready)
        worker.photos_checked.connect(self._on_photos_checked)
        worker.done.connect(self._on_check_done)
        if not self._start(worker, CHECK_TASK, "check"):
            return False
        self.result, self._checked = None, 0
        self.check.start(Path(folder))
        return True

    @Slot(str)
    def ask_like(self, photo: str) -> None:
        """Show the "Photos like this one" tab with the photos like ``photo``."""
        self.tabs.setCurrentWidget(self.similar)
        self.similar.ask(photo)

    @Slot()
    def cancel(self) -> None:
        """Stop this page's running task (the index or the check)."""
        if self.worker is not None:
            self.worker.control.request_stop()

    @Slot()
    def save_report(self, path: str | Path | None = None) -> Path | None:
        """Save the check's report as a PDF (asks for the file unless ``path`` is given)."""
        if self.result is None:
            return None
        source = getattr(self.model, "source", None)
        return self.reports.save_inspect_report(self.result, Path(source) if source else None, path)

    def save_csv(self, path: str | Path | None = None) -> Path | None:
        """Save the checked photos as CSV (asks for the file unless ``path`` is given)."""
        if self.result is None:
            return None
        if not path:
            start = Path(self.controller.settings.export_dir or Path.home()) / "checked_photos.csv"
            chosen = self.check.ask_csv_path(start)
            if chosen is None:
                return None
            path = chosen
        out = Path(path)
        try:
            write_text_atomic(out, self.result.csv_text())
        except OSError as exc:
            self.controller.show_error(self.tr("The list could not be saved: {0}").format(exc.strerror or exc), "")
            return None
        self.controller.status_message.emit(self.tr("Saved the checked photos to {0}.").format(out))
        return out

    def shutdown(self) -> None:
        """Window closing: stop this page's task (the controller joins it), the pool jobs and the decoders."""
        self.cancel()
        for job in (self.similar_job, self.duplicates_job, self.rejudge_job):
            job.shutdown()
        for panel in (self.similar, self.check, self.map):
            panel.shutdown()

    # ------------------------------------------------------------------ tasks
    def _start(self, worker: Any, task: str, job: str) -> bool:
        if not self.controller.start_task(
            worker, task, failed=self._on_failed, canceled=self._on_canceled, phase=self._on_phase
        ):
            self.banner.show_message(self.tr("Another task is running; start this when it has finished."), "warning")
            return False
        self.worker, self.job = worker, job
        self.banner.clear()
        self._update_state()
        return True

    @Slot(object)
    def _on_phase(self, progress: ev.Progress) -> None:
        target = self.check if self.job == "check" else self.model_box
        target.show_progress(progress.phase, progress.done, progress.total or 0)

    @Slot(object)
    def _on_index_done(self, ready: Any) -> None:
        self.model, self.index, self.normal, self.result = ready.model, ready.index, None, None
        self.twin = self.twin_index = None
        index = ready.index
        self.model_box.show_index(index)
        self.model_box.end_progress(True)
        self.similar.set_index(index.root, list(index.paths))
        self.check.set_normal(len(index), index.root)
        self.map.set_map(
            index.root, index.paths, ready.folder_map.coords, ready.folder_map.explained, ready.reasons or ()
        )
        self._on_folder_changed(self.controller.folder)
        self.stack.setCurrentWidget(self.tabs)
        self.duplicates_job.request(DuplicatesWorker(index, self.similar.duplicate_similarity()))
        if self.similar.compare():
            self.similar.compare_check.setChecked(False)

    @Slot(object)
    def _on_twin_done(self, ready: Any) -> None:
        self.twin, self.twin_index = ready.model, ready.index
        self.model_box.end_progress(True)
        if self.similar.query is not None:
            self._on_query(self.similar.query)
        else:
            self.similar.set_compare_note("")

    @Slot(object)
    def _on_normal_ready(self, normal: Any) -> None:
        self.normal = normal
        self.check.set_normal_model(len(normal.normal_paths), len(normal.bad_shots_left_out), Path(normal.root))
        tau = normal.threshold(self.check.rate())
        self.check.set_scale(float(np.median(normal.normal_scores)), tau.value)
        self.check.set_rate_note(tau)

    @Slot(list)
    def _on_photos_checked(self, photos: list[Any]) -> None:
        self._checked += len(photos)
        self.check.add_photos(photos)

    @Slot(object)
    def _on_check_done(self, result: Any) -> None:
        self.result = result  # at the rate shown: the rate cannot change while a check runs
        self.check.set_scale(*result.heat_scale())
        self.check.show_result(result)
        self.check.end_progress(True)

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        self.banner.show_message(message, "error")
        self._end_progress(False)
        self.controller.show_error(message, details)

    @Slot()
    def _on_canceled(self) -> None:
        if self.job == "check":
            self.check.show_stopped(self._checked)
        else:
            self.banner.show_message(self.tr("Stopped. Nothing was changed."), "warning")
        if self.job == "twin":
            self.similar.compare_check.setChecked(False)
        self._end_progress(False)

    def _end_progress(self, finished: bool) -> None:
        (self.check if self.job == "check" else self.model_box).end_progress(finished)

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy and self.worker is not None:
            self.worker, self.job = None, ""
        self._update_state()

    def _update_state(self) -> None:
        busy = bool(self.controller.busy)
        self.model_box.set_busy(self.job in ("index", "twin"), busy)
        self.check.set_state(
            running=self.job == "check",
            app_busy=busy,
            has_normal=self.index is not None,
            has_result=self.result is not None,
        )

    # ------------------------------------------------------------------ photos like this one
    @Slot(str)
    def _on_query(self, photo: str) -> None:
        if self.index is None:
            return
        compare = self.similar.compare() and self.twin_index is not None
        self.similar_job.request(
            SimilarWorker(
                self.model,
                self.index,
                photo,
                self.similar.k(),
                self.twin if compare else None,
                self.twin_index if compare else None,
            )
        )

    @Slot(object)
    def _on_similar(self, answer: Any) -> None:
        self.similar.show_answer(answer)

    @Slot(bool)
    def _on_compare(self, on: bool) -> None:
        if not on or self.index is None:
            if self.similar.query is not None and self.index is not None:
                self._on_query(self.similar.query)
            return
        if self.twin_index is not None:
            if self.similar.query is not None:
                self._on_query(self.similar.query)
            return
        worker = IndexWorker(
            self.index.root, self.model_box.exclude(), self.controller.paths.cache_dir, model=self.model, twin=True
        )
        worker.done.connect(self._on_twin_done)
        if self._start(worker, INDEX_TASK, "twin"):
            self.similar.set_compare_note(
                self.tr("The untrained network is looking at the photos once (this is kept for next time)…")
            )
        else:
            self.similar.compare_check.setChecked(False)

    @Slot(float)
    def _on_duplicates_requested(self, threshold: float) -> None:
        if self.index is not None:
            self.duplicates_job.request(DuplicatesWorker(self.index, threshold))

    @Slot(object)
    def _on_duplicates(self, found: Any) -> None:
        self.similar.show_groups(found.threshold, found.groups)

    @Slot(str, str)
    def _on_job_failed(self, message: str, _details: str) -> None:
        self.banner.show_message(message, "error")

    # ------------------------------------------------------------------ check
    @Slot(float)
    def _on_rate(self, rate: float) -> None:
        if self.result is not None:
            self.rejudge_job.request(RejudgeWorker(self.result, rate))

    @Slot(object)
    def _on_rejudged(self, result: Any) -> None:
        if self.result is None or result.normal_scores is not self.result.normal_scores:
            return  # a newer check replaced the one re-judged
        self.result = result
        self.check.set_scale(*result.heat_scale())
        self.check.show_result(result)

    # ------------------------------------------------------------------ decisions (the map)
    def _same_folder(self) -> bool:
        folder = self.controller.folder
        return (
            self.index is not None and folder is not None and Path(folder).resolve() == Path(self.index.root).resolve()
        )

    @Slot(list, object)
    def _on_decision(self, paths: list[str], decision: str | None) -> None:
        if self._same_folder():
            self.controller.set_decision(list(paths), decision)

    @Slot()
    def _on_decisions_changed(self) -> None:
        store = self.controller.decisions
        if self._same_folder() and store is not None:
            self.map.set_decisions(store.decisions())
            self.map.refresh_marks()

    @Slot(object)
    def _on_folder_changed(self, _folder: Any) -> None:
        same = self._same_folder()
        self.map.set_can_decide(
            same,
            ""
            if same or self.index is None
            else self.tr("To leave photos out of training or keep them, open this folder in step 1 (Images) first."),
        )
        if same:
            self._on_decisions_changed()
        else:
            self.map.set_decisions({})
        if self.worker is None and self.index is None:
            self.model_box.refresh()

    # ------------------------------------------------------------------ choice
    @Slot()
    def _forget(self) -> None:
        """Another network or folder: the index and everything built on it no longer apply."""
        if self.index is None:
            return
        self.model = self.index = self.twin = self.twin_index = self.normal = self.result = None
        self.similar.set_index(Path("."), [])
        self.check.set_normal(0, None)
        self.check.model.clear(Path("."))
        self.stack.setCurrentWidget(self.empty)
        self._update_state()

    def showEvent(self, event: QShowEvent) -> None:
        """Runs may have finished since the page was last shown."""
        if self.worker is None:
            self.model_box.refresh()
        super().showEvent(event)
