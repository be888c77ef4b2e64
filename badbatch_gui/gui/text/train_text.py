"""Plain, translatable words for training: what each preset is for, a run's state, log lines for passes done,
progress saved, paused, and the sentence on how a finished run's loss compares with its start and the collapse level.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TRAIN_PRESETS, TrainConfig
from badbatch_gui.core.errors import ConfigError
from badbatch_gui.core.events import RunState
from badbatch_gui.core.training.methods.loss_reading import LossOutcome, loss_outcome
from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.plural_text import PluralText
from badbatch_gui.gui.text.units import format_float

translate = QCoreApplication.translate  # lupdate extracts translate("TrainText", "...") calls


def checkpoint_line(saved: ev.CheckpointSaved) -> str:
    """The log line for a saved checkpoint, e.g. "Progress saved (step 40)"."""
    return translate("TrainText", "Progress saved (step {0}).").format(saved.step)


def epoch_line(epoch: ev.EpochEnded) -> str:
    """The line "Pass 2 of 5 done: average loss 3.412." with the loss over all photos, what a collapsed encoder
    (all photos alike) scores, and the batches the in-training check skipped.
    """
    line = translate("TrainText", "Pass {0} of {1} done: average loss {2}.").format(
        epoch.epoch + 1, epoch.epochs, format_float(epoch.mean_loss, 3)
    )
    if epoch.global_loss_on_step_scale is not None:
        line = sentences.join(
            line,
            translate("TrainText", "Over all photos: {0}.").format(format_float(epoch.global_loss_on_step_scale, 3)),
        )
    if epoch.chance_loss is not None:
        line = sentences.join(
            line,
            translate("TrainText", "(An encoder that sees all photos alike scores {0}.)").format(
                format_float(epoch.chance_loss, 2)
            ),
        )
    if epoch.rejected:
        line = sentences.join(line, PluralText().batches_skipped(epoch.rejected))
    return line


def method_text(method: str, variant: str = "") -> str:
    """A training method in plain words with its technical name; EMC2 by its variant ("EMC2 (paper)", "EMC2 with
    stored embeddings", ...: README, model card).
    """
    if method == "emc2":
        return {
            "paper": translate("TrainText", "As in the paper, slower (EMC2, paper)"),
            "stored": translate("TrainText", "Recommended, small batches (EMC2 with stored embeddings)"),
            "stored_scores": translate("TrainText", "EMC2 with stored-embedding scores"),
            "official": translate("TrainText", "EMC2 as the official code runs it"),
        }.get(variant, "EMC2")
    return {
        "simclr": translate("TrainText", "Classic, large batches (SimCLR)"),
        "sogclr": translate("TrainText", "Classic with averages (SogCLR)"),
    }.get(method, method)


def run_method_text(config: dict[str, object]) -> str:
    """:func:`method_text` for a run's recorded settings (older names and older runs read as they trained)."""
    try:
        recorded = TrainConfig.from_record(dict(config))
    except (ConfigError, TypeError, ValueError):
        return str(config.get("method", ""))
    return method_text(recorded.method, recorded.emc2_variant if recorded.method == "emc2" else "")


def paused_line() -> str:
    """The log line when a run has paused."""
    return translate("TrainText", "Paused. Press Resume to continue.")


def state_text(state: RunState, pausing: bool = False, stopping: bool = False) -> str:
    """A few words on what training is doing (the Train page's progress row)."""
    if stopping:
        return translate("TrainText", "Stopping and saving…")
    if pausing:
        return translate("TrainText", "Pausing after this step…")
    return {
        RunState.IDLE: translate("TrainText", "Not training."),
        RunState.PREPARING: translate("TrainText", "Preparing the photos…"),
        RunState.PAUSED: translate("TrainText", "Paused."),
    }.get(state, translate("TrainText", "Training…"))


def preset_name(key: str) -> str:
    """The operator-facing name of a training preset (``core.config.TRAIN_PRESETS``)."""
    return {
        "quick_check": translate("TrainText", "Quick check"),
        "standard": translate("TrainText", "Standard"),
        "small_gpu": translate("TrainText", "Small GPU"),
        "paper": translate("TrainText", "Paper settings"),
    }.get(key, key)


def preset_sentence(key: str) -> str:
    """One plain sentence saying what a training preset (``core.config.TRAIN_PRESETS``) is for."""
    preset = TRAIN_PRESETS.get(key, {})
    return {
        "quick_check": translate(
            "TrainText",
            "A short trial on up to {0} small photos: checks in a few minutes "
            "that everything works before you start a long run. Its network is "
            "a trial, not for use.",
        ).format(preset.get("max_images")),
        "standard": translate(
            "TrainText", "The everyday choice for a workstation graphics card: {0} passes over all photos."
        ).format(preset.get("epochs")),
        "small_gpu": translate(
            "TrainText",
            "Batches of {0} photos, so this fits a small graphics card; the "
            "recommended way of learning is made for small batches.",
        ).format(preset.get("batch_size")),
        "paper": translate(
            "TrainText",
            "The settings of the research paper the recommended way of learning comes "
            "from: slow, for comparing with published results.",
        ),
    }.get(key, "")


def loss_outcome_text(summary: dict[str, object]) -> str:
    """One sentence on how a finished run's loss compares with its start and with the collapse level (empty when the
    run recorded no such figures). ``summary``: run.json's summary (core/training/run_folder/run_recorder.py TrainSummary).
    """

    def num(key: str) -> float | None:
        value = summary.get(key)
        return float(value) if isinstance(value, (int, float)) else None

    outcome: LossOutcome = loss_outcome(num("start_loss"), num("last_pass_loss"), num("collapsed_loss"))
    if outcome.kind == "unknown":
        return ""
    start, final, collapsed = (format_float(v, 2) for v in (outcome.start, outcome.final, outcome.collapsed))
    if outcome.kind == "learned":
        return translate(
            "TrainText",
            "The loss fell from {0} at the start to {1} over the last pass (all photos "
            "alike would score {2}): the encoder learned to tell your photos apart.",
        ).format(start, final, collapsed)
    if outcome.kind == "collapsed":
        return translate(
            "TrainText",
            "The loss went from {0} at the start to {1} over the last pass, the level of "
            "an encoder that sees all photos alike ({2}): it tells your photos apart no "
            "better than chance. Train again with a lower learning rate.",
        ).format(start, final, collapsed)
    return translate(
        "TrainText",
        "The loss went from {0} at the start to {1} over the last pass (all photos alike "
        "would score {2}): it hardly fell, so the encoder learned little. Train for more "
        "passes, or check that your photos differ from one another.",
    ).format(start, final, collapsed)
