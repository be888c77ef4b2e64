"""FindingsPanel: the photos that look wrong, as thumbnails with the reason in plain words under each, a filter
by main reason (the same counts as the page's headline, ``findings.Findings.counts``), and keep / leave-out
buttons (the lead of the Batch check page).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
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
    """Rows are the report's least typical photos (``ImageScore`` with reasons), filtered by main reason (the
    first of a photo's reasons: each photo is counted and listed under one reason, as in the headline).

    ``name_of(code)`` and ``explain(code)`` turn finding codes into plain words (the page passes
    ``gui.text.reason_text.name`` / ``explanation``, so this widget needs no knowledge of the codes).
    """

    def __init__(
        self, *args: Any, name_of: Callable[[str], str] = str, explain: Callable[[str], str] = str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.name_of, self.explain = name_of, explain
        self.photos: list[Any] = []
        self.shown: list[Any] = []
        self.decisions: dict[str, str] = {}
        self.automatic: frozenset[str] = frozenset()  # rejections the app made (flagged photos left out)
        self.filter = ALL_FLAGGED

    def set_photos(self, root: Path, photos: list[Any]) -> None:
        """All the photos the panel can show (most unusual first); the filter picks the visible ones."""
        self.photos = list(photos)
        self._refilter(root)

    def set_filter(self, code: str) -> None:
        """:data:`ALL_FLAGGED`, :data:`LEAST_TYPICAL` or one reason code (photos whose main reason it is)."""
        self.filter = code
        self._refilter(self.root)

    def _refilter(self, root: Path) -> None:
        if self.filter == LEAST_TYPICAL:
            self.shown = list(self.photos)
        elif self.filter == ALL_FLAGGED:
            self.shown = [p for p in self.photos if p.flagged]
        else:
            self.shown = [p for p in self.photos if p.reasons[:1] == (self.filter,)]
        self.set_images(root, [(p.path, 0, 0, 0) for p in self.shown])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The photo's findings and your decision mark as its caption; the explanations as its tooltip."""
        if not index.isValid() or index.row() >= len(self.shown):
            return super().data(index, role)
        photo = self.shown[index.row()]
        mark = MARKS.get(self.decisions.get(photo.path, ""), "")
        if role == Qt.ItemDataRole.DisplayRole:
            words = self.tr(", ").join(self.name_of(c) for c in photo.reasons)
            return mark + (words if photo.reasons else self.tr("looks fine"))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [display_name(photo.path)] + [f"• {self.name_of(c)}: {self.explain(c)}" for c in photo.reasons]
            unusual = photo.unusualness if photo.unusualness is not None else photo.score
            lines.append(
                self.tr(
                    "Unusualness {0:.2f}: below 1 looks fine, 1 or more looks wrong (compared with "
                    "this folder's typical photo)."
                ).format(unusual)
            )
            decision = self.decisions.get(photo.path)
            if decision == "reject" and photo.path in self.automatic:
                lines.append(self.tr("Left out automatically because it looks wrong; click Keep to use it."))
            elif decision == "reject":
                lines.append(self.tr("Left out by you."))
            elif decision == "keep":
                lines.append(self.tr("Kept for training by you."))
            return "\n".join(lines)
        return super().data(index, role)

    def set_decisions(self, decisions: Mapping[str, str], automatic: Collection[str] = ()) -> None:
        """Refresh the ✓ / ✕ marks; ``automatic``: the rejections the app made (not the operator)."""
        self.decisions = dict(decisions)
        self.automatic = frozenset(automatic)
        if self.rows:
            self.dataChanged.emit(
                self.index(0),
                self.index(len(self.rows) - 1),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole],
            )


class FindingsPanel(QWidget):
    """Signal ``decision_requested(object, object)``: relative paths (a list of ``str``, passed as it is: a Qt list
    would lose a non-UTF-8 name's bytes) and "keep" / "reject" / None.
    """

    decision_requested = Signal(object, object)

    def __init__(self, model: FindingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.model = model
        self.filter = QComboBox()
        self.filter.setObjectName("findingsFilter")
        self.filter.setToolTip(
            self.tr(
                "Show the photos that look wrong for one reason, all of them, or the least "
                "typical photos of the folder whether they look wrong or not. Each photo is "
                "counted once, under its main reason (the first one under its thumbnail), "
                "so the counts add up to the headline's; its other reasons are in its "
                "tooltip."
            )
        )
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
            (
                "reject",
                self.tr("Leave out"),
                "findingsReject",
                self.tr("Leave the selected photos out of training."),
                "reject",
            ),
            (
                "keep",
                self.tr("Keep"),
                "findingsKeep",
                self.tr("Use the selected photos for training even though they look wrong."),
                "keep",
            ),
            (
                "undecided",
                self.tr("Clear"),
                "findingsClear",
                self.tr(
                    "Forget your decisions for the selected photos: they go back to the app's default "
                    "(photos that look wrong are left out automatically, the others used)."
                ),
                None,
            ),
        ):
            b = QPushButton(resources.icon(icon), text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, d=decision: self._decide(d))
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.all_button = QPushButton(resources.icon("reject"), self.tr("Leave out all that look wrong"))
        self.all_button.setObjectName("findingsRejectAll")
        self.all_button.setToolTip(
            self.tr(
                "Leave every photo that looks wrong and that you have not kept out of "
                "training, as your own decision (unticking “Leave out the photos that "
                "look wrong” on the Train step then does not bring them back)."
            )
        )
        self.all_button.clicked.connect(self._reject_all)
        buttons.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.grid, 1)
        layout.addLayout(buttons)

    def set_report(self, root: Path, photos: list[Any], counts: Mapping[str, int], codes: Sequence[str]) -> None:
        """Show a report's least typical photos (``ImageScore`` with reasons, most unusual first); the filter
        lists "all that look wrong", each reason of ``codes`` (in that order) with its count of photos whose main
        reason it is (``counts``: ``Findings.counts``, the headline's numbers), and "least typical".
        """
        self.filter.blockSignals(True)
        current = self.filter.currentData()
        self.filter.clear()
        n_flagged = sum(counts.values())
        self.filter.addItem(self.tr("All that look wrong ({0})").format(n_flagged), ALL_FLAGGED)
        for code in [c for c in codes if counts.get(c)]:
            label = self.model.name_of(code)
            self.filter.addItem(self.tr("{0} ({1})").format(label[:1].upper() + label[1:], counts[code]), code)
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
        self.empty.setText(
            self.tr("No photo looks wrong: every photo is close to the folder's typical one.") if none else ""
        )

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
