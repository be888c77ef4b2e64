"""File names that are not valid Unicode: shown with U+FFFD, JSON round-trips them, CSV escapes their bytes."""

from __future__ import annotations

import json
import os

from hypothesis import given
from hypothesis import strategies as st

from badbatch_gui.core.atomic_files import write_json_atomic, write_text_atomic
from badbatch_gui.core.file_names import csv_field, display_name, has_surrogates, json_text, key_bytes

SJIS = os.fsdecode("写真01.png".encode("shift_jis"))  # \udc8e\udcca\udc90^01.png


def test_a_shift_jis_name_is_shown_written_and_hashed_safely(tmp_path) -> None:
    assert has_surrogates(SJIS)
    assert not has_surrogates("写真01.png")
    assert display_name(f"sub/{SJIS}") == "sub/\ufffd\u0290^01.png"
    assert display_name("写真01.png") == "写真01.png"
    text = json_text({"path": SJIS, "ja": "写真"})
    raw = text.encode("utf-8")  # valid UTF-8
    assert "写真" in text
    assert "\\udc8e" in text
    assert os.fsencode(json.loads(raw)["path"]) == "写真01.png".encode("shift_jis")
    assert csv_field(SJIS) == "\\x8e\u0290^01.png"
    assert key_bytes(SJIS) != key_bytes(SJIS.replace("\udc8e", "\udc8f"))
    write_json_atomic(tmp_path / "a.json", {"p": SJIS})
    assert json.loads((tmp_path / "a.json").read_bytes().decode("utf-8"))["p"] == SJIS
    write_text_atomic(tmp_path / "a.txt", SJIS)  # a writer that forgot: still valid UTF-8, never a crash
    (tmp_path / "a.txt").read_bytes().decode("utf-8")


@given(st.text(alphabet=st.characters(codec=None)))
def test_any_text_is_shown_and_written_as_valid_utf8(text: str) -> None:
    display_name(text).encode("utf-8")
    csv_field(text).encode("utf-8")
    assert json.loads(json_text([text]).encode("utf-8")) == [text]
    assert not has_surrogates(display_name(text))
