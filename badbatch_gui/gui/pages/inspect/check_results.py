"""CheckResultsModel: checked photos as thumbnails, most unusual first, each with its score and verdict under it and
its heat map over it; filtered by verdict. Photos can arrive one list at a time while the check runs (each goes
straight to its sorted place, so the view keeps its scroll position and selection).

Thumbnails come from the app's thumbnail machinery (``ThumbnailModel``); the heat map is painted over them on the
GUI thread (``heat_overlay.py``) and kept in a small cache that a new threshold clears.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPixmap

from badbatch_gui.gui.pages.inspect.heat_overlay import photo_rect, with_heat
from badbatch_gui.gui.text import inspect_text, reason_text
from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailModel

FILTERS = ("all", "unusual", "bad_shot", "normal")
MEMORY_OVERLAYS = 600


def _order(photo: Any) -> tuple[float, str]:
    return -float(photo.score), str(photo.path)


class CheckResultsModel(ThumbnailModel):
    """Rows are ``PhotoCheck`` s of one check (``core.inspect.check_result``), most unusual first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.photos: list[Any] = []
        self.shown: list[Any] = []
        self.filter = "all"
        self.low = 0.0
        self.threshold = float("inf")
        self.show_heat = True
        self._aspect: dict[str, float] = {}
        self._overlaid: OrderedDict[str, QPixmap] = OrderedDict()

    # ------------------------------------------------------------------ content
    def clear(self, root: Path) -> None:
        """No photos (a new check of ``root`` starts)."""
        self.photos, self.shown = [], []
        self._overlaid.clear()
        self.set_images(root, [])

    def add(self, photos: Iterable[Any]) -> None:
        """Photos just checked: each is inserted at its place (most unusual first)."""
        keys = [_order(p) for p in self.shown]
        for photo in photos:
            key = _order(photo)
            bisect.insort(self.photos, photo, key=_order)
            if not self._passes(photo):
                continue
            row = bisect.bisect(keys, key)
            self.beginInsertRows(QModelIndex(), row, row)
            keys.insert(row, key)
            self.shown.insert(row, photo)
            self.rows.insert(row, (photo.path, 0, 0, 0))
            self.endInsertRows()
        self._row_of = {self._abs(r[0]): i for i, r in enumerate(self.rows)}

    def set_photos(self, photos: Iterable[Any]) -> None:
        """Replace every photo (a finished check, or the same photos judged at another false-alarm rate); the
        thumbnails already loaded are kept.
        """
        self.photos = sorted(photos, key=_order)
        self._refilter()

    def set_filter(self, verdict: str) -> None:
        """Show "all" photos or those of one verdict ("unusual", "bad_shot", "normal")."""
        self.filter = verdict if verdict in FILTERS else "all"
        self._refilter()

    def set_scale(self, low: float, threshold: float) -> None:
        """The heat maps' colour scale: clear up to ``low``, red above ``threshold``."""
        self.low, self.threshold = float(low), float(threshold)
        self._overlaid.clear()
        self._changed()

    def set_show_heat(self, on: bool) -> None:
        """Draw the heat maps over the thumbnails, or not."""
        self.show_heat = bool(on)
        self._changed()

    def counts(self) -> dict[str, int]:
        """Photos per verdict, and "all"."""
        out = {v: 0 for v in FILTERS}
        out["all"] = len(self.photos)
        for p in self.photos:
            out[p.verdict] = out.get(p.verdict, 0) + 1
        return out

    def photo_at(self, row: int) -> Any:
        """The ``PhotoCheck`` of a visible row (None out of range)."""
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def row_of(self, path: str) -> int:
        """The visible row of a relative path (-1 when hidden)."""
        return next((i for i, p in enumerate(self.shown) if p.path == path), -1)

    def _passes(self, photo: Any) -> bool:
        return self.filter == "all" or photo.verdict == self.filter

    def _refilter(self) -> None:
        self.shown = [p for p in self.photos if self._passes(p)]
        self.beginResetModel()  # like set_images, but the loaded thumbnails stay
        self.rows = [(p.path, 0, 0, 0) for p in self.shown]
        self._row_of = {self._abs(r[0]): i for i, r in enumerate(self.rows)}
        self.endResetModel()

    def _changed(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    # ------------------------------------------------------------------ display
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The verdict as caption, the reasons and score as tooltip, the verdict's colour, a heat-map thumbnail."""
        photo = self.photo_at(index.row()) if index.isValid() else None
        if photo is None:
            return super().data(index, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return inspect_text.caption(photo.verdict, photo.reasons, photo.score)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [photo.path, inspect_text.verdict_text(photo.verdict, photo.reasons)]
            lines += [f"• {reason_text.name(c)}: {reason_text.explanation(c)}" for c in photo.reasons]
            lines.append(inspect_text.score_tooltip(photo.score, self.threshold))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = inspect_text.VERDICT_COLOURS.get(photo.verdict, "")
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.DecorationRole and self.show_heat and photo.verdict != "bad_shot":
            return self._decoration(index, photo)  # a bad shot is named by its reason, not by where it differs
        return super().data(index, role)

    def _decoration(self, index: QModelIndex | QPersistentModelIndex, photo: Any) -> Any:
        key = self._abs(photo.path)
        done = self._overlaid.get(key)
        if done is not None:
            self._overlaid.move_to_end(key)
            return done
        base = super().data(index, Qt.ItemDataRole.DecorationRole)
        if key not in self._pixmaps or key not in self._aspect or not self.threshold < float("inf"):
            return base
        rect = photo_rect(float(self.thumb_size), self._aspect[key])
        done = with_heat(base, rect, photo.heat_map, self.low, self.threshold)
        self._overlaid[key] = done
        while len(self._overlaid) > MEMORY_OVERLAYS:
            self._overlaid.popitem(last=False)
        return done

    @Slot(str, QImage)
    def _on_loaded(self, path: str, image: QImage) -> None:
        if image.height() > 0:
            self._aspect[path] = image.width() / image.height()
        self._overlaid.pop(path, None)
        super()._on_loaded(path, image)
