"""Checkpoint safety: atomic save, crash mid-save, .prev fallback, disk full, malicious pickles, RNG state."""

from __future__ import annotations

import errno
import os
import pickle
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch

from badbatch_gui.core import atomic_files
from badbatch_gui.core.errors import CheckpointError, UnsafeFileError
from badbatch_gui.core.training.run_folder import checkpoint as ck
from badbatch_gui.core.training.run_folder.checkpoint import (
    load_checkpoint,
    prev_path,
    rng_state,
    save_atomic,
    set_rng_state,
)

PACKAGE = Path(__file__).resolve().parents[3] / "badbatch_gui"


def _ckpt(version: int) -> dict:
    return {"step": version, "model": {"w": torch.full((4,), float(version))}, "config": {"lr": 1e-3}}


def test_save_and_load_keep_previous(tmp_path):
    path = tmp_path / "run" / "checkpoint.pt"
    save_atomic(_ckpt(1), path)
    assert not prev_path(path).exists()
    save_atomic(_ckpt(2), path)
    assert load_checkpoint(path)["step"] == 2
    assert torch.load(prev_path(path), map_location="cpu", weights_only=True)["step"] == 1
    assert [p.name for p in path.parent.iterdir() if p.suffix == ".tmp"] == []


def test_replace_failure_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)
    real_replace = os.replace

    def failing(src, dst):
        if Path(dst) == path:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(ck.os, "replace", failing)
    with pytest.raises(CheckpointError, match="previous checkpoint is kept"):
        save_atomic(_ckpt(2), path)
    monkeypatch.undo()
    assert load_checkpoint(path)["step"] == 1
    assert list(tmp_path.glob("*.tmp")) == []
    assert list(tmp_path.glob(".*.tmp")) == []


def test_disk_full_message(tmp_path, monkeypatch):
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ck.os, "fsync", no_space)
    with pytest.raises(CheckpointError, match=r"^The disk is full: .* the previous checkpoint is kept\.$"):
        save_atomic(_ckpt(2), path)
    monkeypatch.undo()
    assert load_checkpoint(path)["step"] == 1
    assert list(tmp_path.glob(".*.tmp")) == []


def test_windows_lock_is_retried_with_backoff(tmp_path, monkeypatch):
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)
    real_replace, calls, sleeps = os.replace, [], []

    def locked_twice(src, dst):
        if Path(dst) == path and len(calls) < 2:
            calls.append(dst)
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(src, dst)

    monkeypatch.setattr(ck.os, "replace", locked_twice)
    monkeypatch.setattr(atomic_files.time, "sleep", sleeps.append)
    save_atomic(_ckpt(2), path)
    assert sleeps == [0.05, 0.1]
    assert load_checkpoint(path)["step"] == 2


def test_process_killed_mid_save_leaves_old_checkpoint_loadable(tmp_path):
    """A hard exit after the temp file is written but before the rename (a crash / power cut)."""
    path = tmp_path / "checkpoint.pt"
    script = textwrap.dedent(f"""
        import os, torch
        from pathlib import Path
        from badbatch_gui.core.training.run_folder import checkpoint as ck
        path = Path({str(path)!r})
        ck.save_atomic({{"step": 1, "w": torch.ones(1000)}}, path)
        ck.os.fsync = lambda fd: os._exit(9)   # die in the middle of the second save
        ck.save_atomic({{"step": 2, "w": torch.zeros(1000)}}, path)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 9, proc.stderr.decode()
    assert len(list(tmp_path.glob(".checkpoint.pt.*.tmp"))) == 1  # the half-finished save is still there
    assert load_checkpoint(path)["step"] == 1
    save_atomic({"step": 3}, path)  # the next save cleans the leftover up
    assert list(tmp_path.glob(".checkpoint.pt.*.tmp")) == []


def test_corrupt_main_file_falls_back_to_prev(tmp_path, caplog):
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)
    save_atomic(_ckpt(2), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    with caplog.at_level("WARNING"):
        assert load_checkpoint(path)["step"] == 1
    assert "previous checkpoint" in caplog.text
    prev_path(path).write_bytes(b"")
    with pytest.raises(CheckpointError, match="cannot be used"):
        load_checkpoint(path)


def test_missing_checkpoint_is_a_plain_error(tmp_path):
    with pytest.raises(CheckpointError, match="does not exist"):
        load_checkpoint(tmp_path / "nope.pt")


class _Evil:
    marker: str = ""

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('pwned')",))


def test_malicious_pickle_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "marker.txt"
    _Evil.marker = str(marker)
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)  # a good .prev must not be used silently either
    save_atomic(_ckpt(2), path)
    torch.save({"step": 3, "payload": _Evil()}, path)
    with pytest.raises(UnsafeFileError, match="program code"):
        load_checkpoint(path)
    assert not marker.exists()
    # the payload is real: plain unpickling would have run it (so the test above can fail)
    pickle.loads(pickle.dumps(_Evil()))
    assert marker.read_text() == "pwned"


def test_save_refuses_content_that_would_not_load_safely(tmp_path):
    path = tmp_path / "checkpoint.pt"
    save_atomic(_ckpt(1), path)
    with pytest.raises(CheckpointError, match="cannot be loaded safely"):
        save_atomic({"step": 2, "array": np.zeros(3)}, path)
    assert load_checkpoint(path)["step"] == 1


def test_rng_state_round_trip_through_a_safe_checkpoint(tmp_path):
    random.seed(1)
    np.random.seed(2)
    torch.manual_seed(3)
    random.gauss(0, 1)  # leaves a cached gaussian in Python's state
    np.random.standard_normal()  # and in numpy's
    path = tmp_path / "rng.pt"
    save_atomic({"rng": rng_state()}, path)
    expected = (
        random.random(),
        random.gauss(0, 1),
        np.random.rand(3).tolist(),
        np.random.standard_normal(),
        torch.rand(3).tolist(),
    )
    random.seed(99)
    np.random.seed(99)
    torch.manual_seed(99)
    set_rng_state(load_checkpoint(path)["rng"])
    got = (
        random.random(),
        random.gauss(0, 1),
        np.random.rand(3).tolist(),
        np.random.standard_normal(),
        torch.rand(3).tolist(),
    )
    assert got == expected


@pytest.mark.parametrize("earlier", [False, True])
def test_a_full_disk_says_whether_an_earlier_checkpoint_is_kept_without_torch_internals(tmp_path, monkeypatch, earlier):
    path = tmp_path / "checkpoint.pt"
    if earlier:
        save_atomic(_ckpt(1), path)
    monkeypatch.setattr(ck.torch, "save", lambda obj, fh: _raise_with_context())
    with pytest.raises(CheckpointError) as caught:
        save_atomic(_ckpt(2), path)
    text = str(caught.value)
    assert text.startswith(f"The disk is full: the checkpoint could not be written to {tmp_path}")
    assert text.endswith("the previous checkpoint is kept." if earlier else "no checkpoint had been saved yet.")
    assert "enforce" not in text
    assert "pos" not in text
    assert caught.value.code == "checkpoint_disk_full"
    assert caught.value.values["previous_kept"] is earlier
    monkeypatch.undo()
    assert (load_checkpoint(path)["step"] == 1) if earlier else not path.exists()


def _raise_with_context():
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        raise RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 704 vs 598")  # noqa: B904 - torch's own message, raised as torch raises it


def test_an_unknown_write_failure_names_no_library_internals(tmp_path, monkeypatch):
    def broken(obj, fh):
        raise RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 1 vs 2")

    monkeypatch.setattr(ck.torch, "save", broken)
    with pytest.raises(CheckpointError) as caught:
        save_atomic(_ckpt(1), tmp_path / "checkpoint.pt")
    assert "enforce" not in str(caught.value)
    assert "no checkpoint had been saved yet" in str(caught.value)
