"""List the modules the app really imports, so the bundle filter never drops one of them.

Usage: ``python packaging/tools/runtime_modules.py`` prints a JSON list of module names. The spec runs it at
build time: a module that looks like test code (``torch.testing._internal.*`` and the like) is left out of the
bundle *unless* it appears here, because torch imports a few of those helpers at start-up
(``torch.testing._internal.logging_tensor``, ``common_dtype``, ``distributed.fake_pg``).

It imports every ``badbatch_gui`` module (GUI included, offscreen) plus torch, torchvision and the optional
ONNX exporter chain, without starting the app.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys

OPTIONAL = (
    "onnx",
    "onnx.reference",
    "onnxscript",
    "onnxruntime",
    "torch.onnx._internal.exporter._core",
    "torch.export",
)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import torch  # noqa: F401 - imported to list the modules it loads
    import torchvision  # noqa: F401 - imported to list the modules it loads

    import badbatch_gui

    for info in pkgutil.walk_packages(badbatch_gui.__path__, "badbatch_gui."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # noqa: BLE001 - report and go on; the build must not depend on one module
            sys.stderr.write(f"runtime_modules: {info.name} failed to import: {exc}\n")
    for name in OPTIONAL:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - optional extras may be missing
            continue
    sys.stdout.write(json.dumps(sorted(sys.modules)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
