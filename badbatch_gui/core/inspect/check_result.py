"""The verdict on each new photo and the whole check's result, with its JSON and CSV forms.

A photo's verdict is one of :data:`VERDICTS`:

- ``bad_shot``: the Batch check's pixel checks name it (too dark, blurry, ...) against the normal photos; its reasons
  say why. A black frame is a bad shot, not a defective part, whatever its score.
- ``unusual``: its score (the hottest cell of its heat map: patch distances to the normal patches, averaged over 3 × 3
  patches, ``heat.py``) is above the threshold.
- ``normal``: neither.

Changing the false-alarm rate re-judges every photo from the kept scores (:meth:`CheckResult.with_false_alarm_rate`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.inspect.calibration import Threshold, threshold_for

VERDICTS = ("unusual", "bad_shot", "normal")
#: Plain English for each verdict (the GUI has its own translatable copy).
VERDICT_TEXT = {"normal": "looks normal", "unusual": "looks unusual", "bad_shot": "bad shot"}


def verdict_for(score: float, reasons: tuple[str, ...], threshold: float) -> str:
    """``bad_shot`` when a pixel check names it, else ``unusual`` above the threshold, else ``normal``."""
    if reasons:
        return "bad_shot"
    return "unusual" if score > threshold else "normal"


@dataclass(frozen=True)
class PhotoCheck:
    """One checked photo.

    Attributes:
        path: relative path in the checked folder.
        score: the unusualness score: the heat map's largest value (0 = like the normal photos).
        verdict: one of :data:`VERDICTS`.
        reasons: the bad-shot reason codes (``scoring.findings.REASONS``), worst first; empty unless a bad shot.
        heat_map: each cell's distance to the nearest normal patches, averaged over its 3 × 3 neighbourhood, over
            the whole frame. Shape: (rows, cols) float32 (the normal model's grid).
        peak: (x, y) of the hottest cell's centre, as fractions of the photo's width and height.
    """

    path: str
    score: float
    verdict: str
    reasons: tuple[str, ...]
    heat_map: np.ndarray
    peak: tuple[float, float]

    @property
    def unusual(self) -> bool:
        """The verdict is ``unusual``."""
        return self.verdict == "unusual"

    def to_json(self) -> dict[str, Any]:
        """{path, score, unusual, verdict, reasons, peak}: the heat map stays out of the report."""
        return {
            "path": self.path,
            "score": round(float(self.score), 6),
            "unusual": self.unusual,
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "peak": [round(self.peak[0], 4), round(self.peak[1], 4)],
        }


def peak_of(heat_map: np.ndarray) -> tuple[float, float]:
    """(x, y) centre of the hottest cell as fractions of the width and height. Shape: heat_map (rows, cols)."""
    rows, cols = heat_map.shape
    r, c = np.unravel_index(int(np.argmax(heat_map)), heat_map.shape)
    return (float(c) + 0.5) / cols, (float(r) + 0.5) / rows


@dataclass(frozen=True)
class CheckResult:
    """Every photo of a checked folder, most unusual first.

    Attributes:
        root: the checked folder; normal_root: the normal photos' folder.
        photos: one :class:`PhotoCheck` per usable photo, by score, highest first.
        threshold: the threshold used (with the false-alarm rate it stands for).
        normal_scores: the normal photos' leave-one-out scores it came from. Shape: (n,).
        model_name: the encoder's plain label.
        frame: (height, width) the photos were looked at; grid: the heat maps' (rows, cols).
        skipped: files that could not be read, with reason codes.
    """

    root: Path
    normal_root: Path
    photos: tuple[PhotoCheck, ...]
    threshold: Threshold
    normal_scores: np.ndarray
    model_name: str
    frame: tuple[int, int]
    grid: tuple[int, int]
    skipped: tuple[Problem, ...] = ()

    def heat_scale(self) -> tuple[float, float]:
        """The heat maps' colour scale, the same wherever a heat map is drawn (the Inspect page, the report): clear up
        to the normal photos' typical (median) score, red above the threshold.
        """
        low = float(np.median(self.normal_scores)) if self.normal_scores.size else 0.0
        return low, float(self.threshold.value)

    def counts(self) -> dict[str, int]:
        """Photos per verdict, in :data:`VERDICTS` order."""
        return {v: sum(p.verdict == v for p in self.photos) for v in VERDICTS}

    def with_false_alarm_rate(self, false_alarm_rate: float) -> CheckResult:
        """The same check judged at another false-alarm rate (nothing is recomputed)."""
        tau = threshold_for(self.normal_scores, false_alarm_rate)
        photos = tuple(dataclasses.replace(p, verdict=verdict_for(p.score, p.reasons, tau.value)) for p in self.photos)
        return dataclasses.replace(self, photos=photos, threshold=tau)

    def summary(self) -> str:
        """One plain English line: "120 photos checked: 7 look unusual, 2 bad shots, 111 look normal."."""
        c = self.counts()
        return (
            f"{len(self.photos)} photos checked: {c['unusual']} look{'s' if c['unusual'] == 1 else ''} unusual, "
            f"{c['bad_shot']} bad shot{'' if c['bad_shot'] == 1 else 's'}, {c['normal']} "
            f"look{'s' if c['normal'] == 1 else ''} normal."
        )

    def to_json(self) -> dict[str, Any]:
        """The report: threshold, false_alarm_rate, counts, and photos [{path, score, unusual, verdict, reasons,
        peak}] most unusual first.
        """
        tau = self.threshold
        return {
            "schema": 1,
            "folder": str(self.root),
            "normal_folder": str(self.normal_root),
            "model": self.model_name,
            "threshold": round(tau.value, 6),
            "false_alarm_rate": tau.false_alarm_rate,
            "expected_false_alarm_rate": round(tau.expected_rate, 6),
            "normal_photos": tau.n_normal,
            "frame": {"height": self.frame[0], "width": self.frame[1]},
            "heat_map_grid": {"rows": self.grid[0], "cols": self.grid[1]},
            "counts": self.counts(),
            "photos": [p.to_json() for p in self.photos],
            "skipped": [{"path": p.path, "reason": p.reason, "message": p.message} for p in self.skipped],
        }

    def csv_text(self) -> str:
        """One row per photo, most unusual first: path, score, verdict, unusual, reasons (";"-joined), peak x/y."""
        buf = io.StringIO(newline="")
        w = csv.writer(buf)
        w.writerow(("path", "score", "verdict", "unusual", "reasons", "peak_x", "peak_y"))
        for p in self.photos:
            w.writerow(
                (
                    p.path,
                    f"{p.score:.6f}",
                    p.verdict,
                    int(p.unusual),
                    ";".join(p.reasons),
                    f"{p.peak[0]:.4f}",
                    f"{p.peak[1]:.4f}",
                )
            )
        return buf.getvalue()
