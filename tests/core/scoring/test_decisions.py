"""Keep/reject decisions: stored outside the image folder, atomic, keyed by relative path, changes noticed."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from badbatch_gui.core.paths import app_paths, folder_key
from badbatch_gui.core.scoring.decisions import SCHEMA, DecisionStore


def _load(folder):
    return DecisionStore.load(folder, app_paths().decisions_file(folder))


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "images"
    (d / "sub").mkdir(parents=True)
    for name in ("a.png", "b.png", "sub/c.png"):
        (d / name).write_bytes(b"x" * 10)
    return d


def test_round_trip_outside_the_image_folder(folder):
    store = _load(folder)
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

    again = _load(folder)
    assert again.rejected_paths() == ("b.png", "sub/c.png")
    assert again.kept_paths() == ("a.png",)
    assert again.get("a.png") == "keep"
    assert again.get("sub/c.png") == "reject"
    assert again.get("nothing.png") is None


def test_set_batch_and_forget(folder):
    store = _load(folder)
    store.set_batch(["a.png", "b.png"], "reject")
    assert store.rejected_paths() == ("a.png", "b.png")
    store.set_batch(["a.png"], None)
    assert store.rejected_paths() == ("b.png",)
    store.set_image("b.png", "keep")
    assert store.rejected_paths() == ()
    with pytest.raises(ValueError, match="decision must be"):
        store.set_image("a.png", "maybe")


def test_paths_outside_the_folder_are_refused(folder, tmp_path):
    store = DecisionStore(folder, app_paths().decisions_file(folder))
    with pytest.raises(ValueError, match="is not a file inside"):
        store.set_image("../escape.png", "reject")
    with pytest.raises(ValueError, match="is not inside"):
        store.set_image(tmp_path / "elsewhere.png", "reject")


def test_changed_file_is_noticed(folder):
    store = _load(folder)
    store.set_batch(["a.png", "b.png"], "reject")
    store.save()
    (folder / "a.png").write_bytes(b"different content, longer")
    os.unlink(folder / "b.png")
    assert _load(folder).stale_paths() == ("a.png", "b.png")


def _write(store: DecisionStore, text: str | bytes) -> None:
    store.file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        store.file.write_text(text, encoding="utf-8")
    else:
        store.file.write_bytes(text)


@pytest.mark.parametrize(
    "damaged",
    [
        "{not json",
        b"\xff\xfe\x00 not text",
        "[1, 2]",
        '{"images": [1]}',
        '{"schema": "one", "images": {}}',
        "[" * 100_000 + "]" * 100_000,
    ],
)
def test_a_damaged_file_is_set_aside_under_numbered_names_and_said(folder, damaged):
    store = DecisionStore(folder, app_paths().decisions_file(folder))
    backups = []
    for _ in range(3):  # damaged three times: three backups, none overwritten
        _write(store, damaged)
        loaded = _load(folder)
        assert len(loaded) == 0
        assert loaded.damage is not None
        assert loaded.damage.kind == "file_set_aside"
        backups.append(loaded.damage.backup)
        assert "kept as" in loaded.damage.message()
        assert str(loaded.damage.backup) in loaded.damage.message()
        assert not store.file.exists()
    suffix = store.file.name
    assert [b.name for b in backups] == [f"{suffix}.broken", f"{suffix}.broken.1", f"{suffix}.broken.2"]
    assert all(b.exists() for b in backups)
    loaded = _load(folder)
    assert loaded.damage is None  # nothing left to complain about
    loaded.set_image("a.png", "reject")
    loaded.save()
    assert _load(folder).rejected_paths() == ("a.png",)


GOOD = {
    "decision": "reject",
    "size_bytes": 10,
    "mtime_ns": 5,
    "updated": "2024-01-01T00:00:00Z",
    "reasons": ["dark"],
    "automatic": False,
}  # the operator's (no "automatic": an older app's own)


@pytest.mark.parametrize(
    "bad_entry",
    [
        {"decision": "maybe"},
        {"decision": "reject", "size_bytes": -1},
        {"decision": "reject", "size_bytes": "10"},
        {"decision": "reject", "size_bytes": True},
        {"decision": "keep", "mtime_ns": 2**70},
        {"decision": "reject", "reasons": "dark"},
        {"decision": "reject", "reasons": [1]},
        {"decision": "reject", "reasons": ["x" * 500]},
        {"decision": "reject", "updated": 5},
        [1],
        None,
        "reject",
    ],
)
def test_one_bad_entry_loses_only_itself(folder, bad_entry):
    store = DecisionStore(folder, app_paths().decisions_file(folder))
    images = {
        "a.png": GOOD,
        "sub/c.png": {**GOOD, "reasons": []},
        "b.png": bad_entry,
        "../outside.png": GOOD,
        "/abs.png": GOOD,
    }
    _write(store, json.dumps({"schema": SCHEMA, "images": images}))
    original = store.file.read_bytes()
    loaded = _load(folder)
    assert loaded.rejected_paths() == ("a.png", "sub/c.png")
    assert loaded.entry("a.png").reasons == ("dark",)
    assert loaded.entry("a.png").size_bytes == 10
    damage = loaded.damage
    assert damage is not None
    assert damage.kind == "entries_dropped"
    assert damage.dropped == 3
    assert damage.kept == 2
    assert "3 damaged entries" in damage.message()
    assert "the other 2 decisions are used" in damage.message()
    assert store.file.read_bytes() == original  # reading changes nothing
    loaded.set_image("a.png", "keep")
    loaded.save()  # the damaged version is kept first, under the numbered name
    backup = store.file.with_name(store.file.name + ".broken")
    assert backup.read_bytes() == original
    assert _load(folder).damage is None
    assert _load(folder).decisions() == {"a.png": "keep", "sub/c.png": "reject"}


def test_an_unreadable_file_is_left_alone_and_said(folder, monkeypatch):
    from pathlib import Path

    store = DecisionStore(folder, app_paths().decisions_file(folder))
    _write(store, json.dumps({"schema": SCHEMA, "images": {"a.png": GOOD}}))
    real = Path.read_bytes

    def refuse(self):
        if self == store.file:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    loaded = _load(folder)
    assert len(loaded) == 0
    assert loaded.damage.kind == "unreadable"
    assert store.file.exists()
    assert "permission denied" in loaded.damage.message()


def test_save_leaves_no_temporary_files(folder):
    store = _load(folder)
    for i in range(3):
        store.set_image("a.png", "reject" if i % 2 else "keep")
        store.save()
    assert sorted(p.name for p in store.file.parent.iterdir()) == [store.file.name]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    images=st.dictionaries(st.text(max_size=30), json_values, max_size=6) | json_values,
    schema=st.one_of(st.just(SCHEMA), json_values),
)
def test_any_json_gives_valid_decisions_or_a_plain_damage_report(tmp_path_factory, images, schema):
    from badbatch_gui.core.scoring.decisions_file import read_decisions, valid_key

    file = tmp_path_factory.mktemp("d") / "decisions.json"
    file.write_text(json.dumps({"schema": schema, "images": images}), encoding="utf-8")
    entries, damage = read_decisions(file, SCHEMA)  # never raises
    assert all(valid_key(k) and e.decision in ("keep", "reject") for k, e in entries.items())
    if damage is not None:
        assert damage.message()
        assert "Traceback" not in damage.message()
        assert damage.kind in ("file_set_aside", "entries_dropped")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_any_bytes_give_a_plain_damage_report(tmp_path_factory, raw):
    from badbatch_gui.core.scoring.decisions_file import read_decisions

    file = tmp_path_factory.mktemp("d") / "decisions.json"
    file.write_bytes(raw)
    entries, damage = read_decisions(file, SCHEMA)
    assert damage is None or damage.message()
