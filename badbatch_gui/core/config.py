"""Frozen run configurations (scan, score, train, export) with plain-language validation and presets."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Self

from badbatch_gui.core.errors import ConfigError

SCORE_MODES = ("views", "original", "reference")
THRESHOLD_POLICIES = ("robust", "percentile", "fixed")
METHODS = ("emc2", "simclr", "sogclr")
BACKBONES = ("resnet18", "resnet50")
AUGMENT_PRESETS = ("gentle", "simclr")
DEFAULT_AUGMENT = "gentle"  # training's and the preview's (measured: see augment.py)
STEMS = ("imagenet", "small_pool", "small")
NORMS = ("group", "none", "batch")
IMAGE_SIZES = (32, 64, 96, 128, 224)
# EMC2 variants (core/training/emc2.py, docs/design/emc2.md §5.1): what a chain's out-of-batch state is scored with and
# whether its kept steps count. "paper": re-embedded with the current network, gradient through both sides (the
# paper's intent); "stored": a stored float16 embedding, gradient through the anchor only; "stored_scores": scored
# from the stored embedding, its steps dropped; "official": stale stored scores, steps dropped (the official code).
EMC2_VARIANTS = ("paper", "stored", "stored_scores", "official")
EMC2_LEGACY_VARIANTS = {"stale": "official", "fresh": "stored_scores", "fresh_old": "stored"}  # older names


METHOD_NAMES = {"simclr": "SimCLR", "sogclr": "SogCLR"}
EMC2_VARIANT_NAMES = {"paper": "EMC2 (paper)", "stored": "EMC2 with stored embeddings",
                      "stored_scores": "EMC2 with stored-embedding scores",
                      "official": "EMC2 as the official code runs it"}


def method_name(method: str, emc2_variant: str | None = None) -> str:
    """What a run's method is, in words (model card, command line): an EMC2 variant by name, else the method."""
    if method == "emc2":
        try:
            return EMC2_VARIANT_NAMES[canonical_emc2_variant(emc2_variant or "official")]
        except ConfigError:
            return "EMC2"
    return METHOD_NAMES.get(method, method)


def canonical_emc2_variant(name: str) -> str:
    """The current name of an EMC2 variant (an older name such as "fresh_old" maps to its new one).

    Raises:
        ConfigError: the name is unknown.
    """
    variant = EMC2_LEGACY_VARIANTS.get(str(name), str(name))
    if variant not in EMC2_VARIANTS:
        raise ConfigError(f"Unknown EMC2 variant '{name}'; use one of {', '.join(EMC2_VARIANTS)}.",
                          code="unknown_emc2_variant", variant=str(name), choices=list(EMC2_VARIANTS))
    return variant


def _check(cond: bool, message: str) -> None:
    if not cond:
        raise ConfigError(message)


class _ConfigMixin:
    """``to_dict`` / ``from_dict`` / ``replace`` shared by every config."""

    if TYPE_CHECKING:  # what every subclass, a frozen dataclass with a validate method, provides
        __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

        def validate(self) -> None: ...

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict (tuples become lists)."""
        out = dataclasses.asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}

    # Settings renamed since a file was written: old key -> (new key, how an old value maps to a new one).
    RENAMED: ClassVar[dict[str, tuple[str, Any]]] = {}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build from a dict, ignoring unknown keys (older/newer files), mapping renamed ones and restoring tuples."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        data = dict(data)
        for old, (new, convert) in cls.RENAMED.items():
            if old in data:
                value = data.pop(old)
                data.setdefault(new, convert(value))
        kwargs: dict[str, Any] = {}
        for k, v in data.items():
            if k in names:
                kwargs[k] = tuple(v) if isinstance(v, list) else v
        obj = cls(**kwargs)
        obj.validate()
        return obj

    def replace(self, **changes: Any) -> Self:
        """A validated copy with some fields changed."""
        obj = dataclasses.replace(self, **changes)
        obj.validate()
        return obj


@dataclass(frozen=True)
class ScanConfig(_ConfigMixin):
    """How a folder is scanned. ``verify`` fully decodes every file (slower, catches truncation)."""

    verify: bool = False
    min_side: int = 16
    find_duplicates: bool = True

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _check(1 <= self.min_side <= 4096, "The minimum image side must be between 1 and 4096 pixels.")


@dataclass(frozen=True)
class ScoreConfig(_ConfigMixin):
    """How the Batch check preview scores a folder (see docs/design/frd.md).

    ``weights``: None (untrained feature network), a weights file, or a training run folder.
    ``exclude``: relative paths the operator rejected by hand; they are left out of the batch plan.
    ``mode``: "reference" (default: each batch against the folder's typical photos, which is what shows bad
    photos), "views" (the augmentation check training's curation applies) or "original".
    ``auto_batch_size``: the batch size was left to the app, so ``batch_size_rule`` may lower it to give the
    automatic threshold enough batches; False honours ``batch_size`` as it is.
    ``pixel_checks``: measure every photo and name what looks wrong with it (``findings``).
    """

    batch_size: int = 32
    seed: int = 0
    mode: str = "reference"
    image_size: int = 96
    augment: str = DEFAULT_AUGMENT  # the views training will see
    backbone: str = "resnet18"
    weights: str | None = None
    policy: str = "robust"
    k: float = 3.0
    percentile: float = 90.0
    fixed_threshold: float | None = None
    device: str = "auto"
    exclude: tuple[str, ...] = ()
    max_images: int | None = None  # as TrainConfig.max_images, so the preview plans the subset training uses
    # reference mode: folder statistics from the typical photos only (folder-wide oddness <= median + k·1.4826·MAD);
    # None = every photo (docs/design/frd.md §3 as written). See scoring.typical_photos for the measurement behind it.
    reference_trim: float | None = 3.0
    auto_batch_size: bool = True
    pixel_checks: bool = True

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _check(2 <= self.batch_size <= 4096, "The batch size must be between 2 and 4096 images.")
        _check(self.max_images is None or self.max_images >= self.batch_size,
               "The image limit must be at least one batch.")
        _check(self.reference_trim is None or self.reference_trim > 0,
               "The reference trimming factor must be positive (or unset to use every photo).")
        _check(self.mode in SCORE_MODES, f"Unknown scoring mode '{self.mode}'; use one of {', '.join(SCORE_MODES)}.")
        _check(self.policy in THRESHOLD_POLICIES,
               f"Unknown threshold rule '{self.policy}'; use one of {', '.join(THRESHOLD_POLICIES)}.")
        _check(self.backbone in BACKBONES, f"Unknown network '{self.backbone}'; use one of {', '.join(BACKBONES)}.")
        _check(self.augment in AUGMENT_PRESETS,
               f"Unknown augmentation preset '{self.augment}'; use one of {', '.join(AUGMENT_PRESETS)}.")
        _check(16 <= self.image_size <= 512, "The image size must be between 16 and 512 pixels.")
        _check(self.k > 0, "The robust threshold factor k must be positive.")
        _check(0 < self.percentile < 100, "The percentile must be between 0 and 100.")
        _check(self.policy != "fixed" or self.fixed_threshold is not None,
               "The 'fixed' threshold rule needs a threshold value.")


@dataclass(frozen=True)
class TrainConfig(_ConfigMixin):
    """One training run (see docs/design/emc2.md and docs/design/frd.md §7). Values chosen by the presets below."""

    # Settings added later whose default differs from what a run recorded before them had: see from_record.
    LEGACY_DEFAULTS: ClassVar[dict[str, Any]] = {"stem": "imagenet", "decay_scope": "all", "emc2_variant": "official"}
    # "chain_scores" (stale / fresh / fresh_old) became "emc2_variant" (official / stored_scores / stored).
    RENAMED: ClassVar[dict[str, tuple[str, Any]]] = {"chain_scores": ("emc2_variant", canonical_emc2_variant)}

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> TrainConfig:
        """The settings a run recorded (run.json, checkpoint): a key it lacks keeps the meaning it had then."""
        recorded = set(data) | {new for old, (new, _) in cls.RENAMED.items() if old in data}
        return cls.from_dict({**{k: v for k, v in cls.LEGACY_DEFAULTS.items() if k not in recorded}, **data})

    method: str = "emc2"
    batch_size: int = 32
    epochs: int = 20
    image_size: int = 96
    backbone: str = "resnet18"
    norm: str = "group"
    stem: str = "imagenet"  # see models.Backbone: the small-image stems lost at equal CPU time
    augment: str = DEFAULT_AUGMENT
    curate: bool = True
    seed: int = 0
    lr: float = 5e-4  # measured: 1e-3 and 3e-3 gave a worse k-NN accuracy (recipe_search.py)
    # No weight decay by default, by measurement (recipe_search.py, 12 passes, EMC2@16, k-NN / linear probe):
    # 0.05 on conv/linear weights against ~0 gave MNIST +1.2 / -0.5 points, animal-mnist 0.0 / -2.3 points, so no
    # gain; the old 1e-4 shrank weights by ~0.01 % over a run (lr 5e-4), i.e. it was no decay either.
    weight_decay: float = 0.0
    decay_scope: str = "matrices"  # "matrices": weight decay on conv/linear weights only; "all": every parameter
    warmup_epochs: float = 1.0
    beta: float = 14.28
    burn_in: float = 0.5
    # EMC2_VARIANTS, emc2.EMC2Sampler. "stored" by measurement (bench_gradient_error.py, docs/design/emc2.md §5.1): the
    # least biased variant at beta 14.28 (0.25 / 0.18 at B 4 / 16, SimCLR 0.92 / 0.75); "paper" measured no less
    # biased (0.30 / 0.19) and costs 1.35x a step on a CPU.
    emc2_variant: str = "stored"
    sogclr_gamma: float = 0.9
    proj_dim: int = 128
    frd_k: float = 3.0
    frd_window: int = 200
    frd_warmup_batches: int = 200
    frd_redraws: int = 2
    checkpoint_minutes: float = 10.0
    checkpoint_every_steps: int | None = None  # also checkpoint every N batches (tests, short runs)
    checkpoint_every_passes: int = 1  # the checkpoint at the end of every N-th pass (always after the last one)
    device: str = "auto"
    precision: str = "auto"  # "auto" | "fp32" | "bf16" | "fp16"
    max_images: int | None = None
    exclude: tuple[str, ...] = ()

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _check(self.method in METHODS, f"Unknown training method '{self.method}'; use one of {', '.join(METHODS)}.")
        _check(2 <= self.batch_size <= 4096, "The batch size must be between 2 and 4096 images.")
        _check(1 <= self.epochs <= 10000, "The number of epochs must be between 1 and 10000.")
        _check(16 <= self.image_size <= 512, "The image size must be between 16 and 512 pixels.")
        _check(self.backbone in BACKBONES, f"Unknown network '{self.backbone}'; use one of {', '.join(BACKBONES)}.")
        _check(self.norm in NORMS, f"Unknown normalisation '{self.norm}'; use one of {', '.join(NORMS)}.")
        _check(self.stem in STEMS, f"Unknown stem '{self.stem}'; use one of {', '.join(STEMS)}.")
        _check(self.augment in AUGMENT_PRESETS,
               f"Unknown augmentation preset '{self.augment}'; use one of {', '.join(AUGMENT_PRESETS)}.")
        _check(self.lr > 0, "The learning rate must be positive.")
        _check(self.weight_decay >= 0, "The weight decay must not be negative.")
        _check(self.decay_scope in ("matrices", "all"), "The weight-decay scope must be 'matrices' or 'all'.")
        _check(0 <= self.burn_in < 1, "The EMC2 burn-in fraction must be at least 0 and below 1.")
        _check(self.emc2_variant in EMC2_VARIANTS,
               f"Unknown EMC2 variant '{self.emc2_variant}'; use one of {', '.join(EMC2_VARIANTS)}.")
        _check(0 < self.sogclr_gamma <= 1, "SogCLR's gamma must be in (0, 1].")
        _check(self.beta > 0, "The inverse temperature beta must be positive.")
        _check(self.precision in ("auto", "fp32", "bf16", "fp16"), "Precision must be auto, fp32, bf16 or fp16.")
        _check(self.checkpoint_minutes > 0, "The checkpoint interval must be positive.")
        _check(self.checkpoint_every_steps is None or self.checkpoint_every_steps >= 1,
               "The checkpoint step interval must be at least 1 step.")
        _check(self.checkpoint_every_passes >= 1, "The checkpoint pass interval must be at least 1 pass.")
        _check(self.max_images is None or self.max_images >= self.batch_size,
               "The image limit must be at least one batch.")


TRAIN_PRESETS: dict[str, dict[str, Any]] = {
    # A few minutes on a CPU: proves the folder, the settings and the machine work end to end.
    "quick_check": dict(method="emc2", batch_size=16, epochs=2, image_size=64, max_images=256),
    # The everyday choice on a workstation GPU.
    "standard": dict(method="emc2", batch_size=32, epochs=50, image_size=96),
    # EMC2's convergence does not depend on batch size, so a small GPU trains with small batches.
    "small_gpu": dict(method="emc2", batch_size=16, epochs=50, image_size=96, precision="auto"),
    # Part of the EMC2 paper's STL-10 settings (docs/design/emc2.md §6): EMC2, batch 32, 100 epochs, 96 px, no
    # normalisation layers, lr 1e-4 and 10 warm-up epochs. Everything else (augmentation, AdamW, projector, ...)
    # stays at this app's defaults, so it compares settings; it does not reproduce the paper.
    "paper": dict(method="emc2", batch_size=32, epochs=100, image_size=96, norm="none", lr=1e-4,
                  warmup_epochs=10.0),
}


def train_preset(name: str, **overrides: Any) -> TrainConfig:
    """A validated :class:`TrainConfig` from a preset name plus overrides."""
    if name not in TRAIN_PRESETS:
        raise ConfigError(f"Unknown preset '{name}'; use one of {', '.join(TRAIN_PRESETS)}.")
    cfg = TrainConfig(**{**TRAIN_PRESETS[name], **overrides})
    cfg.validate()
    return cfg


@dataclass(frozen=True)
class ExportConfig(_ConfigMixin):
    """Export of a finished run's encoder to ``out_dir`` (a new folder)."""

    onnx: bool = False
    force: bool = False
    include_head: bool = False
    self_test_images: int = 8
    extra: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _check(1 <= self.self_test_images <= 256, "The self-test needs between 1 and 256 sample images.")
