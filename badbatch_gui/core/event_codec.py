"""Events as JSON objects, and back: how a training process started by another program reports progress.

``badbatch train ... --progress jsonl`` prints one :func:`to_json` object per line on stdout; the GUI's
multi-GPU worker reads the lines back with :func:`from_json` and relays the same event objects a
single-process run would send. Format: ``{"event": <class name in core.events>, <field>: <value>...}``;
enums are stored by value, a RunFinished ``result`` by its ``to_dict()`` (a plain dict when read back),
NaN as the JSON extension ``NaN`` (Python's json reads it).
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any

from badbatch_gui.core import events as ev
from badbatch_gui.core.errors import RecordError
from badbatch_gui.core.json_checks import parse_json

_ENUMS: dict[str, type[enum.Enum]] = {"RunState": ev.RunState, "FinishReason": ev.FinishReason}
_TYPES = {
    cls.__name__: cls
    for cls in (
        ev.StateChanged,
        ev.Progress,
        ev.ScanProgress,
        ev.BatchScored,
        ev.Notice,
        ev.StepMetrics,
        ev.EpochEnded,
        ev.CheckpointSaved,
        ev.RunFinished,
    )
}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


def to_json(event: object) -> str | None:
    """One line of JSON for a core event (None for objects that are not core events)."""
    name = type(event).__name__
    if name not in _TYPES or not isinstance(event, _TYPES[name]):
        return None
    data = {"event": name}
    for f in dataclasses.fields(event):
        data[f.name] = _plain(getattr(event, f.name))
    return json.dumps(data, default=str)


def from_json(line: str) -> object | None:
    """The event a :func:`to_json` line stands for; None for a line that is not one (other output)."""
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        data = parse_json(line, "event line")
    except RecordError:
        return None
    name = data.get("event") if isinstance(data, dict) else None
    cls = _TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        return None
    kwargs: dict[str, Any] = {}
    try:
        for f in dataclasses.fields(cls):
            if f.name in data:
                value = data[f.name]
                enum_cls = _ENUMS.get(str(f.type))
                kwargs[f.name] = enum_cls(value) if enum_cls is not None and value is not None else value
        return cls(**kwargs)
    except (TypeError, ValueError):
        return None
