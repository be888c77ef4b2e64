"""Keep/reject decisions: stored outside the image folder, atomic, keyed by relative path, changes noticed."""

from __future__ import annotations

import json
import os

import pytest

from badbatch_gui.core.paths import app_paths, folder_key
from badbatch_gui.core.scoring.decisions import SCHEMA, DecisionStore


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "images"
    (d / "sub").mkdir(parents=True)
    for name in ("a.png", "b.png", "sub/c.png"):
        (d / name).write_bytes(b"x" * 10)
    return d


def test_round_trip_outside_the_image_folder(folder):
    store = DecisionStore.load(folder)
    assert len(store) == 0
    store.set_image("b.png", "reject")
    store.set_image(folder / "sub" / "c.png", "reject")  # absolute path inside the folder
    store.set_image("a.png", "keep")
    path = store.save()
    assert path == app_paths().decisions_dir / f"{folder_key(folder)}.json"
    assert not any(p.suffix == ".json" for p in folder.rglob("*"))  # nothing written next to the images
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA
    assert data["images"]["b.png"]["size_bytes"] == 10

    again = DecisionStore.load(folder)
    assert again.rejected_paths() == ("b.png", "sub/c.png")
    assert again.kept_paths() == ("a.png",)
    assert again.get("a.png") == "keep" and again.get("sub/c.png") == "reject"
    assert again.get("nothing.png") is None


def test_set_batch_and_forget(folder):
    store = DecisionStore.load(folder)
    store.set_batch(["a.png", "b.png"], "reject")
    assert store.rejected_paths() == ("a.png", "b.png")
    store.set_batch(["a.png"], None)
    assert store.rejected_paths() == ("b.png",)
    store.set_image("b.png", "keep")
    assert store.rejected_paths() == ()
    with pytest.raises(ValueError):
        store.set_image("a.png", "maybe")


def test_paths_outside_the_folder_are_refused(folder, tmp_path):
    store = DecisionStore(folder)
    with pytest.raises(ValueError):
        store.set_image("../escape.png", "reject")
    with pytest.raises(ValueError):
        store.set_image(tmp_path / "elsewhere.png", "reject")


def test_changed_file_is_noticed(folder):
    store = DecisionStore.load(folder)
    store.set_batch(["a.png", "b.png"], "reject")
    store.save()
    (folder / "a.png").write_bytes(b"different content, longer")
    os.unlink(folder / "b.png")
    assert DecisionStore.load(folder).stale_paths() == ("a.png", "b.png")


def test_damaged_file_is_set_aside(folder):
    store = DecisionStore.load(folder)
    store.file.parent.mkdir(parents=True, exist_ok=True)
    store.file.write_text("{not json", encoding="utf-8")
    loaded = DecisionStore.load(folder)
    assert len(loaded) == 0
    assert store.file.with_name(store.file.name + ".damaged").exists()
    loaded.set_image("a.png", "reject")
    loaded.save()
    assert DecisionStore.load(folder).rejected_paths() == ("a.png",)


def test_save_leaves_no_temporary_files(folder):
    store = DecisionStore.load(folder)
    for i in range(3):
        store.set_image("a.png", "reject" if i % 2 else "keep")
        store.save()
    assert sorted(p.name for p in store.file.parent.iterdir()) == [store.file.name]
