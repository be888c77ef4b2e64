"""Batch check preview: FRD scores of the batches training will draw, before training (frd.md §2-6).

The batches are exactly training's first epoch: :func:`~badbatch_gui.core.dataset.plan_batches` with the same
(number of images, batch size, seed, epoch 0) over the same paths (``train_state.training_paths``: the sorted
training images minus the operator's rejections, ``dataset.select_paths``, and the ``max_images`` subset), and the views are those of a :class:`~badbatch_gui.core.dataset.TwoViewDataset` with the same
seed at epoch 0, draw 0 (training's first attempt). Each batch gets the paper's FRD in one of three modes:

- ``views``: FRD(view 1, view 2) [paper];
- ``original``: ½·[FRD(O, V1) + FRD(O, V2)], both terms stored [project];
- ``reference``: FRD(O_batch, folder statistics) [project]; the statistics come from the folder's typical photos
  (``ScoreConfig.reference_trim``, see :func:`typical_photos`).

Per-image scores (frd.md §5, the project's attribution): e_i for the paired modes (the mean of both terms in
``original``), leave-one-out ΔFRD_i in ``reference``. Every photo is also ranked folder-wide by how unlike the
rest it is (``frd.per_image_against_folder`` on the originals; frd.md §9: per-image scores are the strong
signal, one bad photo moves a batch score by only ~1/N). The threshold τ follows ``frd.threshold``.

The originals' features are computed once per (decoded files, feature network) and cached as ``.npz`` in the
cache folder, with the folder statistics of ``reference`` mode; changing batch size, seed or mode re-uses them.
Features "standardised per dimension over the folder" (the untrained preview, see ``features.py``) use the mean
and standard deviation of the originals' features for every feature set of the run.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

import numpy as np
import torch

from badbatch_gui import __version__
from badbatch_gui.core import events as ev
from badbatch_gui.core import frd
from badbatch_gui.core.config import ScoreConfig
from badbatch_gui.core.control import Cancelled, RunControl
from badbatch_gui.core.dataset import BatchLoader, ImageCache, TwoViewDataset, plan_batches
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.features import FeatureNetwork, FeatureSource, extract, load_feature_network, pick_device
from badbatch_gui.core.paths import app_paths
from badbatch_gui.core.scan import ScanResult
from badbatch_gui.core.score_report import BatchScore, ImageScore, ScoreReport, make_notices
from badbatch_gui.core.train_state import training_paths

log = logging.getLogger(__name__)

__all__ = ["BatchScore", "ImageScore", "ScoreReport", "Standardiser", "batch_scores", "score_folder",
           "typical_photos"]

OUTLIERS_KEPT = 50
FEATURE_CACHE_VERSION = 1


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


def batch_scores(mode: str, o: np.ndarray | None, v1: np.ndarray | None, v2: np.ndarray | None,
                 ref: frd.ReferenceStats | None = None) -> tuple[float, np.ndarray, dict[str, float]]:
    """One batch's FRD, per-image scores and stored terms for ``mode`` (frd.md §3, §5).

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
        return d.value, frd.per_image_paired(v1, v2), {"mean_term": d.mean_term, "trace_term": d.trace_term}
    if mode == "original":
        f1, f2 = frd.frechet_distance(o, v1), frd.frechet_distance(o, v2)
        per = 0.5 * (frd.per_image_paired(o, v1) + frd.per_image_paired(o, v2))
        return 0.5 * (f1 + f2), per, {"view1": f1, "view2": f2}
    if mode == "reference":
        if ref is None:
            raise ValueError("reference mode needs folder statistics")
        d = frd.frechet_details(o, ref)
        per = frd.per_image_loo_reference(o, ref) if len(o) >= 2 else np.zeros(len(o))
        return d.value, per, {"mean_term": d.mean_term, "trace_term": d.trace_term}
    raise ValueError(f"unknown scoring mode {mode!r}")


def typical_photos(odd: np.ndarray, k: float | None) -> np.ndarray:
    """Mask of the photos whose folder-wide oddness is at most median + k·1.4826·MAD (all when ``k`` is None).

    ``reference`` mode takes its folder statistics from these photos [project]: in a folder where one photo in six
    is a bad shot (the demo folder) statistics of every photo describe the bad shots too, and a batch full of them
    then "represents the folder". Measured on demo folders (``benchmarks/choose_preview_features.py``): rank
    correlation of a batch's FRD with its number of bad shots about 0.0 with every photo, 0.7 with the typical ones.

    Shape: odd (n,) -> (n,) bool.
    """
    if k is None or len(odd) < 3:
        return np.ones(len(odd), dtype=bool)
    med = float(np.median(odd))
    mad = float(np.median(np.abs(odd - med)))
    keep = odd <= med + k * 1.4826 * mad
    return keep if keep.sum() >= 2 else np.ones(len(odd), dtype=bool)


def _feature_cache_key(cache: ImageCache, source: FeatureSource) -> str:
    h = hashlib.sha256(f"v{FEATURE_CACHE_VERSION}|{source.fingerprint}|{source.layer}|{source.normalisation}|"
                       f"{cache.size}|{Path(cache.root).resolve()}".encode())
    for p in cache.paths:
        try:
            st = (Path(cache.root) / p).stat()
            h.update(f"{p}|{st.st_size}|{st.st_mtime_ns}\n".encode("utf-8", "surrogatepass"))
        except OSError:
            h.update(f"{p}|missing\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def _original_features(net: FeatureNetwork, cache: ImageCache, chunk: int, control: RunControl | None,
                       on_event: ev.EventCallback | None) -> np.ndarray:
    """Raw features of every original (un-augmented, as TwoViewDataset returns them). Shape: (n, D)."""
    n = len(cache)
    out: list[np.ndarray] = []
    for start in range(0, n, chunk):
        if control is not None:
            control.check()
        block = torch.from_numpy(np.ascontiguousarray(cache.array[start:start + chunk])).permute(0, 3, 1, 2)
        out.append(extract(net, block))  # uint8 -> [0, 1] inside extract
        ev.emit(on_event, ev.Progress("features", min(n, start + chunk), n, "features of the original photos"))
    return np.concatenate(out) if out else np.zeros((0, 0))


def _load_or_compute(net: FeatureNetwork, source: FeatureSource, cache: ImageCache, chunk: int,
                     feature_dir: Path | None, control: RunControl | None, on_event: ev.EventCallback | None
                     ) -> tuple[np.ndarray, bool]:
    """The originals' raw features, from the ``.npz`` cache when it matches; returns (features, from_cache)."""
    file = feature_dir / f"{_feature_cache_key(cache, source)}.npz" if feature_dir is not None else None
    if file is not None and file.exists():
        try:
            with np.load(file, allow_pickle=False) as z:
                feats = z["feats"].astype(np.float64)
            if feats.shape[0] == len(cache):
                log.info("re-using cached features %s", file)
                return feats, True
        except (OSError, ValueError, KeyError) as exc:
            log.warning("feature cache %s unreadable (%s); recomputing", file, exc)
    feats = _original_features(net, cache, chunk, control, on_event)
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_name(file.stem + ".tmp.npz")
            np.savez(tmp, feats=feats.astype(np.float32), paths=np.array(cache.paths, dtype=str))
            tmp.replace(file)
        except OSError as exc:
            log.warning("could not write the feature cache %s: %s", file, exc)
    return feats, False


def score_folder(scan: ScanResult, config: ScoreConfig, control: RunControl | None = None,
                 on_event: ev.EventCallback | None = None, cache_dir: Path | None = None) -> ScoreReport:
    """Score every planned batch of a scanned folder (see the module docstring).

    Args:
        scan: the folder's scan; its training images (minus ``config.exclude``) are scored.
        config: batch size, seed, mode, feature network, threshold rule...
        control: pause/stop, checked at every batch.
        on_event: receives StateChanged, Progress ("decode", "features", "scoring"), BatchScored per batch, Notice
            per warning and exactly one RunFinished (``result`` = the report when completed).
        cache_dir: where decoded images and feature caches go (default: the app's cache folder); never the image
            folder.

    Raises:
        FolderError: no usable image, or fewer images than one batch.
        ConfigError: invalid configuration. CheckpointError: unusable weights.
        Cancelled: ``control`` requested a stop (after RunFinished(CANCELED) was sent).
    """
    try:
        report = _score(scan, config, control, on_event, cache_dir)
    except Cancelled:
        ev.emit(on_event, ev.RunFinished(ev.FinishReason.CANCELED, "Scoring was stopped."))
        raise
    except Exception as exc:
        ev.emit(on_event, ev.RunFinished(ev.FinishReason.ERRORED, str(exc)))
        raise
    ev.emit(on_event, ev.RunFinished(ev.FinishReason.COMPLETED, report.summary(), report))
    return report


def _score(scan: ScanResult, config: ScoreConfig, control: RunControl | None, on_event: ev.EventCallback | None,
           cache_dir: Path | None) -> ScoreReport:
    t_start = time.perf_counter()
    config.validate()
    ev.emit(on_event, ev.StateChanged(ev.RunState.PREPARING))
    scan.require_usable()
    # dataset.select_paths (+ the max_images subset), exactly as the trainer chooses its files
    paths = training_paths([r.path for r in scan.training_images()], config.exclude, config.max_images)
    if not paths:
        raise FolderError("Every usable image of the folder is marked as rejected; nothing is left to score.")
    device = pick_device(config.device)
    # One fixed initialisation for untrained networks (not the plan seed), so previews with different seeds
    # compare and share the folder feature cache. Loaded before decoding: unusable weights fail fast.
    net, source = load_feature_network(config.backbone, config.weights, device)
    t_net = time.perf_counter()
    base = Path(cache_dir) if cache_dir is not None else app_paths().cache_dir
    cache = ImageCache.build(scan.root, paths, config.image_size, cache_dir=base / "images", control=control,
                             on_event=on_event)
    t_decoded = time.perf_counter()
    n, bs = len(cache), config.batch_size
    if n < bs:
        raise FolderError(f"Only {n} images could be read, fewer than one batch of {bs}; choose a batch size of "
                          f"at most {max(n, 2)}.")
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    raw, cached = _load_or_compute(net, source, cache, max(bs, 64), base / "features", control, on_event)
    t_orig = time.perf_counter()
    std = Standardiser(raw, source.normalisation == "standardise")
    originals = std(raw)
    odd = frd.per_image_against_folder(originals)
    typical = typical_photos(odd, config.reference_trim)
    ref = frd.reference_stats(originals[typical]) if config.mode == "reference" else None

    plan = plan_batches(n, bs, config.seed, 0)
    scores: list[tuple[float, np.ndarray, dict[str, float]]] = []
    t_fwd = t_frd = t_wait = 0.0
    if config.mode == "reference":
        for k, b in enumerate(plan):
            if control is not None:
                control.check()
            t0 = time.perf_counter()
            scores.append(batch_scores("reference", originals[b], None, None, ref))
            t_frd += time.perf_counter() - t0
            ev.emit(on_event, ev.BatchScored(k, len(plan), scores[-1][0]))
            ev.emit(on_event, ev.Progress("scoring", k + 1, len(plan), "scoring batches"))
    else:
        dataset = TwoViewDataset(cache, config.augment, config.image_size, config.seed)
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
                scores.append(batch_scores(config.mode, originals[b], both[:bs], both[bs:]))
                t3 = time.perf_counter()
                t_wait, t_fwd, t_frd = t_wait + t1 - t0, t_fwd + t2 - t1, t_frd + t3 - t2
                ev.emit(on_event, ev.BatchScored(k, len(plan), scores[-1][0]))
                ev.emit(on_event, ev.Progress("scoring", k + 1, len(plan), "scoring batches"))
    t_scored = time.perf_counter()

    values = np.array([s[0] for s in scores], dtype=np.float64)
    tau = frd.threshold(values, config.policy, k=config.k, percentile=config.percentile,
                        fixed=config.fixed_threshold, context={"n": bs, "d": int(raw.shape[1]), "mode": config.mode})
    batches = []
    for k, (b, (value, per, terms)) in enumerate(zip(plan, scores, strict=True)):
        order = np.argsort(-per, kind="stable")
        images = tuple(ImageScore(cache.paths[int(b[j])], float(per[j]), int(b[j])) for j in order)
        batches.append(BatchScore(k, float(value), tau.rejects(value), images, dict(terms)))
    top = np.argsort(-odd, kind="stable")[:OUTLIERS_KEPT]
    outliers = tuple(ImageScore(cache.paths[int(i)], float(odd[i]), int(i)) for i in top)

    total = time.perf_counter() - t_start
    n_scored = len(plan) * bs
    decode = t_decoded - t_net
    timings = {
        "network_s": t_net - t_start, "decode_s": decode, "originals_s": t_orig - t_decoded,
        "originals_cached": float(cached), "features_s": (0.0 if cached else t_orig - t_decoded) + t_fwd,
        "views_forward_s": t_fwd, "loader_wait_s": t_wait, "frd_s": t_frd, "scoring_s": t_scored - t_orig,
        "total_s": total, "images_per_s": n_scored / total if total > 0 else 0.0,
        "images_per_s_after_decode": n_scored / (total - decode) if total > decode else 0.0,
    }
    report = ScoreReport(
        threshold=tau, mode=config.mode, batch_size=bs, seed=config.seed, feature_network=source.to_json(),
        batches=tuple(batches), outliers=tuple(outliers), failed=tuple(cache.failed), notices=(),
        timings=timings, root=str(scan.root), paths=tuple(cache.paths), n_images=n,
        file_list_hash=scan.file_list_hash(), config=config.to_dict(), app_version=__version__,
        folder_scores=odd, reference_images=int(typical.sum()) if config.mode == "reference" else 0,
    )
    report = report.with_notices(make_notices(report, n_leftover=n - n_scored))
    for notice in report.notices:
        ev.emit(on_event, notice)
    ev.emit(on_event, ev.StateChanged(ev.RunState.FINISHING))
    log.info("scored %d batches of %d (%s mode, %s) in %.2f s: %s", len(plan), bs, config.mode, source.name, total,
             tau.note)
    return report
