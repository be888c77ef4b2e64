"""scan_folder: reason codes, walk rules (hidden, case, links, loops), duplicates, events, cancel, no writes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.data import imageio, scan
from badbatch_gui.core.data.scan import ScanResult, scan_folder
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.events import FinishReason, RunFinished, ScanProgress


def _img(path: Path, size: tuple[int, int] = (32, 24), seed: int = 0, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    arr = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8)
    Image.fromarray(arr).save(path, fmt or ("JPEG" if path.suffix.lower() in (".jpg", ".jpeg") else None))
    return path


def _by_path(result: ScanResult) -> dict[str, str]:
    return {p.path: p.reason for p in result.problems}


@pytest.fixture
def bad_folder(tmp_path: Path) -> Path:
    root = tmp_path / "bad"
    _img(root / "good.jpg")
    (root / "empty.jpg").write_bytes(b"")
    (root / "notes.jpg").write_text("shift notes", encoding="utf-8")
    whole = _img(root / "whole.png", (40, 40), seed=1).read_bytes()
    (root / "whole.png").unlink()
    (root / "cut.png").write_bytes(whole[: len(whole) // 2])
    jpg = _img(root / "tmp.jpg", (40, 40), seed=2).read_bytes()
    (root / "tmp.jpg").unlink()
    (root / "cut.jpg").write_bytes(jpg[: len(jpg) * 2 // 3])
    _img(root / "tiny.png", (8, 30))
    Image.fromarray(np.full((20, 20), np.nan, np.float32), mode="F").save(root / "nan.tif")
    _img(root / "huge.png", (300, 300))
    _img(root / "locked.jpg", seed=3)
    return root


def test_every_reason_code(bad_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def guarded_open(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> Any:
        if Path(path).name == "locked.jpg":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(imageio, "open", guarded_open, raising=False)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40_000)  # huge.png: 90,000 px is above twice that
    expected = {
        "empty.jpg": "zero_bytes",
        "notes.jpg": "not_an_image",
        "cut.png": "truncated",
        "cut.jpg": "truncated",
        "tiny.png": "too_small",
        "huge.png": "too_large",
        "locked.jpg": "unreadable",
    }
    fast = scan_folder(bad_folder)
    assert _by_path(fast) == expected  # fast mode catches truncation through the file's tail
    assert [r.path for r in fast.images] == ["good.jpg", "nan.tif"]  # a header can't show NaN pixels
    verify = scan_folder(bad_folder, ScanConfig(verify=True))
    assert _by_path(verify) == {**expected, "nan.tif": "unsupported_mode"}
    assert [r.path for r in verify.images] == ["good.jpg"]
    assert all(p.message for p in verify.problems)
    assert _by_path(scan_folder(bad_folder, ScanConfig(min_side=4)))["cut.png"] == "truncated"
    assert "tiny.png" not in _by_path(scan_folder(bad_folder, ScanConfig(min_side=4)))


def test_jpeg_with_bytes_after_the_end_marker_is_not_truncated(tmp_path: Path) -> None:
    data = _img(tmp_path / "a.jpg", (40, 40)).read_bytes()
    (tmp_path / "motion_photo.jpg").write_bytes(data + b"\x00\x00\x00\x18ftypmp42" + bytes(range(200)))
    result = scan_folder(tmp_path)
    assert result.problems == ()
    assert len(result.images) == 2


def test_records_relative_posix_paths_with_sizes(tmp_path: Path) -> None:
    long_name = "part " + "x" * 180 + ".png"
    names = ["部品_ワッシャー_001.jpg", "with space/shot 1.png", "a/b/c/deep.jpeg", long_name]
    for i, name in enumerate(names):
        _img(tmp_path / name, (40 + i, 30), seed=i)
    result = scan_folder(tmp_path)
    assert [r.path for r in result.images] == sorted(names)
    rec = {r.path: r for r in result.images}
    assert (rec["with space/shot 1.png"].width, rec["with space/shot 1.png"].height) == (41, 30)
    for r in result.images:
        assert result.absolute(r.path).is_file()
        assert r.size_bytes == result.absolute(r.path).stat().st_size


def test_hidden_skipped_and_extensions_case_insensitive(tmp_path: Path) -> None:
    for name in ("a.JPG", "b.Jpeg", "c.PNG", "d.TiF", "e.WEBP", "f.bmp", "g.tiff"):
        _img(tmp_path / name, fmt="PNG")  # content decides the format, the suffix only selects files
    _img(tmp_path / ".hidden.jpg")
    _img(tmp_path / ".cache" / "x.jpg")
    _img(tmp_path / "h.GIF", fmt="GIF")  # listed as supported: read as its first frame
    _img(tmp_path / "skip.ppm", fmt="PNG")
    (tmp_path / "readme.txt").write_text("hi", encoding="utf-8")
    result = scan_folder(tmp_path)
    assert [r.path for r in result.images] == [
        "a.JPG",
        "b.Jpeg",
        "c.PNG",
        "d.TiF",
        "e.WEBP",
        "f.bmp",
        "g.tiff",
        "h.GIF",
    ]
    assert result.problems == ()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_terminate_and_list_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _img(root / "top.jpg")
    _img(root / "sub" / "inner.jpg", seed=1)
    outside = tmp_path / "outside"
    _img(outside / "far.jpg", seed=2)
    try:
        (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
        (root / "sub" / "self").symlink_to(root / "sub" / "self")
        (root / "sub" / "self.jpg").symlink_to(root / "sub" / "self.jpg")
        (root / "link_a").symlink_to(outside, target_is_directory=True)
        (root / "link_b").symlink_to(outside, target_is_directory=True)
        (root / "dead.jpg").symlink_to(tmp_path / "missing.jpg")
        (root / "inside.jpg").symlink_to(root / "sub" / "inner.jpg")  # links inside the folder are followed
        (root / "z_same_sub").symlink_to(root / "sub", target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    result = scan_folder(root)
    assert [r.path for r in result.images] == ["inside.jpg", "sub/inner.jpg", "top.jpg"]
    assert _by_path(result) == {
        "dead.jpg": "unreadable",
        "sub/self.jpg": "unreadable",
        "link_a": "link_outside",
        "link_b": "link_outside",
    }
    assert {p.path: p.detail for p in result.outside_links()} == {
        "link_a": str(outside.resolve()),
        "link_b": str(outside.resolve()),
    }


def test_duplicates_grouped_and_training_set(tmp_path: Path) -> None:
    a = _img(tmp_path / "a.jpg", seed=1).read_bytes()
    b = _img(tmp_path / "z" / "b.png", seed=2).read_bytes()
    (tmp_path / "a_copy.jpg").write_bytes(a)
    (tmp_path / "z" / "a_again.jpg").write_bytes(a)
    (tmp_path / "b_copy.png").write_bytes(b)
    _img(tmp_path / "unique.jpg", seed=3)
    result = scan_folder(tmp_path)
    assert result.duplicates == (("a.jpg", "a_copy.jpg", "z/a_again.jpg"), ("b_copy.png", "z/b.png"))
    kept = [r.path for r in result.training_images()]
    assert kept == ["a.jpg", "b_copy.png", "unique.jpg"]
    assert result.file_list_hash() == hashlib.sha256("\n".join(kept).encode()).hexdigest()
    assert scan_folder(tmp_path, ScanConfig(find_duplicates=False)).duplicates == ()


def test_json_round_trip_and_shape(bad_folder: Path) -> None:
    result = scan_folder(bad_folder)
    data = result.to_json()
    assert {"root", "images", "problems", "duplicates"} <= set(data)
    assert set(data["images"][0]) >= {"path", "width", "height"}
    assert set(data["problems"][0]) == {"path", "reason", "message"}
    assert ScanResult.from_json(data) == result
    minimal = {
        "root": data["root"],
        "images": [{"path": "x.jpg", "width": 3, "height": 4}],
        "problems": [],
        "duplicates": [],
    }
    assert ScanResult.from_json(minimal).images[0].size_bytes == 0


def test_folder_errors_and_no_usable_image(tmp_path: Path) -> None:
    events: list[object] = []
    with pytest.raises(FolderError, match="does not exist"):
        scan_folder(tmp_path / "missing", on_event=events.append)
    assert [type(e) for e in events] == [RunFinished]
    assert events[0].reason == FinishReason.ERRORED
    with pytest.raises(FolderError, match="not a folder"):
        scan_folder(_img(tmp_path / "file.jpg"))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "broken.jpg").write_bytes(b"")
    result = scan_folder(empty)
    with pytest.raises(FolderError, match="No usable image"):
        result.require_usable()
    assert scan_folder(tmp_path).require_usable() is not None


def test_events_and_threaded_chunks_match_inline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(230):
        _img(tmp_path / f"d{i % 3}" / f"{i:03d}.png", (20, 20), seed=i)
    events: list[object] = []
    monkeypatch.setattr(scan, "WORKERS", 2)
    threaded = scan_folder(tmp_path, on_event=events.append)
    monkeypatch.setattr(scan, "WORKERS", 1)
    inline = scan_folder(tmp_path)
    assert threaded.images == inline.images
    assert len(inline.images) == 230
    progress = [e for e in events if isinstance(e, ScanProgress) and e.total is not None]
    assert progress[-1].done == progress[-1].total == 230
    assert 4 <= len(progress) <= 8
    finished = [e for e in events if isinstance(e, RunFinished)]
    assert len(finished) == 1
    assert finished[0].reason == FinishReason.COMPLETED
    assert finished[0].result == threaded


def test_cancel(tmp_path: Path) -> None:
    for i in range(120):
        _img(tmp_path / f"{i:03d}.png", (20, 20), seed=i)
    control = RunControl()
    events: list[object] = []

    def on_event(ev: object) -> None:
        events.append(ev)
        if isinstance(ev, ScanProgress) and ev.done >= 50:
            control.request_stop()

    with pytest.raises(Cancelled):
        scan_folder(tmp_path, control=control, on_event=on_event)
    finished = [e for e in events if isinstance(e, RunFinished)]
    assert len(finished) == 1
    assert finished[0].reason == FinishReason.CANCELED
    assert max(e.done for e in events if isinstance(e, ScanProgress)) < 120


def test_unreadable_subfolder_is_reported_and_the_rest_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _img(tmp_path / "ok.jpg")
    _img(tmp_path / "locked" / "inside.jpg")
    real_scandir = os.scandir

    def guarded(path: str | os.PathLike[str]) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(scan.os, "scandir", guarded)
    result = scan_folder(tmp_path)
    assert [r.path for r in result.images] == ["ok.jpg"]
    assert _by_path(result) == {"locked": "unreadable"}
    with pytest.raises(FolderError, match="cannot be opened"):
        scan_folder(tmp_path / "locked")


def _snapshot(root: Path) -> list[tuple[str, int, int, int]]:
    return sorted(
        (str(p.relative_to(root)), p.lstat().st_size, p.lstat().st_mtime_ns, p.lstat().st_mode)
        for p in [root, *root.rglob("*")]
    )


def test_read_only_folder_is_never_written(bad_folder: Path) -> None:
    _img(bad_folder / "sub" / "copy.jpg", seed=7)
    (bad_folder / "sub" / "dup.jpg").write_bytes((bad_folder / "sub" / "copy.jpg").read_bytes())
    folders = [bad_folder, bad_folder / "sub"]
    for d in folders:
        d.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        before = _snapshot(bad_folder)
        result = scan_folder(bad_folder, ScanConfig(verify=True))
        after = _snapshot(bad_folder)
    finally:
        for d in folders:
            d.chmod(stat.S_IRWXU)
    assert before == after
    assert result.duplicates == (("sub/copy.jpg", "sub/dup.jpg"),)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_named_as_such_and_never_opened(tmp_path: Path) -> None:
    import socket

    _img(tmp_path / "ok.png")
    os.mkfifo(tmp_path / "pipe.jpg")
    os.mkfifo(tmp_path / "plain_fifo")  # not an image name: ignored like any other such file
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.png"))
    (tmp_path / "pipe_link.png").symlink_to(tmp_path / "pipe.jpg")  # a link inside the folder to a FIFO
    try:
        result = scan_folder(tmp_path)
    finally:
        sock.close()
    assert [r.path for r in result.images] == ["ok.png"]
    assert {p.path: (p.reason, p.detail) for p in result.problems} == {
        "pipe.jpg": ("special_file", "fifo"),
        "pipe_link.png": ("special_file", "fifo"),
        "sock.png": ("special_file", "socket"),
    }
    assert "named pipe" in result.problems[0].message


def test_non_utf8_file_and_folder_names_are_scanned(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/" + "部品".encode("shift_jis")
    os.mkdir(raw)
    _img(Path(os.fsdecode(raw + b"/" + "写真.png".encode("shift_jis"))))
    result = scan_folder(tmp_path)
    assert [os.fsencode(r.path) for r in result.images] == ["部品/写真.png".encode("shift_jis")]
    assert ScanResult.from_json(json.loads(json.dumps(result.to_json()))) == result
