"""The folder's original photos through the feature network, once per (decoded files, network).

The originals' raw features are cached as ``.npz`` in the cache folder, keyed by the feature network, the
layer, the normalisation, the pixel size and every file's identity (path, size, modification time), so a check
with another batch size, seed, mode or threshold re-uses them (``scoring.score_folder``).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np
import torch

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import write_atomic
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.image_cache import ImageCache
from badbatch_gui.core.file_names import key_bytes
from badbatch_gui.core.scoring.features import FeatureNetwork, FeatureSource, extract

log = logging.getLogger(__name__)

FEATURE_CACHE_VERSION = 1


def _feature_cache_key(cache: ImageCache, source: FeatureSource) -> str:
    h = hashlib.sha256(
        key_bytes(
            f"v{FEATURE_CACHE_VERSION}|{source.fingerprint}|{source.layer}|{source.normalisation}|"
            f"{cache.size}|{Path(cache.root).resolve()}"
        )
    )
    for p in cache.paths:
        try:
            st = (Path(cache.root) / p).stat()
            h.update(key_bytes(f"{p}|{st.st_size}|{st.st_mtime_ns}\n"))
        except OSError:
            h.update(key_bytes(f"{p}|missing\n"))
    return h.hexdigest()[:32]


def _compute(
    net: FeatureNetwork, cache: ImageCache, chunk: int, control: RunControl | None, on_event: ev.EventCallback | None
) -> np.ndarray:
    """Raw features of every original (un-augmented, as TwoViewDataset returns them). Shape: (n, D)."""
    n = len(cache)
    out: list[np.ndarray] = []
    for start in range(0, n, chunk):
        if control is not None:
            control.check()
        block = torch.from_numpy(np.ascontiguousarray(cache.array[start : start + chunk])).permute(0, 3, 1, 2)
        out.append(extract(net, block))  # uint8 -> [0, 1] inside extract
        ev.emit(on_event, ev.Progress("features", min(n, start + chunk), n, "features of the original photos"))
    return np.concatenate(out) if out else np.zeros((0, 0))


def original_features(
    net: FeatureNetwork,
    source: FeatureSource,
    cache: ImageCache,
    chunk: int,
    feature_dir: Path | None,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
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
    feats = _compute(net, cache, chunk, control, on_event)
    if file is not None:
        try:
            write_atomic(
                file,
                lambda fh: np.savez(fh, feats=feats.astype(np.float32), paths=np.array(cache.paths, dtype=str)),
                durable=False,
            )
        except OSError as exc:
            log.warning("could not write the feature cache %s: %s", file, exc)
    return feats, False
