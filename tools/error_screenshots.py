"""Screenshot steps for what the operator sees when something is wrong or unfinished: the close-during-training
question, an empty folder (Images, Batch check and Train pages) and the error dialog.

Imported by ``screenshots.render`` (EXTRA_STEP_MODULES) after ``tools/train_screenshots.py``: the close question goes
right after the "during training" shot (training is still running then); the empty folder and the error dialog come
after the Train and Export shots, because they open another folder (the error dialog's step opens the demo again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from tools import screenshots
from tools.train_screenshots import TRAIN

IMAGES, BATCH = 0, 1


def _close_question(s: screenshots.Session) -> None:
    """The question a close during training asks (shown, grabbed over the window, never answered)."""
    from badbatch_gui.gui.dialogs.close_question import CloseQuestion

    s.window.show_step(TRAIN)
    box = CloseQuestion(s.window)
    box.show()
    s.save_with_dialog("3_train_close_question", box)
    box.close()
    box.deleteLater()


def _empty_folder(s: screenshots.Session) -> None:
    """An empty folder: what the Images page says, and the Batch check / Train buttons that say why they are off."""
    s.wait(lambda: not s.controller.tasks.busy)
    empty = s.controller.paths.data_dir / "empty folder"
    empty.mkdir(parents=True, exist_ok=True)
    s.controller.open_folder(empty)
    s.wait(lambda: s.controller.scan is not None and not s.controller.tasks.busy)
    s.window.show_step(IMAGES)
    s.save("1_images_empty_folder")
    s.window.show_step(BATCH)
    s.save("2_batch_check_empty_folder")
    s.window.show_step(TRAIN)
    s.save("3_train_empty_folder")


def _error_dialog(s: screenshots.Session) -> None:
    """The dialog a failed task opens: a real Batch check started on the empty folder (the button is off; the
    controller is asked directly, as a scripted or racing start would).
    """
    from badbatch_gui.core.config import ScoreConfig

    s.window.show_step(BATCH)
    s.controller.start_scoring(ScoreConfig())
    s.wait(lambda: _error_dialog_shown() is not None)
    s.wait(lambda: not s.controller.tasks.busy)
    dialog: Any = _error_dialog_shown()
    s.save_with_dialog("error_dialog", dialog)
    dialog.close()
    s.controller.open_demo()  # the steps after these (Inspect) work on the demo folder again
    s.wait(lambda: s.controller.scan is not None and len(s.controller.scan.images) > 0 and not s.controller.tasks.busy)


def _error_dialog_shown() -> Any:
    found = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "ErrorDialog" and w.isVisible()]
    return found[0] if found else None


for _steps in screenshots.step_registries():
    names = [name for name, _ in _steps]
    if "3_train_close_question" not in names:
        at = names.index("3_train_running") + 1 if "3_train_running" in names else len(_steps)
        _steps.insert(at, ("3_train_close_question", _close_question))
    for step in (("1_images_empty_folder", _empty_folder), ("error_dialog", _error_dialog)):
        if step[0] not in [name for name, _ in _steps]:
            _steps.append(step)
