"""Per-photo findings: which photos look wrong, and why, judged against the folder's own typical photo.

Inputs are the cheap pixel measurements of every photo (:mod:`badbatch_gui.core.data.pixel_checks`) and the
folder-wide feature oddness ("least like the rest", ``frd_per_photo.per_image_against_folder``). Every check compares a
photo with the folder's median and its median absolute deviation (MAD), never with a fixed value, so a folder
of dim photos is not "all dark" and a folder of identical photos flags nothing.

One check (a :class:`Rule`) fires when the photo is off in the bad direction by both

- at least ``k`` robust standard deviations, σ = max(1.4826 · MAD, ``floor``) (the floor keeps a folder of
  near-identical photos from turning tiny differences into large z-scores), and
- at least ``min_effect`` in the measurement's own units (a visible difference, e.g. half the brightness).

Its *severity* is min(z / k, deviation / min_effect): 1 at the point where it fires, larger the worse it is.
A photo's severity is the largest over its checks; it is *flagged* when that is at least 1. Its reasons are the
codes of the checks that fired: a wrong exposure first (it explains the rest: a burnt-out frame also has no
detail), then the others worst first, and ``unusual`` last (the pixel checks say more precisely what is wrong; a
dark photo is also unlike the rest). Reason codes are fixed: :data:`REASONS`.

The thresholds below were set on two folders: the demo folder (``core.data.demo``) and a folder of real surface
photographs with nine kinds of planted bad shot (``benchmarks/bench_bad_shots.py``, which reports the result).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from badbatch_gui.core.data.pixel_checks import CELL_NAMES, N_CELLS, N_STATS, STAT_NAMES
from badbatch_gui.core.scoring.local_oddness import local_oddness

REASONS = ("dark", "overexposed", "blurry", "noisy", "low_contrast", "cut_off", "unusual")
#: Plain English for each reason, short enough for a count ("4 too dark") and a thumbnail caption (the GUI has
#: its own translatable copy in ``gui/text/reason_text.py``).
REASON_TEXT = {
    "dark": "too dark",
    "overexposed": "too bright",
    "blurry": "blurry",
    "noisy": "grainy",
    "low_contrast": "washed out",
    "cut_off": "cut off",
    "unusual": "unlike the rest",
}
ODDNESS = "oddness"  # the folder-wide feature oddness
LOCAL = "local_oddness"  # the most unusual patch (local_oddness.py)


@dataclass(frozen=True)
class Rule:
    """One check: ``reason`` fires when measurement ``stat`` (log-transformed when ``log``) lies beyond the
    folder's ``anchor`` quantile in the bad ``direction`` (+1 higher, −1 lower) by ≥ ``k`` σ and ≥ ``min_effect``
    (``k`` = 0: the effect alone decides).
    """

    reason: str
    stat: str
    direction: int
    log: bool
    floor: float
    min_effect: float
    k: float = 4.0
    anchor: float = 0.9


RULES: tuple[Rule, ...] = (
    Rule("dark", "brightness", -1, True, floor=0.05, min_effect=0.5),  # log: at most ~60 % of the brightness
    Rule("dark", "shadows", +1, False, floor=0.02, min_effect=0.25),  # a quarter more crushed black
    Rule("overexposed", "brightness", +1, True, floor=0.05, min_effect=0.35),
    Rule("overexposed", "highlights", +1, False, floor=0.02, min_effect=0.1, k=5.0),  # a tenth more clipped white
    Rule("low_contrast", "contrast", -1, True, floor=0.05, min_effect=0.5),  # about 60 % of the contrast
    Rule("blurry", "blur", +1, False, floor=0.02, min_effect=0.1, k=2.0),
    Rule("noisy", "noise", +1, False, floor=0.004, min_effect=0.012),  # 3 grey levels (of 255) more noise
    Rule("cut_off", "empty_edge", +1, False, floor=0.03, min_effect=0.15),
    Rule("cut_off", "off_centre", +1, False, floor=0.02, min_effect=0.12, k=2.5),
    Rule("unusual", ODDNESS, +1, True, floor=0.1, min_effect=math.log(2.5)),
    Rule("unusual", LOCAL, +1, True, floor=0.1, min_effect=math.log(2.5), k=2.5),
)
#: A reason that also needs another measurement to agree: its severity is capped by that one's. Overexposure
#: squeezes the tones towards white, so a photo of a bright subject (a white slide, say) whose whites clip a
#: little but whose contrast is ordinary is not called overexposed.
GATES: dict[str, Rule] = {  # contrast at most ~70 % of the folder's median
    "overexposed": Rule("overexposed", "contrast", -1, True, floor=0.05, min_effect=0.36, k=0.0, anchor=0.5),
}
_LOG_OFFSET = 0.02  # added before taking logs (brightness, contrast and oddness are >= 0)


@dataclass(frozen=True)
class Findings:
    """The findings for every photo of a folder, in the order of ``paths``.

    Attributes:
        paths: relative paths.
        severity: the largest check severity of each photo (flagged at >= 1). Shape: (n,).
        reasons: the reason codes that fired, worst first, ``unusual`` last (empty when not flagged).
        by_reason: each reason's severity (the worst of its checks). Shape: (n, len(REASONS)).
    """

    paths: tuple[str, ...]
    severity: np.ndarray
    reasons: tuple[tuple[str, ...], ...]
    by_reason: np.ndarray

    @property
    def flagged(self) -> np.ndarray:
        """Which photos look wrong. Shape: (n,) bool."""
        return self.severity >= 1.0

    def __len__(self) -> int:
        return len(self.paths)

    def ranked(self, at_least: int = 100) -> np.ndarray:
        """Indices of the least typical photos, most unusual first: every flagged one, and at least
        ``at_least`` in all (fewer only when the folder is smaller). Shape: returns (m,) int64.
        """
        order = np.argsort(-self.severity, kind="stable")
        return order[: max(int(self.flagged.sum()), min(int(at_least), len(order)))]

    def counts(self) -> dict[str, int]:
        """Flagged photos per main (first) reason, in :data:`REASONS` order; the counts add up to the flagged.

        The one count per reason the app shows (the verdict, the Batch check's filter list, the exported list's
        ``main_reason``, the CLI): each photo counted once, under the reason shown first.
        """
        main = [r[0] for r in self.reasons if r]
        return {code: main.count(code) for code in REASONS if code in main}

    def mentions(self) -> dict[str, int]:
        """Flagged photos per reason, counting every reason a photo has (these add up to more than the flagged;
        the JSON keeps them, the app shows :meth:`counts`).
        """
        return {code: n for code in REASONS if (n := sum(code in r for r in self.reasons))}

    @cached_property
    def _position(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.paths)}

    def reasons_of(self, path: str) -> tuple[str, ...]:
        """The reasons of one photo (empty when it is not flagged or unknown)."""
        i = self._position.get(path)
        return () if i is None else self.reasons[i]

    def severity_of(self, path: str) -> float | None:
        """One photo's severity, its *unusualness* wherever the app shows one (None when unknown)."""
        i = self._position.get(path)
        return None if i is None else float(self.severity[i])

    def verdict(self) -> str:
        """One plain English line: "14 photos look wrong: 4 too dark · 3 blurry · 7 unlike the rest"."""
        n = int(self.flagged.sum())
        if n == 0:
            return f"No photo looks wrong ({len(self)} checked)."
        parts = " · ".join(f"{k} {REASON_TEXT[code]}" for code, k in self.counts().items())
        return f"{n} photo{'s' if n != 1 else ''} look{'s' if n == 1 else ''} wrong: {parts}"

    def summary_json(self) -> dict[str, Any]:
        """The ``findings`` block of the score report: flagged count, per main reason, every mention."""
        return {
            "flagged": int(self.flagged.sum()),
            "per_reason": self.counts(),
            "mentions": self.mentions(),
            "reason_codes": list(REASONS),
        }


def _column(stats: np.ndarray, oddness: np.ndarray | None, local: np.ndarray, name: str) -> np.ndarray:
    if name == ODDNESS:
        return np.full(len(stats), np.nan) if oddness is None else np.asarray(oddness, dtype=np.float64)
    if name == LOCAL:
        return local
    return np.asarray(stats[:, STAT_NAMES.index(name)], dtype=np.float64)


def _transformed(rule: Rule, values: np.ndarray) -> np.ndarray:
    return np.log(np.maximum(values, 0.0) + _LOG_OFFSET) if rule.log else np.asarray(values, dtype=np.float64)


def rule_severity(rule: Rule, values: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
    """Severity of one check for every photo (0 for a photo not measured). Shape: values (n,) -> (n,).

    Args:
        reference: the measurements that set the typical values (default: ``values`` themselves, the folder judged
            against itself). Shape: (m,).
    """
    x = _transformed(rule, values)
    ref = x if reference is None else _transformed(rule, reference)
    ref = ref[np.isfinite(ref)]
    known = np.isfinite(x)
    out = np.zeros(len(x))
    if len(ref) < 3:
        return out
    med = float(np.median(ref))
    sigma = max(1.4826 * float(np.median(np.abs(ref - med))), rule.floor)
    anchor = float(np.quantile(ref, rule.anchor if rule.direction > 0 else 1 - rule.anchor))
    dev = rule.direction * (x[known] - anchor)
    spread = dev / (rule.k * sigma) if rule.k > 0 else np.inf
    out[known] = np.maximum(0.0, np.minimum(spread, dev / rule.min_effect))
    return out


def judge(
    paths: Sequence[str],
    measurements: np.ndarray,
    oddness: np.ndarray | None = None,
    reference: np.ndarray | None = None,
) -> Findings:
    """The findings of a folder (see the module docstring).

    Args:
        paths: relative paths, one per row.
        measurements: :mod:`pixel_checks` vectors (NaN rows: not measured, never flagged by a pixel check).
            Shape: (n, pixel_checks.VECTOR_LEN).
        oddness: folder-wide feature oddness (None: judged without it). Shape: (n,).
        reference: the measurements of other photos that set the typical values, for judging new photos against a
            folder of normal ones (None: the photos are judged against each other). With a reference only the pixel
            checks are made: ``unusual`` never fires (its cell comparison needs the photos' own folder).
            Shape: (m, pixel_checks.VECTOR_LEN).
    """
    m = np.asarray(measurements, dtype=np.float64).reshape(len(paths), -1)
    stats = m[:, :N_STATS]
    if reference is None:
        local = local_oddness(m[:, N_STATS:].reshape(len(paths), N_CELLS, len(CELL_NAMES)))
        ref_stats = None
    else:
        local, oddness = np.full(len(paths), np.nan), None
        ref_stats = np.asarray(reference, dtype=np.float64).reshape(len(reference), -1)[:, :N_STATS]

    def severity(rule: Rule) -> np.ndarray:
        values = _column(stats, oddness, local, rule.stat)
        if ref_stats is None or rule.stat in (ODDNESS, LOCAL):
            return rule_severity(rule, values)
        return rule_severity(rule, values, ref_stats[:, STAT_NAMES.index(rule.stat)])

    by_reason = np.zeros((len(paths), len(REASONS)))
    for rule in RULES:
        j = REASONS.index(rule.reason)
        by_reason[:, j] = np.maximum(by_reason[:, j], severity(rule))
    for reason, gate in GATES.items():
        j = REASONS.index(reason)
        agrees = severity(gate)
        by_reason[:, j] = np.where(agrees >= 1.0, by_reason[:, j], np.minimum(by_reason[:, j], agrees))
    severity_all = by_reason.max(axis=1, initial=0.0) if len(paths) else np.zeros(0)
    unusual = REASONS.index("unusual")
    exposure = (REASONS.index("dark"), REASONS.index("overexposed"))
    reasons = []
    for row in by_reason:
        fired = [j for j in np.argsort(-row, kind="stable") if row[j] >= 1.0 and j != unusual]
        fired = [j for j in fired if j in exposure] + [j for j in fired if j not in exposure]
        if row[unusual] >= 1.0:
            fired.append(unusual)
        reasons.append(tuple(REASONS[j] for j in fired))
    return Findings(tuple(paths), severity_all, tuple(reasons), by_reason)
