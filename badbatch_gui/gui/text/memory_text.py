"""Plain, translatable words for the memory forecast (core.training.memory.MemoryForecast): its parts, where the
memory is, and the verdict with what to do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from badbatch_gui.gui.text import sentences
from badbatch_gui.gui.text.units import format_bytes

translate = QCoreApplication.translate  # lupdate extracts translate("MemoryText", "...") calls


def part_labels() -> dict[str, str]:
    """Forecast part key -> its short name on the memory bar."""
    return {
        "model": translate("MemoryText", "network"),
        "gradients": translate("MemoryText", "corrections"),
        "optimizer": translate("MemoryText", "learning state"),
        "activations": translate("MemoryText", "working space"),
        "sampler": translate("MemoryText", "photo memory"),
        "frd": translate("MemoryText", "batch check"),
        "images": translate("MemoryText", "photos"),
    }


def parts_tip() -> str:
    """What each part of the memory bar is, with the technical names."""
    return translate(
        "MemoryText",
        "network: the network's numbers (model weights)\n"
        "corrections: how each number should change after a step (gradients)\n"
        "learning state: what the learning keeps between steps (optimiser state)\n"
        "working space: intermediate results of one batch (activations)\n"
        "photo memory: what the recommended way of learning remembers per photo (EMC2 "
        "sampler)\n"
        "batch check: the in-training check of unusual batches\n"
        "photos: the decoded photos of one batch",
    )


def where_text(cuda: bool, device_label: str, free_bytes: int | None) -> str:
    """Which memory the forecast is for, and how much of it is free."""
    if cuda:
        return translate("MemoryText", "graphics card {0}, {1} free").format(device_label, format_bytes(free_bytes))
    return translate("MemoryText", "computer memory, {0} free").format(format_bytes(free_bytes))


def verdict_text(fc: Any, cuda: bool) -> str:
    """The forecast's verdict ("Fits comfortably: ...", "Tight: ...", "Will not fit: ...") with the suggested batch
    size when it differs; ``fc`` is a MemoryForecast.
    """
    total = format_bytes(fc.total_bytes)
    if fc.verdict == "fits comfortably":
        text = translate("MemoryText", "Fits comfortably: training needs about {0}.").format(total)
    elif fc.verdict == "tight":
        text = (
            translate("MemoryText", "Tight: about {0} needed. Close other programs that use the graphics card.")
            if cuda
            else translate("MemoryText", "Tight: about {0} needed. Close other programs first.")
        ).format(total)
    else:
        text = translate("MemoryText", "Will not fit: about {0} needed.").format(total)
    if not cuda:  # on the CPU the plot shows the whole process (≈1 GB of runtime), the forecast only the extra
        text = sentences.join(text, translate("MemoryText", "This comes on top of the memory the app already uses."))
    if fc.suggested_batch_size != fc.batch_size:
        text = sentences.join(
            text, translate("MemoryText", "Suggested batch size: {0}.").format(fc.suggested_batch_size)
        )
    return text
