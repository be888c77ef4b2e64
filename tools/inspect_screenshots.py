"""Screenshot steps for the Inspect page, appended to ``tools/screenshots.py``'s SCREENSHOT_STEPS (after Train and
Export, which leave a run behind).

The Inspect step is shown with a network trained by the *Quick check* preset on the demo folder without the photos
the Batch check left out (trained here with the core, a minute or two on a CPU), and a folder of new photos: fresh demo photos (with their own bad shots) and a
few with planted local faults (a scratch, a stain, a foreign object, a missing corner), so the check's heat maps have
something to show.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from tools import screenshots

INSPECT = 4  # step index in the main window
FAULTS = ("scratch", "stain", "foreign_object", "missing_corner")


def plant_fault(image: Image.Image, kind: str, rng: np.random.Generator) -> Image.Image:
    """A copy of ``image`` with one small local fault of ``kind`` drawn on the part (near the middle)."""
    out = image.convert("RGB").copy()
    w, h = out.size
    draw = ImageDraw.Draw(out)
    cx, cy = w * rng.uniform(0.38, 0.62), h * rng.uniform(0.38, 0.62)
    s = min(w, h)
    if kind == "scratch":
        dx, dy = s * 0.25, s * rng.uniform(-0.12, 0.12)
        draw.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=(20, 20, 20), width=max(3, s // 18))
    elif kind == "stain":
        r = s * 0.16
        draw.ellipse((cx - r, cy - r * 0.7, cx + r, cy + r * 0.7), fill=(120, 78, 30))
    elif kind == "foreign_object":
        r = s * 0.12
        draw.rectangle((cx - r, cy - r, cx + r, cy + r), fill=(30, 160, 60))
    else:  # missing corner: a bite out of the part, in the background's colour
        bg = out.getpixel((2, 2))
        r = s * 0.18
        draw.pieslice((cx - r, cy - r, cx + r, cy + r), 0, 360, fill=bg)
    return out


def new_photos_folder(out: Path, seed: int = 11) -> Path:
    """A folder of new photos: fresh demo photos and four with planted faults."""
    from badbatch_gui.core.data.demo import write_demo_folder

    if out.exists():
        shutil.rmtree(out)
    write_demo_folder(out, n_images=36, seed=seed)
    rng = np.random.default_rng(seed)
    good = sorted(p for p in out.glob("shot_*.jpg"))[: len(FAULTS)]
    for kind, src in zip(FAULTS, good, strict=False):
        with Image.open(src) as im:
            plant_fault(im, kind, rng).save(out / f"new_{kind}.png")
    return out


def _prepare(s: screenshots.Session) -> None:
    from badbatch_gui.core.config import train_preset
    from badbatch_gui.core.training.loop.trainer import Trainer
    from badbatch_gui.core.training.run_folder import runs

    ctl = s.controller
    run_dir = runs.new_run_dir("quick-check", ctl.paths.runs_dir)
    left_out = ctl.leave_out().paths  # as the Train page does
    Trainer(
        train_preset("quick_check", seed=0, exclude=tuple(left_out)),
        ctl.folder,
        run_dir,
        scan=ctl.scan,
        cache_dir=ctl.paths.image_cache_dir,
    ).run()
    state: dict[str, Any] = {"run": run_dir, "new": new_photos_folder(ctl.paths.data_dir / "new photos")}
    s.inspect = state  # type: ignore[attr-defined]  # this tool's state, carried from shot to shot


def _wait_thumbnails(s: screenshots.Session, *models: Any) -> None:
    s.wait(lambda: all(not m.loader._pending for m in models), 60)
    s.pump(0.6)


def _similar(s: screenshots.Session) -> None:
    _prepare(s)
    s.window.show_step(INSPECT)
    page = s.window.page(INSPECT)
    assert page.model_box.choose(s.inspect["run"])  # type: ignore[attr-defined]  # set by _prepare
    page.build_index()
    s.wait(lambda: page.index is not None and not s.controller.tasks.busy)
    page.similar.compare_check.setChecked(True)
    s.wait(lambda: page.twin_index is not None and not s.controller.tasks.busy)
    gear = next((p for p in page.index.paths if "歯車" in p), page.index.paths[0])
    page.similar.folder_grid.setCurrentIndex(page.similar.folder_model.index(page.index.paths.index(gear)))
    s.wait(lambda: page.similar.answer is not None and page.similar.answer.untrained is not None, 60)
    _wait_thumbnails(s, page.similar.folder_model, page.similar.trained_model, page.similar.untrained_model)
    s.save("5_inspect_similar")


def _check(s: screenshots.Session) -> None:
    page = s.window.page(INSPECT)
    page.tabs.setCurrentWidget(page.check)
    folder = s.inspect["new"]  # type: ignore[attr-defined]  # set by _prepare
    page.check.set_folder(folder)
    page.check_folder(folder, page.check.rate())
    s.wait(lambda: page.result is not None and not s.controller.tasks.busy)
    parts = [p for p in page.result.photos if p.verdict != "bad_shot"]  # the most unusual part, with its heat map
    page.check.select((parts or list(page.result.photos))[0].path)
    _wait_thumbnails(s, page.check.model)
    s.wait(lambda: not page.check.preview.picture.image.isNull(), 30)
    s.save("5_inspect_check")


def _map(s: screenshots.Session) -> None:
    page = s.window.page(INSPECT)
    if page.model_box.leave_out_check.isVisible():  # the whole folder, bad shots too, coloured by their reason
        page.model_box.leave_out_check.setChecked(False)
        page.build_index()
        s.wait(lambda: page.index is not None and not s.controller.tasks.busy)
    page.tabs.setCurrentWidget(page.map)
    s.pump(0.5)
    view = page.map.view
    coords = view.coords
    centre = np.median(coords, axis=0)
    near = np.argsort(((coords - centre) ** 2).sum(axis=1))[:9]
    page.map.select_rows(near)
    far = int(np.argmax(((coords - centre) ** 2).sum(axis=1)))
    pos = view.plot.mapFromScene(view.scene_pos_of(far))
    page.map._on_hovered(far, view.plot.viewport().mapToGlobal(pos))
    s.wait(lambda: page.map.hover.image.pixmap() is not None and not page.map.hover.image.pixmap().isNull(), 30)
    _wait_thumbnails(s, page.map.list_model)
    s.save("5_inspect_map")
    page.map.hover.hide()


STEPS = [("5_inspect_similar", _similar), ("5_inspect_check", _check), ("5_inspect_map", _map)]


for _steps in screenshots.step_registries():
    _steps += [step for step in STEPS if step not in _steps]
