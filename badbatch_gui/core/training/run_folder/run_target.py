"""Where a training run goes: a new run never writes over an earlier one (docs/design/reliability.md §6).

A folder "holds a run" when it has any of the files a run writes (:data:`RUN_FILES`). Starting a new run there
would replace its checkpoint and run record and mix two runs in its metrics, so:

- without ``resume`` or ``force`` such a folder is refused (:class:`RunExistsError`);
- ``resume`` continues the run in it (the folder must hold one);
- ``force`` moves the earlier run aside, whole, to a numbered name beside it (``RUN.previous``,
  ``RUN.previous.1``…, :func:`atomic_files.set_aside`) and starts in a fresh folder; nothing is deleted;
- a run that is training right now (its lock is held) is never moved.

The window always trains into a folder it has just created (``runs.new_run_dir``); the trainer itself refuses
to start a new run in a folder that holds one (:func:`refuse_earlier_run`), so no caller can overwrite one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from badbatch_gui.core.atomic_files import set_aside
from badbatch_gui.core.errors import ConfigError, OutputError
from badbatch_gui.core.training.run_folder import runs

log = logging.getLogger(__name__)

RUN_FILES = (
    runs.RUN_JSON,
    runs.IMAGES_JSON,
    runs.METRICS_JSONL,
    runs.REJECTED_JSONL,
    runs.CHECKPOINT,
    f"{runs.CHECKPOINT}.prev",
)
SET_ASIDE_TAG = "previous"


class RunExistsError(ConfigError):
    """The run folder already holds a run and neither resume nor force was asked for."""

    default_code = "run_exists"


def holds_run(run_dir: Path) -> bool:
    """True when ``run_dir`` has any file a training run writes."""
    run_dir = Path(run_dir)
    return run_dir.is_dir() and any((run_dir / name).exists() for name in RUN_FILES)


def refuse_earlier_run(run_dir: Path) -> None:
    """Refuse to start a *new* run in a folder that holds one (the trainer's own guard).

    Raises:
        RunExistsError: it does.
    """
    if holds_run(run_dir):
        raise RunExistsError(
            f"{run_dir} already holds a training run; it was not changed. Continue it with "
            "--resume, choose another folder, or use --force to keep it aside and start anew.",
            run_dir=str(run_dir),
        )


def claim_run_dir(run_dir: Path, resume: bool = False, force: bool = False) -> Path | None:
    """Check that a run may start in (or continue from) ``run_dir``; with ``force``, move an earlier run aside.

    Returns:
        Where the earlier run was moved (``force`` only), else None.

    Raises:
        ConfigError: ``run_dir`` is a file, holds no run to resume, or its run is training right now.
        RunExistsError: it holds a run and neither ``resume`` nor ``force`` was given.
        OutputError: the earlier run could not be moved aside (it stays where it was).
    """
    run_dir = Path(run_dir)
    if run_dir.exists() and not run_dir.is_dir():
        raise ConfigError(
            f"{run_dir} is a file, not a run folder; choose a folder.",
            code="run_dir_not_a_folder",
            run_dir=str(run_dir),
        )
    if holds_run(run_dir) and runs.is_live(run_dir):
        raise ConfigError(
            f"The run in {run_dir} is training right now in another window or process; it was not changed.",
            code="run_live",
            run_dir=str(run_dir),
        )
    if resume:
        if not holds_run(run_dir):
            raise ConfigError(
                f"{run_dir} holds no training run to resume.", code="run_dir_not_a_run", run_dir=str(run_dir)
            )
        return None
    if not holds_run(run_dir):
        return None
    if not force:
        refuse_earlier_run(run_dir)
    try:
        kept = set_aside(run_dir, SET_ASIDE_TAG)
    except OSError as exc:
        raise OutputError(
            f"The earlier run in {run_dir} could not be moved aside ({exc.strerror or exc}); nothing "
            "was changed. Choose another run folder.",
            code="run_set_aside_failed",
            run_dir=str(run_dir),
            reason=str(exc.strerror or exc),
        ) from exc
    log.info("the earlier run in %s was moved to %s", run_dir, kept)
    return kept
