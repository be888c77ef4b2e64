"""set_aside keeps every damaged version: numbered backups, never one over another."""

from __future__ import annotations

from badbatch_gui.core.atomic_files import set_aside
from badbatch_gui.core.settings import AppSettings, load_settings


def test_set_aside_numbers_backups_and_never_overwrites(tmp_path):
    target = tmp_path / "settings.json"
    seen = []
    for version in range(3):
        target.write_text(f"damage {version}", encoding="utf-8")
        seen.append(set_aside(target))
        assert not target.exists()
    assert [p.name for p in seen] == ["settings.json.broken", "settings.json.broken.1", "settings.json.broken.2"]
    assert [p.read_text(encoding="utf-8") for p in seen] == ["damage 0", "damage 1", "damage 2"]


def test_a_second_damaged_settings_file_keeps_the_first_backup(tmp_path):
    path = tmp_path / "settings.json"
    for text in ("{not json", "[1, 2"):
        path.write_text(text, encoding="utf-8")
        assert load_settings(path) == AppSettings()
    backups = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.json.broken*"))
    assert backups == ["[1, 2", "{not json"]


def test_set_aside_moves_a_folder_whole_under_numbered_names(tmp_path):
    run = tmp_path / "run"
    for i in range(3):
        (run / "sub").mkdir(parents=True)
        (run / "sub" / "metrics.jsonl").write_text(f"run {i}")
        kept = set_aside(run, "previous")
        assert kept == tmp_path / ("run.previous" if i == 0 else f"run.previous.{i}")
        assert not run.exists()
    assert [
        (tmp_path / n / "sub" / "metrics.jsonl").read_text()
        for n in ("run.previous", "run.previous.1", "run.previous.2")
    ] == ["run 0", "run 1", "run 2"]


def test_keep_copy_leaves_the_file_and_never_overwrites_a_backup(tmp_path):
    from badbatch_gui.core.atomic_files import keep_copy

    f = tmp_path / "decisions.json"
    f.write_text("first")
    assert keep_copy(f) == tmp_path / "decisions.json.broken"
    f.write_text("second")
    assert keep_copy(f) == tmp_path / "decisions.json.broken.1"
    assert f.read_text() == "second"
    assert (tmp_path / "decisions.json.broken").read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "decisions.json",
        "decisions.json.broken",
        "decisions.json.broken.1",
    ]
