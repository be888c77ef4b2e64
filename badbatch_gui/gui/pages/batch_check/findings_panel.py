"""FindingsPanel: the photos that look wrong, as thumbnails with the reason in plain words under each, a filter
by reason, and keep / leave-out buttons (the lead of the Batch check page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.core.file_names import display_name
from badbatch_gui.gui import resources
from badbatch_gui.gui.widgets.thumbnail_grid import PATH_ROLE, ThumbnailGrid, ThumbnailModel

ALL_FLAGGED = "__flagged__"
LEAST_TYPICAL = "__all__"
MARKS = {"keep": "✓ ", "reject": "✕ "}


class FindingsModel(ThumbnailModel):
    """Rows are the report's least typical photos (``ImageScore`` with reasons), filtered by reason.

    ``name_of(code)`` and ``explain(code)`` turn finding codes into plain words (the page passes
    ``gui.text.reason_text.name`` / ``explanation``, so this widget needs no knowledge of the codes).
    """

    def __init__(self, *args: Any, name_of: Callable[[str], str] = str, explain: Callable[[str], str] = str,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.name_of, self.explain = name_of, explain
        self.photos: list[Any] = []
        self.shown: list[Any] = []
        self.decisions: dict[str, str] = {}
        self.filter = ALL_FLAGGED

    def set_photos(self, root: Path, photos: list[Any]) -> None:
        """All the photos the panel can show (most unusual first); the filter picks the visible ones."""
        self.photos = list(photos)
        self._refilter(root)

    def set_filter(self, code: str) -> None:
        """:data:`ALL_FLAGGED`, :data:`LEAST_TYPICAL` or one reason code."""
        self.filter = code
        self._refilter(self.root)

    def _refilter(self, root: Path) -> None:
        if self.filter == LEAST_TYPICAL:
            self.shown = list(self.photos)
        elif self.filter == ALL_FLAGGED:
            self.shown = [p for p in self.photos if p.flagged]
        else:
            self.shown = [p for p in self.photos if self.filter in p.reasons]
        self.set_images(root, [(p.path, 0, 0, 0) for p in self.shown])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.shown):
            return super().data(index, role)
        photo = self.shown[index.row()]
        mark = MARKS.get(self.decisions.get(photo.path, ""), "")
        if role == Qt.ItemDataRole.DisplayRole:
            words = self.tr(", ").join(self.name_of(c) for c in photo.reasons)
            return mark + (words if photo.reasons else self.tr("looks fine"))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [display_name(photo.path)] + [f"• {self.name_of(c)}: {self.explain(c)}" for c in photo.reasons]
            lines.append(self.tr("How unusual, compared with the whole folder: {0:.2f} (1 or more looks wrong)")
                         .format(photo.score))
            if self.decisions.get(photo.path) == "reject":
                lines.append(self.tr("Left out of training."))
            elif self.decisions.get(photo.path) == "keep":
                lines.append(self.tr("Kept for training by you."))
            return "\n".join(lines)
        return super().data(index, role)

    def set_decisions(self, decisions: dict[str, str]) -> None:
        """Refresh the ✓ / ✕ marks."""
        self.decisions = dict(decisions)
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])


class FindingsPanel(QWidget):
    """Signal ``decision_requested(object, object)``: relative paths (a list of ``str``, passed as it is: a Qt list
    would lose a non-UTF-8 name's bytes) and "keep" / "reject" / None."""

    decision_requested = Signal(object, object)

    def __init__(self, model: FindingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.model = model
        self.filter = QComboBox()
        self.filter.setObjectName("findingsFilter")
        self.filter.setToolTip(self.tr("Show the photos flagged for one reason, all of them, or the least typical "
                                       "photos of the folder whether flagged or not."))
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        self.empty = QLabel(wordWrap=True)
        self.empty.setObjectName("findingsEmpty")
        self.empty.setVisible(False)
        self.grid = ThumbnailGrid(model)
        self.grid.setObjectName("findingsGrid")
        side = model.thumb_size
        self.grid.setTextElideMode(Qt.TextElideMode.ElideRight)  # the main reason comes first; all in the tooltip
        self.grid.setGridSize(QSize(side + 40, side + 30))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        for icon, text, name, tip, decision in (
                ("reject", self.tr("Leave out"), "findingsReject",
                 self.tr("Leave the selected photos out of training."), "reject"),
                ("keep", self.tr("Keep"), "findingsKeep",
                 self.tr("Use the selected photos for training even though they were flagged."), "keep"),
                ("undecided", self.tr("Clear"), "findingsClear",
                 self.tr("Forget your decisions for the selected photos."), None)):
            b = QPushButton(resources.icon(icon), text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, d=decision: self._decide(d))
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.all_button = QPushButton(resources.icon("reject"), self.tr("Leave out all flagged"))
        self.all_button.setObjectName("findingsRejectAll")
        self.all_button.setToolTip(self.tr("Leave every flagged photo you have not kept out of training."))
        self.all_button.clicked.connect(self._reject_all)
        buttons.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    def set_report(self, root: Path, photos: list[Any], n_flagged: int, codes: Sequence[str]) -> None:
        """Show a report's least typical photos (``ImageScore`` with reasons, most unusual first); the filter
        lists "all that look wrong", each reason of ``codes`` (in that order) with its count, "least typical"."""
        self.filter.blockSignals(True)
        current = self.filter.currentData()
        self.filter.clear()
        self.filter.addItem(self.tr("All that look wrong ({0})").format(n_flagged), ALL_FLAGGED)
        mentions: dict[str, int] = {}
        for p in photos:
            for code in p.reasons:
                mentions[code] = mentions.get(code, 0) + 1
        for code in [c for c in codes if c in mentions]:
            label = self.model.name_of(code)
            self.filter.addItem(self.tr("{0} ({1})").format(label[:1].upper() + label[1:], mentions[code]), code)
        self.filter.addItem(self.tr("The {0} least typical photos").format(len(photos)), LEAST_TYPICAL)
        index = self.filter.findData(current) if current is not None else 0
        self.filter.setCurrentIndex(max(0, index))
        self.filter.blockSignals(False)
        self.model.filter = str(self.filter.currentData())
        self.model.set_photos(root, photos)
        self.all_button.setEnabled(n_flagged > 0)
        self._update_empty()

    def _update_empty(self) -> None:
        none = not self.model.shown
        self.empty.setVisible(none)
        self.empty.setText(self.tr("No photo looks wrong: every photo is close to the folder's typical one.")
                           if none else "")

    def select_filter(self, code: str) -> None:
        """Show one reason (or :data:`ALL_FLAGGED` / :data:`LEAST_TYPICAL`)."""
        self.filter.setCurrentIndex(max(0, self.filter.findData(code)))

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.model.set_filter(str(self.filter.currentData()))
        self._update_empty()

    def selected_paths(self) -> list[str]:
        """Relative paths of the selected thumbnails."""
        return [self.model.data(i, PATH_ROLE) for i in self.grid.selectionModel().selectedIndexes()]

    def _decide(self, decision: str | None) -> None:
        paths = self.selected_paths()
        if paths:
            self.decision_requested.emit(paths, decision)

    def _reject_all(self) -> None:
        paths = [p.path for p in self.model.photos if p.flagged and self.model.decisions.get(p.path) != "keep"]
        if paths:
            self.decision_requested.emit(paths, "reject")

    def caption_of(self, path: str) -> str:
        """The text under one photo's thumbnail (tests)."""
        for row, p in enumerate(self.model.shown):
            if p.path == path:
                return str(self.model.data(self.model.index(row), Qt.ItemDataRole.DisplayRole))
        return ""
