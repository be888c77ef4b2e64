"""Step 2: score the demo folder, drag the threshold, review a batch, keep/reject photos, restart, close mid-run."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from badbatch_gui.core.paths import folder_key


def drag_line(qtbot, histogram, value: float) -> None:
    """Drag the threshold line with the mouse to ``value`` (data coordinates)."""
    plot = histogram.plot
    vb = plot.getPlotItem().vb
    (y0, y1) = vb.viewRange()[1]
    y = y0 + 0.5 * (y1 - y0)

    def to_view(x: float):
        return plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))

    start, end = to_view(histogram.threshold()), to_view(value)
    viewport = plot.viewport()
    # pyqtgraph drops mouse moves closer than 1/mouseRateLimit (10 ms) apart, and a drag only picks the item that
    # accepted the last hover: hover onto the line as a real pointer does, with pauses longer than that limit.
    gap = int(1000 / pg.getConfigOption("mouseRateLimit")) + 15 if pg.getConfigOption("mouseRateLimit") > 0 else 15
    for dx in (-3, 0):
        QTest.mouseMove(viewport, start + QPoint(dx, 0))
        qtbot.wait(gap)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 11):
        QTest.mouseMove(viewport, start + (end - start) * (i / 10))
        qtbot.wait(gap)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_score_drag_threshold_review_decide_and_persist(gui, qtbot, make_app, small_demo, torch_one_thread, tmp_path):
    gui.controller.settings.leave_out_flagged = False  # this test is about batches; test_bad_shots covers photos
    gui.open_and_scan(small_demo)
    gui.window.show_step(1)
    gui.score(batch_size=4)
    page, report = gui.batch_page, gui.controller.report
    n = len(gui.controller.scan.training_images()) // 4
    assert len(report.batches) == n >= 20
    assert report.threshold.value is not None
    assert page.table.table_model.rowCount() == n
    frds = [page.table.table_model.batches[r].frd for r in range(n)]
    assert frds == sorted(frds, reverse=True)  # worst first
    assert "untrained" in " ".join(page.banner.notice_texts())

    # drag the line to the median score: more batches are rejected, live and after release
    before = int(np.sum(report.scores > report.threshold.value))
    target = float(np.median(report.scores))
    drag_line(qtbot, page.histogram, target)
    qtbot.waitUntil(lambda: gui.controller.report.threshold.policy == "fixed", timeout=5000)
    tau = gui.controller.report.threshold.value
    assert abs(tau - target) < 0.1 * (report.scores.max() - report.scores.min())
    after = int(np.sum(report.scores > tau))
    assert after > before
    assert page.rejected_label.text().startswith(str(after))
    assert page.banner.detail.text().startswith(f"{after} of {n} batches")  # the photos' verdict leads
    assert len(gui.controller.report.rejected_batches) == after
    if after / n > 0.3:
        assert any("raising the threshold" in t for t in page.banner.notice_texts())
    # typing a value works too
    page.threshold_box.setValue(float(report.scores.max()) + 1)
    page.threshold_box.editingFinished.emit()
    assert len(gui.controller.report.rejected_batches) == 0
    assert page.rejected_label.text().startswith("0")

    # open a batch: every photo shows original + two views, worst first
    page.table.selectRow(1)
    batch = page.review.batch
    assert batch is not None
    assert batch.index == page.table.table_model.batches[1].index
    qtbot.waitUntil(
        lambda: (
            not page.views.busy
            and all(
                t.pixmap() is not None and not t.pixmap().isNull()
                for row in page.review.rows.values()
                for t in row.tiles
            )
        ),
        timeout=60_000,
    )
    worst, other = batch.images[0].path, batch.images[1].path
    page.review.rows[worst].reject.click()
    page.review.rows[other].keep.click()
    store_file = gui.paths.decisions_dir / f"{folder_key(small_demo)}.json"
    assert store_file.exists()
    assert not any(p.suffix == ".json" and "decision" in p.name for p in small_demo.rglob("*"))
    assert gui.controller.decisions.get(worst) == "reject"
    assert page.table.table_model.decided[batch.index] == (0, 1, 1)  # (automatically, by you) left out, kept
    assert "1 left out by you" in page.table.table_model.data(page.table.table_model.index(1, 4))

    # keyboard review: N moves to the next batch, R rejects it; not while typing in the threshold box
    page.table.setFocus()
    row = page.table.currentIndex().row()
    QTest.keyClick(page.table, Qt.Key.Key_N)
    assert page.table.currentIndex().row() == row + 1
    QTest.keyClick(page.table, Qt.Key.Key_R)
    shown = page.review.batch
    assert all(gui.controller.decisions.get(i.path) == "reject" for i in shown.images)
    QTest.keyClick(page.table, Qt.Key.Key_A)
    assert all(gui.controller.decisions.get(i.path) == "keep" for i in shown.images)
    page.threshold_box.setFocus()
    QTest.keyClick(page.threshold_box, Qt.Key.Key_R)
    assert all(gui.controller.decisions.get(i.path) == "keep" for i in shown.images)

    # the list as CSV: the one photo left out, by the operator; the flagged photos training still uses
    out = page.export_list(str(tmp_path / "rejected.csv"))
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["path"] for r in rows if r["used_in_training"] == "no"] == [worst]
    assert rows[0]["status"] == "left_out_by_you"
    flagged = set(gui.controller.report.flagged_paths)
    assert {r["path"] for r in rows if r["main_reason"]} == flagged
    assert {r["status"] for r in rows if r["main_reason"]} <= {"flagged_used", "kept_by_you", "left_out_by_you"}

    # restart the app: the decisions come back and are used
    gui.close()
    again = make_app()  # closed, its workers joined, by the fixture
    again.controller.settings.leave_out_flagged = False
    again.open_and_scan(small_demo)
    assert again.controller.decisions.get(worst) == "reject"
    assert again.controller.decisions.get(other) == "keep"
    again.window.show_step(1)
    again.score(batch_size=4)
    assert again.controller.score_config.exclude == (worst,)
    assert all(worst != i.path for b in again.controller.report.batches for i in b.images)
    holder = next(b for b in again.controller.report.batches if any(i.path == other for i in b.images))
    again.batch_page.table.select_batch(holder.index)
    assert again.batch_page.review.rows[other].keep.isChecked()


def test_closing_the_window_mid_scoring_stops_cleanly(gui, qtbot, small_demo, torch_one_thread):
    gui.open_and_scan(small_demo)
    gui.window.show_step(1)
    page = gui.batch_page
    page.image_size = 64
    page.settings_row.batch_size.setValue(4)
    with qtbot.waitSignal(
        gui.controller.task_progress,
        timeout=120_000,
        check_params_cb=lambda name, done, total: name == "score" and total > 0,
    ):
        page.settings_row.start_button.click()
    assert gui.controller.tasks.busy
    assert page.settings_row.cancel_button.isVisible()
    thread = gui.controller.tasks._thread
    gui.window.close()  # closeEvent requests a stop and waits for the thread
    assert thread.isFinished()
    assert not gui.controller.tasks.busy
    assert gui.controller.report is None


def test_cancel_scoring_leaves_no_report(gui, qtbot, small_demo, torch_one_thread):
    gui.open_and_scan(small_demo)
    gui.window.show_step(1)
    page = gui.batch_page
    page.image_size = 64
    with qtbot.waitSignal(gui.controller.task_ended, timeout=120_000) as ended:
        page.settings_row.start_button.click()
        page.settings_row.cancel_button.click()
    assert ended.args == ["score", "canceled"]
    gui.wait_idle()
    assert gui.controller.report is None
    assert page.settings_row.start_button.isVisible()


def test_rejected_rows_include_batches_above_threshold_minus_kept(tmp_path):
    from badbatch_gui.core.scoring.rejected_list import rejected_rows, write_csv

    class Img:
        def __init__(self, p, s):
            self.path, self.score, self.flagged, self.reasons = p, s, False, ()

    class B:
        def __init__(self, i, f, imgs):
            self.index, self.frd, self.images = i, f, imgs

    class R:
        root = str(tmp_path)
        batches = [B(0, 5.0, [Img("a.jpg", 3.0), Img("b.jpg", 1.0)]), B(1, 1.0, [Img("c.jpg", 0.5)])]

        class threshold:  # noqa: N801 - stands in for the report attribute of that name
            value = 2.0

    rows = rejected_rows(R(), {"b.jpg": "keep", "c.jpg": "reject", "gone.jpg": "reject"}, automatic={"c.jpg"})
    assert [(r["path"], r["status"]) for r in rows] == [
        ("c.jpg", "left_out_automatically"),
        ("gone.jpg", "left_out_by_you"),
        ("b.jpg", "kept_by_you"),
        ("a.jpg", "in_batch_above_threshold"),
    ]
    assert rows[3]["batch"] == "1"
    assert rows[1]["batch"] == ""
    assert rows[3]["used_in_training"] == "yes"
    assert rows[3]["batch_explanation"] == "mix"  # without a.jpg batch 1 would still score about 4 > 2
    out = write_csv(tmp_path / "x.csv", rows)
    assert Path(out).read_bytes().startswith(b"\xef\xbb\xbf")


def test_counts_agree_decisions_say_who_and_unusual_batches_explain_themselves(
    gui, qtbot, small_demo, torch_one_thread, tmp_path
):
    """Issue 19: on a planted folder the headline, the filter list and the exported list count the same photos per
    reason; nothing reads as the operator's decision before they decide; each batch above the threshold says what
    makes it unusual and how many photos that look fine rejecting it would throw away.
    """
    from badbatch_gui.gui.text import reason_text

    gui.controller.settings.leave_out_flagged = True  # the default: flagged photos left out automatically
    gui.open_and_scan(small_demo)
    gui.window.show_step(1)
    gui.score(batch_size=4, mode="reference")
    page, report = gui.batch_page, gui.controller.report
    counts = report.findings.counts()
    flagged = set(report.flagged_paths)
    assert counts
    assert sum(counts.values()) == len(flagged)

    # headline and filter list: the same numbers, adding up to the flagged total
    headline = page.banner.verdict.text()
    assert headline.startswith(str(len(flagged)))
    assert reason_text.counts(counts) in headline
    items = {
        page.findings.filter.itemData(i): page.findings.filter.itemText(i) for i in range(page.findings.filter.count())
    }
    for code, n in counts.items():
        assert items[code].endswith(f"({n})")
    assert "look wrong" in page.banner.verdict.toolTip()
    assert "Unusable files" in page.banner.verdict.toolTip()

    # nothing was decided by the operator: the batch list says "left out automatically", never "by you"
    model = page.table.table_model
    cells = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert any("left out automatically" in c for c in cells)
    assert not any("by you" in c for c in cells)

    # the exported list: every flagged photo, left out automatically, counted by the same main reason
    out = page.export_list(str(tmp_path / "list.csv"))
    with open(out, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["path"]: r["status"] for r in rows if r["main_reason"]} == dict.fromkeys(
        flagged, "left_out_automatically"
    )
    per_reason: dict[str, int] = {}
    for r in rows:
        if r["main_reason"]:
            per_reason[r["main_reason"]] = per_reason.get(r["main_reason"], 0) + 1
    assert per_reason == counts

    # a threshold at the median: each batch above it explains itself, in the list, the banner and the review
    gui.controller.set_threshold(float(np.median(report.scores)))
    report = gui.controller.report
    above = [b for b in report.batches if b.rejected]
    assert above
    for b in above:
        row = model.row_of(b.index)
        assert model.data(model.index(row, 3)), "the Why column names the cause"
        tip = model.data(model.index(row, 3), Qt.ItemDataRole.ToolTipRole)
        assert "photo(s) that look fine" in tip or "photos that look fine" in tip
    assert "throw away" in page.banner.detail.text()
    page.table.select_batch(above[0].index)
    assert page.review.why.isVisibleTo(page.review)
    assert page.review.why.text()
    lost = page.explanations(report.threshold.value)[above[0].index].good_photos
    assert lost == sum(1 for i in above[0].images if not i.flagged and i.path not in flagged)

    # the review shows each photo's unusualness on the thumbnails' scale, never the batch share
    first = above[0].images[0]
    label = page.review.rows[first.path].score.text()
    assert f"{first.unusualness:.2f}" in label

    # a decision gives feedback and then reads as the operator's
    with qtbot.waitSignal(gui.controller.status_message, timeout=5000) as said:
        page.review.decide_batch("keep")
    assert "kept" in said.args[0]
    cell = model.data(model.index(model.row_of(above[0].index), 4))
    assert "kept by you" in cell
    assert "automatically" not in cell


def test_the_batch_size_field_and_its_note_agree_with_the_photos_the_check_will_use(gui, small_demo):
    from badbatch_gui.core.scoring.batch_size_rule import choose_batch_size

    gui.open_and_scan(small_demo)
    controls = gui.batch_page.controls
    requested = gui.controller.settings.score_batch_size
    usable = [r.path for r in gui.controller.scan.training_images()]
    for left_out in ([], usable[:10]):
        if left_out:
            gui.controller.set_decision(left_out, "reject")
        expected = choose_batch_size(len(usable) - len(left_out), requested, automatic=True)
        assert expected.lowered
        assert controls.settings_row.batch_size.value() == expected.size
        config = controls.config(64)  # what the check will send to the core's batch-size rule
        assert config.auto_batch_size
        assert config.batch_size == requested
        assert f"Next check: batches of {expected.size}," in controls.size_note.text()
        assert f"the {len(usable) - len(left_out)} photos" in controls.size_note.text()
