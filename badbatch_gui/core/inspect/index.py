"""An index of a folder under an encoder: the embedding and pixel measurements of every usable photo, cached.

:func:`build_index` scans the folder (``data.scan``), takes the photos asked for (by default every usable one, without
those the caller leaves out: for a run, :func:`default_photos` gives its training folder without the photos it left
out), and computes for each the encoder's embedding of the centre crop it was trained on and the Batch check's pixel
measurements. Photos are decoded through the decoded-image store (``data.image_cache``), so photos the Batch check or
training already decoded at that size are not decoded again.

The index is kept in the cache folder, one file per (weights fingerprint, folder):
``<cache>/inspect/index-<key>.npz`` holding every photo's relative path, file identity (size in bytes, modification
time in ns), embedding and measurements. A later build computes only the photos that are new or whose file changed
and drops the ones that are gone; a damaged cache file is set aside and rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from badbatch_gui.core import events as ev
from badbatch_gui.core.atomic_files import set_aside, write_atomic
from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data import pixel_checks
from badbatch_gui.core.data.decoded_store import file_identity
from badbatch_gui.core.data.image_cache import ImageCache
from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import FolderError
from badbatch_gui.core.inspect.model import InspectModel, placed
from badbatch_gui.core.inspect.network_features import embed_batch
from badbatch_gui.core.scoring.findings import Findings, judge

log = logging.getLogger(__name__)

INDEX_VERSION = 1


@dataclass(frozen=True)
class FolderIndex:
    """Every usable photo of a folder under one encoder. Row i of each array is ``paths[i]``.

    Attributes:
        root: the image folder (resolved).
        paths: relative POSIX paths, sorted.
        embeddings: L2-normalised embeddings. Shape: (N, F) float32.
        measurements: the Batch check's pixel measurements. Shape: (N, pixel_checks.VECTOR_LEN) float32.
        sizes: (width, height) of each photo as displayed. Shape: (N, 2) int32.
        fingerprint: the weights' fingerprint (:attr:`InspectModel.fingerprint`).
        model_name: the encoder's plain label.
        skipped: files that could not be used, with reason codes.
        reused: rows taken from the cache; computed: rows computed by this build.
    """

    root: Path
    paths: tuple[str, ...]
    embeddings: np.ndarray
    measurements: np.ndarray
    sizes: np.ndarray
    fingerprint: str
    model_name: str
    skipped: tuple[Problem, ...] = ()
    reused: int = 0
    computed: int = 0

    def __len__(self) -> int:
        return len(self.paths)

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.paths)}

    def row(self, path: str) -> int | None:
        """The row of a relative path, or None when it is not in the index."""
        return self._rows.get(path)

    def findings(self) -> Findings:
        """The Batch check's findings for these photos, judged against each other (bad shots and their reasons)."""
        return judge(self.paths, self.measurements)


def default_photos(model: InspectModel) -> tuple[Path | None, tuple[str, ...]]:
    """The folder a run trained on and the photos it left out ((None, ()) for an export: it does not say)."""
    return model.training_folder, model.left_out


def cache_file(cache_dir: Path, fingerprint: str, root: Path) -> Path:
    """Where the index of ``root`` under the weights ``fingerprint`` is kept."""
    key = hashlib.sha256(
        f"v{INDEX_VERSION}|{fingerprint}|{Path(root).resolve()}".encode("utf-8", "surrogatepass")
    ).hexdigest()[:24]
    return Path(cache_dir) / "inspect" / f"index-{key}.npz"


@dataclass(frozen=True)
class _Cached:
    rows: dict[str, int]
    identity: np.ndarray
    embeddings: np.ndarray
    measurements: np.ndarray


def _read_cache(file: Path, dim: int) -> _Cached | None:
    if not file.is_file():
        return None
    try:
        with np.load(file, allow_pickle=False) as z:
            paths = [str(p) for p in z["paths"]]
            cached = _Cached(
                {p: i for i, p in enumerate(paths)},
                z["identity"].astype(np.int64),
                z["embeddings"].astype(np.float32),
                z["measurements"].astype(np.float32),
            )
        if (
            cached.embeddings.shape != (len(paths), dim)
            or cached.identity.shape != (len(paths), 2)
            or cached.measurements.shape != (len(paths), pixel_checks.VECTOR_LEN)
        ):
            raise ValueError("arrays of the wrong shape")
        return cached
    except (OSError, ValueError, KeyError) as exc:
        log.warning("index cache %s is damaged (%s); it is set aside and rebuilt", file, exc)
        try:
            set_aside(file)
        except OSError:
            pass
        return None


def _write_cache(file: Path, paths: tuple[str, ...], identity: np.ndarray, emb: np.ndarray, meas: np.ndarray) -> None:
    try:
        write_atomic(
            file,
            lambda fh: np.savez(
                fh, paths=np.array(paths, dtype=str), identity=identity, embeddings=emb, measurements=meas
            ),
            durable=False,
        )
    except OSError as exc:
        log.warning("could not write the index cache %s: %s", file, exc)


def _with_others(
    cached: _Cached | None,
    root: Path,
    present: set[str],
    paths: tuple[str, ...],
    identity: np.ndarray,
    emb: np.ndarray,
    meas: np.ndarray,
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """The rows to keep in the cache: this build's, plus the cached rows of photos it did not ask for that are still
    in the folder unchanged (so indexing a folder with and without some photos does not recompute them).
    """
    if cached is None:
        return paths, identity, emb, meas
    mine = set(paths)
    others = [
        (p, j)
        for p, j in cached.rows.items()
        if p not in mine and p in present and file_identity(root / p) == tuple(int(v) for v in cached.identity[j])
    ]
    if not others:
        return paths, identity, emb, meas
    rows = np.array([j for _, j in others], dtype=np.int64)
    return (
        (*paths, *(p for p, _ in others)),
        np.concatenate([identity, cached.identity[rows]]),
        np.concatenate([emb, cached.embeddings[rows]]),
        np.concatenate([meas, cached.measurements[rows]]),
    )


def _embed_new(
    model: InspectModel,
    root: Path,
    todo: list[str],
    size: int,
    cache_dir: Path,
    batch_size: int,
    device: str,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
) -> tuple[list[str], np.ndarray, np.ndarray, list[Problem]]:
    """Decode (through the decoded-image store), measure and embed ``todo``: (paths done, embeddings, measurements,
    failures).
    """
    cache = ImageCache.build(
        root, todo, size, cache_dir=cache_dir / "images", control=control, on_event=on_event, measure=True
    )
    failed = list(cache.failed)
    backbone = placed(model, pick_device(device))
    chunks: list[np.ndarray] = []
    n = len(cache)
    for start in range(0, n, batch_size):
        if control is not None:
            control.check()
        chunks.append(embed_batch(backbone, np.asarray(cache.array[start : start + batch_size])))
        ev.emit(on_event, ev.Progress("index", min(n, start + batch_size), n, "photos indexed"))
    dim = int(model.architecture.get("feature_dim") or 512)
    emb = np.concatenate(chunks) if chunks else np.zeros((0, dim), np.float32)
    stats = cache.stats if cache.stats is not None else np.full((n, pixel_checks.VECTOR_LEN), np.nan, np.float32)
    return list(cache.paths), emb, np.asarray(stats, dtype=np.float32), failed


def _build(
    model: InspectModel,
    folder: Path,
    photos: tuple[str, ...] | None,
    exclude: frozenset[str],
    cache_dir: Path,
    batch_size: int,
    device: str,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
) -> FolderIndex:
    ev.emit(on_event, ev.StateChanged(ev.RunState.PREPARING))
    scan = scan_folder(folder, ScanConfig(find_duplicates=False), control=control)
    scan.require_usable()
    root = scan.root
    records = {r.path: r for r in scan.images}
    wanted = sorted(p for p in (records if photos is None else set(photos) & set(records)) if p not in exclude)
    if not wanted:
        raise FolderError(
            f"No photo of {root} is left to index (all are left out or missing).",
            code="inspect_nothing_to_index",
            folder=str(root),
        )
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    identity = np.array([file_identity(root / p) or (-1, -1) for p in wanted], dtype=np.int64).reshape(-1, 2)
    dim = int(model.architecture.get("feature_dim") or 512)
    file = cache_file(cache_dir, model.fingerprint, root)
    cached = _read_cache(file, dim)
    old = [cached.rows.get(p, -1) if cached is not None else -1 for p in wanted]
    reuse = [
        i for i, j in enumerate(old) if j >= 0 and cached is not None and (cached.identity[j] == identity[i]).all()
    ]
    reused = set(reuse)
    todo = [p for i, p in enumerate(wanted) if i not in reused]
    log.info(
        "index of %s under %s: %d photos, %d from the cache, %d to compute",
        root,
        model.name,
        len(wanted),
        len(reuse),
        len(todo),
    )
    emb = np.zeros((len(wanted), dim), np.float32)
    meas = np.full((len(wanted), pixel_checks.VECTOR_LEN), np.nan, np.float32)
    ok = np.zeros(len(wanted), dtype=bool)
    if cached is not None and reuse:
        src = np.array([old[i] for i in reuse], dtype=np.int64)
        emb[reuse], meas[reuse], ok[reuse] = cached.embeddings[src], cached.measurements[src], True
    failed: list[Problem] = []
    if todo:
        done, new_emb, new_meas, failed = _embed_new(
            model, root, todo, model.input_size, cache_dir, batch_size, device, control, on_event
        )
        where = {p: i for i, p in enumerate(wanted)}
        rows = np.array([where[p] for p in done], dtype=np.int64)
        if len(rows):
            emb[rows], meas[rows], ok[rows] = new_emb, new_meas, True
    else:
        ev.emit(on_event, ev.Progress("index", len(wanted), len(wanted), "photos indexed (all from the cache)"))
    keep = np.flatnonzero(ok)
    if not len(keep):
        raise FolderError(
            f"None of the photos of {root} could be read, so nothing was indexed.",
            code="inspect_nothing_readable",
            folder=str(root),
        )
    paths = tuple(wanted[int(i)] for i in keep)
    emb, meas, identity = emb[keep], meas[keep], identity[keep]
    kept = _with_others(cached, root, set(records), paths, identity, emb, meas)
    if todo or cached is None or set(cached.rows) != set(kept[0]):
        _write_cache(file, *kept)
    sizes = np.array([(records[p].width, records[p].height) for p in paths], dtype=np.int32).reshape(-1, 2)
    skipped = tuple(sorted([*scan.problems, *failed], key=lambda p: p.path))
    return FolderIndex(
        root,
        paths,
        emb,
        meas,
        sizes,
        model.fingerprint,
        model.name,
        skipped,
        reused=len(reuse),
        computed=len(todo) - len(failed),
    )


def build_index(
    model: InspectModel,
    folder: Path,
    photos: tuple[str, ...] | None = None,
    exclude: tuple[str, ...] = (),
    *,
    cache_dir: Path,
    batch_size: int = 64,
    device: str = "auto",
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
) -> FolderIndex:
    """Index the usable photos of ``folder`` under ``model`` (see the module docstring).

    Args:
        model: the encoder (:func:`~.model.load_model` or :func:`~.model.untrained_twin`).
        folder: the image folder (scanned recursively; never written to).
        photos: the relative paths to index (None: every usable photo).
        exclude: relative paths to leave out (a run's left-out photos).
        cache_dir: the app's cache folder (``AppPaths.cache_dir``).
        batch_size: photos per forward pass. device: "auto", "cpu", "cuda"...
        control: checked between chunks of photos (pause, stop).
        on_event: StateChanged, Progress ("decode", then "index"), exactly one RunFinished.

    Raises:
        FolderError: the folder is missing, holds no usable photo, or none is left to index.
        Cancelled: a stop was requested (nothing new is kept in the cache).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    base = Path(cache_dir)
    return ev.finish_once(
        on_event,
        lambda: _build(
            model, Path(folder).expanduser(), photos, frozenset(exclude), base, batch_size, device, control, on_event
        ),
        "Indexing stopped.",
        lambda r: (
            f"{len(r)} photos indexed ({r.computed} computed, {r.reused} from the cache, {len(r.skipped)} skipped)."
        ),
    )
