"""PyInstaller runtime hook: frozen-app rules that must hold before any app code runs.

Runs in the frozen app only (PyInstaller executes runtime hooks before the entry script), so it is cheap and
imports neither torch nor Qt (docs/design/gui.md §8: paint first).

1. **No DataLoader worker processes when frozen** (docs/design/gui.md §9, pyinstaller/pyinstaller#9358).
   The app never uses ``torch.utils.data.DataLoader`` workers: the core's ``dataset.BatchLoader`` prefetches in
   a *thread*. As a guard against future code or a library doing it, ``DataLoader`` is patched the moment
   ``torch.utils.data.dataloader`` is imported so that ``num_workers`` is forced to 0 (logged once).
2. **Qt plugins**: PyInstaller's own PySide6 runtime hook points ``QT_PLUGIN_PATH`` at the bundled plugins
   (``_internal/PySide6/Qt/plugins``); a ``QT_QPA_PLATFORM_PLUGIN_PATH`` inherited from the user's
   environment (e.g. a system Qt 5) would make Qt load foreign platform plugins and crash, so it is dropped.
3. ``multiprocessing.freeze_support()`` is the first call of both entry scripts (``packaging/entry/``);
   PyInstaller's multiprocessing runtime hook does the rest.
"""

import importlib.abc
import os
import sys

_DATALOADER_MODULE = "torch.utils.data.dataloader"


def _force_single_process(module) -> None:  # module: a module object
    loader_cls = getattr(module, "DataLoader", None)
    if loader_cls is None or getattr(loader_cls, "_badbatch_frozen_patch", False):
        return
    original_init = loader_cls.__init__

    def __init__(self, *args, **kwargs):  # noqa: N807 - replaces the wrapped class's __init__
        # num_workers is DataLoader's 6th positional parameter (after dataset, batch_size, shuffle, sampler,
        # batch_sampler); callers pass it by keyword in practice.
        if kwargs.get("num_workers", 0):
            import logging

            logging.getLogger("badbatch_gui.frozen").warning(
                "DataLoader num_workers=%s forced to 0 in the frozen app", kwargs["num_workers"]
            )
            kwargs["num_workers"] = 0
            kwargs.pop("prefetch_factor", None)
            kwargs["persistent_workers"] = False
        if len(args) >= 6 and args[5]:
            args = (*args[:5], 0, *args[6:])
        original_init(self, *args, **kwargs)

    loader_cls.__init__ = __init__
    loader_cls._badbatch_frozen_patch = True


class _PatchingLoader(importlib.abc.Loader):
    """Wraps the real loader of ``torch.utils.data.dataloader`` and patches the module after it executes."""

    def __init__(self, wrapped: importlib.abc.Loader) -> None:
        self._wrapped = wrapped

    def __getattr__(self, name: str):  # get_source, get_resource_reader, ... of the real loader
        return getattr(self._wrapped, name)

    def create_module(self, spec):
        return self._wrapped.create_module(spec)

    def exec_module(self, module) -> None:
        self._wrapped.exec_module(module)
        _force_single_process(module)


class _DataLoaderFinder(importlib.abc.MetaPathFinder):
    """Meta-path finder that only ever answers for ``torch.utils.data.dataloader``."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _DATALOADER_MODULE:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchingLoader(spec.loader)
                return spec
        return None


def install(frozen: bool) -> None:
    """Apply the frozen-app rules (``frozen`` is ``sys.frozen``; a no-op otherwise)."""
    if not frozen:
        return
    os.environ.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    if _DATALOADER_MODULE in sys.modules:
        _force_single_process(sys.modules[_DATALOADER_MODULE])
    elif not any(isinstance(f, _DataLoaderFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _DataLoaderFinder())


install(bool(getattr(sys, "frozen", False)))
