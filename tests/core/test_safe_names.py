"""Export name sanitising (docs/design/reliability.md §5): separators, traversal, reserved names,
length, containment.
"""

from __future__ import annotations

import os
import re

import pytest

from badbatch_gui.core.errors import ExportError
from badbatch_gui.core.safe_names import MAX_NAME_LENGTH, check_name, is_reserved, safe_join, sanitise_name

HOSTILE = [
    "../../etc/passwd",
    "..\\..\\Windows\\System32",
    "/abs/path",
    "C:\\temp\\x",
    "a/../b",
    "..",
    ".",
    "",
    "   ",
    "name. ",
    "x" * 500,
    'a<b>c:d"e|f?g*h',
    "tab\there\nnew\x00null\x7f",
    "CON",
    "nul.txt",
    "Com1.tar.gz",
    "lpt9",
    "CONIN$",
    "conout$.log",
    "AUX .txt",
    "COM\u00b9",
    "...",
    "..hidden",
    "résumé 日本語",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_sanitised_name_is_one_safe_component(name):
    safe = sanitise_name(name)
    assert safe, "never empty"
    assert len(safe) <= MAX_NAME_LENGTH
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f\x7f]', safe)
    assert ".." not in safe
    assert safe == safe.strip(" .")
    assert not is_reserved(safe)
    assert os.path.basename(safe) == safe
    assert sanitise_name(safe) == safe, "sanitising is idempotent"


@pytest.mark.parametrize(
    "name",
    [
        "CON",
        "con",
        "Con.txt",
        "nul.tar.gz",
        "COM1",
        "lpt9.log",
        "PRN",
        "aux",
        "CONIN$",
        "conout$",
        "COM ",
        "NUL .txt",
        "COM\u00b2",
    ],
)
def test_reserved_names_detected_case_insensitively_with_any_extension(name):
    if name == "COM ":
        assert not is_reserved(name)  # "COM" alone is not a device
    else:
        assert is_reserved(name)


@pytest.mark.parametrize("name", ["console", "com10", "lpt0", "CONX.txt", "my_con", "nullify", "encoder"])
def test_ordinary_names_are_not_reserved(name):
    assert not is_reserved(name)
    assert sanitise_name(name) == name


def test_sanitise_keeps_readable_names_and_fixes_reserved_ones():
    assert sanitise_name("My encoder v2") == "My encoder v2"
    assert sanitise_name("résumé 日本語") == "résumé 日本語"
    assert sanitise_name("CON") == "CON_"
    assert sanitise_name("con.txt") == "con_.txt"
    assert sanitise_name("a/b") == "a_b"
    assert sanitise_name("", default="export") == "export"


def test_check_name_refuses_with_a_suggestion():
    check_name("good-name_1")
    with pytest.raises(ExportError, match="reserved device name.*CON_"):
        check_name("CON")
    with pytest.raises(ExportError, match="not allowed"):
        check_name("a:b")
    with pytest.raises(ExportError, match="longer than"):
        check_name("y" * (MAX_NAME_LENGTH + 1))
    with pytest.raises(ExportError):
        check_name("..")


def test_safe_join_stays_inside(tmp_path):
    for name in HOSTILE:
        p = safe_join(tmp_path, name)
        assert p.parent == tmp_path.resolve()


def test_safe_join_refuses_a_symlink_escape(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    base = tmp_path / "exports"
    base.mkdir()
    try:
        (base / "link").symlink_to(outside, target_is_directory=True)
    except OSError:
        pytest.skip("this system does not allow creating symbolic links")
    with pytest.raises(ExportError, match="outside"):
        safe_join(base, "link")


def test_name_part_cleans_run_folder_names_with_the_same_rules() -> None:
    from badbatch_gui.core.safe_names import name_part

    assert name_part("my/photos: *set*\n..") == "my_photos_set"
    assert name_part("  holiday  pics ") == "holiday_pics"
    assert name_part("a<>b") == "a_b"
    assert name_part("") == name_part("...") == "run"
    assert name_part("CON") == "CON_"
    assert name_part("nul.txt") == "nul_.txt"
    assert len(name_part("x" * 80)) == 48
