"""Step 2, Batch check: the photos that look wrong (and why) first, then training's batches (FRD), the threshold,
batch review and decisions, and the exported list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.scoring.batch_explanation import BatchExplanation, explain_batches
from badbatch_gui.core.scoring.findings import REASONS
from badbatch_gui.core.scoring.rejected_list import rejected_rows, write_csv
from badbatch_gui.gui import resources
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.dialogs import file_dialogs
from badbatch_gui.gui.pages.batch_check.batch_review import BatchReview
from badbatch_gui.gui.pages.batch_check.batch_scores import BatchScores
from badbatch_gui.gui.pages.batch_check.check_controls import CheckControls
from badbatch_gui.gui.pages.batch_check.findings_panel import FindingsModel, FindingsPanel
from badbatch_gui.gui.pages.batch_check.verdict_banner import VerdictBanner
from badbatch_gui.gui.tasks.batch_views import BatchViews, BatchViewsLoader
from badbatch_gui.gui.tasks.thumbnails import ThumbnailLoader
from badbatch_gui.gui.text import batch_text, reason_text, score_text, sentences, vocabulary
from badbatch_gui.gui.text.plural_text import PluralText
from badbatch_gui.gui.widgets.decisions_notice import DecisionsNotice


class BatchCheckPage(QWidget):
    """Photos that look wrong, scores, threshold, batch list, batch review. ``go_to_step(int)`` moves on."""

    go_to_step = Signal(int)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchCheckPage")
        self.controller = controller
        self.image_size = ScoreConfig().image_size
        self.views = BatchViewsLoader(self)
        self.views.loaded.connect(self._on_views_loaded)
        self._selected = -1

        title = QLabel(self.tr("<h2>2 · Batch check</h2>"))
        intro = QLabel(
            self.tr(
                "Before training, the app looks at every photo and at the batches training will "
                "draw. Photos that look wrong — too dark, blurry, cut off, unlike the rest — come "
                "first: leave them out or keep them. Photos and batches you reject are left out of "
                "training."
            )
        )
        intro.setWordWrap(True)
        self.controls = CheckControls(controller)
        self.settings_row = self.controls.settings_row
        self.settings_row.start_requested.connect(self.start_check)

        self.banner = VerdictBanner()
        self.banner.verdict.setToolTip(vocabulary.look_wrong_tip())
        self.batch_scores = BatchScores()
        self.histogram, self.table = self.batch_scores.histogram, self.batch_scores.table
        self.threshold_box, self.auto_button = self.batch_scores.threshold_box, self.batch_scores.auto_button
        self.rejected_label = self.batch_scores.rejected_label
        self.histogram.threshold_moving.connect(self._on_threshold_moving)
        self.histogram.threshold_changed.connect(self._on_threshold_changed)
        self.threshold_box.editingFinished.connect(self._on_threshold_typed)
        self.auto_button.clicked.connect(lambda: controller.set_threshold(None))
        self.table.batch_selected.connect(self._on_batch_selected)

        self.review = BatchReview()
        self.review.decision_requested.connect(self._on_decision)
        self.review.step_requested.connect(self.table.step)
        self.review.describe = reason_text.names
        ratio = self.devicePixelRatioF() or 1.0
        self.loader = ThumbnailLoader(controller.paths.thumbnails_dir, round(96 * ratio), parent=self)
        self.findings_model = FindingsModel(
            self.loader, 96, ratio, self, name_of=reason_text.name, explain=reason_text.explanation
        )
        self.findings = FindingsPanel(self.findings_model)
        self.findings.decision_requested.connect(self._on_decision)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("batchCheckTabs")
        self.tabs.addTab(self.batch_scores, resources.icon("step-batch"), self.tr("Batches"))
        self.tabs.addTab(self.review, resources.icon("step-batch"), self.tr("Selected batch"))
        self.table.doubleClicked.connect(lambda _i: self.tabs.setCurrentWidget(self.review))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("batchCheckSplitter")
        self.splitter.addWidget(self.findings)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)

        self.export_button = QPushButton(resources.icon("export-list"), self.tr("Export list…"))
        self.export_button.setObjectName("exportRejectedList")
        self.export_button.setToolTip(
            self.tr(
                "Save a CSV file for a spreadsheet: every photo that looks wrong and "
                "every photo left out, each with who decided (left out "
                "automatically, left out by you, kept by you) and why, and the "
                "photos of batches above the threshold that training still uses."
            )
        )
        self.export_button.clicked.connect(self.export_list)
        self.next_button = QPushButton(resources.icon("next"), self.tr("Next: Train"))
        self.next_button.setObjectName("batchCheckNext")
        self.next_button.setToolTip(self.tr("Go to step 3 to train the feature network; your decisions are used."))
        self.next_button.clicked.connect(lambda: self.go_to_step.emit(2))
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)

        self.results = QWidget()
        rv = QVBoxLayout(self.results)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.banner)
        rv.addWidget(self.splitter, 1)
        rv.addLayout(bottom)
        self.empty = QLabel()
        self.empty.setObjectName("batchCheckHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.decisions_notice = DecisionsNotice(controller, "batchCheckDecisionsNotice")
        layout = QVBoxLayout(self)
        for w in (title, intro, self.decisions_notice, self.controls):
            layout.addWidget(w)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.results, 1)

        self._review_keys = {
            Qt.Key.Key_N: lambda: self.table.step(1),
            Qt.Key.Key_P: lambda: self.table.step(-1),
            Qt.Key.Key_A: lambda: self.review.decide_batch("keep"),
            Qt.Key.Key_R: lambda: self.review.decide_batch("reject"),
        }
        self.table.installEventFilter(self)  # the table would use letters for its keyboard search

        controller.scan_changed.connect(self._on_scan_changed)
        controller.report_changed.connect(self._on_report_changed)
        controller.decisions_changed.connect(self._on_decisions_changed)
        self._on_scan_changed(controller.scan)
        self._on_report_changed(controller.report)

    # ------------------------------------------------------------------ scoring
    def score_config(self) -> ScoreConfig:
        """The check's configuration from the settings row (batch size: see CheckControls.config)."""
        return self.controls.config(self.image_size)

    @Slot()
    def start_check(self) -> None:
        """Start scoring in the background."""
        self.controls.remember()
        self.controller.start_scoring(self.score_config())

    def _review_key(self, event: QKeyEvent) -> bool:
        """N / P: next / previous batch; A: keep the batch; R: reject it. Never while typing in a field."""
        action = self._review_keys.get(Qt.Key(event.key()))
        if action is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, (QLineEdit, QAbstractSpinBox)) or (isinstance(focus, QComboBox) and focus.isEditable()):
            return False
        action()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The review keys (N, P, A, R) pressed in the table go to the page, before the table moves its cursor."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._review_key(cast(QKeyEvent, event)):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Handle the review keys that no child widget used."""
        if not self._review_key(event):
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ controller signals
    @Slot(object)
    def _on_scan_changed(self, scan: Any) -> None:
        if scan is None:
            self.empty.setText(self.tr("Choose and scan a folder in step 1 first."))
        elif self.controls.start_problem():
            self.empty.setText(self.controls.start_problem())
        else:
            self.empty.setText(
                self.tr("Click “Check batches” to check the {0} usable photos.").format(len(scan.training_images()))
            )

    @Slot(object)
    def _on_report_changed(self, report: Any) -> None:
        self.empty.setVisible(report is None)
        self.results.setVisible(report is not None)
        if report is None:
            self.table.table_model.set_batches([], None)
            self.review.show_batch(None, None, {})
            self.findings.set_report(Path("."), [], {}, REASONS)
            self._selected = -1
            return
        tau = report.threshold.value
        self.histogram.set_scores(report.scores, tau)
        self.table.table_model.set_batches(list(report.batches), tau)
        self.threshold_box.blockSignals(True)
        self.threshold_box.setValue(tau if tau is not None else float(np.max(report.scores, initial=0.0)))
        self.threshold_box.blockSignals(False)
        counts = report.findings.counts() if report.findings is not None else {}  # the headline's numbers
        self.findings.set_report(Path(report.root), list(report.outliers), counts, REASONS)
        self._on_decisions_changed()
        self._show_verdict(tau)
        if self._selected >= 0:
            self.table.select_batch(self._selected)
        elif report.batches:
            self.table.select_batch(max(report.batches, key=lambda b: b.frd).index)

    def explanations(self, tau: float | None) -> dict[int, BatchExplanation]:
        """Batch index -> what makes each batch above ``tau`` unusual (photos already left out do not count as
        good photos a rejection would throw away).
        """
        report = self.controller.report
        if report is None:
            return {}
        left_out = set(self.controller.leave_out().paths)
        return {e.batch: e for e in explain_batches(report.batches, tau, left_out)}

    def _show_verdict(self, tau: float | None) -> None:
        report = self.controller.report
        if report is None:
            return
        exclude = set((self.controller.score_config.exclude if self.controller.score_config else ()) or ())
        rule = self.controller.leave_out()
        automatic = len(exclude & rule.automatic)
        explained = self.explanations(tau)
        self.table.table_model.set_explanations(explained)
        verdict, level, detail, detail_level, notes = score_text.banner(report, tau, len(exclude), automatic)
        why = batch_text.summary(explained[i] for i in sorted(explained, key=lambda i: -report.batches[i].frd))
        if why:
            detail = sentences.join(detail, why)
        flagged = set(report.flagged_paths)
        if flagged and flagged <= set(rule.paths):
            verdict = sentences.join(verdict, self.tr("(all left out of training)"))
        self.banner.set_verdict(verdict, level)
        self.banner.set_detail(detail, detail_level)
        self.banner.set_notices(notes)
        rejected = int(np.sum(report.scores > tau)) if tau is not None else 0
        self.rejected_label.setText(self.tr("%n batch(es) above the threshold", "", rejected))

    @Slot(float)
    def _on_threshold_moving(self, value: float) -> None:
        self.table.table_model.set_threshold(value)
        self.threshold_box.blockSignals(True)
        self.threshold_box.setValue(value)
        self.threshold_box.blockSignals(False)
        self._show_verdict(value)

    @Slot(float)
    def _on_threshold_changed(self, value: float) -> None:
        self.controller.set_threshold(value)

    @Slot()
    def _on_threshold_typed(self) -> None:
        report = self.controller.report
        if report is not None and self.threshold_box.value() != report.threshold.value:
            self.controller.set_threshold(self.threshold_box.value())

    @Slot()
    def _on_decisions_changed(self) -> None:
        rule = self.controller.leave_out()
        decisions, automatic = rule.marks(), set(rule.automatic)
        report = self.controller.report
        counts: dict[int, tuple[int, int, int]] = {}
        if report is not None:
            for b in report.batches:
                rej = [i.path for i in b.images if decisions.get(i.path) == "reject"]
                auto = sum(1 for p in rej if p in automatic)
                kept = sum(1 for i in b.images if decisions.get(i.path) == "keep")
                if rej or kept:
                    counts[b.index] = (auto, len(rej) - auto, kept)
        self.table.table_model.set_decisions(counts)
        self.review.set_decisions(decisions, automatic)
        self.findings_model.set_decisions(decisions, automatic)
        if report is not None:
            self._show_verdict(self.table.table_model.threshold)

    @Slot(object, object)
    def _on_decision(self, paths: list[str], decision: str | None) -> None:
        self.controller.set_decision(list(paths), decision)  # reasons added there
        plural = PluralText()
        text = {"reject": plural.left_out_by_you, "keep": plural.kept_by_you}.get(
            str(decision), plural.decisions_cleared
        )
        self.controller.status_message.emit(text(len(paths)))  # visible feedback, also when no mark changes

    # ------------------------------------------------------------------ batch review
    @Slot(int)
    def _on_batch_selected(self, batch_index: int) -> None:
        report = self.controller.report
        self._selected = batch_index
        batch = next((b for b in report.batches if b.index == batch_index), None) if report else None
        rule = self.controller.leave_out()
        tau = self.table.table_model.threshold
        why = self.explanations(tau).get(batch_index) if batch is not None else None
        self.review.show_batch(batch, tau, rule.marks(), why, tuple(sorted(rule.automatic)))
        if batch is not None:
            self._request_views(batch_index)

    def _request_views(self, batch_index: int) -> None:
        report = self.controller.report
        batch = next((b for b in report.batches if b.index == batch_index), None) if report else None
        if report is None or batch is None:
            return
        config = ScoreConfig.from_dict(report.config) if report.config else self.score_config()
        self.views.request(
            batch_index, Path(report.root), [(i.path, i.dataset_index, i.score) for i in batch.images], config
        )

    @Slot(int, list)
    def _on_views_loaded(self, batch_index: int, views: BatchViews) -> None:
        self.review.set_views(batch_index, views)

    # ------------------------------------------------------------------ actions
    def export_list(self, path: str | None = None) -> Path | None:
        """Write the photos training leaves out as CSV (asks for the file name unless ``path`` is given)."""
        report = self.controller.report
        if report is None:
            return None
        if not path:
            start = Path(self.controller.settings.export_dir or Path.home()) / "photos_left_out.csv"
            path = file_dialogs.save_file(
                self, self.tr("Save the list of photos left out"), str(start), self.tr("CSV files (*.csv)")
            )
            if not path:
                return None
        rule = self.controller.leave_out()
        rows = rejected_rows(report, rule.marks(), rule.automatic)
        try:
            out = write_csv(Path(path), rows)
        except OSError as exc:
            self.controller.show_error(self.tr("The list could not be saved: {0}").format(exc.strerror or exc), "")
            return None
        self.controller.status_message.emit(self.tr("Saved %n photo(s) to the list.", "", len(rows)))
        return out

    def showEvent(self, event: QShowEvent) -> None:
        """Refresh the trained networks the operator can pick."""
        super().showEvent(event)
        from badbatch_gui.core.training.run_folder.runs import list_runs

        runs = [
            (r.run_dir.name, str(r.run_dir))
            for r in list_runs(self.controller.paths.runs_dir)
            if r.status == "completed" and r.has_checkpoint
        ]
        self.settings_row.fill_networks(runs)

    def shutdown(self) -> None:
        """Stop the views job and the thumbnail decoders (called when the window closes)."""
        self.views.shutdown(10000)
        self.loader.shutdown()
