"""The operator's sentence for an error, in their language: what happened and what to do next.

The core raises :class:`~badbatch_gui.core.errors.BadBatchError` with a stable ``code`` and the ``values`` its English
sentence was built from (core/errors.py). Here each code becomes a translated sentence built from the same values;
a code this table does not know (a newer core, a rare path) keeps the core's English sentence and gets a translated
"what to do" line, so the operator is never left with nothing to do. Used by the error dialog's callers and the task
runner (:func:`error_text` is safe in a worker thread: ``QCoreApplication.translate`` is thread-safe).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.gui.text import plain_messages as pm
from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.problem_text import problem_text

translate = QCoreApplication.translate  # lupdate extracts translate("ErrorText", "...") calls
log = logging.getLogger(__name__)

_SPACE_AFTER_JA = re.compile("(?<=[。、！？）」]) +")
# A sentence already in the operator's language (a GUI-side re-wording): shown as it is.
SAID = "plain_sentence"

Values = Mapping[str, Any]


def what_to_do() -> str:
    """The line added under a sentence the app cannot translate."""
    return translate(
        "ErrorText",
        "What to do: read the message above and try again. If it happens again, press "
        "“Copy details” and send the text to whoever looks after this computer.",
    )


def fallback(message: str) -> str:
    """The core's English ``message`` with the translated "what to do" line (for codes without a sentence)."""
    message = message.strip() or translate("ErrorText", "Something went wrong.")
    return f"{message}\n\n{what_to_do()}"  # a paragraph break: no joining question


def error_text(exc: BaseException) -> str:
    """The operator's sentence for any exception a task or the window met."""
    if isinstance(exc, BadBatchError):
        return coded_text(exc.code, exc.values, str(exc))
    if pm.is_disk_full(exc):
        return pm.disk_full_text()
    if isinstance(exc, MemoryError) or pm.is_out_of_memory(exc):
        return translate(
            "ErrorText",
            "The computer ran out of memory. Close other programs or choose smaller "
            "settings (batch size, image size), then try again.",
        )
    if isinstance(exc, PermissionError):
        return translate(
            "ErrorText",
            "The app was not allowed to open or write {0}. Choose a folder you may write to, or ask for access.",
        ).format(exc.filename or "—")
    if isinstance(exc, OSError) and exc.strerror:
        return translate(
            "ErrorText",
            "A file could not be read or written ({0}: {1}). Check that the disk or "
            "network folder is still connected, then try again.",
        ).format(exc.filename or "—", exc.strerror)
    return translate(
        "ErrorText",
        "Something went wrong inside the app ({0}). Nothing you saved was lost. Try "
        "again; if it happens again, press “Copy details” and send the text to whoever "
        "looks after this computer.",
    ).format(type(exc).__name__)


def coded_text(code: str, values: Values | None, message: str = "") -> str:
    """The sentence for ``code`` built from ``values``; the English ``message`` with a "what to do" line for a code
    without a sentence (or values that do not fit it).
    """
    values = dict(values or {})
    if code == SAID:
        return message
    if code.startswith("image_"):
        return problem_text(code[len("image_") :], message)
    build = _SENTENCES.get(code)
    if build is None:
        log.info("no translated sentence for error code %r", code)
        return fallback(message)
    try:
        return tidy(build(values))
    except (KeyError, IndexError, TypeError, ValueError):
        log.warning("error code %r: values %r do not fit its sentence", code, values)
        return fallback(message)


def tidy(text: str) -> str:
    """Sentences joined with " " (written for English) without the space after Japanese punctuation."""
    return _SPACE_AFTER_JA.sub("", text)


def has_sentence(code: str) -> bool:
    """True when ``code`` is turned into a translated sentence (tests check the core's codes against this)."""
    return code in _SENTENCES or code.startswith("image_") or code == SAID


def setting_name(setting: str) -> str:
    """The name the window gives a setting (``core.config`` field names)."""
    return {
        "batch_size": translate("ErrorText", "Batch size"),
        "epochs": translate("ErrorText", "Passes over the photos"),
        "image_size": translate("ErrorText", "Image size"),
        "min_side": translate("ErrorText", "Smallest usable photo side"),
        "method": translate("ErrorText", "Training method"),
        "lr": translate("ErrorText", "Learning rate"),
        "preset": translate("ErrorText", "Preset"),
        "mode": translate("ErrorText", "Check mode"),
        "percentile": translate("ErrorText", "Percentile"),
        "self_test_images": translate("ErrorText", "Self-test photos"),
        "seed": translate("ErrorText", "Shuffle number"),
        "emc2_variant": translate("ErrorText", "How it learns"),
        "inspect_image_size": translate("ErrorText", "Inspection image size"),
        "inspect_max_patches": translate("ErrorText", "Patches kept in memory"),
        "inspect_memory_photos": translate("ErrorText", "Normal photos used"),
        "false_alarm_rate": translate("ErrorText", "False-alarm rate"),
        "inspect_batch_size": translate("ErrorText", "Batch size"),
        "max_images": translate("ErrorText", "Most photos to use"),
        "warmup_epochs": translate("ErrorText", "Warm-up passes"),
        "checkpoint_every_steps": translate("ErrorText", "Save progress every … steps"),
    }.get(setting, setting)


def _folder(v: Values) -> str:
    return str(v.get("folder", "—"))


def _weights_hint() -> str:
    return translate("ErrorText", "Choose a training run or an export made by this app, or use no trained network.")


def _why(v: Values) -> str:
    """Why a place could not be written, in the operator's words (``core.write_errors`` kind), else the reason."""
    kind = v.get("kind")
    return pm.write_reason_text(str(kind)) if kind and kind != "other" else str(v.get("reason") or "—")


def _new_run() -> str:
    return translate("ErrorText", "Start a new run instead (Start training).")


def _sentences() -> dict[str, Callable[[Values], str]]:
    return {
        # ---------------------------------------------------------------- the photo folder
        "folder_no_images": lambda v: translate(
            "ErrorText",
            "The folder {0} holds no photos the app can use: it has no "
            "JPEG, PNG, BMP, TIFF or WebP files (sub-folders are searched "
            "too). Choose another folder.",
        ).format(_folder(v)),
        "folder_all_unusable": lambda v: translate(
            "ErrorText",
            "None of the {1} picture files in {0} can be used; the "
            "Problems tab of the Images step says why for each file. "
            "Choose another folder, or replace the damaged files and "
            "scan again.",
        ).format(_folder(v), v["count"]),
        "folder_unreadable": lambda v: translate(
            "ErrorText",
            "The folder {0} cannot be opened ({1}). Check that it is "
            "still connected and that you may read it, then choose it "
            "again.",
        ).format(_folder(v), v.get("reason", "—")),
        "folder_not_found": lambda v: translate(
            "ErrorText",
            "The folder {0} cannot be found. It may have been moved, "
            "renamed or disconnected (USB drive, network share). "
            "Reconnect it, or choose another folder.",
        ).format(_folder(v)),
        "folder_is_a_file": lambda v: translate(
            "ErrorText", "{0} is a file, not a folder. Choose the folder that holds your photos."
        ).format(_folder(v)),
        "folder_no_permission": lambda v: translate(
            "ErrorText",
            "You are not allowed to open the folder {0}. Ask for access, or copy the photos to a folder you can open.",
        ).format(_folder(v)),
        "images_unreadable_in_a_row": lambda v: translate(
            "ErrorText",
            "{0} photos in a row could not be read, so the app "
            "stopped. The folder may have been moved or its disk "
            "disconnected: check it, then scan it again on the "
            "Images step.",
        ).format(v["count"]),
        "all_photos_left_out": lambda v: translate(
            "ErrorText",
            "Every usable photo of this folder is left out, so nothing "
            "is left to check or train on. Keep some photos on the Batch "
            "check step.",
        ),
        "findings_not_saved": lambda v: translate(
            "ErrorText",
            "The Batch check results could not be saved to {0} "
            "({1}). They apply until you close the app; make that folder "
            "writable, then run the Batch check again.",
        ).format(v["file"], v["reason"]),
        "fewer_photos_than_batch": lambda v: translate(
            "ErrorText",
            "Only {0} photos can be used, fewer than one batch of "
            "{1}. Choose a batch size of at most {2}, or add photos "
            "to the folder.",
        ).format(v["count"], v["batch_size"], v["largest"]),
        "processes_read_other_images": lambda v: translate(
            "ErrorText",
            "The training processes read different photos. "
            "The photo folder must be the same, at the same "
            "path, on every computer.",
        ),
        # ---------------------------------------------------------------- training and its saved progress
        "run_inside_folder": lambda v: translate(
            "ErrorText",
            "The run folder is inside your photo folder, and the app "
            "never writes into your photo folder. Choose a run folder "
            "somewhere else.",
        ),
        "run_already_training": lambda v: translate(
            "ErrorText",
            "This run is already training in another window or program. Wait for it to finish, or stop it there first.",
        ),
        "resume_no_checkpoint": lambda v: (
            translate("ErrorText", "This run has no saved progress to continue from.") + " " + _new_run()
        ),
        "checkpoint_other_version": lambda v: (
            translate("ErrorText", "This run was saved by another version of the app and cannot be continued.")
            + " "
            + _new_run()
        ),
        "resume_folder_changed": lambda v: (
            translate(
                "ErrorText",
                "The photos in the folder changed since this run was "
                "saved (files were added, removed or renamed), so it "
                "cannot continue exactly.",
            )
            + " "
            + _new_run()
        ),
        "resume_images_unreadable": lambda v: (
            translate("ErrorText", "Some photos of this run can no longer be read, so it cannot continue exactly.")
            + " "
            + _new_run()
        ),
        "resume_state_incomplete": lambda v: (
            translate("ErrorText", "The saved progress of this run is incomplete, so it cannot continue.")
            + " "
            + _new_run()
        ),
        "checkpoint_not_plain_data": lambda v: translate(
            "ErrorText",
            "The progress could not be saved safely (it held "
            "something other than plain training data). Press "
            "“Copy details” and send the text to support.",
        ),
        "checkpoint_damaged": lambda v: (
            translate("ErrorText", "The saved progress ({0}) is damaged.").format(v.get("file", "—")) + " " + _new_run()
        ),
        "checkpoint_unusable": lambda v: (
            translate("ErrorText", "The saved progress {0} is damaged and no earlier saved point is available.").format(
                v.get("path", "—")
            )
            + " "
            + _new_run()
        ),
        "checkpoint_missing": lambda v: (
            translate("ErrorText", "The saved progress {0} cannot be found.").format(v.get("path", "—"))
            + " "
            + _new_run()
        ),
        "checkpoint_unsafe": lambda v: translate(
            "ErrorText",
            "The file {0} contains program code instead of plain training "
            "data, so it was not loaded. Only use files this app wrote.",
        ).format(v.get("file", "—")),
        "non_finite_loss": lambda v: pm.nan_text(v.get("batch"), v.get("paths")),
        "oom_smallest_batch": lambda v: pm.oom_final_text(),
        "oom_several_gpus": lambda v: translate(
            "ErrorText",
            "A graphics card ran out of memory at batch size {0}. "
            "Training stopped and the last saved point is kept. Start a "
            "new run with a smaller batch size or image size.",
        ).format(v["batch_size"]),
        "oom_trial_batch": lambda v: translate(
            "ErrorText", "Even one trial batch did not fit in memory. Choose a smaller batch size or image size."
        ),
        "gpu_per_process_missing": lambda v: translate(
            "ErrorText",
            "Training process {0} has no graphics card of its own: "
            "this computer has {1}. Use at most {1} graphics cards.",
        ).format(v["process"], v["count"]),
        "batch_not_divisible": lambda v: translate(
            "ErrorText",
            "A batch of {0} photos cannot be shared evenly by {1} "
            "graphics cards. Choose a batch size that is a multiple of "
            "{1}.",
        ).format(v["batch_size"], v["processes"]),
        "process_failed": lambda v: translate(
            "ErrorText",
            "Training on several graphics cards failed in its first process ({0}). The log folder has the details.",
        ).format(v["kind"]),
        # ---------------------------------------------------------------- places the app writes (issue 18)
        "checkpoint_disk_full": lambda v: pm.disk_full_text(v.get("folder"), bool(v.get("previous_kept", True))),
        "checkpoint_not_written": lambda v: sentences.join(
            translate("ErrorText", "Progress could not be saved to {0} ({1}).").format(_folder(v), _why(v)),
            translate("ErrorText", "The previous saved point is kept.")
            if v.get("previous_kept", True)
            else translate("ErrorText", "No progress had been saved yet."),
            translate("ErrorText", "Make the folder writable (or free some space), then press Resume."),
        ),
        "run_dir_unwritable": lambda v: translate(
            "ErrorText",
            "The run folder {0} cannot be written ({1}). Choose a folder you can write to, or free some space.",
        ).format(v.get("run_dir", "—"), _why(v)),
        "run_exists": lambda v: translate(
            "ErrorText",
            "{0} already holds a training run, so it was not changed. Continue that run, or choose another folder.",
        ).format(v.get("run_dir", "—")),
        "run_dir_not_a_folder": lambda v: translate(
            "ErrorText", "{0} is a file, not a run folder. Choose a folder."
        ).format(v.get("run_dir", "—")),
        "run_dir_not_a_run": lambda v: translate(
            "ErrorText", "{0} holds no training run to continue. Choose a run from the run list."
        ).format(v.get("run_dir", "—")),
        "run_live": lambda v: translate(
            "ErrorText", "The run in {0} is training right now in another window or program, so it was not changed."
        ).format(v.get("run_dir", "—")),
        "run_set_aside_failed": lambda v: translate(
            "ErrorText",
            "The earlier run in {0} could not be moved aside ({1}), so nothing was changed. Choose another run folder.",
        ).format(v.get("run_dir", "—"), _why(v)),
        "export_disk_full": lambda v: pm.export_disk_full_text(v.get("target")),
        "export_destination_unwritable": lambda v: translate(
            "ErrorText",
            "The export cannot be written in {0} ({1}). Choose a folder you can write to that has free space.",
        ).format(_folder(v), _why(v)),
        "report_unwritable": lambda v: translate(
            "ErrorText",
            "The report cannot be saved as {0} ({1}). Choose a folder you can write to that has free space.",
        ).format(v.get("path", "—"), _why(v)),
        "report_not_a_run": lambda v: translate(
            "ErrorText", "{0} is not a training run folder, so it has no report. Choose a run in the list of runs."
        ).format(v.get("run_dir", "—")),
        "export_failed": lambda v: translate(
            "ErrorText",
            "The export to {0} failed unexpectedly; nothing was left "
            "behind. The details are in the log (Help → Open log "
            "folder).",
        ).format(v.get("target", "—")),
        "export_folder_has_other_files": lambda v: translate(
            "ErrorText",
            "{0} also holds files that an export does "
            "not write ({1}), so it was not replaced. "
            "Move them elsewhere, or choose another "
            "folder.",
        ).format(v.get("target", "—"), ", ".join(map(str, list(v.get("files") or [])[:5]))),
        "paper_variant_single_process": lambda v: translate(
            "ErrorText",
            "The way of learning as the EMC2 paper intends "
            "trains on one graphics card only. Train on "
            "one card, or choose the recommended way to "
            "use several.",
        ),
        # ---------------------------------------------------------------- the Inspect step (issue 21)
        "inspect_model_missing": lambda v: translate(
            "ErrorText", "The network {0} no longer exists. Choose another run or export."
        ).format(v.get("path", "")),
        "inspect_model_not_a_model": lambda v: translate(
            "ErrorText",
            "{0} is neither a training run nor an exported network. Choose the folder that holds encoder.safetensors.",
        ).format(v.get("path", "")),
        "inspect_model_no_input_size": lambda v: translate(
            "ErrorText", "{0} does not say which image size the network expects, so it cannot be used here."
        ).format(v.get("path", "")),
        "inspect_nothing_to_index": lambda v: translate(
            "ErrorText", "No photo of {0} is left to index: every photo is left out or missing."
        ).format(v.get("folder", "")),
        "inspect_nothing_readable": lambda v: translate("ErrorText", "None of the photos of {0} could be read.").format(
            v.get("folder", "")
        ),
        "inspect_nothing_to_check": lambda v: translate(
            "ErrorText", "The folder {0} holds no photo that can be checked."
        ).format(v.get("folder", "")),
        "inspect_too_few_normal": lambda v: translate(
            "ErrorText",
            "Only {0} usable normal photos: at least {1} are "
            "needed to learn what normal parts look like. "
            "Index a folder with more photos of good "
            "parts.",
        ).format(v.get("count", 0), v.get("minimum", 10)),
        "inspect_index_other_model": lambda v: translate(
            "ErrorText", "The index belongs to another network. Build the index again."
        ),
        "inspect_normal_other_model": lambda v: translate(
            "ErrorText", "The index belongs to another network. Build the index again."
        ),
        "inspect_k": lambda v: translate("ErrorText", "Ask for at least one similar photo."),
        "checkpoint_without_model": lambda v: translate(
            "ErrorText", "The run's saved progress holds no trained network, so it cannot be used. Choose another run."
        ),
        # ---------------------------------------------------------------- damaged files the app reads
        "bad_value": lambda v: translate(
            "ErrorText", "{0} is damaged: the value of “{1}” is not {2}. The app did not use it."
        ).format(v.get("source", "—"), v.get("key", "—"), v.get("expected", "—")),
        "json_unreadable": lambda v: translate(
            "ErrorText", "{0} is damaged and cannot be read. The app did not use it."
        ).format(v.get("source", "—")),
        "json_too_deep": lambda v: translate(
            "ErrorText",
            "{0} is damaged (its values are nested far deeper than the app ever writes). The app did not use it.",
        ).format(v.get("source", "—")),
        "json_too_large": lambda v: translate(
            "ErrorText", "{0} is far larger than the app ever writes there, so it was not read."
        ).format(v.get("source", "—")),
        "json_not_object": lambda v: translate(
            "ErrorText", "{0} is damaged: it does not hold the settings the app wrote. The app uses its defaults."
        ).format(v.get("source", "—")),
        "cache_index_damaged": lambda v: translate(
            "ErrorText",
            "Part of the app's photo cache is damaged; the photos it held are read again. Nothing of yours was lost.",
        ),
        "checkpoint_mismatch": lambda v: (
            translate(
                "ErrorText",
                "The saved progress does not fit this run's network or settings, so it cannot be continued.",
            )
            + " "
            + _new_run()
        ),
        "resume_paths_differ": lambda v: (
            translate(
                "ErrorText",
                "The run's list of photos names files that are no longer "
                "among the folder's usable photos, so it cannot be "
                "continued.",
            )
            + " "
            + _new_run()
        ),
        "export_not_a_run": lambda v: translate(
            "ErrorText", "{0} is not a training run folder (its record is missing or damaged). Choose a finished run."
        ).format(v.get("run_dir", "—")),
        # ---------------------------------------------------------------- settings
        "config_bad_type": lambda v: translate(
            "ErrorText", "The setting “{0}” has a value of the wrong kind (it must be {1})."
        ).format(setting_name(v.get("name", "—")), v.get("expected", "—")),
        "config_not_finite": lambda v: translate(
            "ErrorText",
            "Every number in the settings must be an ordinary number (not infinite). Check the settings and try again.",
        ),
        "config_not_object": lambda v: translate(
            "ErrorText",
            "The saved settings are damaged (they are not a list of named values). Choose the settings again.",
        ),
        "config_range": lambda v: translate("ErrorText", "“{0}” must be between {1} and {2}.").format(
            setting_name(v["setting"]), v["low"], v["high"]
        ),
        "config_choice": lambda v: translate("ErrorText", "“{0}” cannot be “{1}”; choose one of: {2}.").format(
            setting_name(v["setting"]), v["value"], ", ".join(map(str, v["choices"]))
        ),
        "config_positive": lambda v: translate("ErrorText", "“{0}” must be greater than zero.").format(
            setting_name(v["setting"])
        ),
        "config_not_negative": lambda v: translate("ErrorText", "“{0}” must not be negative.").format(
            setting_name(v["setting"])
        ),
        "config_limit_below_batch": lambda v: translate(
            "ErrorText",
            "The preset uses at most {0} photos, fewer than one "
            "batch of {1}. Choose a smaller batch size or another "
            "preset.",
        ).format(v["max_images"], v["batch_size"]),
        "config_fixed_needs_value": lambda v: translate(
            "ErrorText", "A fixed threshold needs a value. Type one, or go back to the automatic threshold."
        ),
        # ---------------------------------------------------------------- export
        "export_no_weights": lambda v: translate(
            "ErrorText",
            "This run's saved progress holds no trained network, so there is nothing to export. Export another run.",
        ),
        "export_self_test_failed": lambda v: translate(
            "ErrorText",
            "The export failed its self-check: the saved copy does "
            "not give the same answers as the trained network "
            "(difference {0}, allowed {1}). Nothing was written. "
            "Export again; if it fails again, press “Copy details” "
            "and send the text to support.",
        ).format(_number(v["difference"]), _number(v["tolerance"])),
        "onnx_self_test_failed": lambda v: translate(
            "ErrorText",
            "The ONNX file does not give the same answers as the "
            "trained network (difference {0}, allowed {1}). Nothing "
            "was written. Export without ONNX, or export again.",
        ).format(_number(v["difference"]), _number(v["tolerance"])),
        "export_write_failed": lambda v: translate(
            "ErrorText",
            "The export could not be written ({0}); nothing was left "
            "behind. Check that the destination can be written and "
            "has free space, then export again.",
        ).format(_why(v)),
        "export_move_failed": lambda v: translate(
            "ErrorText",
            "The export could not be put in place at {0} ({1}). Close any "
            "program that uses that folder, then export again.",
        ).format(v.get("target", "—"), _why(v)),
        "export_overlaps": lambda v: translate(
            "ErrorText",
            "The export folder {0} is inside, or contains, {1}. Choose a "
            "destination outside the run and photo folders.",
        ).format(v["target"], v["folder"]),
        "export_not_a_folder": lambda v: translate(
            "ErrorText", "{0} already exists and is not a folder. Choose another name."
        ).format(v["target"]),
        "export_exists": lambda v: translate(
            "ErrorText", "The folder {0} already exists. Choose another name or destination."
        ).format(v["target"]),
        "export_exists_not_export": lambda v: translate(
            "ErrorText", "{0} already exists and holds other files, so it will not be replaced. Choose another folder."
        ).format(v["target"]),
        "export_name_empty": lambda v: translate("ErrorText", "The export needs a folder name. Type one."),
        "export_name_reserved": lambda v: translate(
            "ErrorText", "“{0}” cannot be used as a folder name on Windows. Use a name such as “{1}”."
        ).format(v["name"], v["suggestion"]),
        "export_name_too_long": lambda v: translate(
            "ErrorText", "The folder name is longer than {0} characters. Use a shorter name such as “{1}”."
        ).format(v["max_length"], v["suggestion"]),
        "export_name_characters": lambda v: translate(
            "ErrorText",
            "The folder name “{0}” has characters that file names "
            'cannot hold (such as < > : " / \\ | ? *). Use a name '
            "such as “{1}”.",
        ).format(v["name"], v["suggestion"]),
        "export_name_outside": lambda v: translate(
            "ErrorText", "The name “{0}” would put the export outside {1}. Choose another name."
        ).format(v["name"], v["folder"]),
        "onnx_missing": lambda v: translate(
            "ErrorText",
            "Saving an ONNX file needs extra packages that are not installed. "
            "Export without ONNX, or install them with: {0}",
        ).format(v.get("install", "pip install onnx onnxscript")),
        "onnx_failed": lambda v: translate(
            "ErrorText",
            "The ONNX file could not be written ({0}). Export without ONNX; the log folder has the details.",
        ).format(v.get("kind", "—")),
        "onnx_run_failed": lambda v: translate(
            "ErrorText",
            "The ONNX file could not be run for its self-check ({0}). "
            "Export without ONNX; the log folder has the details.",
        ).format(v.get("kind", "—")),
        # ---------------------------------------------------------------- trained networks (Batch check, export)
        "export_has_no_head": lambda v: translate(
            "ErrorText",
            "This export has no projection head, which this "
            "needs. Export the run again with the projection "
            "head included.",
        ),
        "file_not_found": lambda v: (
            translate("ErrorText", "{0} cannot be found. It may have been moved or deleted.").format(v.get("path", "—"))
            + " "
            + _weights_hint()
        ),
        "encoder_nothing_found": lambda v: (
            translate("ErrorText", "{0} holds no trained network of this app.").format(v.get("path", "—"))
            + " "
            + _weights_hint()
        ),
        "not_an_encoder_export": lambda v: (
            translate("ErrorText", "{0} is not a network exported by this app.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "not_an_encoder": lambda v: (
            translate("ErrorText", "{0} does not hold a trained network.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "encoder_not_described": lambda v: (
            translate(
                "ErrorText", "{0} holds weights without a description of the network, so it cannot be rebuilt."
            ).format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "encoder_unbuildable": lambda v: (
            translate("ErrorText", "{0} describes a network this version of the app cannot build.").format(
                v.get("file", "—")
            )
            + " "
            + _weights_hint()
        ),
        "encoder_weights_mismatch": lambda v: (
            translate(
                "ErrorText", "The weights in {0} do not match the network they describe (the file may be damaged)."
            ).format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "encoder_metadata_damaged": lambda v: (
            translate("ErrorText", "The description inside {0} is damaged.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "encoder_no_input_size": lambda v: (
            translate("ErrorText", "{0} does not say which photo size the network expects.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "unknown_weights_format": lambda v: (
            translate("ErrorText", "{0} is not a kind of file this app loads.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "weights_unsafe": lambda v: translate(
            "ErrorText", "{0} was refused: it could run program code when loaded. Only use files this app wrote."
        ).format(v.get("file", "—")),
        "weights_damaged": lambda v: (
            translate("ErrorText", "{0} is damaged or is not a weights file.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "safetensors_unreadable": lambda v: (
            translate("ErrorText", "{0} is damaged or is not a safetensors file.").format(v.get("file", "—"))
            + " "
            + _weights_hint()
        ),
        "weights_not_recognised": lambda v: (
            translate(
                "ErrorText", "{0} is neither a network trained by this app nor the published ImageNet {1} weights."
            ).format(v.get("file", "—"), v.get("backbone", ""))
            + " "
            + _weights_hint()
        ),
        "imagenet_weights_unloadable": lambda v: (
            translate("ErrorText", "{0} looks like the published ImageNet {1} weights but could not be loaded.").format(
                v.get("path", "—"), v.get("backbone", "")
            )
            + " "
            + _weights_hint()
        ),
    }


def _number(x: Any) -> str:
    """A difference or tolerance in a sentence: 3 significant digits, or the text as it is."""
    try:
        return f"{float(x):.3g}"
    except (TypeError, ValueError):
        return str(x)


_SENTENCES = _sentences()
