"""The deadlock pattern of Qt objects freed by the garbage collector in a worker thread, as a program to run in a
child process (tests/gui/test_gc_on_gui_thread.py starts it; a hang cannot be recovered from in-process).

The GUI thread keeps busy inside Qt (it builds menus, whose ``addAction`` connects signals under Qt's connection
mutexes) and leaves behind QObjects that are only reachable from reference cycles, each connected to a Python
method of another. A worker thread allocates plain Python objects, so CPython's automatic collection runs there
whenever its threshold is crossed, and frees those QObjects in the worker.

Usage: ``python gc_deadlock_pattern.py MODE [TICKS]``

- ``collector``: the app's remedy (gc_on_gui_thread.install). Exit 0 and a line ``freed gui=N worker=0`` when
  every QObject was freed on the GUI thread; exit 1 otherwise.
- ``automatic``: CPython's automatic collection, as before the remedy. Exit 3 the moment the collector frees
  one of these QObjects in the worker thread (it reports this before the object's C++ destructor runs, so the
  run does not wait for the hang); exit 0 if that never happened.
- ``automatic-until-hang``: as ``automatic`` but carries on. On PySide6 6.11.3 / CPython 3.11 this froze in 2 of
  3 runs within seconds: the worker waits for the interpreter lock inside ``QObject::~QObject``, the GUI thread
  holds it inside ``QMenu::actionEvent`` -> ``QObject::connect`` and waits for the mutex (seen with gdb). The
  guard below then prints every thread's stack and ends the process with exit code 1.

Every mode is guarded by ``faulthandler.dump_traceback_later(GUARD_S, exit=True)``, which runs in C and so
fires even when no Python thread can run.
"""

from __future__ import annotations

import faulthandler
import gc
import os
import sys
import threading
import weakref

GUARD_S = int(os.environ.get("GC_PATTERN_GUARD_S", "120"))


def main() -> int:
    mode = sys.argv[1]
    ticks = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    faulthandler.dump_traceback_later(GUARD_S, exit=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject, QTimer, Signal
    from PySide6.QtWidgets import QApplication, QMenu, QWidget

    from badbatch_gui.gui import pyside_fixes

    pyside_fixes.apply()
    app = QApplication([])
    collector = None
    if mode == "collector":
        from badbatch_gui.gui import gc_on_gui_thread

        collector = gc_on_gui_thread.install(app)

    class Holder(QObject):
        ping = Signal()

        def on_ping(self) -> None:
            pass

    gui_thread = threading.get_ident()
    freed = {"gui": 0, "worker": 0}
    created = [0]
    lock = threading.Lock()

    def on_freed() -> None:  # a weakref callback: runs in the collecting thread, before the C++ destructor
        where = "gui" if threading.get_ident() == gui_thread else "worker"
        with lock:
            freed[where] += 1
        if where == "worker" and mode == "automatic":
            os.write(1, b"a QObject was freed by a collection in the worker thread\n")
            os._exit(3)

    window = QWidget()
    stop = threading.Event()

    def allocate() -> None:  # crosses CPython's allocation threshold again and again, in this thread
        while not stop.is_set():
            junk = [[i] for i in range(2000)]
            del junk

    def busy_gui() -> None:
        for _ in range(20):
            a, b = Holder(), Holder()
            a.ping.connect(b.on_ping)
            b.ping.connect(a.on_ping)
            a.ping.connect(window.update)
            a.cycle = (a, b)  # only the garbage collector can free these two
            weakref.finalize(a, on_freed)
            created[0] += 1
            del a, b
            menu = QMenu(window)
            for _ in range(5):
                menu.addAction("item").triggered.connect(window.update)
            menu.setParent(None)
            del menu
        ticks_done[0] += 1
        if ticks_done[0] >= ticks:
            app.quit()

    ticks_done = [0]  # read by busy_gui once the timer runs
    worker = threading.Thread(target=allocate, name="allocating worker", daemon=True)
    worker.start()
    timer = QTimer()
    timer.timeout.connect(busy_gui)
    timer.start(0)
    app.exec()
    stop.set()
    worker.join()
    if collector is not None:
        collector.collect_now()
    else:
        gc.collect()
    print(f"freed gui={freed['gui']} worker={freed['worker']} of {created[0]}", flush=True)  # noqa: T201 - the result line
    if mode == "collector":
        return 0 if freed["worker"] == 0 and freed["gui"] == created[0] and collector.elsewhere == 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
