"""Inspect page (pytest-qt, offscreen): build an index of a run's photos, ask for photos like one (beside the untrained
network, and for a dropped file), near-duplicates, check a folder of new photos with live results, re-judge at
another false-alarm rate, save CSV, select on the map and leave photos out, and cancel the index and the check midway.

One small run is trained once for the module (96 demo photos, 32 px, one pass) and copied into each test's app home.
Every wait has a timeout; each test joins the controller's task thread and the page's pool jobs.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from badbatch_gui.core import events as ev

TASK_MS = 180_000  # 2 shared CPU cores; never reached when things work
LEFT_OUT = ("shot_0003.jpg", "shot_0004.jpg", "line_2/shot_0027.png")


@pytest.fixture(scope="module")
def trained_run(small_demo, tmp_path_factory) -> Path:
    """A finished one-pass run on the demo folder that left three photos out (trained once, in its own app home)."""
    import torch

    from badbatch_gui.core.config import train_preset
    from badbatch_gui.core.training.loop.trainer import Trainer

    home = tmp_path_factory.mktemp("inspect_home")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BADBATCH_HOME", str(home))
        run_dir = home / "run-inspect"
        run_dir.mkdir()
        config = train_preset("quick_check", batch_size=8, epochs=1, image_size=32, seed=0, exclude=LEFT_OUT)
        Trainer(config, small_demo, run_dir).run()
    torch.set_num_threads(threads)
    assert json.loads((run_dir / "run.json").read_text(encoding="utf-8"))["status"] == "completed"
    return run_dir


@pytest.fixture
def controller(qtbot, small_demo, torch_one_thread):
    """A controller with the demo folder open and scanned; its task thread is joined at teardown."""
    from badbatch_gui.core.paths import app_paths
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.controller import AppController

    ctl = AppController(AppSettings(), app_paths().ensure())
    ctl.errors = []
    ctl.show_error = lambda message, details: ctl.errors.append(message)  # no dialogs
    assert ctl.open_folder(small_demo)
    qtbot.waitUntil(lambda: ctl.scan is not None and not ctl.tasks.busy, timeout=60_000)
    yield ctl
    assert ctl.shutdown(120_000), "a worker thread did not stop"


@pytest.fixture
def run_dir(controller, trained_run) -> Path:
    """The module's run, copied into this test's runs folder (where the page lists runs)."""
    target = controller.paths.runs_dir / trained_run.name
    shutil.copytree(trained_run, target)
    return target


@pytest.fixture
def page(qtbot, controller, run_dir):
    from badbatch_gui.gui.pages.inspect.page import InspectPage

    p = InspectPage(controller)
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    yield p
    p.shutdown()
    assert not (p.similar_job.busy)
    assert not (p.duplicates_job.busy)
    assert not (p.rejudge_job.busy)


@pytest.fixture
def new_photos(tmp_path) -> Path:
    """24 new demo photos (with their own bad shots and broken files), outside the indexed folder."""
    from badbatch_gui.core.data.demo import write_demo_folder

    folder = tmp_path / "new photos"
    write_demo_folder(folder, n_images=24, seed=9)
    return folder


def wait_idle(qtbot, controller) -> None:
    qtbot.waitUntil(lambda: not controller.tasks.busy, timeout=TASK_MS)


def build(qtbot, page, run_dir) -> None:
    """Choose the run and build its index."""
    assert page.model_box.choose(run_dir)
    assert page.build_index()
    wait_idle(qtbot, page.controller)
    assert page.index is not None, page.controller.errors


def manifest(folder: Path) -> dict:
    return json.loads((folder / "demo_manifest.json").read_text(encoding="utf-8"))


def test_the_step_is_the_fifth_in_the_window(gui):
    from badbatch_gui.gui.pages.inspect.page import InspectPage

    assert gui.window.sidebar.item(4).text().endswith("Inspect")
    gui.window.show_step(4)
    assert isinstance(gui.window.page(4), InspectPage)


def test_the_page_and_its_workers_import_without_torch():
    """The page is built on the GUI thread after the first paint; torch is imported only inside the workers."""
    code = (
        "import sys, badbatch_gui.gui.pages.inspect.page, badbatch_gui.gui.tasks.inspect_jobs\n"
        "print([m for m in ('torch', 'torchvision') if m in sys.modules])\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == "[]"


def test_the_export_weights_file_name_matches_the_core():
    from badbatch_gui.core.nets.encoder_io import WEIGHTS_FILE
    from badbatch_gui.gui.pages.inspect import model_box

    assert model_box.WEIGHTS_FILE == WEIGHTS_FILE


def test_index_the_runs_photos_and_find_photos_like_one(qtbot, page, controller, run_dir, small_demo, tmp_path):
    page.model_box.refresh()
    assert page.model_box.choose(run_dir)
    box = page.model_box
    assert box.folder() == small_demo  # the run's training folder, without the photos it left out
    assert set(box.exclude()) == set(LEFT_OUT)
    assert box.leave_out_check.isVisible()
    assert page.stack.currentWidget() is page.empty
    build(qtbot, page, run_dir)
    usable = {r.path for r in controller.scan.images}
    assert set(page.index.paths) == usable - set(LEFT_OUT)
    assert page.stack.currentWidget() is page.tabs
    assert "indexed" in box.status.text()
    assert len(page.map.view.coords) == len(page.index)

    # photos like one of the folder: the nearest photos, most similar first, never the photo itself
    query = "shot_0005.png"
    with qtbot.waitSignal(page.similar_job.ready, timeout=60_000):
        page.similar.ask(query)
    answer = page.similar.answer
    assert answer is not None
    assert answer.untrained is None
    assert answer.trained.in_folder
    shown = page.similar.trained_model.paths
    assert len(shown) == page.similar.k() == 12
    assert query not in shown
    sims = [n.similarity for n in answer.trained.neighbours]
    assert sims == sorted(sims, reverse=True)
    emb = page.index.embeddings
    row = page.index.row(query)
    brute = [page.index.paths[i] for i in np.argsort(-(emb @ emb[row]), kind="stable") if i != row][:12]
    assert set(shown) == set(brute)
    assert page.similar.trained_model.data(page.similar.trained_model.index(0)) == f"{sims[0]:.2f}"

    # the untrained network's answer beside it (its own index is built once, as a task)
    page.similar.compare_check.setChecked(True)
    qtbot.waitUntil(lambda: page.twin_index is not None, timeout=TASK_MS)
    wait_idle(qtbot, controller)
    qtbot.waitUntil(
        lambda: page.similar.answer is not None and page.similar.answer.untrained is not None, timeout=60_000
    )
    assert page.similar.untrained.isVisible()
    assert len(page.similar.untrained_model.paths) == 12
    assert page.twin.untrained
    assert page.twin_index.fingerprint != page.index.fingerprint
    assert "in both lists" in page.similar.compare_note.text()

    # a photo dropped from anywhere: embedded on the spot, its original comes first
    outside = tmp_path / "from a camera" / "same gear.png"
    outside.parent.mkdir()
    shutil.copyfile(small_demo / query, outside)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(outside))])
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(page.similar_job.ready, timeout=60_000):
        page.similar.dropEvent(drop)
    dropped = page.similar.answer
    assert not dropped.trained.in_folder
    assert dropped.untrained is not None
    first = dropped.trained.neighbours[0]
    assert first.path == query
    assert first.similarity > 0.999
    broken = outside.with_name("broken.jpg")  # a file that is no picture: one plain sentence, nothing else changes
    broken.write_bytes(b"this is not a picture")
    mime.setUrls([QUrl.fromLocalFile(str(broken))])
    with qtbot.waitSignal(page.similar_job.failed, timeout=60_000):
        page.similar.dropEvent(
            QDropEvent(
                QPointF(20, 20),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
    assert "not a picture" in page.banner.text()
    assert "Traceback" not in page.banner.text()
    assert page.similar.answer is dropped

    # near-duplicates: the demo folder's copy of shot_0013 is grouped with its original
    original, copy = manifest(small_demo)["duplicates"][0]
    page.similar.show_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(page.similar.groups), timeout=60_000)
    assert any({original, copy} <= set(g) for g in page.similar.groups)
    assert {original, copy} <= set(page.similar.folder_model.paths)

    # building the index again reads it from the cache
    page.similar.compare_check.setChecked(False)
    assert page.build_index()
    wait_idle(qtbot, controller)
    assert page.index.reused == len(page.index)
    assert page.index.computed == 0


def test_an_export_is_inspected_on_the_folder_open_in_the_app(qtbot, page, controller, run_dir, small_demo, tmp_path):
    from badbatch_gui.core.export.export import export_encoder

    build(qtbot, page, run_dir)  # the run's index first: the export has the same weights, so it reuses it
    run_fingerprint = page.index.fingerprint
    out = tmp_path / "exports" / "parts encoder"
    export_encoder(run_dir, out)
    assert page.model_box.choose(out)
    box = page.model_box
    assert box.choice().kind == "export"
    assert box.folder() == controller.folder == small_demo
    assert box.exclude() == ()
    assert not box.leave_out_check.isVisible()
    assert "does not say" in box.folder_label.text()
    assert page.index is None  # another network: the run's index no longer applies
    assert page.build_index()
    wait_idle(qtbot, controller)
    assert page.index.fingerprint == run_fingerprint
    usable = {r.path for r in controller.scan.images}
    assert set(page.index.paths) == usable
    assert page.index.computed == len(usable) - page.index.reused
    assert page.index.reused == len(usable) - len(LEFT_OUT)


def test_check_new_photos_rejudge_filter_heat_map_and_csv(qtbot, page, controller, run_dir, new_photos, tmp_path):
    build(qtbot, page, run_dir)
    panel = page.check
    assert not panel.check_button.isEnabled()  # no folder of new photos yet
    panel.set_folder(new_photos)
    page._update_state()
    assert panel.check_button.isEnabled()
    assert not panel.save_button.isEnabled()
    panel.check_button.click()
    assert page.job == "check"
    wait_idle(qtbot, controller)
    result = page.result
    assert result is not None, controller.errors
    m = manifest(new_photos)
    usable = len(m["good"]) + sum(len(v) for v in m["bad_shots"].values()) + len(m["duplicates"])
    assert len(result.photos) == usable
    assert page._checked == usable
    assert len(result.skipped) >= 3  # the demo's broken files
    shown = [panel.model.photo_at(i) for i in range(panel.model.rowCount())]
    assert [p.path for p in shown] == [p.path for p in result.photos]
    assert [p.score for p in shown] == sorted((p.score for p in shown), reverse=True)
    assert panel.save_button.isEnabled()
    counts = result.counts()
    assert counts["bad_shot"] >= 1
    assert result.counts()["bad_shot"] + counts["unusual"] + counts["normal"] == usable
    dark = m["bad_shots"]["dark"] + m["bad_shots"]["black"]
    assert all(next(p for p in result.photos if p.path == d).verdict == "bad_shot" for d in dark)

    # filter by verdict
    panel.filter_combo.setCurrentIndex(panel.filter_combo.findData("bad_shot"))
    assert panel.model.rowCount() == counts["bad_shot"]
    assert all(panel.model.photo_at(i).verdict == "bad_shot" for i in range(panel.model.rowCount()))
    caption = panel.model.data(panel.model.index(0))
    assert caption.startswith("bad shot\n(")
    panel.filter_combo.setCurrentIndex(panel.filter_combo.findData("all"))

    # the heat map is drawn over the most unusual photo that is not a bad shot
    top = next(p for p in result.photos if p.verdict != "bad_shot")
    key = str(new_photos.joinpath(*Path(top.path).parts))
    row = panel.model.row_of(top.path)
    panel.model.data(panel.model.index(row), Qt.ItemDataRole.DecorationRole)  # asks for the thumbnail
    qtbot.waitUntil(lambda: key in panel.model._pixmaps, timeout=30_000)
    drawn = panel.model.data(panel.model.index(row), Qt.ItemDataRole.DecorationRole).toImage()
    plain = panel.model._pixmaps[key].toImage()
    assert drawn.size() == plain.size()
    assert drawn != plain

    # another false-alarm rate re-judges at once, as the core does
    before = page.result
    with qtbot.waitSignal(page.rejudge_job.ready, timeout=30_000):
        panel.rate_spin.setValue(20.0)
    expected = before.with_false_alarm_rate(0.20)
    assert page.result.threshold.value == expected.threshold.value <= before.threshold.value
    assert [p.verdict for p in page.result.photos] == [p.verdict for p in expected.photos]
    assert panel.model.counts()["unusual"] == expected.counts()["unusual"] >= counts["unusual"]
    assert "20 in 100" in panel.rate_note.text()

    # CSV: one row per photo, at the rate shown
    out = page.save_csv(tmp_path / "checked.csv")
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["path"] for r in rows] == [p.path for p in page.result.photos]
    assert [r["verdict"] for r in rows] == [p.verdict for p in page.result.photos]

    # the report (a PDF) of the check, at the rate shown
    assert panel.report_button.isEnabled()
    pdf = page.save_report(tmp_path / "check.pdf")
    assert pdf == tmp_path / "check.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")

    # the preview shows the selected photo and what the check said
    panel.select(top.path)
    assert panel.preview.photo.path == top.path
    assert Path(top.path).name in panel.preview.text.text()


def test_select_on_the_map_and_leave_photos_out(qtbot, page, controller, run_dir):
    build(qtbot, page, run_dir)
    panel = page.map
    page.tabs.setCurrentWidget(panel)
    view = panel.view
    qtbot.waitUntil(lambda: view.box.sceneBoundingRect().width() > 100, timeout=10_000)
    view.fit()
    coords = view.coords
    lo, hi = np.percentile(coords, 25, axis=0), np.percentile(coords, 75, axis=0)
    box = np.array([(lo[0], lo[1]), (hi[0], lo[1]), (hi[0], hi[1]), (lo[0], hi[1])])
    inside = np.flatnonzero(
        (coords[:, 0] > lo[0]) & (coords[:, 0] < hi[0]) & (coords[:, 1] > lo[1]) & (coords[:, 1] < hi[1])
    )
    assert len(inside) > 0
    view.box.area_selected.emit(box, False)
    assert sorted(panel.selected.tolist()) == sorted(inside.tolist())
    assert panel.list_model.rowCount() == len(inside)
    assert panel.leave_out_button.isEnabled()  # the indexed folder is the one open in the app
    panel.leave_out_button.click()
    store = controller.decisions
    chosen = [page.index.paths[int(i)] for i in inside]
    assert all(store.get(p) == "reject" for p in chosen)
    panel.colour_combo.setCurrentIndex(1)  # colour by decision
    cats, _colours, _names = panel.categories()
    assert sorted(np.flatnonzero(cats == 1).tolist()) == sorted(inside.tolist())

    # pointing at a dot shows its photo; clicking it asks for the photos like it
    far = int(np.argmax(np.abs(coords - coords.mean(axis=0)).sum(axis=1)))
    view._on_mouse_moved(view.scene_pos_of(far))
    assert panel.hover.isVisible()
    assert Path(page.index.paths[far]).name in panel.hover.caption.text()
    with qtbot.waitSignal(page.similar_job.ready, timeout=60_000):
        view.clicked.emit(far)
    assert page.tabs.currentWidget() is page.similar
    assert page.similar.answer.trained.query == page.index.paths[far]


def test_points_in_a_lasso():
    from badbatch_gui.gui.pages.inspect.map_view import points_in_polygon

    square = np.array([(0, 0), (2, 0), (2, 2), (0, 2)], dtype=float)
    notch = np.array([(0, 0), (4, 0), (4, 4), (2, 1), (0, 4)], dtype=float)  # a concave lasso
    pts = np.array([(1, 1), (3, 1), (-1, 1), (1, 3), (3.8, 3.5), (2, 2)], dtype=float)
    assert points_in_polygon(pts, square).tolist() == [True, False, False, False, False, False]
    assert points_in_polygon(pts, notch).tolist() == [True, True, False, False, True, False]


class HeldAfterFirstProgress:
    """Mixin: the worker thread stops at its first progress of a phase (after some work) until released."""

    hold_phases: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reached, self.release = threading.Event(), threading.Event()

    def on_event(self, event: object) -> None:
        super().on_event(event)
        if (
            isinstance(event, ev.Progress)
            and event.phase in self.hold_phases
            and event.done > 0
            and not self.reached.is_set()
        ):
            self.reached.set()
            self.release.wait(60)


def test_cancel_the_index_and_the_check_midway(qtbot, page, controller, run_dir, new_photos, monkeypatch):
    from badbatch_gui.gui.pages.inspect import page as page_module

    class HeldIndex(HeldAfterFirstProgress, page_module.IndexWorker):
        hold_phases = ("decode", "index")

    class HeldCheck(HeldAfterFirstProgress, page_module.CheckWorker):
        hold_phases = ("check",)

    original = page_module.IndexWorker
    monkeypatch.setattr(page_module, "IndexWorker", HeldIndex)
    assert page.model_box.choose(run_dir)
    assert page.build_index()
    worker = page.worker
    qtbot.waitUntil(worker.reached.is_set, timeout=TASK_MS)
    assert page.model_box.cancel_button.isEnabled()
    page.model_box.cancel_button.click()
    worker.release.set()
    wait_idle(qtbot, controller)
    assert page.index is None
    assert page.stack.currentWidget() is page.empty
    assert "Stopped" in page.banner.text()
    assert not list((controller.paths.cache_dir / "inspect").glob("index-*.npz"))  # nothing half-built is kept

    monkeypatch.setattr(page_module, "IndexWorker", original)
    build(qtbot, page, run_dir)
    monkeypatch.setattr(page_module, "CheckWorker", HeldCheck)
    page.check.set_folder(new_photos)
    assert page.check_folder(new_photos, 0.01)
    worker = page.worker
    qtbot.waitUntil(worker.reached.is_set, timeout=TASK_MS)
    qtbot.waitUntil(lambda: page.check.model.rowCount() > 0, timeout=30_000)  # listed while the check runs
    assert page.check.cancel_button.isEnabled()
    assert not page.check.save_button.isEnabled()
    page.check.cancel_button.click()
    worker.release.set()
    wait_idle(qtbot, controller)
    n = page.check.model.rowCount()
    m = manifest(new_photos)
    assert 0 < n < len(m["good"])
    assert n == page._checked
    assert page.result is None
    assert not page.check.save_button.isEnabled()
    assert not page.check.report_button.isEnabled()
    assert "Stopped" in page.check.summary.text()
    assert str(n) in page.check.summary.text()


def test_heat_image_is_clear_below_a_typical_spot_and_red_above_the_threshold(qapp):
    from badbatch_gui.gui.pages.inspect.heat_overlay import OVER, heat_image

    heat = np.array([[0.1, 0.5], [0.75, 0.95]], dtype=np.float32)  # low 0.5, threshold 0.9
    image = heat_image(heat, low=0.5, threshold=0.9)
    assert (image.width(), image.height()) == (2, 1 + 1)
    clear, edge, near, over = (
        image.pixelColor(0, 0),
        image.pixelColor(1, 0),
        image.pixelColor(0, 1),
        image.pixelColor(1, 1),
    )
    assert clear.alpha() == 0
    assert edge.alpha() == 0
    assert 40 < near.alpha() < over.alpha()
    assert near.green() > over.green()
    assert (over.red(), over.green(), over.blue()) == OVER
