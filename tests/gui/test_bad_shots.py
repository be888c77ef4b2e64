"""The Batch check leads with the photos that look wrong: per-reason counts, reasons under the thumbnails; "Leave
out all flagged" reaches the Train page count, and the training run leaves those photos out and says why.
"""

from __future__ import annotations

import json
from pathlib import Path

from badbatch_gui.gui.pages.batch_check.findings_panel import ALL_FLAGGED, LEAST_TYPICAL
from badbatch_gui.gui.text import reason_text
from tests.helpers import gui_training as th


def test_flagged_photos_lead_the_page_reach_the_train_page_and_stay_out_of_training(
    gui, qtbot, small_demo, torch_one_thread
):
    gui.controller.settings.leave_out_flagged = False  # start with nothing left out, to press the button
    gui.open_and_scan(small_demo)
    gui.window.show_step(1)
    gui.score(batch_size=4, mode="reference")
    page, report = gui.batch_page, gui.controller.report
    found = report.findings
    flagged = sorted(report.flagged_paths)
    assert found is not None
    assert len(flagged) >= 5

    # the verdict line leads with the photos: "N photos look wrong: 4 too dark · 3 blurry · ..."
    verdict = page.banner.verdict.text()
    assert verdict.startswith(str(len(flagged)))
    for code, n in found.counts().items():
        assert f"{n} {reason_text.name(code)}" in verdict
    assert "batches" in page.banner.detail.text()  # the batches' verdict is the second line

    # the grid shows the flagged photos, the reason in plain words under each; the filter narrows by reason
    panel = page.findings
    assert panel.filter.currentData() == ALL_FLAGGED
    assert len(page.findings_model.shown) == len(flagged)
    first = next(o for o in report.outliers if o.flagged)
    assert panel.caption_of(first.path) == ", ".join(reason_text.name(c) for c in first.reasons)
    code = first.reasons[0]
    panel.select_filter(code)
    # one count per reason: the filter shows the photos whose main reason it is, as many as the headline says
    assert {p.path for p in page.findings_model.shown} == {p for p in flagged if found.reasons_of(p)[0] == code}
    assert len(page.findings_model.shown) == found.counts()[code]
    panel.select_filter(LEAST_TYPICAL)
    assert len(page.findings_model.shown) == len(report.outliers) >= len(flagged)
    panel.select_filter(ALL_FLAGGED)

    # "Leave out all flagged": the operator's rejections, with their reasons, in the folder's decisions
    store = gui.controller.decisions
    assert store.rejected_paths() == ()
    panel.all_button.click()
    rule = gui.controller.leave_out()
    assert store.rejected_paths() == tuple(flagged) == rule.paths
    assert rule.automatic == frozenset()
    assert panel.caption_of(first.path).startswith("✕")
    per_reason = dict(rule.summary().by_reason)
    assert per_reason == found.counts()

    # the Train page counts them, by reason
    gui.window.show_step(2)
    train = gui.window.page(2)
    assert train.leave_out.isVisible()
    assert not train.leave_out.check.isChecked()
    label = train.leave_out.label.text()
    assert label.startswith(str(len(flagged)))
    assert reason_text.counts(per_reason) in label
    total = len(gui.controller.scan.training_images())
    assert f"{total - len(flagged)} of {total} photos ({len(flagged)} left out)" in train.data_label.text()

    # a tiny training run leaves them out and records how many and why
    th.tiny_settings(train, epochs=1)
    assert train.start()
    th.wait_idle(qtbot, gui.controller)
    run = json.loads((Path(train.run_dir) / "run.json").read_text(encoding="utf-8"))
    assert run["status"] == "completed"
    assert run["left_out"] == {"count": len(flagged), "by_hand": 0, "by_reason": per_reason, "automatic": 0}
    used = json.loads((Path(train.run_dir) / "images.json").read_text(encoding="utf-8"))["paths"]
    assert not set(used) & set(flagged)
    assert run["summary"]["images_used"] == len(used)
    detail = train.summary.data.detail.text()  # "...; 11 photos left out: 6 too dark · 2 too bright · ..."
    assert f"; {len(flagged)} " in detail
    assert reason_text.counts(per_reason) in detail

    # the Train page's box never undoes the operator's own decisions; cleared, the photos follow the box
    train.leave_out.check.setChecked(True)
    train.leave_out.check.setChecked(False)
    assert store.rejected_paths() == tuple(flagged)
    gui.controller.set_decision(list(flagged), None)
    assert store.rejected_paths() == ()
    train.leave_out.check.setChecked(True)
    rule = gui.controller.leave_out()  # left out automatically: derived from the stored findings, not stored
    assert rule.automatic == set(flagged)
    assert rule.paths == tuple(flagged)
    assert store.rejected_paths() == ()
    train.leave_out.check.setChecked(False)
    assert gui.controller.leave_out().paths == ()
    assert gui.controller.settings.leave_out_flagged is False
    assert f"{total} of {total} photos (0 left out)" in train.data_label.text()
