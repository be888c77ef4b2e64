"""Frozen run configurations (scan, score, train, export) with plain-language validation and presets."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Self

from badbatch_gui.core.errors import ConfigError

SCORE_MODES = ("views", "original", "reference")
THRESHOLD_POLICIES = ("robust", "percentile", "fixed")
METHODS = ("emc2", "simclr", "sogclr")
BACKBONES = ("resnet18", "resnet50")
AUGMENT_PRESETS = ("gentle", "simclr")
DEFAULT_AUGMENT = "gentle"  # training's and the preview's (chosen by measurement: docs/design/emc2.md §5.4)
STEMS = ("imagenet", "small_pool", "small")
NORMS = ("group", "none", "batch")
IMAGE_SIZES = (32, 64, 96, 128, 224)
# EMC2 variants (core/training/methods/emc2.py, docs/design/emc2.md §5.1): what a chain's out-of-batch state is scored with and
# whether its kept steps count. "paper": re-embedded with the current network, gradient through both sides (the
# paper's intent); "stored": a stored float16 embedding, gradient through the anchor only; "stored_scores": scored
# from the stored embedding, its steps dropped; "official": stale stored scores, steps dropped (the official code).
EMC2_VARIANTS = ("paper", "stored", "stored_scores", "official")
EMC2_LEGACY_VARIANTS = {"stale": "official", "fresh": "stored_scores", "fresh_old": "stored"}  # older names


METHOD_NAMES = {"simclr": "SimCLR", "sogclr": "SogCLR"}
EMC2_VARIANT_NAMES = {
    "paper": "EMC2 (paper)",
    "stored": "EMC2 with stored embeddings",
    "stored_scores": "EMC2 with stored-embedding scores",
    "official": "EMC2 as the official code runs it",
}


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
        raise ConfigError(
            f"Unknown EMC2 variant '{name}'; use one of {', '.join(EMC2_VARIANTS)}.",
            code="config_choice",
            setting="emc2_variant",
            value=str(name)[:40],
            choices=list(EMC2_VARIANTS),
        )
    return variant


SEED_RANGE = (-(2**63), 2**63 - 1)  # what torch.manual_seed accepts
MAX_TEXT = 4096


def _check(cond: bool, message: str, code: str = "config", **values: Any) -> None:
    """Raise ConfigError(``message``, code=``code``, **values) unless ``cond``. Codes: ``config_range`` (setting,
    low, high), ``config_positive`` (setting), ``config_choice`` (setting, value, choices), or a specific one.
    """
    if not cond:
        raise ConfigError(message, code=code, **values)


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


def _typed(name: str, kind: str, value: Any) -> Any:
    """``value`` for a field annotated ``kind`` ("int", "float | None", "tuple[str, ...]"...), converted from JSON
    (lists to tuples, whole floats to int).

    Raises:
        ConfigError: code ``config_bad_type`` when the value has another type, is not finite or is too long.
    """
    options = [k.strip() for k in kind.split("|")]
    if value is None and "None" in options:
        return None
    for option in options:
        if option == "bool" and isinstance(value, bool):
            return value
        if isinstance(value, bool):
            continue
        if option == "int":
            if isinstance(value, float) and math.isfinite(value) and value.is_integer():
                value = int(value)
            if isinstance(value, int):
                return value
        elif option == "float" and isinstance(value, (int, float)):
            try:
                if math.isfinite(float(value)):
                    return float(value)
            except OverflowError:
                pass
        elif option == "str" and isinstance(value, str) and len(value) <= MAX_TEXT:
            return value
        elif (
            option == "tuple[str, ...]"
            and isinstance(value, (list, tuple))
            and all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value)
        ):
            return tuple(value)
        elif (
            option == "dict[str, str]"
            and isinstance(value, dict)
            and all(isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_TEXT for k, v in value.items())
        ):
            return dict(value)
    expected = {
        "int": "a whole number",
        "float": "a finite number",
        "str": "a text",
        "bool": "true or false",
        "tuple[str, ...]": "a list of texts",
        "dict[str, str]": "texts by name",
    }
    words = " or ".join(expected.get(o, o) for o in options if o != "None")
    shown = repr(value) if isinstance(value, (bool, int, float)) else type(value).__name__
    raise ConfigError(
        f"The setting '{name}' must be {words}, not {shown[:40]}.", code="config_bad_type", name=name, expected=words
    )


def _range(value: float, low: float, high: float, setting: str, message: str) -> None:
    _check(low <= value <= high, message, "config_range", setting=setting, low=low, high=high, value=value)


def _choice(value: str, choices: tuple[str, ...], setting: str, message: str) -> None:
    _check(value in choices, message, "config_choice", setting=setting, value=value, choices=list(choices))


def _positive(cond: bool, setting: str, message: str) -> None:
    _check(cond, message, "config_positive", setting=setting)


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
        """Build from a dict (a JSON file, a run record), ignoring unknown keys (older/newer files), mapping renamed
        ones, checking each value's type against the field's and restoring tuples.

        Raises:
            ConfigError: ``data`` is not a dict, a value has the wrong type (code ``config_bad_type``) or is out of
                range.
        """
        if not isinstance(data, dict):
            raise ConfigError("The settings are not a set of named values.", code="config_not_object")
        names = {f.name: f for f in dataclasses.fields(cls)}
        data = dict(data)
        for old, (new, convert) in cls.RENAMED.items():
            if old in data:
                value = data.pop(old)
                data.setdefault(new, convert(value))
        kwargs: dict[str, Any] = {}
        for k, v in data.items():
            if k in names:
                kwargs[k] = _typed(k, str(names[k].type), v)
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
        _range(self.min_side, 1, 4096, "min_side", "The minimum image side must be between 1 and 4096 pixels.")


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
        _range(self.batch_size, 2, 4096, "batch_size", "The batch size must be between 2 and 4096 images.")
        _check(
            self.max_images is None or self.max_images >= self.batch_size,
            "The image limit must be at least one batch.",
            "config_limit_below_batch",
            max_images=self.max_images,
            batch_size=self.batch_size,
        )
        _positive(
            self.reference_trim is None or self.reference_trim > 0,
            "reference_trim",
            "The reference trimming factor must be positive (or unset to use every photo).",
        )
        _choice(
            self.mode, SCORE_MODES, "mode", f"Unknown scoring mode '{self.mode}'; use one of {', '.join(SCORE_MODES)}."
        )
        _choice(
            self.policy,
            THRESHOLD_POLICIES,
            "policy",
            f"Unknown threshold rule '{self.policy}'; use one of {', '.join(THRESHOLD_POLICIES)}.",
        )
        _choice(
            self.backbone,
            BACKBONES,
            "backbone",
            f"Unknown network '{self.backbone}'; use one of {', '.join(BACKBONES)}.",
        )
        _choice(
            self.augment,
            AUGMENT_PRESETS,
            "augment",
            f"Unknown augmentation preset '{self.augment}'; use one of {', '.join(AUGMENT_PRESETS)}.",
        )
        _range(self.image_size, 16, 512, "image_size", "The image size must be between 16 and 512 pixels.")
        _positive(self.k > 0, "k", "The robust threshold factor k must be positive.")
        _check(
            0 < self.percentile < 100,
            "The percentile must be between 0 and 100.",
            "config_range",
            setting="percentile",
            low=0,
            high=100,
            value=self.percentile,
        )
        _check(
            self.policy != "fixed" or self.fixed_threshold is not None,
            "The 'fixed' threshold rule needs a threshold value.",
            "config_fixed_needs_value",
        )
        _check(
            _finite(self.k, self.percentile, self.reference_trim or 0.0, self.fixed_threshold or 0.0),
            "The threshold settings must be finite numbers.",
            code="config_not_finite",
        )
        _range(self.seed, *SEED_RANGE, "seed", "The seed is out of range.")
        _range(self.max_images or 1, 1, 2**31, "max_images", "The image limit is out of range.")


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
    lr: float = 5e-4  # larger rates gave a worse k-NN accuracy (docs/design/emc2.md §5.4)
    weight_decay: float = 0.0  # no decay: 0.05 measured no better than none (docs/design/emc2.md §5.4)
    decay_scope: str = "matrices"  # "matrices": weight decay on conv/linear weights only; "all": every parameter
    warmup_epochs: float = 1.0
    beta: float = 14.28
    burn_in: float = 0.5
    # EMC2_VARIANTS, emc2.EMC2Sampler: "stored", the least biased variant measured, cheaper than "paper"
    # (docs/design/emc2.md §5.1).
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
    # the preset the settings came from ("" when none); one of TRIAL_PRESETS marks a trial run (is_trial)
    preset: str = ""

    @property
    def is_trial(self) -> bool:
        """True for a trial run (Quick check): it proves the chain works, its model is not for use."""
        return is_trial(self.to_dict())

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _choice(
            self.method, METHODS, "method", f"Unknown training method '{self.method}'; use one of {', '.join(METHODS)}."
        )
        _range(self.batch_size, 2, 4096, "batch_size", "The batch size must be between 2 and 4096 images.")
        _range(self.epochs, 1, 10000, "epochs", "The number of epochs must be between 1 and 10000.")
        _range(self.image_size, 16, 512, "image_size", "The image size must be between 16 and 512 pixels.")
        _choice(
            self.backbone,
            BACKBONES,
            "backbone",
            f"Unknown network '{self.backbone}'; use one of {', '.join(BACKBONES)}.",
        )
        _choice(self.norm, NORMS, "norm", f"Unknown normalisation '{self.norm}'; use one of {', '.join(NORMS)}.")
        _choice(self.stem, STEMS, "stem", f"Unknown stem '{self.stem}'; use one of {', '.join(STEMS)}.")
        _choice(
            self.augment,
            AUGMENT_PRESETS,
            "augment",
            f"Unknown augmentation preset '{self.augment}'; use one of {', '.join(AUGMENT_PRESETS)}.",
        )
        _positive(self.lr > 0, "lr", "The learning rate must be positive.")
        _check(
            self.weight_decay >= 0,
            "The weight decay must not be negative.",
            "config_not_negative",
            setting="weight_decay",
        )
        _choice(
            self.decay_scope, ("matrices", "all"), "decay_scope", "The weight-decay scope must be 'matrices' or 'all'."
        )
        _check(
            0 <= self.burn_in < 1,
            "The EMC2 burn-in fraction must be at least 0 and below 1.",
            "config_range",
            setting="burn_in",
            low=0,
            high=1,
            value=self.burn_in,
        )
        _choice(
            self.emc2_variant,
            EMC2_VARIANTS,
            "emc2_variant",
            f"Unknown EMC2 variant '{self.emc2_variant}'; use one of {', '.join(EMC2_VARIANTS)}.",
        )
        _check(
            0 < self.sogclr_gamma <= 1,
            "SogCLR's gamma must be in (0, 1].",
            "config_range",
            setting="sogclr_gamma",
            low=0,
            high=1,
            value=self.sogclr_gamma,
        )
        _positive(self.beta > 0, "beta", "The inverse temperature beta must be positive.")
        _choice(
            self.precision, ("auto", "fp32", "bf16", "fp16"), "precision", "Precision must be auto, fp32, bf16 or fp16."
        )
        _positive(self.checkpoint_minutes > 0, "checkpoint_minutes", "The checkpoint interval must be positive.")
        _positive(
            self.checkpoint_every_steps is None or self.checkpoint_every_steps >= 1,
            "checkpoint_every_steps",
            "The checkpoint step interval must be at least 1 step.",
        )
        _positive(
            self.checkpoint_every_passes >= 1,
            "checkpoint_every_passes",
            "The checkpoint pass interval must be at least 1 pass.",
        )
        _check(
            self.max_images is None or self.max_images >= self.batch_size,
            "The image limit must be at least one batch.",
            "config_limit_below_batch",
            max_images=self.max_images,
            batch_size=self.batch_size,
        )
        _check(
            _finite(
                self.lr,
                self.weight_decay,
                self.warmup_epochs,
                self.beta,
                self.burn_in,
                self.sogclr_gamma,
                self.frd_k,
                self.checkpoint_minutes,
            ),
            "Every numeric setting must be a finite number.",
            code="config_not_finite",
        )
        _range(self.warmup_epochs, 0, 10000, "warmup_epochs", "The warm-up must be between 0 and 10000 epochs.")
        _range(self.proj_dim, 1, 8192, "proj_dim", "The projection size must be between 1 and 8192.")
        _positive(self.frd_k > 0, "frd_k", "The batch-check factor of training must be positive.")
        _range(self.frd_window, 1, 1_000_000, "frd_window", "The batch-check window of training is out of range.")
        _range(
            self.frd_warmup_batches,
            0,
            10_000_000,
            "frd_warmup_batches",
            "The batch-check warm-up of training is out of range.",
        )
        _range(self.frd_redraws, 0, 100, "frd_redraws", "The batch-check redraws of training are out of range.")
        _range(self.seed, *SEED_RANGE, "seed", "The seed is out of range.")
        _range(self.max_images or 1, 1, 2**31, "max_images", "The image limit is out of range.")
        _range(
            self.checkpoint_every_steps or 1,
            1,
            2**31,
            "checkpoint_every_steps",
            "The checkpoint step interval is out of range.",
        )


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
    "paper": dict(method="emc2", batch_size=32, epochs=100, image_size=96, norm="none", lr=1e-4, warmup_epochs=10.0),
}


#: Presets whose runs are trials: the run record, the run list, the export's folder name and model card say so.
TRIAL_PRESETS = ("quick_check",)
TRIAL_NOTE = (
    "Trial run: quick check, not for use. It only shows that the folder, the settings and this computer "
    "work end to end; train with the Standard or Small GPU preset for a model to use."
)


def is_trial(config: Mapping[str, Any]) -> bool:
    """True when a run's settings (a TrainConfig dict, e.g. run.json "config") come from a trial preset."""
    return str(config.get("preset") or "") in TRIAL_PRESETS


def matching_preset(config: Mapping[str, Any]) -> tuple[str, bool]:
    """The preset a run's settings (a TrainConfig dict, e.g. run.json "config") come from, and whether they are
    exactly that preset's: the recorded ``preset`` when the run has one, else the preset differing from them in the
    fewest settings (the first on a tie). Seed, device and the left-out photos are not part of a preset.
    """
    defaults = TrainConfig().to_dict()
    ignored = {"exclude", "seed", "device", "preset"}
    recorded = str(config.get("preset") or "")
    if recorded in TRAIN_PRESETS:
        expected = {**defaults, **TRAIN_PRESETS[recorded]}
        return recorded, all(config.get(k, v) == v for k, v in expected.items() if k not in ignored)
    best, best_diff = next(iter(TRAIN_PRESETS)), None
    for name, values in TRAIN_PRESETS.items():
        expected = {**defaults, **values}
        diff = sum(1 for k, v in expected.items() if k not in ignored and config.get(k, v) != v)
        if best_diff is None or diff < best_diff:
            best, best_diff = name, diff
    return best, best_diff == 0


def train_preset(name: str, **overrides: Any) -> TrainConfig:
    """A validated :class:`TrainConfig` from a preset name plus overrides."""
    if name not in TRAIN_PRESETS:
        raise ConfigError(
            f"Unknown preset '{name}'; use one of {', '.join(TRAIN_PRESETS)}.",
            code="config_choice",
            setting="preset",
            value=name,
            choices=list(TRAIN_PRESETS),
        )
    cfg = TrainConfig(**{**TRAIN_PRESETS[name], "preset": name, **overrides})
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
        _range(
            self.self_test_images, 1, 256, "self_test_images", "The self-test needs between 1 and 256 sample images."
        )


INSPECT_LAYERS = ("layer1", "layer2", "layer3")
#: The shorter side, in pixels, at which the patch check looks at photos unless told (or the encoder's own input size
#: when larger): a 2-3 px scratch on a 320 × 240 photo is still a line at 160 px, at 96 px it is a blur of one pixel.
INSPECT_DEFAULT_SIZE = 160


@dataclass(frozen=True)
class InspectConfig(_ConfigMixin):
    """How the Inspect step checks new photos against the normal ones (``core/inspect``, docs/design/inspect.md).

    ``image_size``: the shorter side, in pixels, at which photos are looked at for local (patch) features; the whole
    frame is kept (no centre crop), so a defect at the edge counts. None: :data:`INSPECT_DEFAULT_SIZE`, or the
    encoder's own input size when that is larger (:meth:`frame_side`).
    ``layers``: the backbone stages whose feature maps make a patch's description (PatchCore uses the middle ones;
    the first is added for fine edges and colours, docs/design/inspect.md §3).
    ``max_patches``: the most patch descriptions the memory of normal patches keeps (it is what bounds its size).
    ``memory_photos``: the most normal photos that feed the memory and the threshold (a random, seeded subset).
    ``false_alarm_rate``: the share of normal photos allowed to be called unusual; sets the threshold.
    """

    image_size: int | None = None
    layers: tuple[str, ...] = ("layer1", "layer2", "layer3")
    max_patches: int = 20_000
    memory_photos: int = 1000
    false_alarm_rate: float = 0.01
    batch_size: int = 32
    seed: int = 0
    device: str = "auto"

    def validate(self) -> None:
        """Raise :class:`ConfigError` with a plain message when a value is out of range."""
        _range(
            self.image_size or 32,
            32,
            1024,
            "inspect_image_size",
            "The inspection image size must be between 32 and 1024 pixels.",
        )
        _check(
            len(self.layers) >= 1
            and all(name in INSPECT_LAYERS for name in self.layers)
            and len(set(self.layers)) == len(self.layers),
            f"The patch layers must be distinct names among {', '.join(INSPECT_LAYERS)}.",
            "config_choice",
            setting="layers",
            value=", ".join(self.layers),
            choices=list(INSPECT_LAYERS),
        )
        _range(
            self.max_patches,
            1_000,
            2_000_000,
            "inspect_max_patches",
            "The patch memory must hold between 1,000 and 2,000,000 patches.",
        )
        _range(
            self.memory_photos,
            10,
            100_000,
            "inspect_memory_photos",
            "Between 10 and 100,000 normal photos can feed the memory.",
        )
        _check(
            0.0 < self.false_alarm_rate < 0.5,
            "The false-alarm rate must be above 0 % and below 50 %.",
            "config_range",
            setting="false_alarm_rate",
            low="0 %",
            high="50 %",
            value=self.false_alarm_rate,
        )
        _range(self.batch_size, 1, 1024, "inspect_batch_size", "The batch size must be between 1 and 1024 images.")

    def frame_side(self, input_size: int) -> int:
        """The shorter side of the inspected frame for an encoder trained at ``input_size`` pixels."""
        return int(self.image_size) if self.image_size else max(INSPECT_DEFAULT_SIZE, int(input_size))
