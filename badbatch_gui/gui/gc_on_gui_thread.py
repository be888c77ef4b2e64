"""Python's garbage collector runs on the GUI thread only (docs/design/gui.md §1, "Garbage collection").

Why: CPython's automatic collection runs in whichever thread happens to allocate when a threshold is crossed,
and a collection frees every object of the unreachable cycles it finds, Qt objects included. A QObject
destroyed in a worker thread while the GUI thread is inside Qt can freeze the window for good: the worker,
inside ``QObject::~QObject``, holds a Qt connection mutex and waits for the interpreter lock (PySide asks
Python whether the object overrides ``disconnectNotify``), while the GUI thread holds the interpreter lock
and waits for that mutex (for example in ``QMenu.addAction``, which connects signals). The same happens when
the training thread calls ``gc.collect()`` itself. tests/gui/test_gc_on_gui_thread.py reproduces it.

The remedy (the one pyqtgraph ships as ``pyqtgraph.util.garbage_collector``): automatic collection is switched
off in the window's process and a GUI-thread timer collects, generation by generation, with the thresholds
CPython would have used. Objects whose last reference a worker thread would drop (the worker of a thread-pool
job) are handed over with :func:`release_on_gui_thread` and dropped at the next tick.

:class:`GuiThreadCollector` also counts the collections by thread (``gc.callbacks``), so a collection that
still runs elsewhere (a library calling ``gc.collect()`` in a worker) is logged and can be tested for.
"""

from __future__ import annotations

import gc
import logging
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

log = logging.getLogger(__name__)

TICK_MS = 500  # garbage waits at most this long; a young-generation pass costs well under a millisecond
_OBJECT_NAME = "badbatch-gc-on-gui-thread"

_handed_over: list[object] = []  # references a worker thread gave up; dropped on the GUI thread
_handed_over_lock = threading.Lock()
_active = [0]  # collectors installed (0 or 1): without one, nothing would ever drop the handed-over references


def release_on_gui_thread(obj: object) -> None:
    """Keep a reference to ``obj`` until the GUI thread's next collector tick, so that a worker thread never
    drops the last reference to a Qt object. Safe to call from any thread; without an installed collector
    (scripts, core tests) the reference is simply dropped by the caller, as before.
    """
    with _handed_over_lock:
        if _active[0]:
            _handed_over.append(obj)


class GuiThreadCollector(QObject):
    """Collects garbage on the GUI thread with automatic collection switched off (see the module docstring).

    Create it on the GUI thread with the application as parent (:func:`install` does). :meth:`uninstall`
    collects once more and switches automatic collection back on (the test fixtures use it).

    Attributes:
        on_gui_thread / elsewhere: collections counted by the thread that ran them since installation.
        gui_thread_id: ``threading.get_ident()`` of the GUI thread.
    """

    def __init__(self, parent: QObject | None = None, tick_ms: int = TICK_MS) -> None:
        super().__init__(parent)
        self.setObjectName(_OBJECT_NAME)
        self.gui_thread_id = threading.get_ident()
        self.on_gui_thread = 0
        self.elsewhere = 0
        self._warned = False
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(int(tick_ms))
        self._timer.timeout.connect(self.tick)
        gc.callbacks.append(self._count)
        with _handed_over_lock:
            _active[0] += 1
        gc.disable()
        self._timer.start()
        log.debug("automatic garbage collection off; collecting on the GUI thread every %d ms", tick_ms)

    def _count(self, phase: str, _info: dict[str, Any]) -> None:
        """``gc.callbacks`` hook: count each collection by the thread it runs in."""
        if phase != "start":
            return
        if threading.get_ident() == self.gui_thread_id:
            self.on_gui_thread += 1
            return
        self.elsewhere += 1
        if not self._warned:  # once: the collection itself is what may hang, a log line per pass would not help
            self._warned = True
            log.warning("a garbage collection ran outside the GUI thread (in %s)", threading.current_thread().name)

    @Slot()
    def tick(self) -> None:
        """Drop the handed-over references, then collect the oldest generation whose count passed its
        threshold (CPython's own rule, without its extra heuristic for full collections).
        """
        with _handed_over_lock:
            released = _handed_over[:]
            _handed_over.clear()
        del released
        counts, limits = gc.get_count(), self._thresholds
        if counts[0] <= limits[0]:
            return
        generation = 2 if counts[2] > limits[2] else 1 if counts[1] > limits[1] else 0
        gc.collect(generation)

    def pause(self) -> None:
        """Stop the timer (no collection until :meth:`collect_now` or :meth:`uninstall`). The test fixtures pause
        it once a test returned, so that its widgets are deleted by Qt before their Python side is collected.
        """
        self._timer.stop()

    def collect_now(self) -> int:
        """A full collection now (on the GUI thread); returns the number of unreachable objects found."""
        self.tick()
        return gc.collect()

    def uninstall(self) -> None:
        """Stop the timer, collect once more here and give collection back to CPython."""
        self._timer.stop()
        with _handed_over_lock:
            _active[0] -= 1
        self.collect_now()
        if self._count in gc.callbacks:
            gc.callbacks.remove(self._count)
        if self._was_enabled:
            gc.enable()
        self.setParent(None)


def installed(app: QCoreApplication | None = None) -> GuiThreadCollector | None:
    """The collector installed on ``app`` (default: the running application), if any."""
    app = app or QCoreApplication.instance()
    if app is None:
        return None
    return app.findChild(GuiThreadCollector, _OBJECT_NAME)


def install(app: QCoreApplication) -> GuiThreadCollector:
    """Switch automatic collection off and collect on ``app``'s thread from now on (idempotent).

    Must be called on the GUI thread, after the QApplication exists and before worker threads start.
    """
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("the garbage collector must be installed from the GUI thread")
    existing = installed(app)
    return existing if existing is not None else GuiThreadCollector(app)
