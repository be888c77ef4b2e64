"""What an inspection's report says: a checked folder of new photos (Qt-free; ``gui/report/inspect_pdf.py`` draws it).

From a finished check (``inspect.check_result.CheckResult``, the same object the Inspect page shows): the counts per
verdict, the threshold with the false-alarm rate it stands for, and the most unusual photos with their scores, heat
maps (the page's colour scale, ``CheckResult.heat_scale``) and pictures. Bad shots are listed apart with their
reasons: a bad shot's score says nothing about the part, so it is not among the most unusual photos.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from badbatch_gui import __version__
from badbatch_gui.core.config import is_trial
from badbatch_gui.core.export.export_record import CARD_FILE
from badbatch_gui.core.inspect.check_result import CheckResult
from badbatch_gui.core.report.photo_strip import photo_thumbnail
from badbatch_gui.core.training.run_folder.runs import RUN_JSON, read_json

MOST_UNUSUAL = 8
BAD_SHOTS_LISTED = 12


@dataclass(frozen=True)
class InspectedPhoto:
    """One checked photo as the report shows it.

    Attributes:
        path: relative path in the checked folder; score: its unusualness; verdict: "unusual", "normal" or
            "bad_shot"; reasons: the bad-shot reason codes.
        heat_map: per-patch distances. Shape (rows, cols) float32.
        peak: (x, y) of the most unusual spot, as fractions of the width and height.
        thumbnail: the photo, uint8 RGB of shape (h, w, 3); None when it cannot be read any more.
    """

    path: str
    score: float
    verdict: str
    reasons: tuple[str, ...]
    heat_map: np.ndarray
    peak: tuple[float, float]
    thumbnail: np.ndarray | None


@dataclass(frozen=True)
class InspectReport:
    """Everything an inspection's report shows (see the module docstring).

    Attributes:
        folder / normal_folder: the checked folder and the normal photos' folder.
        model_name: the encoder's plain label; trial: it comes from a trial run (Quick check).
        counts: photos per verdict ("unusual", "bad_shot", "normal"); n_checked: their sum; skipped: files that
            could not be read.
        threshold / false_alarm_rate / expected_rate / n_normal / too_few_normal: the threshold and the rate it
            stands for (``inspect.calibration.Threshold``).
        heat_low: where the heat maps' colour starts (the normal photos' typical score).
        most_unusual: the highest-scoring photos that are not bad shots, most unusual first.
        bad_shots: bad shots (path, reasons), up to :data:`BAD_SHOTS_LISTED`; n_bad_shots: all of them.
        created: when the report was made; made_with: this app's version.
    """

    folder: Path
    normal_folder: Path
    model_name: str
    trial: bool
    counts: dict[str, int]
    n_checked: int
    skipped: int
    threshold: float
    false_alarm_rate: float
    expected_rate: float
    n_normal: int
    too_few_normal: bool
    heat_low: float
    most_unusual: tuple[InspectedPhoto, ...]
    bad_shots: tuple[tuple[str, tuple[str, ...]], ...]
    n_bad_shots: int
    created: str
    made_with: str = __version__


def model_is_trial(source: Path | None) -> bool:
    """The encoder at ``source`` (a run folder, an export folder or its weights file) comes from a trial run."""
    if source is None:
        return False
    folder = Path(source) if Path(source).is_dir() else Path(source).parent
    run = read_json(folder / RUN_JSON)
    if run is not None:
        return bool(run.get("trial")) or is_trial(run.get("config") or {})
    card = read_json(folder / CARD_FILE)
    return bool(card.get("trial")) if card is not None else False


def gather_inspect_report(
    result: CheckResult, model_source: Path | None = None, most_unusual: int = MOST_UNUSUAL
) -> InspectReport:
    """The report of a finished check (``model_source``: where its encoder came from, to say whether it is a trial)."""
    tau = result.threshold
    low, threshold = result.heat_scale()
    ranked = [p for p in result.photos if p.verdict != "bad_shot"][:most_unusual]  # photos come most unusual first
    bad = [p for p in result.photos if p.verdict == "bad_shot"]
    counts = result.counts()
    return InspectReport(
        folder=Path(result.root),
        normal_folder=Path(result.normal_root),
        model_name=result.model_name,
        trial=model_is_trial(model_source),
        counts=counts,
        n_checked=len(result.photos),
        skipped=len(result.skipped),
        threshold=threshold,
        false_alarm_rate=float(tau.false_alarm_rate),
        expected_rate=float(tau.expected_rate),
        n_normal=int(tau.n_normal),
        too_few_normal=bool(tau.too_few_normal_photos),
        heat_low=low,
        most_unusual=tuple(
            InspectedPhoto(
                p.path,
                float(p.score),
                p.verdict,
                tuple(p.reasons),
                np.asarray(p.heat_map, dtype=np.float32),
                p.peak,
                photo_thumbnail(Path(result.root), p.path),
            )
            for p in ranked
        ),
        bad_shots=tuple((p.path, tuple(p.reasons)) for p in bad[:BAD_SHOTS_LISTED]),
        n_bad_shots=len(bad),
        created=_dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )
