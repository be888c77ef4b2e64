"""Screenshot steps for the Train and Export pages, appended to ``tools/screenshots.py``'s SCREENSHOT_STEPS.

Imported by ``screenshots.render`` (EXTRA_STEP_MODULES) after the demo folder is open. A small CPU training
runs on the demo photos (32 px, a few passes) so the Train page is captured mid-training with curves on it.
"""

from __future__ import annotations

from typing import Any

from tools import screenshots

TRAIN, EXPORT = 2, 3  # step indices in the main window


def _settings(page: Any) -> None:
    s = page.forecast.settings
    s.set_preset("quick_check")
    s.set_values(batch_size=16, epochs=4, image_size=32, seed=0)
    s.advanced_toggle.setChecked(True)


def _train_forecast(s: screenshots.Session) -> None:
    s.window.show_step(TRAIN)
    page = s.window.page(TRAIN)
    _settings(page)
    page.forecast.check_button.click()
    s.wait(lambda: page.forecast.result is not None and not s.controller.tasks.busy)
    s.save("3_train_memory_forecast")


def _train_running(s: screenshots.Session) -> None:
    page = s.window.page(TRAIN)
    page.forecast.settings.advanced_toggle.setChecked(False)
    page.start_button.click()
    s.wait(lambda: page.worker is not None)
    # two passes done: the per-pass loss over all photos has two points beside the start and collapse lines
    s.wait(lambda: page.plots.loss.point_count("global") >= 2 or not s.controller.tasks.busy)
    page.plots.flush()
    s.save("3_train_running")


def _train_finished(s: screenshots.Session) -> None:
    page = s.window.page(TRAIN)
    s.wait(lambda: not s.controller.tasks.busy)
    page.tabs.setCurrentIndex(1)
    page.plots.flush()
    s.save("3_train_finished_runs")
    page.tabs.setCurrentIndex(0)


def _export(s: screenshots.Session) -> None:
    s.window.show_step(EXPORT)
    page = s.window.page(EXPORT)
    page.refresh_runs()
    s.wait(lambda: not s.controller.tasks.busy and page.export_button.isEnabled(), 60)
    page.export_button.click()
    s.wait(lambda: page.worker is not None or page.result is not None)
    s.wait(lambda: not s.controller.tasks.busy)
    s.save("4_export")


STEPS = [
    ("3_train_memory_forecast", _train_forecast),
    ("3_train_running", _train_running),
    ("3_train_finished_runs", _train_finished),
    ("4_export", _export),
]


for _steps in screenshots.step_registries():
    _steps += [step for step in STEPS if step not in _steps]
