"""Every GUI string has a Japanese translation, and the shipped .qm files are compiled from the current .ts."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TS_DIR = Path(__file__).resolve().parents[1] / "resources" / "translations"


def test_japanese_ts_has_no_unfinished_message() -> None:
    root = ET.parse(TS_DIR / "badbatch_ja.ts").getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if (m.find("translation") is not None and m.find("translation").get("type") == "unfinished")]
    assert unfinished == []
    assert sum(1 for _ in root.iter("message")) > 300


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shipped_qm_is_compiled_from_the_current_ts(lang: str, tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed next to this Python")
    out = tmp_path / f"{lang}.qm"
    subprocess.run([str(lrelease), "-silent", str(TS_DIR / f"badbatch_{lang}.ts"), "-qm", str(out)], check=True,
                   timeout=60)
    assert out.read_bytes() == (TS_DIR / f"badbatch_{lang}.qm").read_bytes(), \
        "run `python resources/build_translations.py` after editing a .ts file"


def test_counted_sentences_get_real_plurals(qapp) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from badbatch_gui.gui.text.plural_text import PluralText

    for lang, one, many in (("en", "1 batch checked", "5 batches checked"), ("ja", "1 個のバッチを確認", "5 個のバッチを確認")):
        tr = QTranslator()
        assert tr.load(str(TS_DIR / f"badbatch_{lang}.qm"))
        QCoreApplication.installTranslator(tr)
        try:
            assert one in PluralText().none_rejected(1)
            assert many in PluralText().none_rejected(5)
            assert "(s)" not in PluralText().files_skipped(2) and "(es)" not in PluralText().batches_skipped(2)
        finally:
            QCoreApplication.removeTranslator(tr)
