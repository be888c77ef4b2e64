"""Every reader of a JSON file the app did not just write itself, fed any JSON and any bytes (Hypothesis): the result
is a valid value or a clear error (a BadBatchError subclass), never another exception, never a hang.

Readers: settings, run records (run.json through the run list and the model card, metrics lines), checkpoint plain
values (resume), export metadata (the encoder reader), cache indexes, the control file and event lines, configs.
The decisions file has its own reader, tested with its owner's change (core/scoring/decisions.py).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import torch
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from badbatch_gui.core.atomic_files import json_safe
from badbatch_gui.core.config import ScoreConfig, TrainConfig
from badbatch_gui.core.errors import BadBatchError, CheckpointError, ConfigError, ExportError, RecordError
from badbatch_gui.core.event_codec import from_json
from badbatch_gui.core.json_checks import JsonObject, parse_json
from badbatch_gui.core.settings import AppSettings, load_settings
from badbatch_gui.core.training.run_folder import runs
from badbatch_gui.core.training.run_folder.control_file import ControlFileReader
from badbatch_gui.core.training.run_folder.run_json import STATUSES, clean_run_record

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

ODD_NUMBERS = st.sampled_from(
    [10**400, -(10**400), 2**63, -(2**63) - 1, 1e308, -1e308, math.inf, -math.inf, math.nan, -1, 0, 1, 0.5, True, False]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | ODD_NUMBERS
    | st.text(max_size=12)
    | st.sampled_from(["", "\x00", "\udc8e", "../../etc", "emc2", "completed"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=16,
)
DEEP = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n) | st.integers(1, 3000).map(
    lambda n: '{"a":' * n + "1" + "}" * n
)


def _objects(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects holding some of ``keys`` (the fields a reader knows) with any JSON values, plus unknown keys."""
    return st.builds(
        lambda known, other: {**other, **known},
        st.fixed_dictionaries({}, optional={k: JSON for k in keys}),
        st.dictionaries(st.text(max_size=6), JSON, max_size=2),
    )


def _text(value: Any) -> str:
    return (
        json.dumps(value, allow_nan=True, ensure_ascii=False)
        .encode("utf-8", "surrogatepass")
        .decode("utf-8", "replace")
    )


FILE_CONTENTS = st.binary(max_size=300) | DEEP.map(str.encode) | JSON.map(lambda v: _text(v).encode("utf-8"))


# ------------------------------------------------------------------------------------------------- parsing
@FAST
@given(FILE_CONTENTS)
@example(b"[" * 100_000)
@example(b'{"a": ' * 50_000)
@example(b"1" * 5000)
def test_parse_json_gives_a_value_or_a_record_error(data: bytes) -> None:
    try:
        parse_json(data, "x.json")
    except RecordError as exc:
        assert exc.code in ("json_unreadable", "json_too_deep")


@FAST
@given(JSON, st.sampled_from(["integer", "number", "text", "flag", "texts", "counts", "child", "value"]))
def test_json_object_reads_are_typed_or_refused(data: Any, kind: str) -> None:
    lenient = JsonObject({"k": data}, "x.json")
    read = {
        "integer": lambda d: d.integer("k", None, 0, 10),
        "number": lambda d: d.number("k", None, 0, 1),
        "text": lambda d: d.text("k", None, 5),
        "flag": lambda d: d.flag("k", None),
        "texts": lambda d: d.texts("k", None, 3, 5),
        "counts": lambda d: d.counts("k"),
        "child": lambda d: d.child("k").data,
        "value": lambda d: d.value("k", None, 2),
    }[kind]
    got = read(lenient)
    if kind == "integer" and got is not None:
        assert type(got) is int
        assert 0 <= got <= 10
    if kind == "number" and got is not None:
        assert isinstance(got, float)
        assert 0 <= got <= 1
    if kind == "texts" and got is not None:
        assert all(isinstance(s, str) for s in got)
    try:
        read(JsonObject({"k": data}, "x.json", strict=True))
    except RecordError as exc:
        assert exc.code == "bad_value"
        assert exc.values["key"] == "k" or kind in ("counts", "child")


# ------------------------------------------------------------------------------------------------- settings
SETTINGS_KEYS = [f for f in AppSettings().to_dict()]


@FAST
@given(FILE_CONTENTS | _objects(SETTINGS_KEYS).map(lambda d: _text(d).encode("utf-8")))
def test_settings_from_any_bytes_are_valid_settings(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("s") / "settings.json"
    path.write_bytes(data)
    s = load_settings(path)
    assert s.language in ("", "en", "ja")
    assert s.score_mode in ("views", "original", "reference")
    assert type(s.score_batch_size) is int
    assert 2 <= s.score_batch_size <= 4096
    assert all(type(f) is str and f and "\x00" not in f for f in s.recent_folders)
    assert len(s.recent_folders) <= 10
    assert s.last_folder is None or type(s.last_folder) is str
    assert type(s.leave_out_flagged) is bool
    assert type(s.show_first_run_demo) is bool
    json.dumps(s.to_dict())  # what the window saves again
    if not path.exists():  # set aside only when it was not a JSON object at all: the bytes are kept
        assert (path.parent / "settings.json.broken").read_bytes() == data


# ------------------------------------------------------------------------------------------------- configs
@FAST
@given(_objects([f for f in TrainConfig().to_dict()]))
def test_train_config_from_any_json_is_valid_or_a_config_error(data: dict[str, Any]) -> None:
    try:
        cfg = TrainConfig.from_record(data)
    except ConfigError:
        return
    assert math.isfinite(cfg.lr)
    assert 1 <= cfg.proj_dim <= 8192
    assert 2 <= cfg.batch_size <= 4096


@FAST
@given(_objects([f for f in ScoreConfig().to_dict()]))
def test_score_config_from_any_json_is_valid_or_a_config_error(data: dict[str, Any]) -> None:
    try:
        ScoreConfig.from_dict(data)
    except ConfigError:
        pass


# ------------------------------------------------------------------------------------------------- run records
RUN_KEYS = [
    "status",
    "config",
    "summary",
    "left_out",
    "started",
    "finished",
    "folder",
    "reason_message",
    "resumed",
    "n_images",
    "schema",
    "file_list_hash",
    "nonfinite_batch",
    "world_size",
]
SUMMARY_KEYS = [
    "train_time_s",
    "peak_memory_bytes",
    "images_used",
    "samples_seen",
    "rejected_batches",
    "final_loss",
    "memory_kind",
    "batch_size_changes",
    "epochs_done",
    "device",
]
RUN_JSON = _objects(RUN_KEYS).flatmap(
    lambda d: st.builds(
        lambda s, lo: {**d, "summary": s, "left_out": lo},
        _objects(SUMMARY_KEYS) | JSON,
        _objects(["count", "by_hand", "by_reason"]) | JSON,
    )
)


@FAST
@given(RUN_JSON | JSON)
def test_clean_run_record_types_every_known_field(data: Any) -> None:
    rec = clean_run_record(data)
    assert rec["status"] in STATUSES
    assert isinstance(rec["config"], dict)
    assert isinstance(rec["summary"], dict)
    for key, value in rec["summary"].items():
        if key == "batch_size_changes":
            assert all(isinstance(c, dict) for c in value)
        elif key in ("memory_kind", "status", "device", "precision", "run_dir", "headline"):
            assert isinstance(value, str)
        else:
            assert isinstance(value, (int, float))
            assert not isinstance(value, bool)
            assert math.isfinite(value)
    if rec["left_out"]:
        assert all(type(v) is int and v >= 0 for v in (rec["left_out"]["count"], rec["left_out"]["by_hand"]))
    json.dumps(json_safe(rec), allow_nan=False)  # can be written back (run.json updates clean NaN away)


def _run_folder(base: Path, run_json: bytes, metrics: bytes, images: bytes) -> Path:
    run_dir = base / "runs" / "r"
    run_dir.mkdir(parents=True)
    (run_dir / runs.RUN_JSON).write_bytes(run_json)
    (run_dir / runs.METRICS_JSONL).write_bytes(metrics)
    (run_dir / runs.IMAGES_JSON).write_bytes(images)
    return run_dir


@SLOW
@given(
    RUN_JSON.map(lambda d: _text(d).encode()) | FILE_CONTENTS,
    st.lists(
        FILE_CONTENTS | _objects(["step", "event", "loss", "lr", "epoch"]).map(lambda d: _text(d).encode()), max_size=4
    ).map(b"\n".join),
    FILE_CONTENTS | _objects(["root", "paths"]).map(lambda d: _text(d).encode()),
)
def test_a_damaged_run_folder_lists_exports_a_card_or_says_why(
    tmp_path_factory: pytest.TempPathFactory, run_json: bytes, metrics: bytes, images: bytes
) -> None:
    from badbatch_gui.core.export.model_card import curation_summary, final_metrics, key_figures, read_run

    base = tmp_path_factory.mktemp("run")
    run_dir = _run_folder(base, run_json, metrics, images)
    other = _run_folder(base / "other", b'{"status": "completed", "started": "2026"}', b"", b"{}")
    listed = runs.list_runs(base / "runs")  # the list still shows every other run
    assert [i.run_dir for i in runs.list_runs(other.parent)] == [other]
    assert all(i.status in STATUSES for i in listed)
    curves = runs.read_metrics(run_dir)
    assert all(c.dtype.kind == "f" for c in curves.values())
    runs.truncate_jsonl(run_dir / runs.METRICS_JSONL, 3)
    try:
        rec = read_run(run_dir)
    except ExportError:
        return
    json.dumps([key_figures(rec), curation_summary(rec), final_metrics(rec)], default=str)


# ------------------------------------------------------------------------------------------------- checkpoints
POSITION_KEYS = [
    "epoch",
    "images_in_epoch",
    "step",
    "opt_steps",
    "samples_seen",
    "rejected",
    "epoch_loss_sum",
    "last_loss",
    "batch_size_changes",
    "train_time_s",
    "peak_memory",
]
CKPT = st.fixed_dictionaries(
    {
        "schema": st.sampled_from([2, 3]) | JSON,
        "position": _objects(POSITION_KEYS) | JSON,
        "batch_size": st.integers(-5, 10) | JSON,
        "config": _objects(["method", "batch_size", "image_size"]) | JSON,
    },
    optional={k: JSON for k in ("model", "optimizer", "scheduler", "curation", "file_list_hash", "dataset_hash")},
)


def _plain(value: Any, depth: int = 0) -> Any:
    """A value torch.save / weights-only load keep as it is (big ints become floats)."""
    if isinstance(value, int) and not isinstance(value, bool) and not -(2**63) <= value < 2**63:
        return float("inf")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@SLOW
@given(CKPT, FILE_CONTENTS)
def test_resume_reads_any_checkpoint_values_or_refuses_plainly(
    tmp_path_factory: pytest.TempPathFactory, state: dict[str, Any], images: bytes
) -> None:
    from badbatch_gui.core.training.loop.training_parts import _position, load_resume_state

    run_dir = tmp_path_factory.mktemp("ck")
    torch.save(_plain(state), run_dir / runs.CHECKPOINT)
    (run_dir / runs.IMAGES_JSON).write_bytes(images)
    try:
        got = load_resume_state(run_dir)
    except CheckpointError:
        return
    position, batch_size = _position(got)
    assert batch_size >= 1
    assert position.step >= 0
    assert got["image_paths"] is None or all(isinstance(p, str) for p in got["image_paths"])


@SLOW
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "architecture": _objects(["backbone", "norm", "stem", "hidden_dim", "proj_dim", "input_size"]) | JSON,
            "image_size": JSON,
            "config": _objects(["backbone", "proj_dim", "image_size"]) | JSON,
        },
    )
)
@example(
    {"architecture": {"backbone": "resnet18", "norm": "group", "proj_dim": 10**12, "hidden_dim": 512}, "image_size": 64}
)
@example({"architecture": {"backbone": "resnet18", "norm": "group", "proj_dim": -5}, "image_size": 10**9})
def test_checkpoint_descriptions_are_checked_before_building(desc: dict[str, Any]) -> None:
    from badbatch_gui.core.nets.encoder_io import checkpoint_description

    try:
        found = checkpoint_description(desc)
    except CheckpointError as exc:
        assert exc.code == "bad_value"
        return
    if found is not None:
        arch, size = found
        assert size is None or 16 <= size <= 512
        assert all(1 <= arch[k] <= 8192 for k in ("hidden_dim", "proj_dim") if arch.get(k) is not None)


# ------------------------------------------------------------------------------------------------- export metadata
META_TEXT = (
    st.text(max_size=40)
    | DEEP
    | JSON.map(_text)
    | _objects(["backbone", "norm", "stem", "hidden_dim", "proj_dim", "feature_dim"]).map(_text)
)


@SLOW
@given(META_TEXT, META_TEXT | _objects(["input_size"]).map(_text))
@example(
    json.dumps({"backbone": "resnet18", "norm": "group", "stem": "imagenet", "hidden_dim": 512, "proj_dim": 2**40}),
    json.dumps({"input_size": 64}),
)
@example(
    json.dumps({"backbone": "resnet18", "norm": "group", "stem": "imagenet", "hidden_dim": 512, "proj_dim": 128}),
    json.dumps({"input_size": 10**9}),
)
@example(
    json.dumps({"backbone": "resnet18", "norm": "group", "stem": "imagenet", "hidden_dim": 512, "proj_dim": 128}),
    json.dumps({"input_size": -3}),
)
def test_export_metadata_is_checked_before_allocating(
    tmp_path_factory: pytest.TempPathFactory, arch: str, prep: str
) -> None:
    from safetensors.torch import save_file

    from badbatch_gui.core.nets.encoder_io import FORMAT, load_encoder

    folder = tmp_path_factory.mktemp("exp")
    save_file(
        {"backbone.body.conv1.weight": torch.zeros(2, 3, 1, 1)},
        str(folder / "encoder.safetensors"),
        metadata={"format": FORMAT, "architecture": arch, "preprocessing": prep},
    )
    with pytest.raises(BadBatchError):  # these weights never fit: the reader must say so plainly
        load_encoder(folder)


# ------------------------------------------------------------------------------------------------- small readers
@FAST
@given(FILE_CONTENTS)
def test_cache_index_control_file_and_event_lines(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from badbatch_gui.core.data.decoded_store import DecodedStore

    folder = tmp_path_factory.mktemp("c")
    (folder / "control.json").write_bytes(data)
    stop, pause = ControlFileReader().read(folder)
    assert type(stop) is bool
    assert type(pause) is bool
    from_json(data.decode("utf-8", "replace"))
    store = DecodedStore(folder, folder, 32, 4)
    store.dir.mkdir(parents=True)
    (store.dir / "seg-0.json").write_bytes(data)
    assert len(DecodedStore(folder, folder, 32, 4)) >= 0


@FAST
@given(JSON)
def test_decoded_store_index_entries(items: Any) -> None:
    from badbatch_gui.core.data.decoded_store import _index_entries

    try:
        entries = _index_entries(items, "seg")
    except RecordError:
        return
    assert all(isinstance(k, str) and all(isinstance(v, int) for v in e.identity) for k, e in entries.items())
