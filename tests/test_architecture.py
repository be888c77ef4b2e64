"""The dependency rule (docs/design/architecture.md §2): the core and the CLI never import Qt;
the GUI starts without torch."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import badbatch_gui

PKG = Path(badbatch_gui.__file__).parent
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6", "badbatch_gui.gui")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _python_files(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        p = PKG / part
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


def test_core_and_cli_source_never_import_qt() -> None:
    offenders = []
    for f in _python_files("core", "cli"):
        for name in _imports(f):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                offenders.append(f"{f.relative_to(PKG)} imports {name}")
    assert offenders == []


def test_every_core_module_imports_with_qt_unimportable() -> None:
    prefix = "badbatch_gui.core."  # walk_packages imports each sub-package (docstring-only __init__) to recurse
    modules = sorted(m.name[len(prefix):] for m in pkgutil.walk_packages([str(PKG / "core")], prefix))
    assert len(modules) >= 8, modules
    assert {"data", "scoring", "training", "export", "data.scan", "training.trainer"} <= set(modules), modules
    code = (
        "import sys\n"
        "for name in ('PySide6', 'pyqtgraph', 'shiboken6'):\n"
        "    sys.modules[name] = None\n"
        f"mods = {modules!r}\n"
        "import importlib\n"
        "for m in mods:\n"
        "    importlib.import_module('badbatch_gui.core.' + m)\n"
        "importlib.import_module('badbatch_gui.cli')\n"
        "from badbatch_gui.cli import build_parser\n"
        "build_parser()\n"
        "print('ok', len(mods))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == f"ok {len(modules)}"


def test_the_checker_itself_catches_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport pyqtgraph as pg\n", encoding="utf-8")
    names = _imports(bad)
    assert any(n.startswith("PySide6") for n in names) and "pyqtgraph" in names


def test_gui_app_module_does_not_import_torch() -> None:
    if not (PKG / "gui" / "app.py").exists():
        import pytest

        pytest.skip("gui.app not built yet")
    code = ("import sys, badbatch_gui.gui.app, badbatch_gui.gui.main_window\n"
            "heavy = [m for m in ('torch', 'torchvision') if m in sys.modules]\n"
            "print(heavy)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "[]"


def test_no_print_calls_in_core() -> None:
    offenders = []
    for f in _python_files("core"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{f.relative_to(PKG)}:{node.lineno}")
    assert offenders == []


def test_every_torch_load_is_weights_only_and_lives_in_weights_io() -> None:
    offenders, found = [], []
    for f in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load" \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "torch":
                found.append(f.name)
                kw = {k.arg: k.value for k in node.keywords}
                ok = "weights_only" in kw and isinstance(kw["weights_only"], ast.Constant) \
                    and kw["weights_only"].value is True
                if not ok:
                    offenders.append(f"{f.relative_to(PKG)}:{node.lineno}")
    assert offenders == []
    assert found == ["weights_io.py"]  # one audited place reads torch files (docs/design/reliability.md §5)
