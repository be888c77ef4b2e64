"""Test-wide set-up: offscreen Qt before any QApplication exists, an isolated app home per test."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process; assign (not setdefault: an empty value must be replaced).
if not os.environ.get("DISPLAY") or os.environ.get("CI"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("OMP_NUM_THREADS", "2")

import pytest


def pytest_collection_modifyitems(config, items):
    """``slow`` and ``gpu`` tests run only when ``-m`` names them (the markers' opt-in, pyproject.toml).

    A test marked ``@pytest.mark.timeout(N)`` must finish N at least 60 s before faulthandler's hard limit
    (``faulthandler_timeout`` in pyproject.toml ends the whole process), so pytest-timeout gets to fail it first.
    """
    hard = float(config.getini("faulthandler_timeout") or 0)
    opt_in = {"slow", "gpu"} - set(str(config.getoption("markexpr") or "").replace("(", " ").replace(")", " ").split())
    for item in items:
        for name in opt_in:
            if item.get_closest_marker(name) is not None:
                item.add_marker(pytest.mark.skip(reason=f"opt-in: run with -m {name}"))
        marker = item.get_closest_marker("timeout")
        if hard and marker is not None and marker.args and float(marker.args[0]) > hard - 60:
            raise pytest.UsageError(
                f"{item.nodeid}: timeout {marker.args[0]} s leaves less than 60 s before "
                f"faulthandler_timeout ({hard:.0f} s); raise faulthandler_timeout too"
            )


@pytest.fixture(autouse=True)
def badbatch_home(tmp_path, monkeypatch):
    """Point every app folder (settings, runs, caches, logs) at a fresh temporary folder."""
    home = tmp_path / "badbatch_home"
    monkeypatch.setenv("BADBATCH_HOME", str(home))
    return home


@pytest.fixture
def nan_loss_at(monkeypatch):
    """``nan_loss_at(n)`` makes the n-th training loss NaN (``StepModel.loss``), as a diverging run would."""

    def install(n: int) -> None:
        from badbatch_gui.core.training.loop.step_model import StepModel

        original = StepModel.loss
        calls = {"n": 0}

        def loss(self, *args, **kwargs):
            calls["n"] += 1
            value, figures = original(self, *args, **kwargs)
            return (value * float("nan") if calls["n"] == n else value), figures

        monkeypatch.setattr(StepModel, "loss", loss)

    return install


def folder_contents(folder) -> dict[str, bytes]:
    """Every file under ``folder`` (relative POSIX path -> bytes), to compare a folder before and after."""
    from pathlib import Path

    root = Path(folder)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def snapshot():
    """``snapshot(folder)``: the folder's files and their bytes (:func:`folder_contents`)."""
    return folder_contents


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A folder in which nothing can be created: its permissions say so, and as root (who ignores them)
    ``os.mkdir`` and ``open`` for writing below it raise PermissionError as the system would.
    """
    import builtins
    import errno
    from pathlib import Path

    folder = tmp_path / "read_only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0 if hasattr(os, "geteuid") else False:
        real_mkdir, real_open = os.mkdir, builtins.open

        def below(path) -> bool:
            try:
                return Path(os.fspath(path)).resolve().is_relative_to(folder.resolve())
            except (TypeError, ValueError, OSError):
                return False

        def mkdir(path, *args, **kwargs):
            if below(path):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_mkdir(path, *args, **kwargs)

        def open_(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+") and not isinstance(file, int) and below(file):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(file))
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(builtins, "open", open_)
    yield folder
    folder.chmod(0o755)
