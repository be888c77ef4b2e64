"""Fail on a code reference to a file or a symbol that does not exist (run by ``make check``).

Docstrings and comments in ``badbatch_gui/`` point readers at design notes, benchmarks, tests and other code. Such
pointers go stale silently when a file is renamed or a class is removed, so this checks, without importing anything:

- **Paths**: ``docs/design/frd.md``, ``benchmarks/bench_x.py``, ``tests/...py``, ``tools/...py``, ``gui/controller.py``,
  ``core/scoring/leave_out.py`` or a bare ``leave_out.py`` must name an existing file (looked up from the repository
  root, the package, ``badbatch_gui/core``, ``badbatch_gui/gui`` and the citing file's folder; a bare file name anywhere in the repository).
  A section cited right after a design note (``docs/design/frd.md §9``, ``emc2.md §5.1``) must be one of its headings
  (``## 9.``, ``### 5.1``).
- **Dotted names** in double backquotes or Sphinx roles (``runs.list_runs``, ``AppPaths.cache_dir``,
  ``badbatch_gui.core.paths.app_paths``, ``:class:`~.leave_out.LeaveOut```): when the first part names a module or
  a class of the package, the rest must exist there (a module's top-level names and submodules; a class's methods,
  class attributes and the ``self.x`` attributes its methods set, its bases' too). Names whose first part is
  neither (``torch.load``, ``np.float32``, a standard-library module, a local variable named like a module whose
  second part is some class's member: ``config.exclude``) cannot be checked and are skipped.

Usage: ``python -m tools.check_references`` (exit 1 and one line per dangling reference, else exit 0).
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "badbatch_gui"
FILE_EXTENSIONS = ("py", "md")
PATH_RE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.(?:py|md))(?:\s*(§\s*[\d.]*\d))?")
DOTTED_RE = re.compile(
    r"``~?\.?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+)(?:\(\))?``"
    r"|:(?:class|func|meth|data|attr|mod|exc):`~?\.?([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)`"
)
NOT_SYMBOLS = {
    "json",
    "jsonl",
    "pt",
    "py",
    "md",
    "csv",
    "png",
    "jpg",
    "jpeg",
    "txt",
    "npy",
    "npz",
    "safetensors",
    "onnx",
    "lock",
    "log",
    "ts",
    "qm",
    "toml",
    "yaml",
    "cfg",
    "ini",
    "exe",
    "bat",
    "sh",
    "html",
    "zip",
    "gz",
    "pth",
    "bin",
    "tif",
    "tiff",
    "bmp",
    "webp",
    "broken",
    "tmp",
    "previous",
    "sqlite",
}


@dataclass
class ClassInfo:
    """A class of the package: its members and the names of its bases."""

    members: set[str] = field(default_factory=set)
    bases: list[str] = field(default_factory=list)


@dataclass
class Index:
    """What the package defines, from its source: modules (dotted name -> top-level names) and classes by name."""

    modules: dict[str, set[str]] = field(default_factory=dict)
    classes: dict[str, list[ClassInfo]] = field(default_factory=lambda: defaultdict(list))

    def module_names(self, short: str) -> list[str]:
        """Dotted names of the modules and packages whose last part is ``short``."""
        return [m for m in self.modules if m.rsplit(".", 1)[-1] == short]

    def is_member_name(self, name: str) -> bool:
        """True when some class of the package has a member ``name``."""
        return any(name in info.members for infos in self.classes.values() for info in infos)

    def class_members(self, name: str, seen: frozenset[str] = frozenset()) -> set[str] | None:
        """Every member of the classes called ``name`` and of their in-package bases; None when a base is not
        in the package (Qt, exceptions...): its members cannot be listed.
        """
        out: set[str] = set()
        for info in self.classes.get(name, []):
            out |= info.members
            for base in info.bases:
                if base in ("object", "Protocol", "Generic") or base in seen:
                    continue
                if base not in self.classes:
                    return None
                more = self.class_members(base, seen | {name})
                if more is None:
                    return None
                out |= more
        return out


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, (ast.Tuple, ast.List)):
        for elt in node.elts:
            yield from _targets(elt)


def _class_info(node: ast.ClassDef) -> ClassInfo:
    info = ClassInfo(
        bases=[b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else "?" for b in node.bases]
    )
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            info.members.add(item.name)
        elif isinstance(item, ast.Assign):
            for t in item.targets:
                info.members.update(_targets(t))
        elif isinstance(item, ast.AnnAssign):
            info.members.update(_targets(item.target))
    for sub in ast.walk(node):  # self.x = ... in any method
        targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target] if isinstance(sub, ast.AnnAssign) else []
        for t in targets:
            for attr in ast.walk(t):
                if isinstance(attr, ast.Attribute) and isinstance(attr.value, ast.Name) and attr.value.id == "self":
                    info.members.add(attr.attr)
    return info


def build_index() -> Index:
    """Read every module of the package (no import)."""
    index = Index()
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                for t in node.targets:
                    names.update(_targets(t))
            elif isinstance(node, ast.AnnAssign):
                names.update(_targets(node.target))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, (ast.If, ast.Try)):  # TYPE_CHECKING imports, optional imports
                for sub in ast.walk(node):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        names.update((a.asname or a.name).split(".")[0] for a in sub.names)
        for found in ast.walk(tree):
            if isinstance(found, ast.ClassDef):
                index.classes[found.name].append(_class_info(found))
        name = _module_name(path)
        index.modules[name] = names
        parts = name.split(".")
        for i in range(1, len(parts)):  # a package's submodules are its names too
            index.modules.setdefault(".".join(parts[:i]), set()).add(parts[i])
    return index


def _comments_and_docstrings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment and string literal of ``path`` (docstrings, messages, help texts)."""
    import tokenize

    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type in (tokenize.COMMENT, tokenize.STRING):
                yield tok.start[0], tok.string


def _headings(doc: Path) -> set[str]:
    """The section numbers of a Markdown note: "9", "5.1"..."""
    found = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"#+\s+(\d+(?:\.\d+)*)\.?\s", line)
        if m:
            found.add(m.group(1))
    return found


def check_path(ref: str, section: str | None, source: Path, all_files: dict[str, list[Path]]) -> str | None:
    """The problem with a cited path (None when it exists, and so does its section)."""
    if "/" in ref:
        candidates = [ROOT / ref, PACKAGE / ref, PACKAGE / "core" / ref, PACKAGE / "gui" / ref, source.parent / ref]
        hits = [c for c in candidates if c.is_file()]
    else:
        hits = all_files.get(ref, [])
    if not hits:
        return f"no file {ref}"
    if section and ref.endswith(".md"):
        number = section.lstrip("§").strip().rstrip(".")
        if all(number not in _headings(h) for h in hits):
            return f"{ref} has no section §{number}"
    return None


def check_dotted(name: str, index: Index) -> str | None:
    """The problem with a cited dotted name (None when it resolves, or cannot be checked)."""
    parts = name.split(".")
    if len(parts) < 2 or NOT_SYMBOLS.intersection(parts) or parts[0] in sys.stdlib_module_names:
        return None
    if parts[0] == "badbatch_gui":
        i = max(i for i in range(1, len(parts) + 1) if ".".join(parts[:i]) in index.modules or i == 1)
        module = ".".join(parts[:i])
        if module not in index.modules:
            return f"no module {module}"
        return _check_rest(module, parts[i:], index, name)
    modules = index.module_names(parts[0])
    if modules:
        problems = [_check_rest(m, parts[1:], index, name) for m in modules]
        if any(p is None for p in problems) or index.is_member_name(parts[1]):
            return None  # found; or a variable named like a module (``config.exclude``: a TrainConfig field)
        return problems[0]
    if parts[0] in index.classes:
        members = index.class_members(parts[0])
        if members is not None and parts[1] not in members:
            return f"{parts[0]} has no {parts[1]}"
    return None


def _check_rest(module: str, rest: list[str], index: Index, name: str) -> str | None:
    if not rest:
        return None
    sub = f"{module}.{rest[0]}"
    if sub in index.modules:
        return _check_rest(sub, rest[1:], index, name)
    if rest[0] not in index.modules[module]:
        return f"{module} has no {rest[0]}"
    if len(rest) > 1 and rest[0] in index.classes:
        members = index.class_members(rest[0])
        if members is not None and rest[1] not in members:
            return f"{rest[0]} has no {rest[1]}"
    return None


def find_problems(files: list[Path] | None = None) -> list[str]:
    """One line per dangling reference in ``files`` (default: every module of the package)."""
    index = build_index()
    all_files: dict[str, list[Path]] = defaultdict(list)
    for top in ("badbatch_gui", "docs", "benchmarks", "tests", "tools", "packaging", "resources"):
        for ext in FILE_EXTENSIONS:
            for p in (ROOT / top).rglob(f"*.{ext}"):
                all_files[p.name].append(p)
    for p in ROOT.glob("*.md"):
        all_files[p.name].append(p)
    problems = []
    for path in files if files is not None else sorted(PACKAGE.rglob("*.py")):
        for line, text in _comments_and_docstrings(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            for m in PATH_RE.finditer(text):
                problem = check_path(m.group(1), m.group(2), path, all_files)
                if problem:
                    problems.append(f"{where}: {problem}")
            for m in DOTTED_RE.finditer(text):
                problem = check_dotted(m.group(1) or m.group(2), index)
                if problem:
                    problems.append(f"{where}: {problem} ({m.group(1) or m.group(2)})")
    return problems


def main() -> int:
    """Print the dangling references; exit 1 when there is one."""
    problems = find_problems()
    for p in problems:
        sys.stdout.write(p + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
