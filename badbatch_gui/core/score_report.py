"""The Batch check preview's result: per-batch FRD, per-image scores, folder-wide outliers, τ, warnings.

Produced by :func:`badbatch_gui.core.scoring.score_folder`; plain data (numbers, strings, one numpy array), so
the GUI can keep it, re-threshold it when the operator drags τ (:meth:`ScoreReport.rethreshold`, no feature
work), and the CLI can write it as JSON (issue 3's shape plus extra keys) or CSV.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from badbatch_gui.core import frd
from badbatch_gui.core.dataset import DecodeFailure
from badbatch_gui.core.events import Notice

SCHEMA = 1
MIN_RELIABLE_BATCH = 16
#: Notices that depend on τ and are recomputed by :meth:`ScoreReport.rethreshold`.
THRESHOLD_CODES = ("no_threshold", "too_many_rejected", "threshold_context")


@dataclass(frozen=True)
class ImageScore:
    """One photo's score: its share of a batch's FRD (frd.md §5) or its folder-wide oddness (outliers)."""

    path: str
    score: float
    dataset_index: int


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
        mode, batch_size, seed: how the batches were scored (compare only like with like, frd.md §4).
        feature_network: name, weights, untrained, layer, normalisation, note, backbone, fingerprint.
        batches: every full batch of training's first epoch, in plan order.
        outliers: the photos least like the rest of the folder, most unusual first.
        failed: files that could not be decoded (skipped, never fatal).
        notices: warnings in plain language with stable codes.
        timings: seconds per phase and throughput.
        paths: dataset index -> relative path (the order the plan indexes).
        folder_scores: folder-wide oddness of every photo, by dataset index. Shape: (n_images,).
        reference_images: ``reference`` mode: how many (typical) photos the folder statistics came from.
    """

    threshold: frd.ThresholdResult
    mode: str
    batch_size: int
    seed: int
    feature_network: dict[str, Any]
    batches: tuple[BatchScore, ...]
    outliers: tuple[ImageScore, ...]
    failed: tuple[DecodeFailure, ...]
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
    def untrained(self) -> bool:
        """True when the scores come from a randomly initialised feature network."""
        return bool(self.feature_network.get("untrained"))

    def summary(self) -> str:
        """One plain line: batches, τ, rejected share."""
        n, r = len(self.batches), len(self.rejected_batches)
        tau = f"τ = {self.threshold.value:.4g}" if self.threshold.value is not None else "no threshold"
        flag = " (untrained feature network)" if self.untrained else ""
        return f"{n} batches of {self.batch_size} scored in {self.mode} mode, {tau}, {r} rejected ({r / max(n, 1):.0%}){flag}."

    def with_notices(self, notices: tuple[Notice, ...]) -> ScoreReport:
        """A copy with other notices."""
        return dataclasses.replace(self, notices=tuple(notices))

    # ------------------------------------------------------------------ threshold
    def rethreshold(self, value: float | None = None, *, policy: str | None = None, k: float = 3.0,
                    percentile: float = 90.0) -> ScoreReport:
        """The same scores under another τ: a fixed ``value`` (the GUI's draggable line) or another ``policy``.

        Only the rejected flags, τ and the τ-related notices change; no feature is recomputed.
        """
        context = {"n": self.batch_size, "mode": self.mode}
        if value is not None:
            tau = frd.threshold(self.scores, "fixed", fixed=float(value), fixed_context=context, context=context)
        else:
            tau = frd.threshold(self.scores, policy or self.threshold.policy, k=k, percentile=percentile)
        batches = tuple(dataclasses.replace(b, rejected=tau.rejects(b.frd)) for b in self.batches)
        kept = tuple(n for n in self.notices if n.code not in THRESHOLD_CODES)
        out = dataclasses.replace(self, threshold=tau, batches=batches)
        return out.with_notices(kept + threshold_notices(tau, len(batches)))

    # ------------------------------------------------------------------ files
    def to_json(self, include_folder_scores: bool = False) -> dict[str, Any]:
        """Issue 3's JSON shape ("threshold", "policy", "mode", "batch_size", "seed", "feature_network",
        "batches" [index, frd, rejected, images [path, score]], "timings") plus extra keys."""
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
            "feature_network": {"name": fn.get("name", ""), "weights": fn.get("weights", ""),
                                **{k: v for k, v in fn.items() if k not in ("name", "weights")}},
            "batches": [{"index": b.index, "frd": b.frd, "rejected": b.rejected,
                         "images": [{"path": i.path, "score": i.score, "dataset_index": i.dataset_index}
                                    for i in b.images], "terms": dict(b.terms)} for b in self.batches],
            "outliers": [{"path": i.path, "score": i.score, "dataset_index": i.dataset_index} for i in self.outliers],
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
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ScoreReport:
        """Inverse of :meth:`to_json`."""
        t = d["threshold_detail"]
        tau = frd.ThresholdResult(**{f.name: t[f.name] for f in dataclasses.fields(frd.ThresholdResult) if f.name in t})

        def img(x: dict[str, Any]) -> ImageScore:
            return ImageScore(x["path"], float(x["score"]), int(x.get("dataset_index", -1)))

        return cls(
            threshold=tau, mode=d["mode"], batch_size=int(d["batch_size"]), seed=int(d["seed"]),
            feature_network=dict(d["feature_network"]),
            batches=tuple(BatchScore(int(b["index"]), float(b["frd"]), bool(b["rejected"]),
                                     tuple(img(i) for i in b["images"]), dict(b.get("terms", {})))
                          for b in d["batches"]),
            outliers=tuple(img(i) for i in d.get("outliers", [])),
            failed=tuple(DecodeFailure(**f) for f in d.get("failed", [])),
            notices=tuple(Notice(n["code"], n["message"], n.get("level", "warning")) for n in d.get("notices", [])),
            timings=dict(d.get("timings", {})), root=d.get("root", ""), paths=tuple(d.get("paths", [])),
            n_images=int(d.get("n_images", 0)), file_list_hash=d.get("file_list_hash", ""),
            config=dict(d.get("config", {})), app_version=d.get("app_version", ""),
            folder_scores=np.array(d["folder_scores"]) if "folder_scores" in d else None,
            reference_images=int(d.get("reference_images", 0)),
        )

    def to_csv(self, path: Path) -> Path:
        """One row per image per batch (worst first within a batch); returns ``path``."""
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["batch", "batch_frd", "rejected", "rank_in_batch", "path", "image_score", "dataset_index",
                        "mode", "threshold"])
            tau = "" if self.threshold.value is None else f"{self.threshold.value:.10g}"
            for b in self.batches:
                for rank, i in enumerate(b.images, start=1):
                    w.writerow([b.index, f"{b.frd:.10g}", int(b.rejected), rank, i.path, f"{i.score:.10g}",
                                i.dataset_index, self.mode, tau])
        return path


def threshold_notices(tau: frd.ThresholdResult, n_batches: int) -> tuple[Notice, ...]:
    """Notices about τ: none set (too few batches, zero spread), too many rejected, a fixed τ set elsewhere."""
    out = []
    if tau.value is None:
        out.append(Notice("no_threshold", f"No batch is rejected: {tau.note}", "info", {"n_batches": n_batches}))
    if tau.too_many_rejected:
        out.append(Notice("too_many_rejected",
                          f"{tau.rejected_fraction:.0%} of the batches are above the threshold (more than 30 %). "
                          "The threshold may be too low or the augmentations too strong; rejecting that many "
                          "batches throws away much of the folder's variety.",
                          data={"rejected_fraction": tau.rejected_fraction}))
    if tau.context_mismatch:
        out.append(Notice("threshold_context", tau.note))
    return tuple(out)


def make_notices(report: ScoreReport, n_leftover: int = 0) -> tuple[Notice, ...]:
    """Every plain-language warning for a fresh report (frd.md §2, §4, §6)."""
    out = []
    fn = report.feature_network
    if fn.get("untrained"):
        out.append(Notice("untrained_features",
                          "These scores come from an untrained feature network (random weights): it sees "
                          "brightness, colour and texture but not what the photos show. Train an encoder on this "
                          "folder, or pick ImageNet weights, and score again for meaningful batch scores.",
                          data={"layer": fn.get("layer"), "normalisation": fn.get("normalisation")}))
    if report.batch_size < MIN_RELIABLE_BATCH:
        out.append(Notice("small_batches",
                          f"Batches of {report.batch_size} images are small: small batches make FRD noisy "
                          f"({MIN_RELIABLE_BATCH} or more are recommended)."))
    out.extend(threshold_notices(report.threshold, len(report.batches)))
    if report.failed:
        names = ", ".join(f.path for f in report.failed[:3]) + (" ..." if len(report.failed) > 3 else "")
        out.append(Notice("skipped_files", f"{len(report.failed)} file(s) could not be read and were skipped: "
                          f"{names}.", data={"count": len(report.failed)}))
    if report.mode == "reference" and 0 < report.reference_images < report.n_images:
        left = report.n_images - report.reference_images
        out.append(Notice("reference_trimmed",
                          f"The folder statistics come from the {report.reference_images} typical photos; {left} "
                          "photo(s) far from the rest (top of the outlier list) are left out of them, so batches "
                          "holding such photos stand out.", "info",
                          {"reference_images": report.reference_images, "left_out": left}))
    if n_leftover > 0:
        out.append(Notice("unscored_remainder",
                          f"{n_leftover} image(s) do not fill a last batch of {report.batch_size} and are not in "
                          "this epoch's batches (training leaves them out of epoch 1 too; later epochs reshuffle).",
                          "info", {"count": n_leftover}))
    return tuple(out)
