"""Runs made through the command line, as an operator would, for tests that need a finished run."""

from __future__ import annotations

from pathlib import Path

from badbatch_gui.cli import main


def quick_check_argv(folder: Path, run: Path, *extra: str) -> list[str]:
    """``badbatch train`` arguments for a one-pass Quick check of ``folder`` into ``run`` on the CPU, seed 0."""
    return [
        "train",
        str(folder),
        "--preset",
        "quick_check",
        "--epochs",
        "1",
        "--out",
        str(run),
        "--device",
        "cpu",
        "--seed",
        "0",
        *extra,
    ]


def train_quick_check(folder: Path, run: Path, *extra: str) -> int:
    """Train that run (``BADBATCH_HOME`` as the caller set it); the command's exit code."""
    return main(quick_check_argv(folder, run, *extra))
