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
