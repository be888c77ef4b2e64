"""The Batch check preview's result: per-photo findings, per-batch FRD, per-image scores, τ, warnings.

Produced by :func:`badbatch_gui.core.scoring.scoring.score_folder`; plain data (numbers, strings, numpy arrays), so
the GUI can keep it, re-threshold it when the operator drags τ (:meth:`ScoreReport.rethreshold`, no feature
work), and the CLI can write it as JSON or CSV.

JSON contract (``badbatch score --json``): ``outliers`` holds at least the 100 least typical photos (every
flagged one if more), most unusual first, each ``{path, score, unusualness, reasons, flagged, dataset_index}``
(``unusualness``: the findings' severity, the one scale of how unusual a photo is, wherever it is shown: below 1
looks fine, 1 or more looks wrong; ``score`` repeats it for older readers; ``reasons``: codes from
``findings.REASONS``, worst first; ``dataset_index``: position in the batch plan, -1 for a photo left out of it);
``findings`` counts the flagged photos per main reason (``findings.Findings.summary_json``; the counts add up to
``flagged``). Each of ``batches`` holds its photos ``{path, score, batch_share, unusualness, reasons, flagged,
dataset_index}`` (``batch_share`` = ``score``: the photo's share of the batch score, docs/design/frd.md §5, only
comparable within one batch) and, when it is above τ, ``explanation`` (``batch_explanation``: what makes it
unusual and how many photos that look fine rejecting it would throw away).
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.events import Notice
from badbatch_gui.core.file_names import csv_field
from badbatch_gui.core.scoring import clean_threshold, frd
from badbatch_gui.core.scoring.batch_explanation import explain_batch
from badbatch_gui.core.scoring.batch_size_rule import BatchSizeChoice
from badbatch_gui.core.scoring.findings import REASONS, Findings
from badbatch_gui.core.scoring.score_notices import threshold_notices

SCHEMA = 3  # 2: outliers carry reasons and flagged, a findings summary, the batch-size choice; 3: unusualness,
# batch images with their findings, explanations of the batches above τ
#: Notices that depend on τ and are recomputed by :meth:`ScoreReport.rethreshold`.
THRESHOLD_CODES = ("no_threshold", "too_many_rejected", "flagged_in_most_batches", "threshold_context")


@dataclass(frozen=True)
class ImageScore:
    """One photo's score: its share of a batch's FRD (docs/design/frd.md §5; in a batch) or its findings' severity
    (in the outliers), with the reasons it was flagged for (codes from ``findings.REASONS``; empty when it looks
    fine) and its ``unusualness``: the findings' severity (below 1 looks fine; None without findings).
    """

    path: str
    score: float
    dataset_index: int
    reasons: tuple[str, ...] = ()
    flagged: bool = False
    unusualness: float | None = None

    def to_json(self) -> dict[str, Any]:
        """{path, score, unusualness, reasons, flagged, dataset_index}."""
        return {
            "path": self.path,
            "score": self.score,
            "unusualness": self.unusualness,
            "reasons": list(self.reasons),
            "flagged": self.flagged,
            "dataset_index": self.dataset_index,
        }

    @classmethod
    def from_json(cls, x: dict[str, Any]) -> ImageScore:
        """Inverse of :meth:`to_json` (older reports lack reasons, flagged and unusualness)."""
        reasons = tuple(r for r in x.get("reasons", ()) if r in REASONS)
        u = x.get("unusualness")
        return cls(
            x["path"],
            float(x["score"]),
            int(x.get("dataset_index", -1)),
            reasons,
            bool(x.get("flagged", bool(reasons))),
            None if u is None else float(u),
        )


@dataclass(frozen=True)
class BatchScore:
    """One planned batch: FRD, whether it is above τ, its images worst first, and the stored terms.

    ``terms``: views/reference modes store "mean_term" and "trace_term"; original mode stores "view1" =
    FRD(O, V1) and "view2" = FRD(O, V2), so the UI can show which view drifted.
    """

    index: int
    frd: float
    rejected: bool
    images: tuple[ImageScore, ...]
    terms: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class ScoreReport:
    """Everything a folder preview found (see the module docstring).

    Attributes:
        threshold: τ and its record (rule, parameters, expected rejection rate, note).
        mode, batch_size, seed: how the batches were scored (compare only like with like, docs/design/frd.md §4).
        feature_network: name, weights, untrained, layer, normalisation, note, backbone, fingerprint.
        batches: every full batch of training's first epoch, in plan order.
        outliers: the least typical photos of the folder, most unusual first (every flagged one, at least 100).
        failed: files that could not be decoded (skipped, never fatal).
        notices: warnings in plain language with stable codes.
        timings: seconds per phase and throughput.
        paths: dataset index -> relative path (the order the plan indexes).
        folder_scores: folder-wide feature oddness of every decoded photo, in ``findings.paths`` order.
            Shape: (n_folder,).
        reference_images: ``reference`` mode: how many (typical) photos the folder statistics came from.
        findings: what looks wrong with which photo (every usable photo of the folder, also those left out of
            the plan); None when the pixel checks were off.
        batch_size_choice: the batch-size rule's decision (requested size, size used, automatic or not).
        calibration_scores: ``reference`` mode: scores of random batches of photos that look fine, which τ's
            rule is applied to (``clean_threshold``). Shape: (CALIBRATION_BATCHES,).
    """

    threshold: frd.ThresholdResult
    mode: str
    batch_size: int
    seed: int
    feature_network: dict[str, Any]
    batches: tuple[BatchScore, ...]
    outliers: tuple[ImageScore, ...]
    failed: tuple[Problem, ...]
    notices: tuple[Notice, ...]
    timings: dict[str, float]
    root: str = ""
    paths: tuple[str, ...] = ()
    n_images: int = 0
    file_list_hash: str = ""
    config: dict[str, Any] = field(default_factory=dict)
    app_version: str = ""
    folder_scores: np.ndarray | None = field(default=None, repr=False)
    reference_images: int = 0
    findings: Findings | None = field(default=None, repr=False)
    batch_size_choice: BatchSizeChoice | None = None
    calibration_scores: np.ndarray | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ views
    @property
    def scores(self) -> np.ndarray:
        """Batch FRD values in plan order. Shape: (n_batches,)."""
        return np.array([b.frd for b in self.batches], dtype=np.float64)

    @property
    def rejected_batches(self) -> tuple[BatchScore, ...]:
        """The batches above τ."""
        return tuple(b for b in self.batches if b.rejected)

    @property
    def warnings(self) -> list[str]:
        """The notices' plain sentences (warnings and information)."""
        return [n.message for n in self.notices]

    @property
    def flagged_paths(self) -> tuple[str, ...]:
        """Every photo the findings flag, most unusual first."""
        f = self.findings
        return tuple(f.paths[i] for i in f.ranked(0) if f.flagged[i]) if f is not None else ()

    @property
    def flagged_in_plan(self) -> int:
        """How many flagged photos the planned batches hold."""
        planned = {i.path for b in self.batches for i in b.images}
        return sum(1 for p in self.flagged_paths if p in planned)

    @property
    def untrained(self) -> bool:
        """True when the scores come from a randomly initialised feature network."""
        return bool(self.feature_network.get("untrained"))

    def summary(self) -> str:
        """One plain line: batches, τ, rejected share."""
        n, r = len(self.batches), len(self.rejected_batches)
        tau = f"τ = {self.threshold.value:.4g}" if self.threshold.value is not None else "no threshold"
        flag = " (untrained feature network)" if self.untrained else ""
        photos = f" {self.findings.verdict()}" if self.findings is not None else ""
        return (
            f"{n} batches of {self.batch_size} scored in {self.mode} mode, {tau}, {r} rejected "
            f"({r / max(n, 1):.0%}){flag}.{photos}"
        )

    def with_notices(self, notices: tuple[Notice, ...]) -> ScoreReport:
        """A copy with other notices."""
        return dataclasses.replace(self, notices=tuple(notices))

    # ------------------------------------------------------------------ threshold
    def rethreshold(
        self, value: float | None = None, *, policy: str | None = None, k: float = 3.0, percentile: float = 90.0
    ) -> ScoreReport:
        """The same scores under another τ: a fixed ``value`` (the GUI's draggable line) or another ``policy``.

        Only the rejected flags, τ and the τ-related notices change; no feature is recomputed.
        """
        context = {"n": self.batch_size, "mode": self.mode}
        if value is not None:
            tau = frd.threshold(self.scores, "fixed", fixed=float(value), fixed_context=context, context=context)
        else:
            tau = clean_threshold.threshold(
                self.scores, self.calibration_scores, policy or self.threshold.policy, k=k, percentile=percentile
            )
        batches = tuple(dataclasses.replace(b, rejected=tau.rejects(b.frd)) for b in self.batches)
        kept = tuple(n for n in self.notices if n.code not in THRESHOLD_CODES)
        out = dataclasses.replace(self, threshold=tau, batches=batches)
        flagged = self.flagged_in_plan if self.mode == "reference" else 0
        return out.with_notices(kept + threshold_notices(tau, len(batches), self.batch_size_choice, flagged))

    # ------------------------------------------------------------------ files
    def to_json(self, include_folder_scores: bool = False) -> dict[str, Any]:
        """Issue 3's JSON shape ("threshold", "policy", "mode", "batch_size", "seed", "feature_network",
        "batches" [index, frd, rejected, images [path, score]], "timings") plus extra keys.
        """
        fn = self.feature_network
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "threshold": self.threshold.value,
            "policy": self.threshold.policy,
            "threshold_detail": self.threshold.to_dict(),
            "expected_rejection_rate": self.threshold.rejected_fraction,
            "mode": self.mode,
            "batch_size": self.batch_size,
            "seed": self.seed,
            "feature_network": {
                "name": fn.get("name", ""),
                "weights": fn.get("weights", ""),
                **{k: v for k, v in fn.items() if k not in ("name", "weights")},
            },
            "batches": [self._batch_json(b) for b in self.batches],
            "outliers": [i.to_json() for i in self.outliers],
            "findings": self.findings.summary_json() if self.findings is not None else None,
            "batch_size_choice": dataclasses.asdict(self.batch_size_choice) if self.batch_size_choice else None,
            "calibration_scores": (
                [float(v) for v in self.calibration_scores] if self.calibration_scores is not None else None
            ),
            "failed": [dataclasses.asdict(f) for f in self.failed],
            "warnings": self.warnings,
            "notices": [{"code": n.code, "message": n.message, "level": n.level} for n in self.notices],
            "timings": dict(self.timings),
            "root": self.root,
            "n_images": self.n_images,
            "paths": list(self.paths),
            "file_list_hash": self.file_list_hash,
            "config": dict(self.config),
            "app_version": self.app_version,
            "reference_images": self.reference_images,
        }
        if include_folder_scores and self.folder_scores is not None:
            out["folder_scores"] = [float(v) for v in self.folder_scores]
        if self.findings is not None:  # every photo's findings (the outliers list only holds the top ones)
            f = self.findings
            out["folder_findings"] = {
                "paths": list(f.paths),
                "severity": [round(float(v), 6) for v in f.severity],
                "reasons": [list(r) for r in f.reasons],
            }
            if include_folder_scores:
                out["folder_findings"]["by_reason"] = [[round(float(v), 6) for v in row] for row in f.by_reason]
        return out

    def _batch_json(self, b: BatchScore) -> dict[str, Any]:
        """One batch: index, frd, rejected, images (with ``batch_share``), terms and, above τ, ``explanation``
        (photos already left out of this report's plan are not in it, so none counts as left out).
        """
        out: dict[str, Any] = {
            "index": b.index,
            "frd": b.frd,
            "rejected": b.rejected,
            "images": [{**i.to_json(), "batch_share": i.score} for i in b.images],
            "terms": dict(b.terms),
        }
        why = explain_batch(b, self.threshold.value)
        if why is not None:
            out["explanation"] = why.to_json()
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ScoreReport:
        """Inverse of :meth:`to_json`."""
        t = d["threshold_detail"]
        tau = frd.ThresholdResult(**{f.name: t[f.name] for f in dataclasses.fields(frd.ThresholdResult) if f.name in t})

        img = ImageScore.from_json
        ff = d.get("folder_findings")
        found = (
            Findings(
                tuple(ff["paths"]),
                np.array(ff["severity"], dtype=np.float64),
                tuple(tuple(r) for r in ff["reasons"]),
                np.array(ff["by_reason"], dtype=np.float64)
                if "by_reason" in ff
                else np.zeros((len(ff["paths"]), len(REASONS))),
            )
            if ff
            else None
        )
        bsc = d.get("batch_size_choice")

        return cls(
            threshold=tau,
            mode=d["mode"],
            batch_size=int(d["batch_size"]),
            seed=int(d["seed"]),
            feature_network=dict(d["feature_network"]),
            batches=tuple(
                BatchScore(
                    int(b["index"]),
                    float(b["frd"]),
                    bool(b["rejected"]),
                    tuple(img(i) for i in b["images"]),
                    dict(b.get("terms", {})),
                )
                for b in d["batches"]
            ),
            outliers=tuple(img(i) for i in d.get("outliers", [])),
            failed=tuple(Problem(**f) for f in d.get("failed", [])),
            notices=tuple(Notice(n["code"], n["message"], n.get("level", "warning")) for n in d.get("notices", [])),
            timings=dict(d.get("timings", {})),
            root=d.get("root", ""),
            paths=tuple(d.get("paths", [])),
            n_images=int(d.get("n_images", 0)),
            file_list_hash=d.get("file_list_hash", ""),
            config=dict(d.get("config", {})),
            app_version=d.get("app_version", ""),
            folder_scores=np.array(d["folder_scores"]) if "folder_scores" in d else None,
            reference_images=int(d.get("reference_images", 0)),
            findings=found,
            batch_size_choice=BatchSizeChoice(**bsc) if bsc else None,
            calibration_scores=(
                np.array(d["calibration_scores"], dtype=np.float64) if d.get("calibration_scores") is not None else None
            ),
        )

    def to_csv(self, path: Path) -> Path:
        r"""One row per image per batch (worst first within a batch); ``batch_share``: the photo's share of the
        batch score (as in the JSON; only comparable within one batch); ``reasons``: the photo's finding codes,
        separated by ";" (empty when it looks fine); ``unusualness``: the findings' severity (below 1 looks fine); a
        file name that is not valid UTF-8 has ``\xNN`` for each undecodable byte (``file_names.csv_field``).
        Returns ``path``.
        """
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(
                [
                    "batch",
                    "batch_frd",
                    "rejected",
                    "rank_in_batch",
                    "path",
                    "batch_share",
                    "dataset_index",
                    "mode",
                    "threshold",
                    "reasons",
                    "unusualness",
                ]
            )
            tau = "" if self.threshold.value is None else f"{self.threshold.value:.10g}"
            for b in self.batches:
                for rank, i in enumerate(b.images, start=1):
                    w.writerow(
                        [
                            b.index,
                            f"{b.frd:.10g}",
                            int(b.rejected),
                            rank,
                            csv_field(i.path),
                            f"{i.score:.10g}",
                            i.dataset_index,
                            self.mode,
                            tau,
                            ";".join(i.reasons),
                            "" if i.unusualness is None else f"{i.unusualness:.4g}",
                        ]
                    )
        return path
