"""What "normal" looks like to the patch check: a memory of normal patches and the threshold the normal photos set.

:func:`fit_normal` works from the index of the normal photos (``index.py``):

1. The normal photos that the Batch check names as bad shots (too dark, blurry, ...; ``scoring.findings``) are left
   out, so a black frame among them does not teach the memory that black is normal.
2. At most ``memory_photos`` of the rest (a seeded random subset) are read as whole frames (``frames.py``) and
   described patch by patch (``network_features.py``); each gives the same number of randomly chosen patches to the
   memory, at most ``max_patches`` in all (``patch_memory.py``). Each stage's descriptions are divided by their
   mean length over these photos, so every stage counts alike.
3. Every memory photo is then scored against the memory *without its own patches* (leave-one-out): its score is
   where a new normal photo's score would be. These scores set the threshold at the false-alarm rate asked for
   (``calibration.py``), and the operator can change the rate without recomputing anything.
4. The memory photos' pixel measurements, taken from the same decode as a new photo's (``frames.py``), are kept, so
   a new photo's bad-shot reasons are judged against them.

The result is cached in the app's cache folder, keyed by the weights, the folder, the settings and the identity
(size, modification time) of every memory photo; a change to any of them builds it again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import set_aside, write_atomic
from badbatch_gui.core.config import InspectConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.decoded_store import file_identity
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import ConfigError, FolderError
from badbatch_gui.core.inspect.calibration import Threshold, threshold_for
from badbatch_gui.core.inspect.frames import frame_shape, load_frames
from badbatch_gui.core.inspect.heat import heat_map, photo_scores
from badbatch_gui.core.inspect.index import FolderIndex
from badbatch_gui.core.inspect.model import InspectModel, placed
from badbatch_gui.core.inspect.network_features import grid_of, patch_maps, stage_lengths
from badbatch_gui.core.inspect.patch_memory import (
    PatchMemory,
    flat_cells,
    nearest_distances,
    patches_per_photo,
    sample_cells,
)

log = logging.getLogger(__name__)

NORMAL_MODEL_VERSION = 3
MIN_NORMAL_PHOTOS = 10
#: Reason codes that make a photo a bad shot (every Batch check reason but "unlike the rest", which is the patch
#: check's own business).
BAD_SHOT_REASONS = ("dark", "overexposed", "blurry", "noisy", "low_contrast", "cut_off")


@dataclass(frozen=True)
class NormalModel:
    """The normal photos, as the patch check needs them.

    Attributes:
        root: the normal photos' folder.
        fingerprint: the weights it was built with; model_name: their plain label.
        frame: (height, width) in pixels at which photos are looked at.
        grid: (rows, columns) of the patch grid (and of every heat map).
        layers: the backbone stages describing a patch; layer_scales: each stage's divisor. Shape: (len(layers),).
        memory: the kept normal patches.
        normal_paths: the photos whose leave-one-out scores set the threshold (the memory photos).
        normal_scores: their scores. Shape: (n,) float64.
        reference: the memory photos' pixel measurements (as ``frames.load_frames`` takes them for new photos), for
            bad-shot reasons. Shape: (n, pixel_checks.VECTOR_LEN).
        bad_shots_left_out: normal photos left out because the Batch check names them as bad shots.
        config: the settings it was built with; from_cache: it was read from the cache folder.
    """

    root: Path
    fingerprint: str
    model_name: str
    frame: tuple[int, int]
    grid: tuple[int, int]
    layers: tuple[str, ...]
    layer_scales: np.ndarray
    memory: PatchMemory
    normal_paths: tuple[str, ...]
    normal_scores: np.ndarray
    reference: np.ndarray
    bad_shots_left_out: tuple[str, ...]
    config: InspectConfig
    from_cache: bool = False

    def threshold(self, false_alarm_rate: float | None = None) -> Threshold:
        """The threshold at ``false_alarm_rate`` (default: the configured one)."""
        return threshold_for(
            self.normal_scores, self.config.false_alarm_rate if false_alarm_rate is None else float(false_alarm_rate)
        )

    @property
    def nbytes(self) -> int:
        """Bytes held: the memory, the scores and the reference measurements."""
        return int(self.memory.nbytes + self.normal_scores.nbytes + self.reference.nbytes)


def _normal_rows(index: FolderIndex, on_event: ev.EventCallback | None) -> tuple[np.ndarray, tuple[str, ...]]:
    found = index.findings()
    bad = np.array([any(r in BAD_SHOT_REASONS for r in reasons) for reasons in found.reasons], dtype=bool)
    left_out = tuple(index.paths[int(i)] for i in np.flatnonzero(bad))
    if left_out:
        ev.emit(
            on_event,
            ev.Notice(
                "inspect_normal_bad_shots",
                f"{len(left_out)} of the normal photos look like bad "
                "shots (too dark, blurry, ...) and are not used as examples of normal parts.",
                "info",
                {"count": len(left_out)},
            ),
        )
    return np.flatnonzero(~bad), left_out


def _cache_key(index: FolderIndex, chosen: list[str], frame: tuple[int, int], config: InspectConfig) -> str:
    h = hashlib.sha256(
        json.dumps(
            [
                NORMAL_MODEL_VERSION,
                index.fingerprint,
                str(index.root.resolve()),
                frame,
                list(config.layers),
                config.max_patches,
                config.memory_photos,
                config.seed,
            ]
        ).encode("utf-8", "surrogatepass")
    )
    for p in chosen:
        h.update(f"{p}|{file_identity(index.root / p)}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:24]


def _save(file: Path, nm: NormalModel) -> None:
    meta = {
        "frame": list(nm.frame),
        "grid": list(nm.grid),
        "layers": list(nm.layers),
        "memory_photos": list(nm.memory.photos),
        "normal_paths": list(nm.normal_paths),
        "bad_shots_left_out": list(nm.bad_shots_left_out),
    }
    try:
        write_atomic(
            file,
            lambda fh: np.savez(
                fh,
                meta=np.array(json.dumps(meta, ensure_ascii=False)),
                scales=nm.layer_scales,
                features=nm.memory.features,
                owner=nm.memory.owner,
                scores=nm.normal_scores,
                reference=nm.reference,
            ),
            durable=False,
        )
    except OSError as exc:
        log.warning("could not keep the normal model in %s: %s", file, exc)


def _load(file: Path, index: FolderIndex, config: InspectConfig) -> NormalModel | None:
    if not file.is_file():
        return None
    try:
        with np.load(file, allow_pickle=False) as z:
            meta: dict[str, Any] = json.loads(str(z["meta"]))
            memory = PatchMemory(
                z["features"].astype(np.float32), z["owner"].astype(np.int32), tuple(meta["memory_photos"])
            )
            scales, scores = z["scales"].astype(np.float64), z["scores"].astype(np.float64)
            reference = z["reference"].astype(np.float32)
        return NormalModel(
            index.root,
            index.fingerprint,
            index.model_name,
            (int(meta["frame"][0]), int(meta["frame"][1])),
            (int(meta["grid"][0]), int(meta["grid"][1])),
            tuple(meta["layers"]),
            scales,
            memory,
            tuple(meta["normal_paths"]),
            scores,
            reference,
            tuple(meta["bad_shots_left_out"]),
            config,
            from_cache=True,
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        log.warning("normal-model cache %s is damaged (%s); it is set aside and rebuilt", file, exc)
        try:
            set_aside(file)
        except OSError:
            pass
        return None


def _fit(
    model: InspectModel,
    index: FolderIndex,
    config: InspectConfig,
    cache_dir: Path,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
) -> NormalModel:
    if index.fingerprint != model.fingerprint:
        raise ConfigError(
            "The normal photos' index was built with another encoder; build it again with this one.",
            code="inspect_index_other_model",
        )
    ev.emit(on_event, ev.StateChanged(ev.RunState.PREPARING))
    rows, bad_shots = _normal_rows(index, on_event)
    if len(rows) < MIN_NORMAL_PHOTOS:
        raise FolderError(
            f"Only {len(rows)} usable normal photos in {index.root}; at least {MIN_NORMAL_PHOTOS} are "
            "needed to learn what normal looks like.",
            code="inspect_too_few_normal",
            count=int(len(rows)),
            minimum=MIN_NORMAL_PHOTOS,
            folder=str(index.root),
        )
    rng = np.random.default_rng(config.seed)
    picked = np.sort(rng.choice(rows, size=min(len(rows), config.memory_photos), replace=False))
    chosen = [index.paths[int(i)] for i in picked]
    frame = frame_shape(index.sizes[picked], config.frame_side(model.input_size))
    file = Path(cache_dir) / "inspect" / f"normal-{_cache_key(index, chosen, frame, config)}.npz"
    cached = _load(file, index, config)
    if cached is not None:
        ev.emit(on_event, ev.Progress("calibrate", 1, 1, "normal photos ready (from the cache)"))
        return cached
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    frames = load_frames(index.root, chosen, frame, control, on_event, message="reading the normal photos")
    if len(frames.paths) < MIN_NORMAL_PHOTOS:
        raise FolderError(
            f"Only {len(frames.paths)} normal photos could be read; at least {MIN_NORMAL_PHOTOS} are needed.",
            code="inspect_too_few_normal",
            count=len(frames.paths),
            minimum=MIN_NORMAL_PHOTOS,
            folder=str(index.root),
        )
    backbone = placed(model, pick_device(config.device))
    layers, grid, n, bs = tuple(config.layers), grid_of(frame, config.layers), len(frames.paths), config.batch_size
    per_photo = patches_per_photo(n, grid[0] * grid[1], config.max_patches)
    kept: list[np.ndarray] = []
    lengths = np.zeros(len(layers))
    for start in range(0, n, bs):
        if control is not None:
            control.check()
        desc, channels = patch_maps(backbone, frames.pixels[start : start + bs], layers)
        lengths += stage_lengths(desc, channels) * len(desc)
        cells = flat_cells(desc).numpy()
        kept += [cells[b, sample_cells(cells.shape[1], per_photo, rng)] for b in range(len(cells))]
        ev.emit(on_event, ev.Progress("memory", min(n, start + bs), n, "describing the normal photos"))
    scales = np.maximum(lengths / n, 1e-12)
    widths = np.repeat(scales, channels).astype(np.float32)
    memory = PatchMemory(
        np.ascontiguousarray(np.concatenate(kept) / widths, dtype=np.float32),
        np.repeat(np.arange(n, dtype=np.int32), [len(k) for k in kept]),
        frames.paths,
    )
    scores = np.empty(n)
    for start in range(0, n, bs):
        if control is not None:
            control.check()
        desc, _ = patch_maps(backbone, frames.pixels[start : start + bs], layers, scales)
        own = [memory.rows_of(i) for i in range(start, start + len(desc))]
        scores[start : start + len(desc)] = photo_scores(heat_map(nearest_distances(memory, desc, own)))
        ev.emit(on_event, ev.Progress("calibrate", min(n, start + bs), n, "scoring the normal photos"))
    fitted = NormalModel(
        index.root,
        index.fingerprint,
        index.model_name,
        frame,
        grid,
        layers,
        scales,
        memory,
        frames.paths,
        scores,
        frames.measurements,
        bad_shots,
        config,
    )
    _save(file, fitted)
    log.info(
        "normal model: %d photos, %d patches (%.1f MB), frame %s, grid %s",
        n,
        len(memory.features),
        memory.nbytes / 1e6,
        frame,
        grid,
    )
    return fitted


def fit_normal(
    model: InspectModel,
    index: FolderIndex,
    config: InspectConfig = InspectConfig(),
    *,
    cache_dir: Path,
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
) -> NormalModel:
    """Learn what the normal photos of ``index`` look like (see the module docstring).

    Args:
        model: the encoder ``index`` was built with.
        index: the normal photos' index (:func:`~.index.build_index`).
        config: patch layers, memory bounds, frame size, false-alarm rate, seed, device.
        cache_dir: the app's cache folder (``AppPaths.cache_dir``).
        control: checked between batches (pause, stop). on_event: StateChanged, Notice, Progress ("decode",
            "memory", "calibrate") and exactly one RunFinished.

    Raises:
        ConfigError: the index belongs to another encoder, or a setting is out of range.
        FolderError: fewer than :data:`MIN_NORMAL_PHOTOS` usable normal photos.
        Cancelled: a stop was requested.
    """
    config.validate()
    base = Path(cache_dir)
    return ev.finish_once(
        on_event,
        lambda: _fit(model, index, config, base, control, on_event),
        "Learning the normal photos stopped.",
        lambda r: (
            f"{len(r.normal_paths)} normal photos learnt, {len(r.memory.features)} patches "
            f"kept ({r.memory.nbytes / 1e6:.1f} MB)."
        ),
    )
