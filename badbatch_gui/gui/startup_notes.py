"""What the window says right after it starts: that the app closed unexpectedly last time (with the log folder),
and an offer to resume the training run that did not finish.

Which run is offered: the newest run, if it is *interrupted* (the process died while it trained: a crash, a power
cut, the app killed) or was stopped because the window was closed during training (``StoppedAtClose``), can resume,
and its photo folder still exists. "Not now" is remembered for that run, so it is not offered again at every start
(it stays in the Train page's Runs list). Both are remembered in the window's own QSettings file (window.ini), not in
the app's settings.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Slot

from badbatch_gui.core.session_marker import LastSession
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.gui.controller_api import Controller

log = logging.getLogger(__name__)

TRAIN_STEP = 2
STOPPED_AT_CLOSE_KEY = "resume/stopped_at_close"
DECLINED_KEY = "resume/declined"


def window_settings(window: Any) -> QSettings:
    """The window's QSettings (window.ini in the app's config folder)."""
    return QSettings(str(Path(window.controller.paths.config_dir) / "window.ini"), QSettings.Format.IniFormat)


def remember_stopped_at_close(window: Any, run_dir: Path) -> None:
    """The window was closed during training and the run stopped: offer it at the next start."""
    window_settings(window).setValue(STOPPED_AT_CLOSE_KEY, str(run_dir))


def run_to_offer(window: Any) -> Any | None:
    """The RunInfo to offer to resume, or None (see the module docstring)."""
    settings = window_settings(window)
    stopped_at_close = str(settings.value(STOPPED_AT_CLOSE_KEY, "") or "")
    declined = str(settings.value(DECLINED_KEY, "") or "")
    listed = runs.list_runs(window.controller.paths.runs_dir)
    if not listed:
        return None
    info = listed[0]
    interrupted = info.status == "interrupted" or (
        info.status == "canceled" and stopped_at_close and Path(stopped_at_close) == Path(info.run_dir)
    )
    if not interrupted or not info.resumable or str(info.run_dir) == declined:
        return None
    if not info.folder or not Path(info.folder).is_dir():
        log.info("not offering to resume %s: its folder %s is gone", info.run_dir, info.folder)
        return None
    return info


class ResumeOffer(QObject):
    """Shows the offer; on Resume, goes to the Train step and resumes the run as soon as no other task runs (the
    start-up scan of the last folder may still be running).
    """

    def __init__(self, window: Any, info: Any) -> None:
        super().__init__(window)
        self.window, self.info = window, info
        self.dialog: Any | None = None

    def show(self) -> None:
        """Open the non-modal question."""
        from badbatch_gui.gui.dialogs.resume_offer import ResumeOfferDialog

        self.dialog = ResumeOfferDialog(self.info, self.window)
        self.dialog.accepted.connect(self._on_resume)
        self.dialog.rejected.connect(self._on_not_now)
        self.dialog.finished.connect(self._forget_dialog)
        self.dialog.show()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None  # Qt deletes it (WA_DeleteOnClose)

    @Slot()
    def _on_not_now(self) -> None:
        window_settings(self.window).setValue(DECLINED_KEY, str(self.info.run_dir))

    @Slot()
    def _on_resume(self) -> None:
        settings = window_settings(self.window)
        settings.remove(STOPPED_AT_CLOSE_KEY)
        self.window.show_step(TRAIN_STEP)
        controller = self.window.controller
        if controller.busy:
            controller.busy_changed.connect(self._on_busy_changed)
        else:
            self._resume()

    @Slot(bool)
    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.window.controller.busy_changed.disconnect(self._on_busy_changed)
            self._resume()

    def _resume(self) -> None:
        page = self.window.page(TRAIN_STEP)
        resume_run = getattr(page, "resume_run", None)
        if resume_run is not None:
            resume_run(self.info)


def show(window: Any, controller: Controller, last_session: LastSession | None) -> None:
    """Say that the last session closed unexpectedly (if it did), then offer to resume an interrupted run (after
    the note is closed, so two questions never open at once).
    """
    info = run_to_offer(window)
    offer = ResumeOffer(window, info) if info is not None else None
    window.resume_offer = offer
    if last_session is not None:
        from badbatch_gui.gui.dialogs.crash_note import CrashNoteDialog

        note = CrashNoteDialog(last_session, controller.paths.log_dir, window)
        if offer is not None:
            note.finished.connect(offer.show)
        note.show()
    elif offer is not None:
        offer.show()
