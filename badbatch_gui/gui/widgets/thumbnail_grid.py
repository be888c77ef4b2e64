"""ThumbnailGrid: a virtualised icon-mode list view over a folder's images, with lazily loaded thumbnails.

Only rows the view actually paints ask for a thumbnail (``data(DecorationRole)``), so 10,000 images cost no
more than the few dozen on screen. Decoding happens in a loader's thread pool (see ``gui/tasks/workers.py``:
``ThumbnailLoader``); this module only turns finished ``QImage`` s into pixmaps in the GUI thread and keeps the
most recent ones in a bounded in-memory cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from badbatch_gui.core.file_names import display_name
from badbatch_gui.gui import resources

MEMORY_PIXMAPS = 1500
MAX_WIDEN = 1.8  # a cell grows at most this much for its text (then the text is elided, whole in the tooltip)
TEXT_SAMPLE = 2000  # rows measured for the longest text
PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class ThumbnailSource(Protocol):
    """What the model needs from a thumbnail loader (``tasks.thumbnails.ThumbnailLoader`` provides it)."""

    size: int

    @property
    def loaded(self) -> SignalInstance: ...  # noqa: D102 - (path, QImage)

    @property
    def failed(self) -> SignalInstance: ...  # noqa: D102 - (path)

    def request(self, path: str) -> None: ...  # noqa: D102 - the protocol's docstring says it

    def drop_queued(self) -> None: ...  # noqa: D102 - the protocol's docstring says it


class ThumbnailModel(QAbstractListModel):
    """Rows are images ``(relative path, width, height, size_bytes)`` under ``root``; decoration = thumbnail."""

    def __init__(
        self, loader: ThumbnailSource | None, thumb_size: int = 112, ratio: float = 1.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.thumb_size, self.ratio = int(thumb_size), float(ratio)
        self.root = Path(".")
        self.rows: list[tuple[str, int, int, int]] = []
        self._row_of: dict[str, int] = {}
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._failed: set[str] = set()
        self._placeholder = self._blank(None)
        self._broken = self._blank("image-broken")
        if loader is not None:
            loader.loaded.connect(self._on_loaded)
            loader.failed.connect(self._on_failed)

    def set_images(self, root: Path, rows: Sequence[tuple[str, int, int, int]]) -> None:
        """Show ``rows`` (relative POSIX paths under ``root``)."""
        self.beginResetModel()
        self.root = Path(root)
        self.rows = list(rows)
        self._row_of = {self._abs(r[0]): i for i, r in enumerate(self.rows)}
        self._pixmaps.clear()
        self._failed.clear()
        if self.loader is not None:
            self.loader.drop_queued()
        self.endResetModel()

    def _abs(self, rel: str) -> str:
        return str(self.root.joinpath(*PurePosixPath(rel).parts))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """One row per photo."""
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The file name, the thumbnail (asked of the loader on first view), the size tooltip, or the path."""
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        rel, w, h, nbytes = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_name(PurePosixPath(rel).name)
        if role == Qt.ItemDataRole.DecorationRole:
            key = self._abs(rel)
            pix = self._pixmaps.get(key)
            if pix is not None:
                self._pixmaps.move_to_end(key)
                return pix
            if key in self._failed:
                return self._broken
            if self.loader is not None:
                self.loader.request(key)
            return self._placeholder
        if role == Qt.ItemDataRole.ToolTipRole:
            size = QLocale().formattedDataSize(nbytes, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)
            return f"{display_name(rel)}\n{w} × {h} px, {size}"
        if role == PATH_ROLE:  # read from Python only (through Qt it would lose a non-UTF-8 name's bytes)
            return rel
        return None

    @Slot(object, QImage)
    def _on_loaded(self, path: str, image: QImage) -> None:
        row = self._row_of.get(path)
        if row is None:
            return
        self._pixmaps[path] = self._square(QPixmap.fromImage(image))
        while len(self._pixmaps) > MEMORY_PIXMAPS:
            self._pixmaps.popitem(last=False)
        idx = self.index(row)
        self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    @Slot(object)
    def _on_failed(self, path: str) -> None:
        row = self._row_of.get(path)
        if row is not None:
            self._failed.add(path)
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole])

    def _square(self, pix: QPixmap) -> QPixmap:
        """``pix`` centred on a transparent square of the thumbnail size (device pixels)."""
        side = round(self.thumb_size * self.ratio)
        scaled = pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        out = QPixmap(side, side)
        out.fill(Qt.GlobalColor.transparent)
        p = QPainter(out)
        x, y = (side - scaled.width()) // 2, (side - scaled.height()) // 2
        p.drawPixmap(x, y, scaled)
        p.setPen(QColor(128, 128, 128, 140))  # a thin frame keeps white or black photos visible
        p.drawRect(x, y, scaled.width() - 1, scaled.height() - 1)
        p.end()
        out.setDevicePixelRatio(self.ratio)
        return out

    def _blank(self, icon_name: str | None) -> QPixmap:
        side = round(self.thumb_size * self.ratio)
        out = QPixmap(side, side)
        out.fill(QColor(128, 128, 128, 40))
        if icon_name:
            p = QPainter(out)
            icon = resources.pixmap(icon_name, self.thumb_size // 3, self.ratio)
            p.drawPixmap((side - icon.width()) // 2, (side - icon.height()) // 2, icon)
            p.end()
        out.setDevicePixelRatio(self.ratio)
        return out


class _CellDelegate(QStyledItemDelegate):
    """Items as wide as their grid cell: icon mode otherwise elides the text to about the thumbnail's width,
    however wide the cell is.
    """

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        cell = self.view.gridSize()
        return QSize(max(size.width(), cell.width() - 8), size.height()) if cell.isValid() else size


class ThumbnailGrid(QListView):
    """Icon-mode view with uniform item sizes; drops stale thumbnail requests after the operator scrolls.

    The text under a thumbnail is one elided line (its tooltip has it all). The grid size given is the smallest
    cell; cells widen for the longest text shown (up to :data:`MAX_WIDEN` times) and then share each row's width,
    so a wider window shows the whole text instead of the same cut-off one.
    """

    def __init__(self, model: ThumbnailModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text_width: int | None = None  # the longest text, measured when the rows change
        self.setObjectName("thumbnailGrid")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(_CellDelegate(self))
        side = model.thumb_size
        self.setIconSize(QSize(side, side))
        self._cell = QSize(side + 20, side + 30)
        self.setGridSize(self._cell)
        self.setSpacing(4)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setModel(model)
        model.modelReset.connect(self._on_rows_changed)
        model.rowsInserted.connect(self._on_rows_changed)
        model.dataChanged.connect(self._on_data_changed)
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(80)
        self._scroll_timer.timeout.connect(self._on_scroll_settled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def setGridSize(self, size: QSize) -> None:
        """The smallest cell; the cells widen to share the view's width (see the class docstring)."""
        self._cell = QSize(size)
        self._fit_cells()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the cells to the new width."""
        super().resizeEvent(event)
        self._fit_cells()

    @Slot()
    def _on_rows_changed(self, *_: object) -> None:
        self._text_width = None
        self._fit_cells()

    def _on_data_changed(self, _first: QModelIndex, _last: QModelIndex, roles: Sequence[int] = ()) -> None:
        if not roles or Qt.ItemDataRole.DisplayRole in roles:  # not for every thumbnail that arrives
            self._on_rows_changed()

    def _longest_text(self) -> int:
        if self._text_width is None:
            model, fm = self.model(), self.fontMetrics()
            rows = min(model.rowCount(), TEXT_SAMPLE) if model is not None else 0
            texts = (model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole) for r in range(rows))
            self._text_width = max((fm.horizontalAdvance(str(t)) for t in texts if t), default=0)
        return self._text_width

    def _fit_cells(self) -> None:
        cell = getattr(self, "_cell", None)
        if cell is None:
            return
        # the width without a scroll bar's, whether one shows or not (so it cannot flip the layout back and forth)
        width = self.width() - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width() - 2
        want = min(max(cell.width(), self._longest_text() + 16), int(cell.width() * MAX_WIDEN))
        columns = max(1, width // max(1, want))
        wide = QSize(max(cell.width(), width // columns), cell.height())
        if wide != self.gridSize():
            super().setGridSize(wide)
            self.scheduleDelayedItemsLayout()  # the items take the new cell width (_CellDelegate)

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self._scroll_timer.start()

    @Slot()
    def _on_scroll_settled(self) -> None:
        model = self.model()
        if isinstance(model, ThumbnailModel) and model.loader is not None:
            model.loader.drop_queued()
        self.viewport().update()
