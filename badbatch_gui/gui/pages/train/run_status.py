"""What the Train page shows for its run, derived from the core's :class:`~badbatch_gui.core.events.RunState`.

The state is the one the run's last StateChanged event gave (IDLE -> PREPARING -> RUNNING <-> PAUSED ->
FINISHING -> IDLE); the only other inputs are the Pause / Stop requests on the run's RunControl that the core has
not acted on yet (it does so at the next step boundary). The page keeps no state machine of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from badbatch_gui.core.control import RunControl
from badbatch_gui.core.events import RunState


@dataclass(frozen=True)
class RunStatus:
    """The page's run as the operator sees it.

    Attributes:
        state: the core's state; a paused run whose Resume was pressed shows as RUNNING at once.
        active: the page has a run (its task has not ended yet).
        pause_requested: Pause was pressed and not resumed.
        stop_requested: Stop was pressed (the run saves a checkpoint and ends).
    """

    state: RunState = RunState.IDLE
    active: bool = False
    pause_requested: bool = False
    stop_requested: bool = False

    @classmethod
    def of(cls, core_state: RunState, control: RunControl | None) -> RunStatus:
        """The status of a run whose last event said ``core_state``, controlled by ``control`` (None: no run)."""
        if control is None:
            return cls()
        pause = control.pause_requested
        state = RunState.RUNNING if core_state is RunState.PAUSED and not pause else core_state
        return cls(state, True, pause, control.stop_requested)

    @property
    def pausing(self) -> bool:
        """Pause was pressed; the run pauses at its next step."""
        return self.pause_requested and not self.stop_requested and self.state is not RunState.PAUSED

    @property
    def can_pause(self) -> bool:
        """Pause makes sense now."""
        return (
            self.active
            and self.state in (RunState.PREPARING, RunState.RUNNING)
            and not self.pause_requested
            and not self.stop_requested
        )

    @property
    def can_resume(self) -> bool:
        """Resume continues this run now."""
        return self.active and (self.pause_requested or self.state is RunState.PAUSED) and not self.stop_requested

    @property
    def can_stop(self) -> bool:
        """Stop makes sense now."""
        return self.active and not self.stop_requested
