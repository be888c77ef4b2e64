"""The *Report…* buttons (pytest-qt, offscreen): a finished run's report from the Train page and the run list, and
one plain sentence when the place cannot be written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.gui_training import TASK_TIMEOUT_MS, tiny_settings, wait_idle

pytestmark = pytest.mark.usefixtures("torch_one_thread")  # one torch thread: shared 2-core machine


@pytest.fixture
def page(qtbot, controller):
    from badbatch_gui.gui.pages.train.page import TrainPage

    p = TrainPage(controller)
    qtbot.addWidget(p)
    p.resize(1100, 760)
    p.show()
    return p


def test_report_of_a_finished_run_from_the_train_page_and_the_run_list(
    qtbot, page, controller, tmp_path, monkeypatch, read_only_folder
):
    assert not page.monitor.report_button.isEnabled()  # no run shown yet
    tiny_settings(page, epochs=1)
    page.start_button.click()
    qtbot.waitUntil(lambda: page.worker is not None, timeout=TASK_TIMEOUT_MS)
    assert not page.monitor.report_button.isEnabled()  # not while it trains
    wait_idle(qtbot, controller)
    assert page.monitor.report_button.isEnabled()
    out = page.save_report(path=tmp_path / "run.pdf")
    assert out == tmp_path / "run.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    # the run list's button saves the selected run's report (the file dialog answered by the test)
    asked: list[str] = []

    def answer(_parent, _title, start, _filter):
        asked.append(start)
        return str(tmp_path / "from_list")  # no extension: .pdf is added

    monkeypatch.setattr("badbatch_gui.gui.dialogs.file_dialogs.save_file", answer)
    assert page.run_list.select_run(page.run_dir)
    assert page.run_list.report_button.isEnabled()
    page.run_list.report_button.click()
    assert Path(asked[0]).suffix == ".pdf"
    assert (tmp_path / "from_list.pdf").read_bytes().startswith(b"%PDF")
    # an unwritable place: one sentence, no file, no trace
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(controller, "show_error", lambda text, details="": errors.append((text, details)))
    assert page.save_report(path=read_only_folder / "r.pdf") is None
    assert len(errors) == 1
    assert "cannot be saved" in errors[0][0]
    assert "Traceback" not in errors[0][0]
    assert not list(read_only_folder.iterdir())
