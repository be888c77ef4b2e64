"""The window with hostile folders: file names that are not UTF-8 (Shift-JIS from a Windows share), links that leave
the folder, special files. Names are shown with a replacement mark, thumbnails load, decisions keep the exact name,
and the Problems tab says where a link points and what a special file is.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from badbatch_gui.gui.pages.batch_check.batch_review import ImageRow
from badbatch_gui.gui.text.problem_text import problem_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="byte file names, FIFOs and sockets are POSIX")

SJIS_NAME = "写真01.png".encode("shift_jis")  # not valid UTF-8


def _png(path: bytes, seed: int) -> None:
    arr = np.random.default_rng(seed).integers(0, 256, (40, 48, 3), dtype=np.uint8)
    with open(path, "wb") as fh:
        Image.fromarray(arr).save(fh, format="PNG")


@pytest.fixture
def hostile(tmp_path: Path):
    root = tmp_path / "hostile"
    root.mkdir()
    raw = os.fsencode(root)
    _png(raw + b"/" + SJIS_NAME, 1)
    _png(raw + b"/plain.png", 2)
    os.mkfifo(raw + b"/pipe.jpg")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "sock.png"))
    os.symlink("/etc", raw + b"/etc_link")
    yield root
    sock.close()


def test_non_utf8_names_links_out_and_special_files_on_the_images_page(gui, qtbot, hostile):
    gui.open_and_scan(hostile)
    page = gui.images_page
    sjis = os.fsdecode(SJIS_NAME)
    assert [r.path for r in gui.controller.scan.images] == ["plain.png", sjis]
    shown = [page.model.data(page.model.index(i), Qt.ItemDataRole.DisplayRole) for i in range(page.model.rowCount())]
    assert "plain.png" in shown
    assert any("\ufffd" in s and s.endswith(".png") for s in shown)
    tips = [page.model.data(page.model.index(i), Qt.ItemDataRole.ToolTipRole) for i in range(page.model.rowCount())]
    assert all(not any(0xD800 <= ord(c) <= 0xDFFF for c in t) for t in tips)
    # the thumbnail of the Shift-JIS file arrives under its exact path (a QString would have dropped the bytes)
    key = page.model._abs(sjis)
    qtbot.waitUntil(lambda: key in page.model._pixmaps or key in page.model._failed, timeout=30_000)
    assert key in page.model._pixmaps
    rows = {page.problems.item(i, 0).text(): page.problems.item(i, 1).text() for i in range(page.problems.rowCount())}
    assert rows["etc_link"] == problem_text("link_outside", "", "/etc")
    assert "/etc" in rows["etc_link"]
    assert "named pipe" in rows["pipe.jpg"]
    assert "socket" in rows["sock.png"]


def test_a_decision_on_a_non_utf8_name_keeps_the_exact_name(qtbot):
    name = "sub/" + os.fsdecode(SJIS_NAME)
    row = ImageRow(1, name, 0.5, 0.0)
    qtbot.addWidget(row)
    with qtbot.waitSignal(row.decision_clicked, timeout=5_000) as blocker:
        row.reject.click()
    assert blocker.args == [name, "reject"]
