"""BatchReview: one batch's photos, worst first, each as original + view 1 + view 2 with its unusualness and
keep / reject buttons (the augmented views are what the batch score measured), under a sentence that says what
makes the batch unusual (``core.scoring.batch_explanation``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Collection
from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from badbatch_gui.core.file_names import display_name
from badbatch_gui.core.scoring.batch_explanation import batch_effects
from badbatch_gui.gui import resources
from badbatch_gui.gui.text import batch_text

TILE = 88


class ImageRow(QFrame):
    """One photo of the batch: three tiles, name, reasons and unusualness, keep / reject toggles.

    ``unusualness``: the findings' severity (the app's one scale; None without findings); ``effect``: how much more
    than a typical photo of the batch it raises the batch score (``batch_explanation.batch_effects``).
    """

    decision_clicked = Signal(object, object)  # relative path (str, kept as it is), "keep" | "reject" | None

    def __init__(
        self,
        rank: int,
        path: str,
        unusualness: float | None,
        effect: float,
        why: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"imageRow{rank}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.path = path
        self.tiles = [QLabel() for _ in range(3)]
        for t in self.tiles:
            t.setFixedSize(QSize(TILE, TILE))
            t.setAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setStyleSheet("background: rgba(128,128,128,40);")
        name = QLabel(f"<b>{rank}.</b> {html.escape(display_name(PurePosixPath(path).name))}")
        name.setToolTip(display_name(path))
        self.why = QLabel(why)
        self.why.setObjectName("imageRowReasons")
        self.why.setStyleSheet("color: #c0392b;")
        self.why.setVisible(bool(why))
        self.score = QLabel(
            self.tr("unusualness {0:.2f}").format(unusualness)
            if unusualness is not None
            else self.tr("effect on the batch score {0:+.3g}").format(effect)
        )
        self.score.setObjectName("imageRowUnusualness")
        self.score.setToolTip(
            self.tr(
                "Unusualness: below 1 looks fine, 1 or more looks wrong (compared with this "
                "folder's typical photo; the same number as in the photo's tooltip on the "
                "left).\nEffect on this batch's score: {0:+.3g} (how much more than a typical "
                "photo of the batch it raises the score; near 0 is typical)."
            ).format(effect)
        )
        self.keep = QToolButton()
        self.reject = QToolButton()
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        for b, icon, text, name_, tip in (
            (self.keep, "keep", self.tr("Keep"), "keep", self.tr("Use this photo for training.")),
            (self.reject, "reject", self.tr("Reject"), "reject", self.tr("Leave this photo out of training.")),
        ):
            b.setObjectName(f"{name_}Image{rank}")
            b.setIcon(resources.icon(icon))
            b.setText(text)
            b.setToolTip(tip)
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.group.addButton(b)
        self.keep.clicked.connect(self._on_keep)
        self.reject.clicked.connect(self._on_reject)
        info = QVBoxLayout()
        info.addWidget(name)
        info.addWidget(self.why)
        info.addWidget(self.score)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep)
        buttons.addWidget(self.reject)
        buttons.addStretch(1)
        info.addLayout(buttons)
        info.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for t in self.tiles:
            layout.addWidget(t)
        layout.addSpacing(8)
        layout.addLayout(info, 1)

    def set_decision(self, decision: str | None, automatic: bool = False) -> None:
        """Show the stored decision; an automatic rejection (the photo looks wrong) says so on the button."""
        self.keep.setChecked(decision == "keep")
        self.reject.setChecked(decision == "reject")
        self.reject.setText(
            self.tr("Left out automatically") if decision == "reject" and automatic else self.tr("Reject")
        )

    def set_images(self, images: tuple[QImage, QImage, QImage]) -> None:
        """Show the original and the two views (scaled to the tile, crisp on high-DPI screens)."""
        ratio = self.devicePixelRatioF() or 1.0
        side = round(TILE * ratio)
        for tile, img in zip(self.tiles, images, strict=True):
            pix = QPixmap.fromImage(img).scaled(
                side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            pix.setDevicePixelRatio(ratio)
            tile.setPixmap(pix)

    def _on_keep(self, checked: bool) -> None:
        self.decision_clicked.emit(self.path, "keep" if checked else None)

    def _on_reject(self, checked: bool) -> None:
        self.decision_clicked.emit(self.path, "reject" if checked else None)


class BatchReview(QWidget):
    """The selected batch. Signals: ``decision_requested(object, object)`` (a list of relative paths, decision or None),
    ``step_requested(int)`` (+1 next batch, -1 previous).
    """

    decision_requested = Signal(object, object)
    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchReview")
        self.batch: Any = None
        self.rows: dict[str, ImageRow] = {}
        self.automatic: frozenset[str] = frozenset()
        # finding codes -> plain words shown under a flagged photo's name (the page sets it; "" shows nothing)
        self.describe: Callable[[tuple[str, ...]], str] = lambda _codes: ""
        self.title = QLabel(self.tr("Select a batch in the list to see its photos."))
        self.title.setObjectName("batchReviewTitle")
        self.title.setWordWrap(True)
        self.why = QLabel()
        self.why.setObjectName("batchReviewWhy")
        self.why.setWordWrap(True)
        self.why.setVisible(False)
        self.prev_button = self._button(
            "previous", self.tr("Previous"), "reviewPrevious", self.tr("Show the previous batch in the list (P).")
        )
        self.next_button = self._button(
            "next", self.tr("Next"), "reviewNext", self.tr("Show the next batch in the list (N).")
        )
        self.keep_button = self._button(
            "keep",
            self.tr("Keep batch"),
            "reviewKeepBatch",
            self.tr("Use every photo of this batch for training, even if its score is high (A)."),
        )
        self.reject_button = self._button(
            "reject",
            self.tr("Reject batch"),
            "reviewRejectBatch",
            self.tr("Leave every photo of this batch out of training (R)."),
        )
        self.clear_button = self._button(
            "undecided", self.tr("Clear"), "reviewClearBatch", self.tr("Forget your decisions for this batch's photos.")
        )
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.keep_button.clicked.connect(lambda: self.decide_batch("keep"))
        self.reject_button.clicked.connect(lambda: self.decide_batch("reject"))
        self.clear_button.clicked.connect(lambda: self.decide_batch(None))
        bar = QHBoxLayout()
        for b in (self.prev_button, self.next_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for b in (self.keep_button, self.reject_button, self.clear_button):
            bar.addWidget(b)
        heads = QGridLayout()
        for col, (text, tip) in enumerate(
            (
                (self.tr("Original"), self.tr("The photo as it is.")),
                (self.tr("View 1"), self.tr("A random variation (crop, colour, blur) the network trains on.")),
                (self.tr("View 2"), self.tr("A second random variation of the same photo.")),
            )
        ):
            head = QLabel(text)
            head.setToolTip(tip)
            head.setFixedWidth(TILE + 6)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            heads.addWidget(head, 0, col)
        heads.setColumnStretch(3, 1)
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(4)
        self.list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("batchReviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.list_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addLayout(bar)
        layout.addLayout(heads)
        layout.addWidget(self.scroll_area, 1)
        self._set_enabled(False)

    def _button(self, icon: str, text: str, name: str, tip: str) -> QPushButton:
        b = QPushButton(resources.icon(icon), text)
        b.setObjectName(name)
        b.setToolTip(tip)
        return b

    def _set_enabled(self, on: bool) -> None:
        for b in (self.keep_button, self.reject_button, self.clear_button, self.prev_button, self.next_button):
            b.setEnabled(on)

    def show_batch(
        self,
        batch: Any,
        threshold: float | None,
        decisions: dict[str, str],
        explanation: Any = None,
        automatic: Collection[str] = (),
    ) -> None:
        """Show ``batch`` (a BatchScore; None clears) with its images worst first; ``explanation``: its
        ``BatchExplanation`` when it is above the threshold; ``automatic``: rejections the app made.
        """
        self.batch = batch
        self.automatic = frozenset(automatic)
        for row in self.rows.values():
            row.setParent(None)
            row.deleteLater()
        self.rows = {}
        self.why.setText(batch_text.cause_sentence(explanation))
        self.why.setVisible(batch is not None and explanation is not None)
        if batch is None:
            self.title.setText(self.tr("Select a batch in the list to see its photos."))
            self._set_enabled(False)
            return
        above = threshold is not None and batch.frd > threshold
        verdict = self.tr("above the threshold: unrepresentative") if above else self.tr("below the threshold")
        self.title.setText(
            self.tr("<b>Batch {0}</b> · score {1:.4g} ({2}) · {3} photos, most unusual first").format(
                batch.index + 1, batch.frd, verdict, len(batch.images)
            )
        )
        effects = batch_effects(img.score for img in batch.images)
        for rank, (img, effect) in enumerate(zip(batch.images, effects, strict=True), start=1):
            row = ImageRow(
                rank,
                img.path,
                getattr(img, "unusualness", None),
                float(effect),
                self.describe(getattr(img, "reasons", ())),
            )
            row.set_decision(decisions.get(img.path), img.path in self.automatic)
            row.decision_clicked.connect(self._on_row_decision)
            self.list_layout.insertWidget(self.list_layout.count() - 1, row)
            self.rows[img.path] = row
        self.scroll_area.verticalScrollBar().setValue(0)
        self._set_enabled(True)

    def set_decisions(self, decisions: dict[str, str], automatic: Collection[str] = ()) -> None:
        """Refresh the keep/reject toggles from the stored decisions (``automatic``: rejections the app made)."""
        self.automatic = frozenset(automatic)
        for path, row in self.rows.items():
            row.set_decision(decisions.get(path), path in self.automatic)

    def set_views(self, batch_index: int, views: list[tuple[str, float, QImage, QImage, QImage]]) -> None:
        """Fill the tiles once the views of ``batch_index`` are ready (ignored if another batch is shown)."""
        if self.batch is None or self.batch.index != batch_index:
            return
        for path, _score, orig, v1, v2 in views:
            row = self.rows.get(path)
            if row is not None:
                row.set_images((orig, v1, v2))

    def decide_batch(self, decision: str | None) -> None:
        """Apply ``decision`` to every photo of the shown batch."""
        if self.batch is not None:
            self.decision_requested.emit([i.path for i in self.batch.images], decision)

    def _on_row_decision(self, path: str, decision: object) -> None:
        self.decision_requested.emit([path], decision)
