"""Plain, translatable words for training: what each preset is for, a run's state, and log lines for passes done,
progress saved, paused."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import TRAIN_PRESETS
from badbatch_gui.core.events import RunState
from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.plural_text import PluralText
from badbatch_gui.gui.text.units import format_float

translate = QCoreApplication.translate  # lupdate extracts translate("TrainText", "...") calls


def checkpoint_line(saved: ev.CheckpointSaved) -> str:
    """"Progress saved (step 40).\""""
    return translate("TrainText", "Progress saved (step {0}).").format(saved.step)


def epoch_line(epoch: ev.EpochEnded) -> str:
    """"Pass 2 of 5 done: average loss 3.412." with what an encoder that learned nothing scores and the batches
    the in-training check skipped."""
    line = translate("TrainText", "Pass {0} of {1} done: average loss {2}.").format(
        epoch.epoch + 1, epoch.epochs, format_float(epoch.mean_loss, 3))
    if epoch.chance_loss is not None:
        line = sentences.join(line, translate("TrainText", "(An encoder that learned nothing scores {0}.)").format(
            format_float(epoch.chance_loss, 2)))
    if epoch.rejected:
        line = sentences.join(line, PluralText().batches_skipped(epoch.rejected))
    return line


def paused_line() -> str:
    """The log line when a run has paused."""
    return translate("TrainText", "Paused. Press Resume to continue.")


def state_text(state: RunState, pausing: bool = False, stopping: bool = False) -> str:
    """A few words on what training is doing (the Train page's progress row)."""
    if stopping:
        return translate("TrainText", "Stopping and saving…")
    if pausing:
        return translate("TrainText", "Pausing after this step…")
    return {RunState.IDLE: translate("TrainText", "Not training."),
            RunState.PREPARING: translate("TrainText", "Preparing the photos…"),
            RunState.PAUSED: translate("TrainText", "Paused.")}.get(state, translate("TrainText", "Training…"))


def preset_name(key: str) -> str:
    """The operator-facing name of a training preset (``core.config.TRAIN_PRESETS``)."""
    return {"quick_check": translate("TrainText", "Quick check"), "standard": translate("TrainText", "Standard"),
            "small_gpu": translate("TrainText", "Small GPU"),
            "paper": translate("TrainText", "Paper settings")}.get(key, key)


def preset_sentence(key: str) -> str:
    """One plain sentence saying what a training preset (``core.config.TRAIN_PRESETS``) is for."""
    preset = TRAIN_PRESETS.get(key, {})
    return {
        "quick_check": translate("TrainText", "A short trial on up to {0} small photos: checks in a few minutes "
                                              "that everything works before you start a long run. Its network is "
                                              "a trial, not for use.").format(
            preset.get("max_images")),
        "standard": translate("TrainText", "The everyday choice for a workstation graphics card: {0} passes over "
                                           "all photos.").format(preset.get("epochs")),
        "small_gpu": translate("TrainText", "Small batches that stay accurate, so this fits a small graphics card: "
                                            "{0} passes over all photos.").format(preset.get("epochs")),
        "paper": translate("TrainText", "The settings of the research paper the recommended way of learning comes "
                                        "from: slow, for comparing with published results."),
    }.get(key, "")
