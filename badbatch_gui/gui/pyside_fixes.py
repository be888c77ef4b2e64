"""Workarounds for two PySide6 6.12 defects that abort the process (call :func:`apply` once, before any
QApplication or worker thread exists: in ``app.main()``, ``tests/conftest.py``, benchmarks).

1. **Missing references to None/True/False on Python < 3.12.** ``constraints.txt`` therefore pins 6.11.3 and
   ``pyproject.toml`` excludes 6.12.0; the pin below only runs if a 6.12 release is installed anyway.
   With PySide6-Essentials 6.12.0 on CPython
   3.11, every call of a void Qt method (``QLabel.setText``, ``QCoreApplication.processEvents``...) drops
   one reference to ``None`` and every ``Signal.emit`` drops one to ``True``. Python 3.12 made these objects
   immortal, which hides the defect there; on 3.11 the count reaches zero after a few hundred signals or a
   few thousand widget updates and CPython aborts ("Fatal Python error: bool_dealloc / none_dealloc").
   Measured with ``sys.getrefcount`` around 300 calls: ``setText`` -300 on None, ``emit(1)`` -300 on True.
   The workaround adds 2**40 references to those singletons (they are never freed anyway), which makes them
   immortal in practice. It is a no-op on Python ≥ 3.12.
2. **The shiboken import hook in worker threads.** PySide6 wraps ``__import__``; for every newly imported
   pure-Python module it calls ``inspect.getsource`` to look for ``from __feature__ import``. Importing
   torchvision (which pulls sympy) in a worker thread while the GUI thread runs crashed. The app never uses
   ``__feature__``, so the hook's check is replaced by "this module does not use it".
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

_PINNED = 1 << 40
_applied = False


def _pin(obj: object) -> None:
    """Add :data:`_PINNED` references to ``obj`` (CPython: ``ob_refcnt`` is the object's first field)."""
    ref = ctypes.c_ssize_t.from_address(id(obj))
    ref.value += _PINNED


def apply() -> None:
    """Apply both workarounds once (idempotent)."""
    global _applied
    if _applied:
        return
    _applied = True
    import PySide6

    affected = PySide6.__version__.startswith("6.12.")  # 6.11.3 (our pin) measured clean: delta 0 over 300 calls
    if affected and sys.implementation.name == "cpython" and sys.version_info < (3, 12):
        for obj in (None, True, False, Ellipsis, NotImplemented):
            _pin(obj)
        log.info("PySide6 workaround: None/True/False pinned (Python %s)", sys.version.split()[0])
    try:
        import PySide6.QtCore  # installs shibokensupport
        import shibokensupport.feature as feature  # type: ignore[import-not-found]  # PySide6-internal, no stubs
    except ImportError:  # pragma: no cover - other PySide builds
        return
    if hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda module: False
