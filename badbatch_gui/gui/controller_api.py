"""What a page may use of the app's controller: the :class:`Controller` protocol.

The pages, panels and rows are typed against this protocol instead of the concrete ``AppController`` (or ``Any``):
mypy checks every use, and a page depends only on what it needs of the shared state and the task launcher.
``AppController`` (gui/controller.py) is the one implementation; ``main_window`` hands it to every page, which
makes mypy check that it still fits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import SignalInstance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from badbatch_gui.core.config import ScanConfig, ScoreConfig
    from badbatch_gui.core.paths import AppPaths
    from badbatch_gui.core.scoring.decisions import DecisionStore
    from badbatch_gui.core.scoring.findings_store import FindingsStore
    from badbatch_gui.core.scoring.leave_out import LeaveOut
    from badbatch_gui.core.settings import AppSettings
    from badbatch_gui.gui.tasks.runner import Worker


class Controller(Protocol):
    """The shared state (folder, scan, Batch check report, decisions, device) and the task launcher.

    The signals are described on ``AppController``.
    """

    settings: AppSettings
    paths: AppPaths
    folder: Path | None
    scan: Any | None
    report: Any | None
    score_config: ScoreConfig | None
    decisions: DecisionStore | None
    findings: FindingsStore | None
    device_info: dict[str, Any] | None
    last_error: tuple[str, str] | None
    dialog_parent: QWidget | None

    @property
    def folder_changed(self) -> SignalInstance:
        """Signal: the open folder changed."""

    @property
    def scan_changed(self) -> SignalInstance:
        """Signal: a scan finished (or was cleared)."""

    @property
    def report_changed(self) -> SignalInstance:
        """Signal: a Batch check finished (or was cleared)."""

    @property
    def decisions_changed(self) -> SignalInstance:
        """Signal: keep / leave-out decisions changed."""

    @property
    def device_ready(self) -> SignalInstance:
        """Signal: the device probe finished."""

    @property
    def status_message(self) -> SignalInstance:
        """Signal: a line for the status bar."""

    @property
    def busy_changed(self) -> SignalInstance:
        """Signal: a task started or ended."""

    @property
    def task_progress(self) -> SignalInstance:
        """Signal: progress of the running task."""

    @property
    def task_ended(self) -> SignalInstance:
        """Signal: the running task ended."""

    @property
    def task_phase(self) -> SignalInstance:
        """Signal: the running task entered a new phase."""

    @property
    def task_paused(self) -> SignalInstance:
        """Signal: the running task was paused or resumed."""

    @property
    def busy(self) -> bool:
        """True while a task runs (or its thread has not finished yet)."""
        ...

    @property
    def running_task(self) -> str:
        """The running task's name, "" when none runs."""
        ...

    def save_settings(self) -> None:
        """Write the settings file."""

    def open_folder(self, path: Path | str, scan: bool = True) -> bool:
        """Make ``path`` the current folder and scan it."""
        ...

    def open_demo(self) -> bool:
        """Open the built-in demo folder."""
        ...

    def start_scan(self, config: ScanConfig = ...) -> bool:
        """Scan the current folder in the background."""
        ...

    def start_scoring(self, config: ScoreConfig) -> bool:
        """Run the Batch check."""
        ...

    def set_threshold(self, value: float | None) -> None:
        """Override the report's threshold, or go back to the automatic rule with None."""

    def set_decision(self, paths: list[str], decision: str | None) -> None:
        """Record the operator's "keep", "reject" or None for photos, and save."""

    def flagged_reasons(self) -> dict[str, tuple[str, ...]]:
        """Relative path -> finding codes of every photo the folder's Batch check findings flag."""
        ...

    def leave_out(self) -> LeaveOut:
        """The photos training leaves out and why (the core's leave-out rule)."""
        ...

    def set_leave_out_flagged(self, on: bool) -> None:
        """Switch the setting "Leave out the photos that look wrong"."""

    def start_task(
        self,
        worker: Worker,
        name: str,
        *,
        done: Callable[..., object] | None = None,
        failed: Callable[..., object] | None = None,
        canceled: Callable[..., object] | None = None,
        notice: Callable[..., object] | None = None,
        phase: Callable[..., object] | None = None,
    ) -> bool:
        """Connect the given slots to the worker's signals of the same name and run ``worker`` as task ``name``
        unless another task runs.
        """
        ...

    def set_task_paused(self, name: str, paused: bool) -> None:
        """The page running task ``name`` says it paused or continued."""

    def cancel_task(self) -> None:
        """Ask the running task to stop at its next step."""

    def show_error(self, message: str, details: str = "") -> None:
        """Show a non-blocking error dialog."""

    def start_device_probe(self) -> None:
        """Find the compute device in the background."""

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop every task and wait for the threads."""
        ...
