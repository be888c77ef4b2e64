"""What a long task is doing, in the operator's language: the core's ``Progress`` events carry a phase name and an
English line; the task runner sends this module's line instead (``Worker._send_progress``), so every page that shows
a phase line (the Train page's preparation, the Export page's progress bar) shows it translated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from badbatch_gui.core import events as ev

translate = QCoreApplication.translate  # lupdate extracts translate("ProgressText", "...") calls


def progress_text(progress: ev.Progress) -> str:
    """The line for a Progress event; the core's own line for a phase this module does not know."""
    by_message = {
        # the export's steps (core/export/export.py)
        "loading the run's checkpoint": translate("ProgressText", "Loading the trained network…"),
        "writing encoder.safetensors": translate("ProgressText", "Saving the network (encoder.safetensors)…"),
        "self-test: reloading the export and comparing embeddings": translate(
            "ProgressText", "Self-check: loading the saved copy and comparing its answers…"
        ),
        "writing encoder.onnx": translate("ProgressText", "Saving the ONNX file (encoder.onnx)…"),
        "writing the model card": translate("ProgressText", "Writing the record of the run (model_card.json)…"),
        "moving the export into place": translate("ProgressText", "Putting the export in its folder…"),
        "done": translate("ProgressText", "Done."),
    }
    if progress.message in by_message:
        return by_message[progress.message]
    by_phase = {
        "decode": translate("ProgressText", "Reading the photos…"),
        "features": translate("ProgressText", "Looking at the photos…"),
        "scoring": translate("ProgressText", "Scoring batches…"),
        "embed": translate("ProgressText", "Computing the photos' embeddings…"),
        "export": translate("ProgressText", "Exporting…"),
    }
    return by_phase.get(progress.phase, progress.message)
