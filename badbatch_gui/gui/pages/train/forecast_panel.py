"""ForecastPanel: the Train page's settings plus the memory forecast (a ForecastWorker, run as the controller's
task) shown on a MemoryBar.

"Start training" first measures memory with a one-batch trial (unless the shown forecast is for exactly these
settings), then emits ``forecast_ready(True)`` when training may start; a forecast that will not fit stops
there and offers the suggested batch size.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from badbatch_gui.core.config import TrainConfig
from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.gui.controller_api import Controller
from badbatch_gui.gui.pages.train.memory_bar import MemoryBar
from badbatch_gui.gui.pages.train.settings_panel import TrainSettingsPanel
from badbatch_gui.gui.tasks.train_workers import ForecastWorker
from badbatch_gui.gui.text import memory_text
from badbatch_gui.gui.text.error_text import error_text

log = logging.getLogger(__name__)
TASK = "forecast"
VERDICTS = {"fits comfortably": "ok", "tight": "tight", "will not fit": "too_big"}


class ForecastPanel(QWidget):
    """Settings group + Memory group.

    Signals:
        forecast_ready(object): after "check then start": True when training may start, False when not.
    """

    forecast_ready = Signal(object)

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forecastPanel")
        self.controller = controller
        self.result: dict | None = None
        self._config: TrainConfig | None = None
        self._n_images: int | None = None
        self._start_after = False
        self._running = False
        self._outcome: bool | None = None
        self.settings = TrainSettingsPanel(self)
        self.memory_bar = MemoryBar(self)
        self.check_button = QPushButton(self.tr("Check memory"), self)
        self.check_button.setObjectName("forecastButton")
        self.check_button.setToolTip(self.tr("Measure how much memory these settings need with one trial batch."))
        self.suggest_button = QPushButton(self)
        self.suggest_button.setObjectName("useSuggestedButton")
        self.suggest_button.setToolTip(self.tr("Change the batch size to the one that fits this computer."))
        self.suggest_button.hide()
        settings_box = QGroupBox(self.tr("Settings"), self)
        QVBoxLayout(settings_box).addWidget(self.settings)
        memory_box = QGroupBox(self.tr("Memory"), self)
        mem_lay = QVBoxLayout(memory_box)
        mem_lay.addWidget(self.memory_bar)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.suggest_button)
        row.addStretch(1)
        mem_lay.addLayout(row)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(settings_box)
        lay.addWidget(memory_box)
        lay.addStretch(1)
        self.check_button.clicked.connect(self.check)
        self.suggest_button.clicked.connect(self._on_use_suggested)
        self.settings.changed.connect(self._on_settings_changed)
        controller.busy_changed.connect(self._on_busy_changed)

    def set_n_images(self, n: int | None) -> None:
        """Photos training will use (for the sampler state and, on the CPU, the decoded-photo cache)."""
        if n != self._n_images:
            self._n_images = n
            self._on_settings_changed()

    def set_busy(self, busy: bool) -> None:
        """Another task runs: no forecast can start."""
        self.check_button.setEnabled(not busy)
        self.suggest_button.setEnabled(not busy)

    def total_bytes(self) -> int | None:
        """The forecast's total, when there is a current one."""
        return int(self.result["forecast"].total_bytes) if self.result else None

    @Slot()
    def check(self) -> bool:
        """Measure memory for the current settings in the background."""
        try:
            config = self._current_config()
        except BadBatchError as exc:
            self.memory_bar.clear(error_text(exc))
            return False
        worker = ForecastWorker(config, self._n_images)
        if not self.controller.start_task(worker, TASK, done=self._on_done, failed=self._on_failed):
            self.memory_bar.clear(self.tr("Another task is running; check memory when it has finished."))
            return False
        self._config, self._running, self._outcome = config, True, None
        self.memory_bar.clear(self.tr("Measuring memory with one trial batch…"))
        return True

    def run_then_start(self) -> None:
        """Forecast if needed, then emit ``forecast_ready`` (True: go ahead)."""
        try:
            current = self.result is not None and self._config == self._current_config()
        except BadBatchError as exc:
            self.memory_bar.clear(error_text(exc))
            self.forecast_ready.emit(False)
            return
        if current:
            self.forecast_ready.emit(self._fits())
            return
        self._start_after = self.check()
        if not self._start_after:
            self.forecast_ready.emit(False)

    def _current_config(self) -> TrainConfig:
        return self.settings.config(exclude=self.controller.leave_out().paths)

    def _fits(self) -> bool:
        return self.result is not None and self.result["forecast"].verdict != "will not fit"

    @Slot(object)
    def _on_done(self, result: dict[str, Any]) -> None:
        self.result = dict(result)
        fc = self.result["forecast"]
        cuda = fc.device.startswith("cuda")
        labels = memory_text.part_labels()
        parts = [(labels.get(key, key), b) for key, b in fc.parts().items() if b > 0]
        where = memory_text.where_text(cuda, self.result.get("device_label", ""), fc.free_bytes)
        self.memory_bar.set_forecast(
            parts, fc.capacity_bytes, where, VERDICTS.get(fc.verdict, "unknown"), memory_text.verdict_text(fc, cuda)
        )
        if fc.suggested_batch_size != fc.batch_size:
            self.suggest_button.setText(self.tr("Use batch size {0}").format(fc.suggested_batch_size))
            self.suggest_button.show()
        else:
            self.suggest_button.hide()
        self.settings.set_multi_gpu_available(int(self.result.get("cuda_count", 0)))
        self._outcome = self._fits()

    @Slot(str, str)
    def _on_failed(self, message: str, details: str) -> None:
        log.warning("memory forecast failed: %s", message)
        self.result, self._outcome = None, False
        self.memory_bar.clear(self.tr("Memory could not be measured: {0}").format(message))

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if busy or not self._running:
            return
        self._running = False
        if self._start_after:
            self._start_after = False
            self.forecast_ready.emit(bool(self._outcome))

    @Slot()
    def _on_settings_changed(self) -> None:
        if self.result is not None and not self._running:
            self.result = None
            self.suggest_button.hide()
            self.memory_bar.clear(self.tr("Settings changed: memory will be checked again before training."))

    @Slot()
    def _on_use_suggested(self) -> None:
        if self.result is not None:
            self.settings.set_values(batch_size=self.result["forecast"].suggested_batch_size)
