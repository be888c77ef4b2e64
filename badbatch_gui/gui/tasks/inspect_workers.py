"""Workers for the Inspect step's long jobs, each run as the controller's task (``AppController.start_task``):
indexing a folder under a network (:class:`IndexWorker`) and checking new photos against the indexed normal ones
(:class:`CheckWorker`). Both call the core's ``core/inspect`` functions with ``control`` and ``on_event``
(docs/design/inspect.md §1); torch-using modules are imported inside :meth:`work`, in the worker thread.

The network (``InspectModel``) and the index cross to the GUI thread only as opaque, read-only objects that the
page hands back to later workers and pool jobs; the GUI never calls into them. A check sends its photos as soon as
they are judged, collected into lists at most :data:`EMIT_INTERVAL_S` apart (≤ 10 signals per second).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from badbatch_gui.core import events as ev
from badbatch_gui.gui.tasks.runner import Worker

log = logging.getLogger(__name__)

EMIT_INTERVAL_S = 0.1


@dataclass(frozen=True)
class IndexReady:
    """What :class:`IndexWorker` hands back.

    Attributes:
        model: the ``InspectModel`` (the trained network, or its untrained twin); read-only, opaque to the GUI.
        index: the folder's ``FolderIndex``.
        folder_map: the ``FolderMap`` (2-D layout) of the index; None for the untrained twin's index.
        reasons: the Batch check's reason codes per indexed photo (empty tuple when it looks fine); None for the
            twin.
    """

    model: Any
    index: Any
    folder_map: Any | None
    reasons: tuple[tuple[str, ...], ...] | None


class IndexWorker(Worker):
    """Loads a network (a run folder or an export) or takes one already loaded, optionally turns it into its
    untrained twin, and indexes a folder under it (``core.inspect.index.build_index``); the result is an
    :class:`IndexReady`.
    """

    def __init__(
        self,
        folder: Path,
        exclude: tuple[str, ...],
        cache_dir: Path,
        source: Path | None = None,
        model: Any = None,
        twin: bool = False,
    ) -> None:
        super().__init__()
        if source is None and model is None:
            raise ValueError("give the network's folder or the loaded network")
        self.folder, self.exclude, self.cache_dir = Path(folder), tuple(exclude), Path(cache_dir)
        self.source, self.model, self.twin = source, model, twin

    def work(self) -> Any:
        """Load, index, and lay out the map."""
        from badbatch_gui.core.inspect.folder_map import folder_map
        from badbatch_gui.core.inspect.index import build_index
        from badbatch_gui.core.inspect.model import load_model, untrained_twin

        model = self.model
        if model is None:
            self.on_event(ev.Progress("load", 0, 0, "loading the network"))
            model = load_model(Path(self.source or "."))
        if self.twin:
            model = untrained_twin(model)
        index = build_index(
            model,
            self.folder,
            exclude=self.exclude,
            cache_dir=self.cache_dir,
            control=self.control,
            on_event=self.on_event,
        )
        if self.twin:
            return IndexReady(model, index, None, None)
        return IndexReady(model, index, folder_map(index), tuple(index.findings().reasons))


class CheckWorker(Worker):
    """Learns what the indexed (normal) photos look like (``fit_normal``; skipped when ``normal`` is given) and
    checks the photos of a folder against them (``check_photos``); the result is the ``CheckResult``.

    Signals, besides :class:`Worker`'s:
        normal_ready(object): the ``NormalModel`` (sent before the check starts), to reuse for the next check.
        photos_checked(list): the ``PhotoCheck`` s judged since the last list, in the order checked.
    """

    normal_ready = Signal(object)
    photos_checked = Signal(list)

    def __init__(
        self, model: Any, index: Any, folder: Path, false_alarm_rate: float, cache_dir: Path, normal: Any = None
    ) -> None:
        super().__init__()
        self.model, self.index, self.folder = model, index, Path(folder)
        self.false_alarm_rate, self.cache_dir, self.normal = float(false_alarm_rate), Path(cache_dir), normal
        self._pending: list[Any] = []
        self._last_sent = 0.0

    def work(self) -> Any:
        """Fit (or reuse) the normal model, then check the folder."""
        from badbatch_gui.core.config import InspectConfig
        from badbatch_gui.core.inspect.check import PhotoChecked, check_photos
        from badbatch_gui.core.inspect.normal_model import fit_normal

        self._routes[PhotoChecked] = self._collect
        normal = self.normal
        if normal is None:
            normal = fit_normal(
                self.model,
                self.index,
                InspectConfig(false_alarm_rate=self.false_alarm_rate),
                cache_dir=self.cache_dir,
                control=self.control,
                on_event=self.on_event,
            )
        self.normal_ready.emit(normal)
        try:
            return check_photos(
                self.model,
                normal,
                self.folder,
                false_alarm_rate=self.false_alarm_rate,
                control=self.control,
                on_event=self.on_event,
            )
        finally:
            self._send()

    def _collect(self, event: Any) -> None:
        """A PhotoChecked event (worker thread): keep it; send the list when the interval has passed."""
        self._pending.append(event.photo)
        if time.monotonic() - self._last_sent >= EMIT_INTERVAL_S:
            self._send()

    def _send(self) -> None:
        batch, self._pending = self._pending, []
        self._last_sent = time.monotonic()
        if batch:
            self.photos_checked.emit(batch)
