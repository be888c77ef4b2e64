"""Step 1: open a folder, scan it in the background, see the summary, problems and thumbnails; cancel a scan."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from PySide6.QtCore import QSize, Qt

from badbatch_gui.gui.widgets.thumbnail_grid import ThumbnailGrid, ThumbnailModel


def test_demo_folder_scan_fills_summary_problems_and_thumbnails(gui, qtbot, small_demo):
    gui.open_and_scan(small_demo)
    scan = gui.controller.scan
    page = gui.images_page
    assert len(scan.images) > 90
    assert scan.problems
    assert scan.duplicates
    assert page.card_usable.value.text() == f"{len(scan.images):,}"
    assert page.card_problems.value.text() == str(len(scan.problems))
    assert page.problems.rowCount() == len(scan.problems)
    reasons = {page.problems.item(i, 1).text() for i in range(page.problems.rowCount())}
    assert all(r and "_" not in r for r in reasons)  # plain sentences, not reason codes
    assert page.model.rowCount() == len(scan.images)
    assert page.next_button.isEnabled()
    # the visible thumbnails are decoded off the GUI thread and land in the disk cache, never in the folder
    before = set(small_demo.rglob("*"))
    qtbot.waitUntil(lambda: any(gui.paths.thumbnails_dir.rglob("*.img")), timeout=30_000)
    qtbot.waitUntil(lambda: len(page.model._pixmaps) >= 3, timeout=30_000)
    assert set(small_demo.rglob("*")) == before
    assert "デモ photos" in gui.window.windowTitle()


def test_cancel_scan_keeps_nothing_and_scan_again_works(gui, qtbot, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(400):
        Image.fromarray(rng.integers(0, 255, (20, 20, 3), dtype=np.uint8)).save(folder / f"{i:04d}.png")
    with qtbot.waitSignal(gui.controller.task_ended, timeout=60_000) as ended:
        assert gui.controller.open_folder(folder)
        gui.images_page.cancel_button.click()  # the scan thread checks the request at its next step
    assert ended.args == ["scan", "canceled"]
    gui.wait_idle()
    assert gui.controller.scan is None
    assert "stopped" in gui.images_page.progress_label.text()
    assert gui.images_page.rescan_button.isEnabled()
    with qtbot.waitSignal(gui.controller.scan_changed, timeout=60_000, check_params_cb=lambda s: s is not None):
        gui.images_page.rescan_button.click()
    gui.wait_idle()
    assert len(gui.controller.scan.images) == 400


def test_recent_folders_menu_and_settings_persist(gui, qtbot, small_demo):
    gui.open_and_scan(small_demo)
    page = gui.images_page
    page.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in page.recent_menu.actions()]
    assert str(small_demo.resolve()) in texts
    from badbatch_gui.core.settings import load_settings

    assert load_settings(gui.paths.settings_file).last_folder == str(small_demo.resolve())


class CountingLoader:
    """A stand-in loader that records which thumbnails the view asked for."""

    size = 64

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class _S(QObject):
            loaded = Signal(str, object)
            failed = Signal(str)

        self._s = _S()
        self.loaded, self.failed = self._s.loaded, self._s.failed
        self.requested: set[str] = set()

    def request(self, path: str) -> None:
        self.requested.add(path)

    def drop_queued(self) -> None:
        pass


def test_grid_of_10000_images_only_requests_visible_thumbnails(qtbot, tmp_path):
    loader = CountingLoader()
    model = ThumbnailModel(loader, 64, 1.0)
    grid = ThumbnailGrid(model)
    qtbot.addWidget(grid)
    grid.resize(QSize(800, 600))
    model.set_images(tmp_path, [(f"img_{i:05d}.jpg", 640, 480, 1000) for i in range(10_000)])
    grid.show()
    qtbot.waitExposed(grid)
    qtbot.waitUntil(lambda: len(loader.requested) > 0, timeout=5000)
    assert model.rowCount() == 10_000
    assert len(loader.requested) < 200  # virtualised: only what is on screen
    grid.scrollToBottom()
    qtbot.waitUntil(lambda: str(Path(tmp_path) / "img_09999.jpg") in loader.requested, timeout=5000)
    assert len(loader.requested) < 400


def test_drop_a_folder_on_the_window_opens_it(gui, qtbot, small_demo):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(small_demo))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(gui.controller.scan_changed, timeout=60_000, check_params_cb=lambda s: s is not None):
        gui.window.dropEvent(event)
    gui.wait_idle()
    assert gui.controller.folder == small_demo.resolve()
