"""PhotoListModel: thumbnails of indexed photos with a caption and a tooltip of the page's choosing (the folder
grid, the answers of "photos like this one", the photos selected on the map). Thumbnails come from the app's
thumbnail machinery (``ThumbnailModel`` with a ``ThumbnailLoader``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailModel


class PhotoListModel(ThumbnailModel):
    """Rows are relative paths under ``root``, each with an optional caption (default: the file name) and
    tooltip (default: the relative path).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paths: list[str] = []
        self.captions: list[str] = []
        self.tooltips: list[str] = []

    def set_photos(
        self,
        root: Path,
        paths: Sequence[str],
        captions: Sequence[str] | None = None,
        tooltips: Sequence[str] | None = None,
    ) -> None:
        """Show ``paths`` (relative POSIX paths under ``root``)."""
        self.paths = list(paths)
        self.captions = list(captions) if captions is not None else []
        self.tooltips = list(tooltips) if tooltips is not None else []
        self.set_images(root, [(p, 0, 0, 0) for p in self.paths])

    def path_at(self, row: int) -> str | None:
        """The relative path of ``row`` (None out of range)."""
        return self.paths[row] if 0 <= row < len(self.paths) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The caption and the tooltip (the full path unless one was given) of each photo."""
        row = index.row() if index.isValid() else -1
        if role == Qt.ItemDataRole.DisplayRole and 0 <= row < len(self.captions):
            return self.captions[row]
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= row < len(self.paths):
            return self.tooltips[row] if row < len(self.tooltips) else self.paths[row]
        return super().data(index, role)
