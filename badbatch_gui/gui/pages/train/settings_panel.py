"""TrainSettingsPanel: the Train page's preset picker with a fold-out Advanced section -> a TrainConfig.

Every choice is named by what it means for the operator ("How it learns", "Training passes", "Shuffle number"); the technical names (EMC2, SimCLR, SogCLR, epochs, seed) appear only in the tooltips that explain them,
and a line under the method says what the chosen one means.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QToolButton, QVBoxLayout, QWidget

from badbatch_gui.core.config import IMAGE_SIZES, TRAIN_PRESETS, TrainConfig, train_preset
from badbatch_gui.gui.text import sentences, train_text

PRESET_ORDER = ("quick_check", "standard", "small_gpu", "paper")
# The method choices as (method, EMC2 variant), named by train_text.method_text for what each is (README, model card).
# The first four are offered; the other EMC2 variants appear only when a run's settings use them (comparisons).
METHOD_CHOICES = (
    ("emc2", "stored"),
    ("emc2", "paper"),
    ("simclr", ""),
    ("sogclr", ""),
    ("emc2", "stored_scores"),
    ("emc2", "official"),
)
OFFERED = 4


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
        self.preset.setToolTip(
            self.tr("A ready-made set of training settings. Start with Quick check, then grow to Standard.")
        )
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
        for choice in METHOD_CHOICES[:OFFERED]:
            self._add_method(*choice)
        self.method.setToolTip(
            self.tr(
                "How the network learns from your photos without labels: it learns to tell "
                "each photo from the others. Point at a choice to see what it does."
            )
        )
        # the panel's width follows the other fields, not the longest method name (the combo elides it)
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.method.setMinimumContentsLength(10)
        self.method_help = QLabel(self.advanced)
        self.method_help.setObjectName("methodHelp")
        self.method_help.setWordWrap(True)
        self.batch = self._spin(
            "batchSizeSpin",
            2,
            4096,
            self.tr(
                "How many photos training looks at together in one step. Larger batches "
                "need more memory; with the recommended way of learning 16 to 32 are "
                "enough."
            ),
        )
        self.epochs = self._spin(
            "epochsSpin",
            1,
            10000,
            self.tr(
                "How many times training goes through all your photos (technically: "
                "epochs). More passes learn more and take longer; the time grows with "
                "the number of passes."
            ),
        )
        self.image_size = QComboBox(self.advanced)
        self.image_size.setObjectName("imageSizeCombo")
        for s in IMAGE_SIZES:
            self.image_size.addItem(self.tr("{0} px").format(s), s)
        self.image_size.setToolTip(
            self.tr(
                "Photos are shrunk to this many pixels per side for training. Larger sees finer detail but is slower."
            )
        )
        self.curate = QCheckBox(self.tr("Skip unrepresentative batches"), self.advanced)
        self.curate.setObjectName("curateCheck")
        self.curate.setToolTip(
            self.tr(
                "While training, a batch whose photos look unlike the rest of the folder "
                "is drawn again with other random variations, or skipped, instead of "
                "trained on."
            )
        )
        self.seed = self._spin(
            "seedSpin",
            0,
            2**31 - 1,
            self.tr(
                "Decides the order of the photos and their random variations (technically: "
                "the random seed). The same number with the same photos and settings "
                "repeats a run exactly; another number gives a slightly different run."
            ),
        )
        form.addRow(self.tr("How it learns"), self.method)
        form.addRow("", self.method_help)
        form.addRow(self.tr("Batch size"), self.batch)
        form.addRow(self.tr("Training passes"), self.epochs)
        form.addRow(self.tr("Image size"), self.image_size)
        form.addRow(self.curate)  # spans both columns: the panel stays as narrow as before
        form.addRow(self.tr("Shuffle number"), self.seed)
        self.multi_gpu = QCheckBox(self.tr("Use all graphics cards"), self)
        self.multi_gpu.setObjectName("multiGpuCheck")
        self.multi_gpu.setToolTip(
            self.tr("Train on every graphics card of this computer at once; each batch is split between them.")
        )
        self._n_cuda = 0
        self._editable = True
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
        for sig in (
            self.method.currentIndexChanged,
            self.batch.valueChanged,
            self.epochs.valueChanged,
            self.image_size.currentIndexChanged,
            self.curate.toggled,
            self.seed.valueChanged,
        ):
            sig.connect(self._on_field)
        self._on_advanced_toggled(False)
        self._on_preset()

    def method_name(self, method: str, variant: str = "") -> str:
        """The operator-facing name of a method choice (an EMC2 variant for "emc2"), from ``train_text``."""
        return train_text.method_text(method, variant)

    def method_tip(self, method: str, variant: str = "") -> str:
        """What a method choice means for the operator, with its technical name and where it departs from its
        paper.
        """
        if method == "emc2" and variant == "paper":
            return self.tr(
                "Works as the EMC2 paper intends: at every step it looks again at the photos each photo's "
                "chain has picked from earlier batches. About a third more work per step and one "
                "graphics card; in our measurements no more accurate than the recommended way. "
                "Technical name: EMC2 (Yau et al., ICML 2024)."
            )
        if method == "emc2" and variant in ("stored_scores", "official"):
            return self.tr("A variant of EMC2 kept for comparisons (README, “Design choices”).")
        return {
            "emc2": self.tr(
                "Compares each photo with the other photos of its batch and with stored copies of "
                "photos from earlier batches that it picked, so a small batch sees more than itself. "
                "Fits a small graphics card. Technical name: EMC2 with stored embeddings, a variant "
                "of EMC2 (Yau et al., ICML 2024) that uses stored copies where the paper looks at "
                "the photos again."
            ),
            "simclr": self.tr(
                "Compares each photo with every other photo of its batch; learns well only with "
                "large batches (256 or more), which need a large graphics card. Technical name: "
                "SimCLR."
            ),
            "sogclr": self.tr(
                "Like the classic way, but keeps a running average per photo so that smaller "
                "batches work better. For comparison. Technical name: SogCLR."
            ),
        }.get(method, "")

    def method_choice(self) -> tuple[str, str]:
        """(method, EMC2 variant or "") chosen."""
        method, _, variant = str(self.method.currentData()).partition(":")
        return method, variant

    def _add_method(self, method: str, variant: str) -> int:
        """Offer a method choice (name, data "method:variant", and its tooltip); returns its row."""
        self.method.addItem(self.method_name(method, variant), f"{method}:{variant}")
        row = self.method.count() - 1
        self.method.setItemData(row, self.method_tip(method, variant), Qt.ItemDataRole.ToolTipRole)
        return row

    def preset_name(self, key: str) -> str:
        """The operator-facing name of a preset."""
        return {
            "quick_check": self.tr("Quick check"),
            "standard": self.tr("Standard"),
            "small_gpu": self.tr("Small GPU"),
            "paper": self.tr("Paper settings"),
        }.get(key, key)

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
        """Set Advanced fields by TrainConfig name (method, emc2_variant, batch_size, epochs, image_size, curate,
        seed).
        """
        if "method" in values or "emc2_variant" in values:
            method = str(values.get("method", self.method_choice()[0]))
            variant = str(values.get("emc2_variant", TrainConfig().emc2_variant)) if method == "emc2" else ""
            i = self.method.findData(f"{method}:{variant}")
            if i < 0 and (method, variant) in METHOD_CHOICES:
                i = self._add_method(method, variant)
            self.method.setCurrentIndex(max(0, i))
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
        method, variant = self.method_choice()
        fields = dict(
            method=method,
            batch_size=self.batch.value(),
            epochs=self.epochs.value(),
            image_size=int(self.image_size.currentData()),
            curate=self.curate.isChecked(),
            seed=self.seed.value(),
        )
        if variant:
            fields["emc2_variant"] = variant
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
        self._update_multi_gpu()

    def gpu_processes(self) -> int:
        """Training processes to start: every graphics card when the box is offered, usable and ticked, else 1."""
        return self._n_cuda if self._multi_gpu_usable() and self.multi_gpu.isChecked() else 1

    def set_editable(self, editable: bool) -> None:
        """Lock the settings while a run trains."""
        self._editable = editable
        for w in (self.preset, self.method, self.batch, self.epochs, self.image_size, self.curate, self.seed):
            w.setEnabled(editable)
        self._update_multi_gpu()

    def _multi_gpu_usable(self) -> bool:
        """Several cards are there and the method can use them (EMC2 (paper) trains on one: its extra pass over the
        chains' photos is not split between cards, core/training/distributed.py).
        """
        return self._n_cuda > 1 and self.method_choice() != ("emc2", "paper")

    def _update_multi_gpu(self) -> None:
        usable = self._multi_gpu_usable()
        self.multi_gpu.setEnabled(self._editable and usable)
        if self._n_cuda > 1 and not usable:
            self.multi_gpu.setToolTip(
                self.tr(
                    "EMC2 (paper) trains on one graphics card. Choose another method in "
                    "the Advanced settings to use all of them."
                )
            )
        else:
            self.multi_gpu.setToolTip(
                self.tr("Train on every graphics card of this computer at once; each batch is split between them.")
            )

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
        self._update_multi_gpu()
        self._describe()
        self.changed.emit()

    @Slot()
    def _on_field(self) -> None:
        self._update_multi_gpu()
        if self._loading:
            return
        self._edited = True
        self._describe()
        self.changed.emit()

    def _describe(self) -> None:
        method, variant = self.method_choice()
        if method == "emc2" and variant == "paper":
            method = "emc2_paper"
        self.method_help.setText(
            {
                "emc2": self.tr("Works with small batches, so it fits a small graphics card."),
                "emc2_paper": self.tr("As the EMC2 paper intends; about a third slower, one graphics card."),
                "simclr": self.tr("For comparison: needs large batches (256 or more) to learn well."),
                "sogclr": self.tr("For comparison: meant for smaller batches than the classic way."),
            }.get(method, "")
        )
        text = train_text.preset_sentence(self.preset_key())
        if self._edited:
            text = sentences.join(text, self.tr("(You changed some settings.)"))
        self.description.setText(text)
