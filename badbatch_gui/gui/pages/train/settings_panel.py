"""TrainSettingsPanel: the Train page's preset picker with a fold-out Advanced section -> a TrainConfig.

Every choice is named by what it means for the operator ("How it learns", "Training passes", "Shuffle number"); the technical names (EMC2, SimCLR, SogCLR, epochs, seed) appear only in the tooltips that explain them,
and a line under the method says what the chosen one means.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

from badbatch_gui.core.config import IMAGE_SIZES, METHODS, TRAIN_PRESETS, TrainConfig, train_preset
from badbatch_gui.gui.text import sentences, train_text

PRESET_ORDER = ("quick_check", "standard", "small_gpu", "paper")


class TrainSettingsPanel(QWidget):
    """Preset combo + one plain sentence, and the Advanced fields (method, batch size, epochs, image size,
    curation, seed). Choosing a preset fills the fields; editing a field marks the preset "changed".

    Signals:
        changed(): any setting changed (the memory forecast is then out of date).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainSettings")
        self._loading = False
        self._edited = False
        self.preset = QComboBox(self)
        self.preset.setObjectName("presetCombo")
        for key in PRESET_ORDER:
            self.preset.addItem(self.preset_name(key), key)
        self.preset.setToolTip(self.tr("A ready-made set of training settings. Start with Quick check, then "
                                       "grow to Standard."))
        self.description = QLabel(self)
        self.description.setObjectName("presetDescription")
        self.description.setWordWrap(True)
        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("advancedToggle")
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setToolTip(self.tr("Show or hide the individual training settings."))
        self.advanced = QWidget(self)
        self.advanced.setObjectName("advancedBox")
        form = QFormLayout(self.advanced)
        form.setContentsMargins(12, 0, 0, 0)
        self.method = QComboBox(self.advanced)
        self.method.setObjectName("methodCombo")
        for m in METHODS:
            self.method.addItem(self.method_name(m), m)
            self.method.setItemData(self.method.count() - 1, self.method_tip(m), Qt.ItemDataRole.ToolTipRole)
        self.method.setToolTip(self.tr("How the network learns from your photos without labels: it learns to tell "
                                       "each photo from the others in its batch. The recommended way stays "
                                       "accurate with small batches, so it fits a small graphics card; the other "
                                       "two are the classic ways, for comparison."))
        # the panel's width follows the other fields, not the longest method name (the combo elides it)
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.method.setMinimumContentsLength(10)
        self.method_help = QLabel(self.advanced)
        self.method_help.setObjectName("methodHelp")
        self.method_help.setWordWrap(True)
        self.batch = self._spin("batchSizeSpin", 2, 4096,
                                self.tr("How many photos training looks at together in one step. Larger batches "
                                        "need more memory; with the recommended way of learning 16 to 32 are "
                                        "enough."))
        self.epochs = self._spin("epochsSpin", 1, 10000,
                                 self.tr("How many times training goes through all your photos (technically: "
                                         "epochs). More passes learn more and take longer; the time grows with "
                                         "the number of passes."))
        self.image_size = QComboBox(self.advanced)
        self.image_size.setObjectName("imageSizeCombo")
        for s in IMAGE_SIZES:
            self.image_size.addItem(self.tr("{0} px").format(s), s)
        self.image_size.setToolTip(self.tr("Photos are shrunk to this many pixels per side for training. "
                                           "Larger sees finer detail but is slower."))
        self.curate = QCheckBox(self.tr("Skip unrepresentative batches"), self.advanced)
        self.curate.setObjectName("curateCheck")
        self.curate.setToolTip(self.tr("While training, a batch whose photos look unlike the rest of the folder "
                                       "is drawn again with other random variations, or skipped, instead of "
                                       "trained on."))
        self.seed = self._spin("seedSpin", 0, 2**31 - 1,
                               self.tr("Decides the order of the photos and their random variations (technically: "
                                       "the random seed). The same number with the same photos and settings "
                                       "repeats a run exactly; another number gives a slightly different run."))
        form.addRow(self.tr("How it learns"), self.method)
        form.addRow("", self.method_help)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Training passes"), self.epochs)
        form.addRow(self.tr("Image size"), self.image_size)
        form.addRow(self.curate)  # spans both columns: the panel stays as narrow as before
        form.addRow(self.tr("Shuffle number"), self.seed)
        self.multi_gpu = QCheckBox(self.tr("Use all graphics cards"), self)
        self.multi_gpu.setObjectName("multiGpuCheck")
        self.multi_gpu.setToolTip(self.tr("Train on every graphics card of this computer at once; each batch is "
                                          "split between them."))
        self._n_cuda = 0
        self.multi_gpu.setEnabled(False)
        self.multi_gpu.setVisible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.preset)
        lay.addWidget(self.description)
        lay.addWidget(self.advanced_toggle)
        lay.addWidget(self.advanced)
        lay.addWidget(self.multi_gpu)
        self.advanced_toggle.toggled.connect(self._on_advanced_toggled)
        self.preset.currentIndexChanged.connect(self._on_preset)
        for sig in (self.method.currentIndexChanged, self.batch.valueChanged, self.epochs.valueChanged,
                    self.image_size.currentIndexChanged, self.curate.toggled, self.seed.valueChanged):
            sig.connect(self._on_field)
        self._on_advanced_toggled(False)
        self._on_preset()

    def method_name(self, method: str) -> str:
        """The operator-facing name of a training method (``core.config.METHODS``)."""
        return {"emc2": self.tr("Recommended (small batches)"),
                "simclr": self.tr("Classic (large batches)"),
                "sogclr": self.tr("Classic with averages")}.get(method, method)

    def method_tip(self, method: str) -> str:
        """What a training method means for the operator, with its technical name."""
        return {"emc2": self.tr("Picks, for each photo, the most useful other photos of the batch to compare it "
                                "with, and remembers them between batches, so batches of 16 learn about as well as "
                                "large ones. Fits a small graphics card. Technical name: EMC2 (Yau et al., ICML "
                                "2024)."),
                "simclr": self.tr("Compares each photo with every other photo of its batch; learns well only with "
                                  "large batches (256 or more), which need a large graphics card. Technical name: "
                                  "SimCLR."),
                "sogclr": self.tr("Like the classic way, but keeps a running average per photo so that smaller "
                                  "batches work better. For comparison. Technical name: SogCLR.")}.get(method, "")

    def preset_name(self, key: str) -> str:
        """The operator-facing name of a preset."""
        return {"quick_check": self.tr("Quick check"), "standard": self.tr("Standard"),
                "small_gpu": self.tr("Small GPU"), "paper": self.tr("Paper settings")}.get(key, key)

    def preset_key(self) -> str:
        """The chosen preset's key."""
        return str(self.preset.currentData())

    def set_preset(self, key: str) -> None:
        """Choose a preset by key (fills the fields)."""
        i = self.preset.findData(key)
        if i >= 0:
            self.preset.setCurrentIndex(i)
            self._on_preset()

    def set_values(self, **values: Any) -> None:
        """Set Advanced fields by TrainConfig name (method, batch_size, epochs, image_size, curate, seed)."""
        if "method" in values:
            self.method.setCurrentIndex(max(0, self.method.findData(values["method"])))
        if "batch_size" in values:
            self.batch.setValue(int(values["batch_size"]))
        if "epochs" in values:
            self.epochs.setValue(int(values["epochs"]))
        if "image_size" in values:
            i = self.image_size.findData(int(values["image_size"]))
            if i < 0:
                self.image_size.addItem(self.tr("{0} px").format(values["image_size"]), int(values["image_size"]))
                i = self.image_size.count() - 1
            self.image_size.setCurrentIndex(i)
        if "curate" in values:
            self.curate.setChecked(bool(values["curate"]))
        if "seed" in values:
            self.seed.setValue(int(values["seed"]))

    def config(self, **extra: Any) -> TrainConfig:
        """The validated TrainConfig: the preset, the Advanced fields, then ``extra`` (e.g. exclude).

        Raises:
            ConfigError: a value is out of range (plain message).
        """
        fields = dict(method=self.method.currentData(), batch_size=self.batch.value(), epochs=self.epochs.value(),
                      image_size=int(self.image_size.currentData()), curate=self.curate.isChecked(),
                      seed=self.seed.value())
        preset = TRAIN_PRESETS[self.preset_key()]
        if preset.get("max_images") is not None and preset["max_images"] < fields["batch_size"]:
            fields["max_images"] = fields["batch_size"]
        return train_preset(self.preset_key(), **{**fields, **extra})

    def image_limit(self) -> int | None:
        """The preset's cap on the number of photos (Quick check), or None."""
        limit = TRAIN_PRESETS[self.preset_key()].get("max_images")
        return None if limit is None else max(int(limit), self.batch.value())

    def set_multi_gpu_available(self, n_cuda: int) -> None:
        """Show the "Use all graphics cards" box only when there is more than one (not on Windows: no NCCL)."""
        import sys

        self._n_cuda = int(n_cuda) if sys.platform != "win32" else 0
        self.multi_gpu.setVisible(self._n_cuda > 1)
        self.multi_gpu.setEnabled(self._n_cuda > 1)

    def gpu_processes(self) -> int:
        """Training processes to start: every graphics card when the box is offered and ticked, else 1."""
        return self._n_cuda if self._n_cuda > 1 and self.multi_gpu.isChecked() else 1

    def set_editable(self, editable: bool) -> None:
        """Lock the settings while a run trains."""
        for w in (self.preset, self.method, self.batch, self.epochs, self.image_size, self.curate, self.seed):
            w.setEnabled(editable)
        self.multi_gpu.setEnabled(editable and self._n_cuda > 1)

    def _spin(self, name: str, lo: int, hi: int, tip: str) -> QSpinBox:
        s = QSpinBox(self.advanced)
        s.setObjectName(name)
        s.setRange(lo, hi)
        s.setToolTip(tip)
        s.setKeyboardTracking(False)
        return s

    @Slot(bool)
    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    @Slot()
    def _on_preset(self) -> None:
        key = self.preset_key()
        cfg: TrainConfig = TrainConfig(**TRAIN_PRESETS[key])
        self._loading = True
        try:
            self.set_values(**cfg.to_dict())
        finally:
            self._loading = False
        self._edited = False
        self._describe()
        self.changed.emit()

    @Slot()
    def _on_field(self) -> None:
        if self._loading:
            return
        self._edited = True
        self._describe()
        self.changed.emit()

    def _describe(self) -> None:
        method = str(self.method.currentData())
        self.method_help.setText({"emc2": self.tr("Stays accurate with small batches, so it fits a small graphics "
                                                  "card."),
                                  "simclr": self.tr("For comparison: needs large batches (256 or more) to learn "
                                                    "well."),
                                  "sogclr": self.tr("For comparison: works with smaller batches than the classic "
                                                    "way, less well than the recommended one.")}.get(method, ""))
        text = train_text.preset_sentence(self.preset_key())
        if self._edited:
            text = sentences.join(text, self.tr("(You changed some settings.)"))
        self.description.setText(text)
