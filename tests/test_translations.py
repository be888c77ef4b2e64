"""Every GUI string has a finished Japanese translation written in Japanese style, user-visible strings go through
tr()/translate(), and the shipped .qm files are compiled from the current .ts.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "resources" / "translations"
GUI = REPO / "badbatch_gui" / "gui"

JA = r"\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e\u3000-\u303f"  # kana, kanji, full-width forms, CJK punctuation
JA_CHAR = re.compile(f"[{JA}]")
# A Western full stop right after Japanese text ("1 枚." / "です."), not "…" and not a file name such as "a.onnx"
WESTERN_STOP = re.compile(f"[{JA}]\\.(?!\\.)")
# An ASCII space after a Japanese full stop or comma ("。 これは"), or between two Japanese characters
STRAY_SPACE = re.compile(f"[。、] +\\S|[{JA}] +[{JA}]")
# Allowed: a space between Japanese and a placeholder, a number or Latin text ("{0} 枚", "GPU を") is common style.

# Qt calls whose string argument is shown to the operator (name -> argument positions that are text).
TEXT_CALLS = {
    "setText": (0,),
    "setToolTip": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setInformativeText": (0,),
    "showMessage": (0,),
    "addAction": (0,),
    "setTabText": (1,),
    "addTab": (1, 2),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setFormat": (0,),
    "addItem": (0,),
    "setItemText": (1,),
    "setTitle": (0,),
    "setLabelText": (0,),
}
TEXT_CONSTRUCTORS = {
    "QLabel": (0,),
    "QPushButton": (0, 1),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QToolButton": (),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QMenu": (0,),
    "QTableWidgetItem": (0,),
    "QTreeWidgetItem": (0,),
    "QListWidgetItem": (0, 1),
}
MESSAGE_BOX = {"information", "warning", "critical", "question", "about"}
# TODO(issue 19 part B): strings part B's files show without tr(); part B fixes these and empties the list.
ALLOWED_BARE: set[tuple[str, str]] = set()


def _messages(lang: str = "ja") -> list[ET.Element]:
    return list(ET.parse(TS_DIR / f"badbatch_{lang}.ts").getroot().iter("message"))


def _translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    if tr is None:
        return []
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def test_japanese_ts_has_no_unfinished_or_empty_message() -> None:
    messages = _messages()
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"
    ]
    empty = [m.findtext("source") for m in messages if any(not t.strip() for t in _translations(m))]
    assert unfinished == []
    assert empty == []
    assert len(messages) > 300


def test_japanese_translations_use_japanese_punctuation() -> None:
    western, spaces = [], []
    for m in _messages():
        for text in _translations(m):
            if not JA_CHAR.search(text):
                continue
            if WESTERN_STOP.search(text):
                western.append(text)
            if STRAY_SPACE.search(text.replace("\n", "")):
                spaces.append(text)
    assert western == [], "use 。 after Japanese text"
    assert spaces == [], "no ASCII space after 。/、 or between Japanese words"


def test_the_style_check_catches_what_it_should() -> None:
    assert WESTERN_STOP.search("1 枚.")
    assert WESTERN_STOP.search("確認しました. 次へ")
    assert not WESTERN_STOP.search("encoder.onnx を書き出しています…")
    assert not WESTERN_STOP.search("読み込み中...")
    assert STRAY_SPACE.search("です。 これは")
    assert STRAY_SPACE.search("写真 を")
    assert not STRAY_SPACE.search("{0} 枚の写真")
    assert not STRAY_SPACE.search("GPU を使います。")


def _tr_sources() -> dict[tuple[str, str], str]:
    """(context, source) -> file for every literal ``self.tr("...")`` / ``translate("Context", "...")`` in the GUI."""
    found: dict[tuple[str, str], str] = {}
    for path in sorted(GUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            context = cls.name if isinstance(cls, ast.ClassDef) else None
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                args = node.args
                if name == "tr" and context and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    found[(context, args[0].value)] = str(path.relative_to(REPO))
                elif (
                    name == "translate"
                    and len(args) >= 2
                    and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2])
                ):
                    found[(args[0].value, args[1].value)] = str(path.relative_to(REPO))
    return found


def test_every_gui_string_is_in_the_japanese_translation() -> None:
    """A tr()/translate() string missing from the .ts (lupdate not run) would show in English."""
    in_ts = set()
    for context in ET.parse(TS_DIR / "badbatch_ja.ts").getroot().iter("context"):
        name = context.findtext("name")
        in_ts |= {(name, m.findtext("source")) for m in context.iter("message")}
    missing = sorted(f"{file}: {ctx}: {src!r}" for (ctx, src), file in _tr_sources().items() if (ctx, src) not in in_ts)
    assert missing == [], "run `python resources/build_translations.py` and translate the new messages"


def _has_words(node: ast.AST) -> bool:
    """A literal (or f-string) with letters in it: text a person reads."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = re.sub(r"<[^<>]*>|&\w+;", "", node.value)  # rich-text markup is not words
        return bool(re.search(r"[A-Za-z]{2,}", text))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_has_words(e) for e in node.elts)
    return False


def bare_strings(source: str) -> list[tuple[int, str]]:
    """(line, call) of user-visible texts given to Qt as literals instead of through tr()/translate()."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        positions: tuple[int, ...] = ()
        if isinstance(func, ast.Attribute) and name in TEXT_CALLS:
            positions = TEXT_CALLS[name]
        elif name in TEXT_CONSTRUCTORS:
            positions = TEXT_CONSTRUCTORS[name]
        elif name in MESSAGE_BOX and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "QMessageBox":
            positions = (1, 2)
        elif name == "setHeaderLabels" or name == "setHorizontalHeaderLabels":
            positions = (0,)
        for i in positions:
            if i < len(node.args) and _has_words(node.args[i]):
                out.append((node.lineno, name))
    return out


def test_user_visible_strings_go_through_tr() -> None:
    found = []
    for path in sorted(GUI.rglob("*.py")):
        rel = str(path.relative_to(REPO))
        for line, call in bare_strings(path.read_text(encoding="utf-8")):
            if (rel, call) not in ALLOWED_BARE:
                found.append(f"{rel}:{line} {call}")
    assert found == [], "wrap these texts in self.tr() or QCoreApplication.translate()"


def test_the_bare_string_check_catches_what_it_should() -> None:
    code = (
        'w.setText("Hello there")\nw.setToolTip(self.tr("ok"))\nQLabel("Name:")\nb = QPushButton(icon, "Go on")\n'
        'QMessageBox.warning(self, "Title", "Body")\nw.setText("✕")\nw.setText(f"{n} photos")\n'
        'w.setText(f"{n}")\nt.setHeaderLabels(["File", "Why"])\n'
    )
    assert [c for _, c in bare_strings(code)] == [
        "setText",
        "QLabel",
        "QPushButton",
        "warning",
        "warning",
        "setText",
        "setHeaderLabels",
    ]
    assert bare_strings('w.setText(f"<table>{rows}</table>{summary}")') == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shipped_qm_is_compiled_from_the_current_ts(lang: str, tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed next to this Python")
    out = tmp_path / f"{lang}.qm"
    subprocess.run(
        [str(lrelease), "-silent", str(TS_DIR / f"badbatch_{lang}.ts"), "-qm", str(out)], check=True, timeout=60
    )
    assert out.read_bytes() == (TS_DIR / f"badbatch_{lang}.qm").read_bytes(), (
        "run `python resources/build_translations.py` after editing a .ts file"
    )


def test_counted_sentences_get_real_plurals(qapp) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from badbatch_gui.gui.text.plural_text import PluralText

    for lang, one, many in (
        ("en", "1 batch checked", "5 batches checked"),
        ("ja", "1 個のバッチを確認", "5 個のバッチを確認"),
    ):
        tr = QTranslator()
        assert tr.load(str(TS_DIR / f"badbatch_{lang}.qm"))
        QCoreApplication.installTranslator(tr)
        try:
            assert one in PluralText().none_rejected(1)
            assert many in PluralText().none_rejected(5)
            assert "(s)" not in PluralText().files_skipped(2)
            assert "(es)" not in PluralText().batches_skipped(2)
        finally:
            QCoreApplication.removeTranslator(tr)
