"""Paths follow BADBATCH_HOME; settings round-trip and survive a broken file; configs validate in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from badbatch_gui.core.config import ScoreConfig, TrainConfig, train_preset
from badbatch_gui.core.errors import ConfigError
from badbatch_gui.core.paths import app_paths, folder_key, is_inside
from badbatch_gui.core.settings import MAX_RECENT, AppSettings, load_settings, save_settings


def test_badbatch_home_puts_every_folder_under_it(badbatch_home: Path) -> None:
    p = app_paths().ensure()
    for folder in (
        p.config_dir,
        p.data_dir,
        p.cache_dir,
        p.log_dir,
        p.runs_dir,
        p.exports_dir,
        p.decisions_dir,
        p.thumbnails_dir.parent,
    ):
        assert is_inside(folder, badbatch_home), folder
        assert folder.is_dir()


def test_folder_key_is_stable_and_distinct(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert folder_key(a) == folder_key(tmp_path / "x" / ".." / "a")
    assert folder_key(a) != folder_key(b)


def test_settings_round_trip_and_recent_list(tmp_path: Path) -> None:
    s = AppSettings()
    for i in range(MAX_RECENT + 3):
        s.add_recent(f"/data/{i}")
    s.add_recent("/data/5")
    s.language = "ja"
    path = tmp_path / "settings.json"
    save_settings(s, path)
    back = load_settings(path)
    assert back.recent_folders[0] == "/data/5"
    assert len(back.recent_folders) == MAX_RECENT
    assert back.recent_folders.count("/data/5") == 1
    assert back.language == "ja"
    assert back.version == 2


def test_a_version_1_settings_file_moves_to_the_new_default_check_mode(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "score_mode": "views"}), encoding="utf-8")
    assert load_settings(path).score_mode == "reference"  # version 1 saved its own default, not a choice
    path.write_text(json.dumps({"version": 2, "score_mode": "views"}), encoding="utf-8")
    assert load_settings(path).score_mode == "views"  # chosen with version 2: kept
    assert AppSettings().score_mode == "reference"
    assert AppSettings().leave_out_flagged is True


def test_broken_settings_file_gives_defaults_and_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    s = load_settings(path)
    assert s == AppSettings()
    assert (tmp_path / "settings.json.broken").read_text(encoding="utf-8") == "{not json"


def test_settings_ignore_unknown_keys_and_wrong_types(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": 5, "score_batch_size": 64, "future_key": 1}), encoding="utf-8")
    s = load_settings(path)
    assert s.language == ""
    assert s.score_batch_size == 64


def test_damaged_settings_values_fall_back_one_by_one_and_the_file_is_not_set_aside(tmp_path: Path, caplog) -> None:
    path = tmp_path / "settings.json"
    deep = "[" * 300 + "]" * 300
    path.write_text(
        '{"language": [1], "score_batch_size": 1e999, "recent_folders": [1, "/a", [2], "b\\u0000c"], '
        f'"last_folder": {deep}, "train_preset": "standard", "leave_out_flagged": 0, "score_mode": 7}}',
        encoding="utf-8",
    )
    s = load_settings(path)
    assert (s.language, s.score_batch_size, s.recent_folders, s.last_folder) == ("", 32, [], None)
    assert s.train_preset == "standard"
    assert s.leave_out_flagged is True
    assert s.score_mode == "reference"
    assert path.exists()
    assert not (tmp_path / "settings.json.broken").exists()
    assert "ignoring" in caplog.text
    assert "language" in caplog.text
    path.write_text('{"recent_folders": ["/a", 1, "/b"]}', encoding="utf-8")
    assert load_settings(path).recent_folders == []  # a list with a wrong item is dropped as a whole
    path.write_text('{"language": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert load_settings(path) == AppSettings()  # too deep to read at all: set aside, kept
    assert (tmp_path / "settings.json.broken").stat().st_size > 200_000


def test_configs_validate_in_plain_words() -> None:
    with pytest.raises(ConfigError, match="batch size"):
        TrainConfig(batch_size=1).validate()
    with pytest.raises(ConfigError, match="scoring mode"):
        ScoreConfig(mode="bogus").validate()
    with pytest.raises(ConfigError, match="threshold value"):
        ScoreConfig(policy="fixed").validate()
    cfg = train_preset("quick_check", seed=3)
    assert cfg.seed == 3
    assert cfg.epochs == 2
    assert TrainConfig.from_dict(json.loads(json.dumps(cfg.to_dict()))) == cfg
    with pytest.raises(ConfigError):
        train_preset("nonexistent")
    for bad in (
        {"batch_size": "8"},
        {"lr": 1e999},
        {"epochs": True},
        {"proj_dim": 10**9},
        {"seed": 2**70},
        {"exclude": [1]},
        {"curate": "yes"},
    ):
        with pytest.raises(ConfigError) as info:
            TrainConfig.from_dict(bad)
        assert info.value.code.startswith("config_")


def test_settings_recorded_before_a_new_setting_keep_their_old_meaning():
    """A run recorded before stem/decay_scope/chain_scores existed resumes with what it trained with; the old name
    chain_scores (stale / fresh / fresh_old) reads as emc2_variant (official / stored_scores / stored).
    """
    old = {
        k: v
        for k, v in TrainConfig(image_size=32).to_dict().items()
        if k not in ("stem", "decay_scope", "emc2_variant")
    }
    recorded = TrainConfig.from_record(old)
    assert (recorded.stem, recorded.decay_scope, recorded.emc2_variant) == ("imagenet", "all", "official")
    new = TrainConfig.from_dict(old)  # settings given now (CLI options, a settings file) get today's defaults
    assert (new.stem, new.decay_scope, new.emc2_variant) == ("imagenet", "matrices", TrainConfig().emc2_variant)
    for name, now in (("stale", "official"), ("fresh", "stored_scores"), ("fresh_old", "stored")):
        assert TrainConfig.from_record({**old, "chain_scores": name}).emc2_variant == now
        assert TrainConfig.from_dict({"chain_scores": name}).emc2_variant == now
    assert TrainConfig.from_record(TrainConfig().to_dict()) == TrainConfig()
