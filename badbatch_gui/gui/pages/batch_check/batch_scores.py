"""BatchScores: the batch histogram with its draggable threshold, the threshold box and the batch list."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.gui.pages.batch_check.batch_table import BatchTable
from badbatch_gui.gui.pages.batch_check.frd_histogram import FrdHistogram


class BatchScores(QWidget):
    """Children the page wires up: ``histogram`` (threshold_moving / threshold_changed), ``threshold_box``
    (editingFinished), ``auto_button`` (clicked), ``rejected_label`` and ``table`` (batch_selected).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchScores")
        self.histogram = FrdHistogram()
        self.histogram.set_labels(
            self.tr("batch score (higher = more unusual)"), self.tr("batches"), self.tr("threshold")
        )
        self.histogram.setToolTip(
            self.tr(
                "How many batches got each score; a triangle under the axis marks each "
                "batch. Drag the line (the threshold): batches to its right are "
                "unrepresentative. The score is the Fréchet distance (FRD) between a "
                "batch's features and those of the folder's typical photos."
            )
        )
        self.threshold_box = QDoubleSpinBox(decimals=3)
        self.threshold_box.setObjectName("thresholdValue")
        self.threshold_box.setRange(0.0, 1e9)
        self.threshold_box.setToolTip(
            self.tr("Batches scoring above this number are rejected; type a value or drag the line.")
        )
        self.auto_button = QPushButton(self.tr("Automatic"))
        self.auto_button.setObjectName("thresholdAutomatic")
        self.auto_button.setToolTip(
            self.tr(
                "Go back to the threshold the app computed: how high batches of photos "
                "that look fine score (in the augmentation check: the median batch "
                "plus three typical deviations)."
            )
        )
        self.rejected_label = QLabel()
        self.rejected_label.setObjectName("rejectedCount")
        self.table = BatchTable()
        thr = QHBoxLayout()
        thr.addWidget(QLabel(self.tr("Threshold:")))
        thr.addWidget(self.threshold_box)
        thr.addWidget(self.auto_button)
        thr.addStretch(1)
        thr.addWidget(self.rejected_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.histogram, 2)
        layout.addLayout(thr)
        layout.addWidget(self.table, 3)
