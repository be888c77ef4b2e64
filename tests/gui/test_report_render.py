"""The PDF renderer's own promises, without a training run: long names shortened between characters (never inside
one), and a Japanese report that says so, in English, when no Japanese font is installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def canvas(qapp):
    from badbatch_gui.gui.report.pdf_canvas import PdfCanvas

    c = PdfCanvas("test", "footer")
    yield c
    c.finish()


@pytest.mark.parametrize(
    "name",
    [
        "/工場/写真/" + "部品の写真" * 40 + "_最終.jpg",
        "/photos/" + "part_😀_" * 40 + "end.png",
        "C:\\\\line 2\\\\" + "x" * 300 + ".tif",
    ],
)
def test_long_names_are_shortened_in_the_middle_never_inside_a_character(canvas, name):
    from badbatch_gui.gui.report.pdf_canvas import mm

    font = canvas.font(9)
    short = canvas.elided(name, font, mm(60))
    assert short != name
    assert "…" in short
    assert len(short) < len(name)
    head, tail = short.split("…")
    assert name.startswith(head)
    assert name.endswith(tail)
    assert head
    assert tail
    short.encode("utf-8")  # no half surrogate pair: it would not encode
    assert canvas.elided("short.jpg", font, mm(60)) == "short.jpg"


def _minimal_run(folder: Path) -> Path:
    run = folder / "run"
    run.mkdir()
    (run / "run.json").write_text(
        json.dumps(
            {
                "status": "completed",
                "folder": str(folder / "photos"),
                "started": "2026-01-05T09:00:00+09:00",
                "finished": "2026-01-05T09:10:00+09:00",
                "config": {"method": "emc2", "batch_size": 16},
                "summary": {
                    "train_time_s": 600.0,
                    "peak_memory_bytes": 2**30,
                    "memory_kind": "cpu_rss",
                    "images_used": 77,
                },
            }
        ),
        encoding="utf-8",
    )
    (run / "metrics.jsonl").write_text(
        "".join(json.dumps({"step": i, "loss": 3.0 - i / 10, "chance_loss": 3.4}) + "\n" for i in range(1, 21)),
        encoding="utf-8",
    )
    return run


@pytest.mark.parametrize("has_japanese_font", [True, False])
def test_a_japanese_report_says_when_no_japanese_font_is_installed(qapp, tmp_path, monkeypatch, has_japanese_font):
    from badbatch_gui.core.paths import AppPaths
    from badbatch_gui.core.report.run_report import gather_run_report
    from badbatch_gui.gui.report import run_pdf
    from badbatch_gui.gui.report.headless import in_language
    from badbatch_gui.gui.report.pdf_canvas import PdfCanvas

    if not has_japanese_font:
        monkeypatch.setattr(run_pdf, "japanese_family", lambda: None)
    elif run_pdf.japanese_family() is None:
        pytest.skip("no Japanese font is installed on this machine")
    drawn: list[str] = []
    original = PdfCanvas._draw_text
    monkeypatch.setattr(
        PdfCanvas,
        "_draw_text",
        lambda self, rect, text, *a, **k: (drawn.append(text), original(self, rect, text, *a, **k)),
    )
    report = gather_run_report(
        _minimal_run(tmp_path), AppPaths(*(tmp_path / "home" / d for d in ("cfg", "data", "cache", "logs")))
    )
    with in_language("ja"):
        data = run_pdf.render_run_report(report)
    assert data.startswith(b"%PDF")
    assert "学習時間" in drawn  # the Japanese labels
    assert (run_pdf.NO_JAPANESE_FONT in drawn) is (not has_japanese_font)
    assert "77" in drawn
