"""The dependency rule (docs/design/architecture.md §2): the core and the CLI never import Qt; the GUI starts
without torch; inside the core the kernel imports no feature and the features import each other only as the table
below allows (no cycles), and no module-level import cycle exists between core modules; the core never reaches for
the app's global folders (``app_paths``).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import badbatch_gui

PKG = Path(badbatch_gui.__file__).parent
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6", "badbatch_gui.gui")

# Feature package -> the feature packages it may import (every package may import the kernel, the modules directly in
# core/). The same table is docs/design/architecture.md §2; it is a strict order, so it has no cycle. An import that
# is not in it fails test_feature_imports_follow_the_table: move the code, or change the table here and in the note.
ALLOWED: dict[str, set[str]] = {
    "data": set(),
    "nets": {"data"},
    "scoring": {"data", "nets"},
    "training": {"data", "nets", "scoring"},
    "export": {"data", "nets", "scoring", "training"},
    "inspect": {"data", "nets", "scoring", "training"},
    "report": {"data", "scoring", "training", "export", "inspect"},
}
KERNEL = "kernel"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _core_imports(path: Path, top_level_only: bool = False) -> list[str]:
    """The ``badbatch_gui.core`` modules ``path`` imports (``from package import module`` resolved to the module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out: list[str] = []
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            base = node.module or ""
            for alias in node.names:
                sub = PKG.parent / Path(*f"{base}.{alias.name}".split("."))
                out.append(f"{base}.{alias.name}" if sub.is_dir() or sub.with_suffix(".py").is_file() else base)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return [m for m in out if m == "badbatch_gui.core" or m.startswith("badbatch_gui.core.")]


def _package(module: str) -> str:
    """``badbatch_gui.core.<feature>...`` -> the feature; any other core module -> the kernel."""
    parts = module.split(".")
    return parts[2] if len(parts) > 3 or (len(parts) == 3 and parts[2] in ALLOWED) else KERNEL


def _python_files(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        p = PKG / part
        out += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return out


# The one exception (docs/design/report.md): ``badbatch report`` and ``badbatch inspect --pdf`` draw their PDF with the
# window's renderer (Qt's PDF writer and painter), so cli/report_cmd.py, and no other command-line module, may import
# the report renderer, and nothing else of the GUI or Qt.
CLI_REPORT_DOOR = ("cli/report_cmd.py", "badbatch_gui.gui.report.")


def test_core_and_cli_source_never_import_qt() -> None:
    offenders = []
    for f in _python_files("core", "cli"):
        for name in _imports(f):
            if f.relative_to(PKG).as_posix() == CLI_REPORT_DOOR[0] and name.startswith(CLI_REPORT_DOOR[1]):
                continue
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                offenders.append(f"{f.relative_to(PKG)} imports {name}")
    assert offenders == []


def test_the_cli_starts_without_qt() -> None:
    """Only making a report loads Qt: building the parser and importing every command does not."""
    code = (
        "import sys\nfrom badbatch_gui.cli import build_parser\nbuild_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'badbatch_gui.gui'))))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "[]"


def test_every_core_module_imports_with_qt_unimportable() -> None:
    prefix = "badbatch_gui.core."  # walk_packages imports each sub-package (docstring-only __init__) to recurse
    modules = sorted(m.name[len(prefix) :] for m in pkgutil.walk_packages([str(PKG / "core")], prefix))
    assert len(modules) >= 8, modules
    assert {"data", "scoring", "training", "export", "data.scan", "training.loop.trainer"} <= set(modules), modules
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
    assert any(n.startswith("PySide6") for n in names)
    assert "pyqtgraph" in names


def test_gui_app_module_does_not_import_torch() -> None:
    assert (PKG / "gui" / "app.py").is_file(), "badbatch_gui/gui/app.py, the window's entry point, is missing"
    code = (
        "import sys, badbatch_gui.gui.app, badbatch_gui.gui.main_window\n"
        "heavy = [m for m in ('torch', 'torchvision') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "[]"


def test_no_print_calls_in_core() -> None:
    offenders = []
    for f in _python_files("core"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                offenders.append(f"{f.relative_to(PKG)}:{node.lineno}")
    assert offenders == []


def _app_paths_uses(source: str) -> list[int]:
    """Lines of ``source`` that call or import the global ``app_paths`` (not its definition)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and (
            isinstance(node.func, ast.Name)
            and node.func.id == "app_paths"
            or isinstance(node.func, ast.Attribute)
            and node.func.attr == "app_paths"
        ):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and any(a.name == "app_paths" for a in node.names):
            lines.append(node.lineno)
    return lines


def test_the_core_takes_its_folders_from_its_caller() -> None:
    """Only the front doors (the command line, the window's ``app.main``, tests) call ``app_paths()``; the core is
    handed an ``AppPaths`` or the folder it needs, so a caller (a test, a second app folder) can always choose.
    """
    offenders = [
        f"{f.relative_to(PKG)}:{line}"
        for f in _python_files("core")
        if f.name != "paths.py"
        for line in _app_paths_uses(f.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert _app_paths_uses("from badbatch_gui.core.paths import app_paths\nx = paths.app_paths()\n") == [1, 2]


def test_only_the_gui_collector_calls_the_garbage_collector() -> None:
    """``gc.collect()`` in a worker thread (the trainer's, a scan's) could free Qt objects of the window there and
    freeze it (docs/design/gui.md §1, "Garbage collection"): the GUI thread's collector is the one caller.
    """
    callers = []
    for f in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "collect"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "gc"
            ):
                callers.append(f.relative_to(PKG).as_posix())
    assert set(callers) == {"gui/gc_on_gui_thread.py"}


def test_every_torch_load_is_weights_only_and_lives_in_weights_io() -> None:
    offenders, found = [], []
    for f in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "load"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "torch"
            ):
                found.append(f.name)
                kw = {k.arg: k.value for k in node.keywords}
                ok = (
                    "weights_only" in kw
                    and isinstance(kw["weights_only"], ast.Constant)
                    and kw["weights_only"].value is True
                )
                if not ok:
                    offenders.append(f"{f.relative_to(PKG)}:{node.lineno}")
    assert offenders == []
    assert found == ["weights_io.py"]  # one audited place reads torch files (docs/design/reliability.md §5)


def test_feature_imports_follow_the_table() -> None:
    """Every import between core packages, also inside functions and under TYPE_CHECKING, is in :data:`ALLOWED`."""
    features = {p.name for p in (PKG / "core").iterdir() if (p / "__init__.py").is_file()}
    assert features == set(ALLOWED), "a feature package without a row in ALLOWED (or a row without its package)"
    used: set[tuple[str, str]] = set()
    offenders = []
    for f in _python_files("core"):
        source = _package(_module_name(f))
        for target in map(_package, _core_imports(f)):
            if target in (source, KERNEL):
                continue
            used.add((source, target))
            if source == KERNEL or target not in ALLOWED[source]:
                offenders.append(f"{f.relative_to(PKG)} imports {target}")
    assert offenders == [], "imports outside the table (docs/design/architecture.md §2): " + ", ".join(offenders)
    unused = {(a, b) for a, targets in ALLOWED.items() for b in targets} - used
    assert unused == set(), f"edges allowed but no longer used; remove them from ALLOWED and §2: {sorted(unused)}"


def test_the_table_is_an_order() -> None:
    order = sorted(ALLOWED, key=lambda p: len(ALLOWED[p]))
    for i, pkg in enumerate(order):
        assert ALLOWED[pkg] <= set(order[:i]), f"{pkg} may import a package that may import it"


def test_no_module_level_import_cycle_in_the_core() -> None:
    graph = {_module_name(f): set(_core_imports(f, top_level_only=True)) for f in _python_files("core")}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for nxt in sorted(graph.get(module, ())):
            if nxt not in graph or nxt == module:
                continue
            assert state.get(nxt) != 1, "import cycle: " + " -> ".join([*path, module, nxt])
            if nxt not in state:
                visit(nxt, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_the_package_checker_sees_function_level_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from badbatch_gui.core.export import export\n", encoding="utf-8")
    assert _core_imports(probe) == ["badbatch_gui.core.export.export"]
    assert _core_imports(probe, True) == []
    assert _package("badbatch_gui.core.export.export") == "export"
    assert _package("badbatch_gui.core.paths") == KERNEL
