"""Which photos training leaves out, and why: one rule for the window and the command line.

The rule (docs/design/batch_check_findings.md "Leave them out") takes three inputs:

- the folder's Batch check findings (:mod:`findings_store`): the photos that look wrong and their reasons, recorded
  by every check, the window's and ``badbatch score``'s;
- the operator's keep / leave-out decisions (:mod:`decisions`);
- the setting "Leave out the photos that look wrong" (``AppSettings.leave_out_flagged``, on by default; the Train
  page's switch; ``badbatch train --use-all-photos`` sets nothing aside at all).

A photo the operator left out is left out; a photo the operator kept is used; any other photo the check flagged is
left out *automatically* while the setting is on. The automatic leave-outs are derived each time from the stored
findings, never stored as decisions, so switching the setting off and on again, or clearing a decision, loses
nothing.

:func:`leave_out` applies the rule (:class:`LeaveOut`: the photos, their reasons, who decided); :func:`load_review`
and :func:`record_findings` are the front doors' way to read and update the stored inputs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from badbatch_gui.core.errors import BadBatchError
from badbatch_gui.core.paths import AppPaths
from badbatch_gui.core.scoring.decisions import DecisionStore
from badbatch_gui.core.scoring.findings import REASON_TEXT, REASONS, Findings
from badbatch_gui.core.scoring.findings_store import FindingsStore, StoredFinding

log = logging.getLogger(__name__)

__all__ = ["LeaveOut", "LeftOutSummary", "leave_out", "load_review", "record_findings"]


@dataclass(frozen=True)
class LeftOutSummary:
    """How many photos a run leaves out, and why (run.json ``left_out``, the model card, the run figures).

    Attributes:
        count: photos left out.
        by_hand: of them, left out by the operator without a finding (photos that look fine, or unknown).
        by_reason: flagged photos left out, per main (first) finding code, in ``findings.REASONS`` order.
        automatic: of them, left out automatically by the rule (None: not recorded, a run from an older version).
    """

    count: int = 0
    by_hand: int = 0
    by_reason: Mapping[str, int] = field(default_factory=dict)
    automatic: int | None = 0

    @classmethod
    def all_by_hand(cls, n: int) -> LeftOutSummary:
        """``n`` photos left out for no recorded reason (a run recorded before the reasons were)."""
        return cls(count=n, by_hand=n, automatic=None)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None, excluded: int = 0) -> LeftOutSummary:
        """From a checked run.json ``left_out`` (``run_json.clean_run_record``); a run recorded before it existed
        (None or empty) counts its ``excluded`` photos as left out by hand.
        """
        if not data:
            return cls.all_by_hand(excluded)
        automatic = data.get("automatic")
        return cls(
            int(data.get("count", 0)),
            int(data.get("by_hand", 0)),
            {str(k): int(v) for k, v in dict(data.get("by_reason") or {}).items()},
            None if automatic is None else int(automatic),
        )

    def to_json(self) -> dict[str, Any]:
        """``{"count", "by_hand", "by_reason", "automatic"}`` (``automatic`` only when recorded)."""
        out: dict[str, Any] = {"count": self.count, "by_hand": self.by_hand, "by_reason": dict(self.by_reason)}
        if self.automatic is not None:
            out["automatic"] = self.automatic
        return out

    def sentence(self, who: bool = True) -> str:
        """One plain English line: "12 photos left out (4 too dark, 3 blurry, 5 by hand; 7 left out automatically
        because they look wrong, 5 by you)" ("" when none; without the part after ";" when not ``who``), for
        ``badbatch train`` and the model card. The window has its own translated sentences.
        """
        if not self.count:
            return ""
        why = ", ".join(
            [f"{n} {REASON_TEXT.get(code, code)}" for code, n in self.by_reason.items()]
            + ([f"{self.by_hand} by hand"] if self.by_hand else [])
        )
        by = (
            ""
            if self.automatic is None or not who
            else "all by you"
            if not self.automatic
            else f"{self.automatic} left out automatically because they look wrong, {self.count - self.automatic} by you"
        )
        detail = "; ".join(part for part in (why, by) if part)
        return f"{self.count} photo{'s' if self.count != 1 else ''} left out" + (f" ({detail})" if detail else "")


@dataclass(frozen=True)
class LeaveOut:
    """What the rule decided for one folder.

    Attributes:
        reasons: every photo training leaves out (relative path) -> its finding codes, worst first (empty: left out
            by the operator with no finding).
        automatic: the photos of ``reasons`` left out automatically (flagged, the operator decided nothing).
        kept: the photos the operator kept (used even when flagged).
    """

    reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    automatic: frozenset[str] = frozenset()
    kept: frozenset[str] = frozenset()

    @cached_property
    def paths(self) -> tuple[str, ...]:
        """The photos training leaves out, sorted (``TrainConfig.exclude`` / ``ScoreConfig.exclude``)."""
        return tuple(sorted(self.reasons))

    def marks(self) -> dict[str, str]:
        """Relative path -> "reject" (left out, by anyone) or "keep" (kept by the operator), for the lists' marks."""
        return {**{p: "keep" for p in self.kept}, **{p: "reject" for p in self.reasons}}

    def summary(self, paths: Iterable[str] | None = None) -> LeftOutSummary:
        """How many and why, each photo under its main reason; restricted to ``paths`` when given (a run's
        exclude list, which may hold photos this rule does not leave out: those count as by hand).
        """
        wanted = set(self.reasons) if paths is None else set(paths)
        main = [self.reasons[p][0] for p in wanted if self.reasons.get(p)]
        order = {code: i for i, code in enumerate(REASONS)}
        by_reason = {code: main.count(code) for code in sorted(set(main), key=lambda c: (order.get(c, len(order)), c))}
        return LeftOutSummary(len(wanted), len(wanted) - len(main), by_reason, len(wanted & self.automatic))


def leave_out(
    flagged: Mapping[str, Iterable[str]], decisions: DecisionStore | None, leave_out_flagged: bool
) -> LeaveOut:
    """Apply the rule (module docstring).

    Args:
        flagged: relative path -> finding codes of every photo the Batch check flags (``FindingsStore.flagged``).
        decisions: the operator's decisions (None: none).
        leave_out_flagged: the setting; off, only the operator's rejections are left out.
    """
    reasons: dict[str, tuple[str, ...]] = {}
    automatic: set[str] = set()
    chosen = decisions.decisions() if decisions is not None else {}
    for rel, decision in chosen.items():
        if decision == "reject":
            entry = decisions.entry(rel) if decisions is not None else None
            reasons[rel] = (entry.reasons if entry is not None else ()) or tuple(flagged.get(rel, ()))
    if leave_out_flagged:
        for rel, codes in flagged.items():
            if rel not in chosen and tuple(codes):
                reasons[rel] = tuple(codes)
                automatic.add(rel)
    return LeaveOut(reasons, frozenset(automatic), frozenset(p for p, d in chosen.items() if d == "keep"))


def load_review(paths: AppPaths, folder: Path) -> tuple[DecisionStore, FindingsStore]:
    """The stored decisions and findings of ``folder``. Never raises (each store's ``damage`` says what was wrong).

    An older decisions file's automatic rejections become findings when no findings file exists yet
    (``DecisionStore.legacy_entries``), so an old folder leaves out the same photos as before.
    """
    decisions = DecisionStore.load(folder, paths.decisions_file(folder))
    legacy = {
        rel: StoredFinding(e.reasons, e.size_bytes, e.mtime_ns)
        for rel, e in decisions.legacy_entries().items()
        if e.reasons
    }
    findings = FindingsStore.load(folder, paths.findings_file(folder), legacy)
    return decisions, findings


def record_findings(findings: FindingsStore, decisions: DecisionStore, found: Findings | None) -> None:
    """Store a check's findings (``found``: a report's ``findings.Findings``; None records nothing) and save them;
    once saved, an older version's automatic rejections leave the decisions file.

    Raises:
        BadBatchError: the findings or the decisions could not be saved (what was found is still used in memory).
    """
    if found is None:
        return
    findings.record(tuple(found.paths), tuple(tuple(r) for r in found.reasons))
    findings.save()
    if decisions.legacy_entries():
        decisions.drop_legacy()
        try:
            decisions.save()
        except BadBatchError:  # the old entries stay in the file; they mean the same and are dropped next time
            log.warning("could not rewrite %s without the old automatic entries", decisions.file)
