"""Batch check preview: what looks wrong with which photo, and FRD scores of the batches training will draw.

Every usable photo of the folder is decoded once (kept in the cache folder for later checks,
``core/data/image_cache.py``), measured and judged (``core/scoring/findings.py``: per-photo findings with fixed reason
codes, also for photos left out of the batch plan). Then the batches (docs/design/frd.md §2-6):

The batches are exactly training's first epoch: :func:`~badbatch_gui.core.data.dataset.plan_batches` with the same
(number of images, batch size, seed, epoch 0) over the same paths (``data.dataset.training_paths``: the sorted
training images minus the operator's rejections, ``dataset.select_paths``, and the ``max_images`` subset), and the views
are those of a :class:`~badbatch_gui.core.data.dataset.TwoViewDataset` with the same seed at epoch 0, draw 0 (training's
first attempt). Each batch gets the paper's FRD in one of three modes:

- ``views``: FRD(view 1, view 2) [paper];
- ``original``: ½·[FRD(O, V1) + FRD(O, V2)], both terms stored [project];
- ``reference`` (the default): FRD(O_batch, folder statistics) [project]; the statistics come from the folder's
  typical photos that the findings do not flag (``ScoreConfig.reference_trim``, see :func:`typical_photos`), and τ
  from batches of such photos (``core/scoring/clean_threshold.py``).

The batch size follows ``core/scoring/batch_size_rule.py`` unless the operator set it (``ScoreConfig.auto_batch_size``).

Per-image scores (docs/design/frd.md §5, the project's attribution): e_i for the paired modes (the mean of both terms in
``original``), leave-one-out ΔFRD_i in ``reference``. Every photo is also ranked folder-wide by how unlike the
rest it is (``frd_per_photo.per_image_against_folder`` on the originals; docs/design/frd.md §9: per-image scores are the strong
signal, one bad photo moves a batch score by only ~1/N). The threshold τ follows ``frd.threshold``.

The originals' features are computed once per (decoded files, feature network) and cached as ``.npz`` in the
cache folder, with the folder statistics of ``reference`` mode; changing batch size, seed or mode re-uses them.
Features "standardised per dimension over the folder" (the untrained preview, see ``features.py``) use the mean
and standard deviation of the originals' features for every feature set of the run.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import numpy as np
import torch

from badbatch_gui import __version__
from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.dataset import (
    BatchLoader,
    ImageCache,
    TwoViewDataset,
    plan_batches,
    select_paths,
    training_paths,
)
from badbatch_gui.core.data.scan import ScanResult
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.scoring import clean_threshold, frd, frd_per_photo
from badbatch_gui.core.scoring.batch_size_rule import choose_batch_size
from badbatch_gui.core.scoring.features import extract, load_feature_network, pick_device
from badbatch_gui.core.scoring.findings import Findings, judge
from badbatch_gui.core.scoring.folder_features import original_features
from badbatch_gui.core.scoring.score_notices import make_notices
from badbatch_gui.core.scoring.score_report import BatchScore, ImageScore, ScoreReport

log = logging.getLogger(__name__)

__all__ = ["BatchScore", "ImageScore", "ScoreReport", "Standardiser", "batch_scores", "score_folder", "typical_photos"]

OUTLIERS_KEPT = 100  # at least this many least typical photos in the report (every flagged one if more)


class Standardiser:
    """Per-dimension standardisation with the folder's statistics (identity unless ``normalisation`` asks).

    Args:
        folder_feats: raw features of every original. Shape: (M, D).
        enabled: False for L2-normalised features (they are used as they are).
    """

    def __init__(self, folder_feats: np.ndarray, enabled: bool) -> None:
        self.enabled = bool(enabled)
        self.mean = folder_feats.mean(axis=0) if enabled else None
        if enabled:
            sd = folder_feats.std(axis=0)
            floor = 1e-12 * max(float(sd.max(initial=0.0)), 1e-300)
            self.std = np.where(sd > floor, sd, 1.0)  # a constant dimension stays constant (0) after centring

    def __call__(self, f: np.ndarray) -> np.ndarray:
        """Shape: (B, D) -> (B, D) float64."""
        return (f - self.mean) / self.std if self.enabled else f


def batch_scores(
    mode: str, o: np.ndarray | None, v1: np.ndarray | None, v2: np.ndarray | None, ref: frd.ReferenceStats | None = None
) -> tuple[float, np.ndarray, dict[str, float]]:
    """One batch's FRD, per-image scores and stored terms for ``mode`` (docs/design/frd.md §3, §5).

    Args:
        mode: "views", "original" or "reference".
        o: the originals' features (original/reference modes). Shape: (N, D).
        v1, v2: the two views' features, same image order (views/original modes). Shape: (N, D).
        ref: folder statistics (reference mode).

    Returns:
        (FRD, per-image scores (N,), terms): views/reference terms are the mean and trace parts; original mode
        stores FRD(O, V1) and FRD(O, V2).
    """
    if mode == "views":
        d = frd.frechet_details(v1, v2)
        return d.value, frd_per_photo.per_image_paired(v1, v2), {"mean_term": d.mean_term, "trace_term": d.trace_term}
    if mode == "original":
        f1, f2 = frd.frechet_distance(o, v1), frd.frechet_distance(o, v2)
        per = 0.5 * (frd_per_photo.per_image_paired(o, v1) + frd_per_photo.per_image_paired(o, v2))
        return 0.5 * (f1 + f2), per, {"view1": f1, "view2": f2}
    if mode == "reference":
        if ref is None:
            raise ValueError("reference mode needs folder statistics")
        d = frd.frechet_details(o, ref)
        assert o is not None  # frechet_details refused None
        per = frd_per_photo.per_image_loo_reference(o, ref) if len(o) >= 2 else np.zeros(len(o))
        return d.value, per, {"mean_term": d.mean_term, "trace_term": d.trace_term}
    raise ValueError(f"unknown scoring mode {mode!r}")


def typical_photos(odd: np.ndarray, k: float | None) -> np.ndarray:
    """Mask of the photos whose folder-wide oddness is at most median + k·1.4826·MAD (all when ``k`` is None).

    ``reference`` mode takes its folder statistics from these photos [project]: in a folder where one photo in six
    is a bad shot (the demo folder) statistics of every photo describe the bad shots too, and a batch full of them
    then "represents the folder": with every photo's statistics the batch signal vanished on the demo folders
    (docs/design/frd.md §9).

    Shape: odd (n,) -> (n,) bool.
    """
    if k is None or len(odd) < 3:
        return np.ones(len(odd), dtype=bool)
    med = float(np.median(odd))
    mad = float(np.median(np.abs(odd - med)))
    keep = odd <= med + k * 1.4826 * mad
    return keep if keep.sum() >= 2 else np.ones(len(odd), dtype=bool)


def score_folder(
    scan: ScanResult,
    config: ScoreConfig,
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
    *,
    cache_dir: Path,
) -> ScoreReport:
    """Score every planned batch of a scanned folder (see the module docstring).

    Args:
        scan: the folder's scan; its training images (minus ``config.exclude``) are scored.
        config: batch size, seed, mode, feature network, threshold rule...
        control: pause/stop, checked at every batch.
        on_event: receives StateChanged, Progress ("decode", "features", "scoring"), BatchScored per batch, Notice
            per warning and exactly one RunFinished (``result`` = the report when completed).
        cache_dir: where decoded images and feature caches go (the app's: ``AppPaths.cache_dir``); never the image
            folder.

    Raises:
        FolderError: no usable image, or fewer images than one batch.
        ConfigError: invalid configuration. CheckpointError: unusable weights.
        Cancelled: ``control`` requested a stop (after RunFinished(CANCELED) was sent).
    """
    return ev.finish_once(
        on_event,
        lambda: _score(scan, config, control, on_event, cache_dir),
        "Scoring was stopped.",
        lambda report: report.summary(),
    )


def _score(
    scan: ScanResult,
    config: ScoreConfig,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    cache_dir: Path,
) -> ScoreReport:
    t_start = time.perf_counter()
    config.validate()
    ev.emit(on_event, ev.StateChanged(ev.RunState.PREPARING))
    scan.require_usable()
    folder_paths = select_paths(r.path for r in scan.training_images())  # findings cover every usable photo
    # dataset.select_paths (+ the max_images subset), exactly as the trainer chooses its files
    wanted = training_paths(folder_paths, config.exclude, config.max_images)
    if not wanted:
        raise FolderError("Every usable image of the folder is marked as rejected; nothing is left to score.")
    device = pick_device(config.device)
    # One fixed initialisation for untrained networks (not the plan seed), so previews with different seeds
    # compare and share the folder feature cache. Loaded before decoding: unusable weights fail fast.
    net, source = load_feature_network(config.backbone, config.weights, device)
    t_net = time.perf_counter()
    base = Path(cache_dir)
    cache = ImageCache.build(
        scan.root,
        folder_paths,
        config.image_size,
        cache_dir=base / "images",
        control=control,
        on_event=on_event,
        measure=config.pixel_checks,
    )
    t_decoded = time.perf_counter()
    position = {p: i for i, p in enumerate(cache.paths)}
    in_plan = np.array([position[p] for p in wanted if p in position], dtype=np.int64)  # folder index per dataset index
    n = len(in_plan)
    choice = choose_batch_size(n, config.batch_size, config.auto_batch_size)
    bs = choice.size
    if n < bs:
        raise FolderError(
            f"Only {n} images could be read, fewer than one batch of {bs}; choose a batch size of at most {max(n, 2)}."
        )
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    raw, cached = original_features(net, source, cache, max(bs, 64), base / "features", control, on_event)
    t_orig = time.perf_counter()
    std = Standardiser(raw, source.normalisation == "standardise")
    originals = std(raw)
    odd = frd_per_photo.per_image_against_folder(originals)
    found = judge(cache.paths, cache.stats, odd) if config.pixel_checks and cache.stats is not None else None
    t_checks = time.perf_counter()
    typical = typical_photos(odd, config.reference_trim)
    if found is not None and config.reference_trim is not None and (typical & ~found.flagged).sum() >= 2:
        typical &= ~found.flagged  # the folder statistics describe the photos that look fine
    ref = frd.reference_stats(originals[typical]) if config.mode == "reference" else None

    plan = plan_batches(n, bs, config.seed, 0)
    scores: list[tuple[float, np.ndarray, dict[str, float]]] = []
    t_fwd = t_frd = t_wait = 0.0
    if config.mode == "reference":
        for k, b in enumerate(plan):
            if control is not None:
                control.check()
            t0 = time.perf_counter()
            scores.append(batch_scores("reference", originals[in_plan[b]], None, None, ref))
            t_frd += time.perf_counter() - t0
            ev.emit(on_event, ev.BatchScored(k, len(plan), scores[-1][0]))
            ev.emit(on_event, ev.Progress("scoring", k + 1, len(plan), "scoring batches"))
    else:
        planned = (
            cache
            if n == len(cache)
            else ImageCache(cache.root, tuple(cache.paths[i] for i in in_plan), cache.size, cache.array[in_plan])
        )
        dataset = TwoViewDataset(planned, config.augment, config.image_size, config.seed)
        dataset.set_epoch(0)
        with BatchLoader(dataset, plan, prefetch=3) as loader:
            it = iter(loader)
            for k, b in enumerate(plan):
                if control is not None:
                    control.check()
                t0 = time.perf_counter()
                idx, _, v1, v2 = next(it)
                t1 = time.perf_counter()
                if not np.array_equal(idx.numpy(), b):
                    raise RuntimeError("batch loader out of step with the batch plan")
                both = std(extract(net, torch.cat([v1, v2])))
                t2 = time.perf_counter()
                scores.append(batch_scores(config.mode, originals[in_plan[b]], both[:bs], both[bs:]))
                t3 = time.perf_counter()
                t_wait, t_fwd, t_frd = t_wait + t1 - t0, t_fwd + t2 - t1, t_frd + t3 - t2
                ev.emit(on_event, ev.BatchScored(k, len(plan), scores[-1][0]))
                ev.emit(on_event, ev.Progress("scoring", k + 1, len(plan), "scoring batches"))
    t_scored = time.perf_counter()

    values = np.array([s[0] for s in scores], dtype=np.float64)
    calibration = None
    if ref is not None and found is not None:
        calibration = clean_threshold.clean_batch_scores(
            originals, np.flatnonzero(~found.flagged), bs, ref, config.seed
        )
    tau = clean_threshold.threshold(
        values,
        calibration,
        config.policy,
        k=config.k,
        percentile=config.percentile,
        fixed=config.fixed_threshold,
        context={"n": bs, "d": int(raw.shape[1]), "mode": config.mode},
    )
    dataset_index = np.full(len(cache), -1, dtype=np.int64)
    dataset_index[in_plan] = np.arange(n)
    batches = []
    for k, (b, (value, per, terms)) in enumerate(zip(plan, scores, strict=True)):
        order = np.argsort(-per, kind="stable")
        images = tuple(_image_score(cache.paths[int(in_plan[b[j]])], float(per[j]), int(b[j]), found) for j in order)
        batches.append(BatchScore(k, float(value), tau.rejects(value), images, dict(terms)))
    top = found.ranked(OUTLIERS_KEPT) if found is not None else np.argsort(-odd, kind="stable")[:OUTLIERS_KEPT]
    outliers = tuple(
        _image_score(
            cache.paths[int(i)], float(found.severity[i] if found is not None else odd[i]), int(dataset_index[i]), found
        )
        for i in top
    )

    total = time.perf_counter() - t_start
    n_scored = len(plan) * bs
    decode = t_decoded - t_net
    timings = {
        "network_s": t_net - t_start,
        "decode_s": decode,
        "photos_decoded": float(cache.decoded),
        "originals_s": t_orig - t_decoded,
        "originals_cached": float(cached),
        "features_s": (0.0 if cached else t_orig - t_decoded) + t_fwd,
        "checks_s": t_checks - t_orig,
        "measure_cpu_s": cache.measure_s,
        "views_forward_s": t_fwd,
        "loader_wait_s": t_wait,
        "frd_s": t_frd,
        "scoring_s": t_scored - t_checks,
        "total_s": total,
        "images_per_s": n_scored / total if total > 0 else 0.0,
        "images_per_s_after_decode": n_scored / (total - decode) if total > decode else 0.0,
    }
    effective = config.replace(batch_size=bs, auto_batch_size=False)
    report = ScoreReport(
        threshold=tau,
        mode=config.mode,
        batch_size=bs,
        seed=config.seed,
        feature_network=source.to_json(),
        batches=tuple(batches),
        outliers=tuple(outliers),
        failed=tuple(cache.failed),
        notices=(),
        timings=timings,
        root=str(scan.root),
        paths=tuple(cache.paths[i] for i in in_plan),
        n_images=n,
        file_list_hash=scan.file_list_hash(),
        config=effective.to_dict(),
        app_version=__version__,
        folder_scores=odd,
        reference_images=int(typical.sum()) if config.mode == "reference" else 0,
        findings=found,
        batch_size_choice=choice,
        calibration_scores=calibration,
    )
    report = report.with_notices(make_notices(report, n_leftover=n - n_scored))
    for notice in report.notices:
        ev.emit(on_event, notice)
    ev.emit(on_event, ev.StateChanged(ev.RunState.FINISHING))
    log.info(
        "scored %d batches of %d (%s mode, %s) in %.2f s: %s; %s",
        len(plan),
        bs,
        config.mode,
        source.name,
        total,
        tau.note,
        found.summary_json() if found is not None else "no pixel checks",
    )
    return report


def _image_score(path: str, score: float, dataset_index: int, found: Findings | None) -> ImageScore:
    """An ImageScore with the photo's findings (reasons, flagged, unusualness) when there are any."""
    if found is None:
        return ImageScore(path, score, dataset_index)
    reasons, unusualness = found.reasons_of(path), found.severity_of(path)
    return ImageScore(path, score, dataset_index, reasons, bool(reasons), unusualness)
