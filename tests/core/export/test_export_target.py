"""An export never replaces what it did not write, fails with one plain sentence when it cannot write, and the
leftovers of a killed export are cleaned up at the next export (export_target.py, docs/design/reliability.md §6).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ExportConfig
from badbatch_gui.core.errors import ExportError
from badbatch_gui.core.export.export import ExportFailedError, export_encoder
from badbatch_gui.core.export.export_target import remove_dead_staging
from badbatch_gui.core.training.run_folder.runs import RunLock
from tests.helpers.export_runs import make_run

torch.set_num_threads(1)
CONFIG = ExportConfig(self_test_images=1)


@pytest.fixture
def run(tmp_path):
    return make_run(tmp_path)


def _staging(parent: Path) -> list[Path]:
    return sorted(p for p in parent.iterdir() if ".partial-" in p.name)


def test_force_refuses_a_folder_holding_files_an_export_does_not_write(run, tmp_path, snapshot):
    out = tmp_path / "exports" / "enc"
    export_encoder(run[0], out, CONFIG)
    (out / "emb.npy").write_bytes(b"embeddings badbatch embed wrote")
    (out / "emb.csv").write_text("row,path\n")
    before = snapshot(out)
    with pytest.raises(ExportError) as caught:
        export_encoder(run[0], out, ExportConfig(self_test_images=1, force=True))
    assert caught.value.code == "export_folder_has_other_files"
    assert caught.value.values["files"] == ["emb.csv", "emb.npy"]
    assert "emb.csv, emb.npy" in str(caught.value)
    assert "Move those files" in str(caught.value)
    assert snapshot(out) == before
    assert _staging(out.parent) == []


def test_force_replaces_an_earlier_export_that_holds_only_export_files(run, tmp_path, snapshot):
    out = tmp_path / "enc"
    export_encoder(run[0], out, CONFIG)
    res = export_encoder(run[0], out, ExportConfig(self_test_images=1, force=True, include_head=True))
    assert res.self_test.passed
    assert set(snapshot(out)) == {"encoder.safetensors", "model_card.json", "README.txt"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        RuntimeError("Error while serializing: I/O error: No space left on device (os error 28)"),  # safetensors' words
    ],
)
def test_a_full_disk_names_the_place_and_what_to_do_and_keeps_the_earlier_export(
    run, tmp_path, monkeypatch, snapshot, error
):
    import badbatch_gui.core.export.export as export_mod

    out = tmp_path / "enc"
    export_encoder(run[0], out, CONFIG)
    before = snapshot(out)

    def disk_full(model, path, *args, **kwargs):
        Path(path).write_bytes(b"half a file")
        raise error

    monkeypatch.setattr(export_mod, "save_encoder", disk_full)
    with pytest.raises(ExportFailedError) as caught:
        export_encoder(run[0], out, ExportConfig(self_test_images=1, force=True))
    text = str(caught.value)
    assert caught.value.code == "export_disk_full"
    assert str(out) in text
    assert "the disk is full" in text
    assert "Free some space" in text
    assert "os error" not in text
    assert "serializ" not in text
    assert snapshot(out) == before
    assert _staging(tmp_path) == []


def test_an_unexpected_failure_is_one_sentence_without_internals(run, tmp_path, monkeypatch):
    import badbatch_gui.core.export.export as export_mod

    def broken(*args, **kwargs):
        raise RuntimeError("[enforce fail at inline_container.cc:672] . unexpected pos 704 vs 598")

    monkeypatch.setattr(export_mod, "save_encoder", broken)
    with pytest.raises(ExportFailedError) as caught:
        export_encoder(run[0], tmp_path / "enc", CONFIG)
    assert "enforce" not in str(caught.value)
    assert "the log" in str(caught.value)
    assert not (tmp_path / "enc").exists()
    assert _staging(tmp_path) == []


def test_a_destination_that_cannot_be_written_is_refused_before_any_work(run, read_only_folder):
    with pytest.raises(ExportError) as caught:
        export_encoder(run[0], read_only_folder / "enc", CONFIG)
    assert caught.value.code == "export_destination_unwritable"
    assert not isinstance(caught.value, ExportFailedError)
    assert str(read_only_folder) in str(caught.value)
    assert "permission denied" in str(caught.value)
    assert list(read_only_folder.iterdir()) == []


def test_a_destination_under_a_file_is_refused(run, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("mine")
    with pytest.raises(ExportError) as caught:
        export_encoder(run[0], blocker / "enc", CONFIG)
    assert str(blocker) in str(caught.value)
    assert blocker.read_text() == "mine"


def test_staging_of_a_live_export_is_kept_and_a_dead_ones_removed_at_once(tmp_path):
    live, dead = tmp_path / ".a.partial-00000001", tmp_path / ".b.partial-00000002"
    for staging in (live, dead):
        (staging / "export").mkdir(parents=True)
        (staging / "export" / "encoder.safetensors").write_bytes(b"x" * 1000)
    lock = RunLock(live)
    assert lock.acquire()
    (dead / ".lock").touch()  # the lock file of a process that is gone: nobody holds it
    try:
        assert remove_dead_staging(tmp_path) == [dead]  # brand new, yet dead: removed without waiting
        assert live.is_dir()
        assert not dead.exists()
    finally:
        lock.release()
    assert remove_dead_staging(tmp_path) == [live]


def test_an_export_killed_between_its_two_moves_gets_the_earlier_export_back(tmp_path):
    staging = tmp_path / ".enc.partial-0000abcd"
    (staging / "previous").mkdir(parents=True)
    (staging / "previous" / "model_card.json").write_text("{}")
    (staging / ".lock").touch()
    assert remove_dead_staging(tmp_path) == [staging]
    assert (tmp_path / "enc" / "model_card.json").read_text() == "{}"


KILLED_EXPORT = """
import sys, time
from pathlib import Path
import badbatch_gui.core.export.export as export_mod
from badbatch_gui.core.config import ExportConfig

real = export_mod.save_encoder

def slow(model, path, *args, **kwargs):
    out = real(model, path, *args, **kwargs)
    print("written", flush=True)
    time.sleep(120)  # killed here, with the weights written in the staging folder
    return out

export_mod.save_encoder = slow
export_mod.export_encoder(Path(sys.argv[1]), Path(sys.argv[2]), ExportConfig(self_test_images=1, force=True))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_the_next_export_removes_what_a_killed_export_left_and_says_so(run, tmp_path, snapshot):
    out = tmp_path / "exports" / "enc"
    export_encoder(run[0], out, CONFIG)
    before = snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(run[0]), str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "written"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    left = _staging(out.parent)
    assert len(left) == 1
    assert (left[0] / "export" / "encoder.safetensors").stat().st_size > 1000
    assert snapshot(out) == before  # the earlier export was not touched
    events: list[object] = []
    export_encoder(run[0], tmp_path / "exports" / "other", CONFIG, on_event=events.append)
    assert _staging(out.parent) == []
    notices = [e for e in events if isinstance(e, ev.Notice) and e.code == "export_leftovers_removed"]
    assert len(notices) == 1
    assert "interrupted" in notices[0].message
    assert notices[0].data["count"] == 1


def test_folders_that_only_look_like_staging_are_never_touched(tmp_path, snapshot):
    """The destination's folder may be any of the operator's folders: only unmistakable leftovers are removed."""
    import os

    for name, files in (
        (".notes.partial-12345678", {"thesis.txt": b"mine"}),  # the right name, other content
        (".e.partial-xyz", {"encoder.safetensors": b"x"}),  # not an export's name
        (".e.old-0000beef", {"photo.jpg": b"y"}),
    ):  # an earlier version's name, not an export
        (tmp_path / name).mkdir()
        for file, data in files.items():
            (tmp_path / name / file).write_bytes(data)
        os.utime(tmp_path / name, (1_000_000, 1_000_000))
    before = snapshot(tmp_path)
    assert remove_dead_staging(tmp_path) == []
    assert snapshot(tmp_path) == before
