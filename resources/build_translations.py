"""Extract the GUI's strings into the .ts files and compile them to .qm (run after changing any GUI text).

    python resources/build_translations.py            # lupdate (merge) + fill English plurals + lrelease
    python resources/build_translations.py --release  # only compile the .qm files

``badbatch_ja.ts`` holds the Japanese translations (edit it in Qt Linguist: ``pyside6-linguist``).
``badbatch_en.ts`` holds only the English plural forms of ``%n`` strings ("1 photo" / "2 photos"); they are
filled in automatically from the "(s)" / "(es)" markers of the source text.
Existing translations are kept: lupdate merges. Strings are found in ``self.tr("...")`` and
``translate("Context", "...")`` calls of every module under ``badbatch_gui/gui``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TS_DIR = HERE / "translations"
LANGS = ("ja", "en")


def _tool(name: str) -> str:
    """A Qt tool from the active environment (next to python), else from PATH."""
    for candidate in (Path(sys.executable).parent / name, shutil.which(name)):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise SystemExit(f"{name} not found; install PySide6 (it ships pyside6-lupdate and pyside6-lrelease)")


def sources() -> list[str]:
    """Every GUI module, sorted (relative paths keep the .ts locations stable)."""
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "badbatch_gui" / "gui").rglob("*.py"))


def lupdate() -> None:
    """Merge the current strings into both .ts files."""
    TS_DIR.mkdir(parents=True, exist_ok=True)
    tool = _tool("pyside6-lupdate")
    files = sources()
    subprocess.run(
        [
            tool,
            *files,
            "-no-obsolete",
            "-locations",
            "relative",
            "-target-language",
            "ja_JP",
            "-ts",
            str(TS_DIR / "badbatch_ja.ts"),
        ],
        cwd=REPO,
        check=True,
    )
    subprocess.run(
        [
            tool,
            *files,
            "-no-obsolete",
            "-pluralonly",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "en",
            "-ts",
            str(TS_DIR / "badbatch_en.ts"),
        ],
        cwd=REPO,
        check=True,
    )


def english_forms(source: str) -> tuple[str, str]:
    """Singular and plural English forms of a ``%n`` source text with "(s)" / "(es)" markers."""
    one = re.sub(r"\((e?s)\)", "", source)
    many = re.sub(r"\((e?s)\)", r"\1", source)
    for a, b in (
        (" are ", " is "),
        (" were ", " was "),
        (" do not ", " does not "),
        (" them", " it"),
        (" look wrong", " looks wrong"),
        (" look fine", " looks fine"),
    ):
        one = one.replace(a, b)
    return one, many


def fill_english_plurals(ts: Path) -> int:
    """Write the two English forms into every numerus message of ``ts``; returns how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for msg in tree.iter("message"):
        if msg.get("numerus") != "yes":
            continue
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        if tr is None:
            tr = ET.SubElement(msg, "translation")
        for child in list(tr):
            tr.remove(child)
        tr.attrib.pop("type", None)
        for form in english_forms(source):
            ET.SubElement(tr, "numerusform").text = form
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def lrelease() -> None:
    """Compile every .ts to .qm next to it."""
    tool = _tool("pyside6-lrelease")
    for lang in LANGS:
        ts = TS_DIR / f"badbatch_{lang}.ts"
        if ts.exists():
            subprocess.run([tool, str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .qm files")
    args = parser.parse_args(argv)
    if not args.release:
        lupdate()
        fill_english_plurals(TS_DIR / "badbatch_en.ts")
    lrelease()
    return 0


if __name__ == "__main__":
    sys.exit(main())
