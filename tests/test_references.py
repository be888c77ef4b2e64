"""The reference check (tools/check_references.py, run by ``make check``): the package cites no missing file,
section or symbol, and the check itself catches each kind of dangling reference.
"""

from __future__ import annotations

from pathlib import Path

from tools.check_references import ROOT, build_index, check_dotted, check_path, find_problems


def test_the_package_cites_no_missing_file_section_or_symbol() -> None:
    assert find_problems() == []


def test_the_check_catches_missing_files_sections_and_symbols() -> None:
    source = ROOT / "badbatch_gui" / "core" / "scoring" / "leave_out.py"
    files = {"frd.md": [ROOT / "docs" / "design" / "frd.md"]}
    assert check_path("docs/design/frd.md", "§9", source, files) is None
    assert check_path("docs/design/docs/design/frd.md", None, source, files) == "no file docs/design/docs/design/frd.md"
    assert check_path("docs/design/frd.md", "§42", source, files) == "docs/design/frd.md has no section §42"
    assert check_path("gui/controller.py", None, source, files) is None
    assert check_path("nowhere.py", None, source, files) == "no file nowhere.py"
    index = build_index()
    assert check_dotted("leave_out.LeaveOut", index) is None
    assert check_dotted("AppPaths.cache_dir", index) is None
    assert check_dotted("badbatch_gui.core.paths.app_paths", index) is None
    assert check_dotted("leave_out.NoSuchThing", index) == "badbatch_gui.core.scoring.leave_out has no NoSuchThing"
    assert check_dotted("AppPaths.no_such_dir", index) == "AppPaths has no no_such_dir"
    assert check_dotted("badbatch_gui.core.nowhere.x", index) is not None
    assert check_dotted("torch.load", index) is None  # not the package's: cannot be checked
    assert Path(source).is_file()
