"""Check a built bundle folder: what must be inside is, what must not be is not; print its size.

Usage: ``python packaging/tools/check_bundle.py BUNDLE_DIR [RUNTIME_MODULES_JSON]`` (run by ``make -C packaging``
with ``dist/badbatch-studio build/runtime_modules.json``). Exit 0 when every check passes, 1 otherwise (each
problem on its own line).

Must be inside: both executables; the app's icons and compiled translations (every ``resources/translations/*.qm``
of the repository); Qt's platform plugins (offscreen, xcb and wayland on Linux), image-format plugins (svg, jpeg,
webp, tiff, gif), the SVG icon engine and any style plugins PySide6 ships; Qt's own ``qtbase_ja.qm``; on a CUDA
torch build, the CUDA runtime, cuBLAS, cuDNN and nvrtc-builtins.
Must not be: test folders or files (``tests/``, ``test_*.py``, ``conftest.py``), ``__pycache__`` and ``.pyc``
files outside the archive, C headers and static libraries, triton, tensorboard, pytest. A test-looking module
that the app imports at start-up (listed in RUNTIME_MODULES_JSON, written by the spec; e.g. torch imports
``torch._inductor.test_operators`` and three ``torch.testing._internal`` helpers) is allowed.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ".exe" if sys.platform.startswith("win") else ""

FORBIDDEN = [
    (re.compile(r"(^|/)(tests?|__pycache__)(/|$)"), "test folder or bytecode cache"),
    (re.compile(r"(^|/)(conftest|test_[^/]*)\.py$"), "test file"),
    (re.compile(r"\.py[co]$"), "loose bytecode file"),
    (re.compile(r"\.(h|hpp|cuh|a|lib)$"), "C header or static library"),
    (
        re.compile(r"^(_internal/)?(triton|tensorboard|pytest|_pytest|pytestqt)/|torch/utils/tensorboard/"),
        "excluded package",
    ),
    (re.compile(r"(^|/)torch/testing/_internal/"), "torch test helper"),
    (re.compile(r"platformthemes/libqgtk3"), "Qt GTK3 theme plugin (see badbatch.spec drop_gtk_theme)"),
]


def module_of(rel: str) -> str | None:
    """``_internal/torch/x/y.py`` -> ``torch.x.y`` (None for anything but a .py file)."""
    if not rel.endswith(".py"):
        return None
    mod = rel.removeprefix("_internal/")[:-3].replace("/", ".")
    return mod.removesuffix(".__init__")


def _plugin_dirs() -> list[Path]:
    """The venv's PySide6 plugin folder (the reference for which plugins exist)."""
    try:
        import PySide6
    except ImportError:
        return []
    base = Path(PySide6.__file__).parent
    return [p for p in (base / "Qt" / "plugins", base / "plugins") if p.is_dir()]


def required(bundle: Path) -> list[tuple[str, str]]:
    """(regex over bundle-relative POSIX paths, what it is) that must each match at least one file."""
    req = [
        (rf"^badbatch-gui{EXE}$|/MacOS/badbatch-gui$", "app executable"),
        (rf"^badbatch{EXE}$|/MacOS/badbatch$", "CLI executable"),
        (r"badbatch_gui/resources/icons/app\.svg$", "app icon (resources)"),
        (r"/platforms/[^/]*qoffscreen", "Qt offscreen platform plugin"),
        (r"/imageformats/[^/]*qsvg", "Qt SVG image plugin"),
        (r"/imageformats/[^/]*qjpeg", "Qt JPEG image plugin"),
        (r"/imageformats/[^/]*qwebp", "Qt WebP image plugin"),
        (r"/imageformats/[^/]*qtiff", "Qt TIFF image plugin"),
        (r"/imageformats/[^/]*qgif", "Qt GIF image plugin"),
        (r"/iconengines/[^/]*qsvgicon", "Qt SVG icon engine"),
        (r"/translations/qtbase_ja\.qm$", "Qt's Japanese translation (qtbase_ja.qm)"),
    ]
    for qm in sorted((ROOT / "resources" / "translations").glob("*.qm")):
        req.append((rf"badbatch_gui/resources/translations/{re.escape(qm.name)}$", f"translation {qm.name}"))
    if sys.platform.startswith("linux"):
        req += [
            (r"/platforms/libqxcb\.so$", "Qt X11 platform plugin"),
            (r"/platforms/libqwayland[^/]*\.so$", "Qt Wayland platform plugin"),
        ]
    for plugin_dir in _plugin_dirs():
        styles = plugin_dir / "styles"
        if styles.is_dir():
            for f in styles.iterdir():
                req.append((rf"/styles/{re.escape(f.name)}$", f"Qt style plugin {f.name}"))
    try:
        import torch

        cuda = torch.version.cuda is not None
    except ImportError:
        cuda = False
    if cuda and sys.platform.startswith("linux"):
        req += [
            (r"/libcudart\.so", "CUDA runtime"),
            (r"/libcublas\.so", "cuBLAS"),
            (r"/libcudnn\.so", "cuDNN"),
            (r"/libnvrtc-builtins\.so", "nvrtc builtins (loaded at run time)"),
            (r"torch/lib/libtorch_cuda\.so$", "torch CUDA library"),
        ]
    return req


# Linux: X11 libraries Qt's xcb platform plugin links. PyInstaller bundles them only when the build machine has
# them; a bundle without them starts only where the operator's system provides them (apt: libxcb-icccm4,
# libxcb-keysyms1). Reported as warnings: the bundle still works under Wayland and on most desktops.
XCB_LIBS = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def warnings_for(files: list[str]) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    names = {f.rsplit("/", 1)[-1] for f in files}
    return [
        f"{lib} is not in the bundle: the X11 (xcb) platform plugin then needs it on the operator's machine; "
        f"install it on the build machine (apt-get install {pkg}) and rebuild"
        for lib, pkg in XCB_LIBS.items()
        if lib not in names
    ]


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.1f} GB"


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2) or not Path(argv[0]).is_dir():
        sys.stderr.write("usage: check_bundle.py BUNDLE_DIR [RUNTIME_MODULES_JSON]\n")
        return 2
    bundle = Path(argv[0])
    needed = set(json.loads(Path(argv[1]).read_text(encoding="utf-8"))) if len(argv) == 2 else set()
    files: list[str] = []
    total = 0
    by_top: dict[str, int] = defaultdict(int)
    for dirpath, dirnames, filenames in os.walk(bundle):
        rel_dir = Path(dirpath).relative_to(bundle).as_posix()
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            files.append(rel)
            st = os.lstat(os.path.join(dirpath, name))
            total += st.st_size
            parts = rel.split("/")
            key = "/".join(parts[:2]) if parts[0] == "_internal" and len(parts) > 2 else parts[0]
            if key.startswith("_internal/nvidia") and len(parts) > 3:
                key = "/".join(parts[:3])
            by_top[key] += st.st_size

    problems: list[str] = []
    for pattern, what in required(bundle):
        rx = re.compile(pattern)
        if not any(rx.search(f) for f in files):
            problems.append(f"missing: {what} (no file matches {pattern})")
    for rx, what in FORBIDDEN:
        hits = [f for f in files if rx.search(f) and module_of(f) not in needed]
        if hits:
            shown = ", ".join(hits[:5]) + (f" and {len(hits) - 5} more" if len(hits) > 5 else "")
            problems.append(f"must not be in the bundle: {what}: {shown}")

    out = sys.stdout
    out.write(f"bundle {bundle}: {len(files)} files, {human(total)}\n")
    out.write("largest parts:\n")
    for key, size in sorted(by_top.items(), key=lambda kv: -kv[1])[:12]:
        out.write(f"  {human(size):>10}  {key}\n")
    for w in warnings_for(files):
        out.write(f"WARNING: {w}\n")
    for p in problems:
        out.write(f"PROBLEM: {p}\n")
    out.write("bundle check: " + ("OK\n" if not problems else f"{len(problems)} problem(s)\n"))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
