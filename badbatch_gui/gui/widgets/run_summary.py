"""RunSummaryView: the three figures managers ask for — training time, peak memory, data used — in big type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from badbatch_gui.gui.text.units import format_bytes, format_count, format_duration


class _Figure(QFrame):
    def __init__(self, title: str, tooltip: str, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.title = QLabel(title, self)
        self.value = QLabel("—", self)
        self.value.setObjectName(name + "Value")
        self.detail = QLabel("", self)
        self.detail.setWordWrap(True)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.setSpacing(0)
        for w in (self.title, self.value, self.detail):
            lay.addWidget(w)


class RunSummaryView(QWidget):
    """Shows a run.json ``summary`` dict (``train_time_s``, ``peak_memory_bytes``, ``memory_kind``,
    ``images_used``) — or the same figures live during training — as three labelled numbers.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runSummary")
        self.time = _Figure(
            self.tr("Training time"), self.tr("Time spent training, not counting pauses."), "summaryTime", self
        )
        self.memory = _Figure(
            self.tr("Peak memory"), self.tr("The most memory training used at any moment."), "summaryMemory", self
        )
        self.data = _Figure(
            self.tr("Photos used"), self.tr("How many photos training learned from."), "summaryData", self
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for f in (self.time, self.memory, self.data):
            lay.addWidget(f)
        self.clear()

    def clear(self) -> None:
        """Dashes everywhere (no run)."""
        for f in (self.time, self.memory, self.data):
            f.value.setText("—")
            f.detail.setText("")

    def set_summary(
        self,
        summary: Mapping[str, Any],
        n_images: int | None = None,
        excluded: int | None = None,
        live: bool = False,
        left_out: str = "",
    ) -> None:
        """Fill in the figures.

        Args:
            summary: keys ``train_time_s``, ``peak_memory_bytes``, ``memory_kind`` ("cuda" | "cpu_rss"),
                ``images_used``, ``rejected_batches``; missing keys show a dash.
            n_images: photos in the folder, for "x of y".
            excluded: photos the operator rejected by hand.
            live: the run is still going (figures are "so far").
            left_out: a sentence on the photos left out and why ("12 photos left out: 4 too dark · 8 by hand");
                shown instead of the ``excluded`` count when given.
        """
        self.time.value.setText(format_duration(summary.get("train_time_s")))
        self.time.detail.setText(self.tr("so far") if live else "")
        self.memory.value.setText(format_bytes(summary.get("peak_memory_bytes")))
        kind = summary.get("memory_kind")
        self.memory.detail.setText(
            self.tr("graphics card") if kind == "cuda" else self.tr("computer memory") if kind else ""
        )
        used = summary.get("images_used")
        self.data.value.setText(format_count(used))
        parts = []
        if n_images:
            parts.append(self.tr("of {0} in the folder").format(format_count(n_images)))
        if left_out:
            parts.append(left_out)
        elif excluded:
            parts.append(self.tr("{0} left out by you").format(format_count(excluded)))
        rejected = summary.get("rejected_batches")
        if rejected:
            parts.append(self.tr("%n batch(es) skipped", "", int(rejected)))
        self.data.detail.setText(self.tr("; ").join(parts))

    def figures(self) -> dict[str, str]:
        """The three shown values (tests, model card preview)."""
        return {"time": self.time.value.text(), "memory": self.memory.value.text(), "data": self.data.value.text()}
