"""Photos like this one: the k nearest photos of an index by cosine similarity of their embeddings.

The search is exact: one matrix-vector product against every embedding of the index and a partial sort. At 10,000
photos × 512 values that is 5 million multiply-adds, about a millisecond, so no approximate index (and no extra
dependency) is needed; the figures are in ``benchmarks/bench_inspect.py``. The query is a photo of the indexed folder
(its stored embedding, itself left out of the answer) or any other image file (embedded on the spot with the
encoder's own preprocessing). The same query against the untrained twin's index shows what training changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from badbatch_gui.core.data.imageio import load_rgb_array
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import ConfigError
from badbatch_gui.core.inspect.index import FolderIndex
from badbatch_gui.core.inspect.model import InspectModel, placed
from badbatch_gui.core.inspect.network_features import embed_batch


@dataclass(frozen=True)
class Neighbour:
    """One photo of the answer: its relative path in the indexed folder and its cosine similarity (−1 … 1)."""

    path: str
    similarity: float


@dataclass(frozen=True)
class SimilarPhotos:
    """The answer to "photos like this one".

    Attributes:
        query: the photo asked about (relative path when it is in the folder, else the file's path).
        in_folder: the query is a photo of the indexed folder (and is left out of the answer).
        neighbours: the nearest photos, most similar first.
        model_name: the encoder's plain label; untrained: it is the untrained twin.
    """

    query: str
    in_folder: bool
    neighbours: tuple[Neighbour, ...]
    model_name: str
    untrained: bool

    def to_json(self) -> dict[str, object]:
        """Plain JSON: query, in_folder, model, untrained, neighbours [{path, similarity}]."""
        return {
            "query": self.query,
            "in_folder": self.in_folder,
            "model": self.model_name,
            "untrained": self.untrained,
            "neighbours": [{"path": n.path, "similarity": round(n.similarity, 6)} for n in self.neighbours],
        }


def nearest(
    embeddings: np.ndarray, query: np.ndarray, k: int, exclude: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` rows most similar to ``query`` (exact; ties broken by row order).

    Args:
        embeddings: unit rows. Shape: (N, F).
        query: a unit vector. Shape: (F,).
        k: how many (fewer when the index is smaller).
        exclude: a row to leave out (the query itself).

    Returns:
        (rows, cosine similarities), most similar first. Shape: (m,) int64 and (m,) float32, m = min(k, N - excluded).
    """
    sims = np.asarray(embeddings, dtype=np.float32) @ np.asarray(query, dtype=np.float32)
    if exclude is not None:
        sims[exclude] = -np.inf
    m = min(int(k), len(sims) - (exclude is not None))
    if m <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    part = np.argpartition(-sims, m - 1)[:m] if m < len(sims) else np.arange(len(sims))
    order = np.lexsort((part, -sims[part]))  # by similarity, then row
    rows = part[order].astype(np.int64)
    return rows, sims[rows].astype(np.float32)


def embed_files(model: InspectModel, files: list[Path], device: str = "auto") -> np.ndarray:
    """Embeddings of image files anywhere on disk, as the index computes them.

    Shape: returns (len(files), F) float32, unit rows.

    Raises:
        ImageDecodeError: a file cannot be decoded (reason code, plain message).
    """
    pixels = np.stack([load_rgb_array(Path(f), model.input_size) for f in files])
    return embed_batch(placed(model, pick_device(device)), pixels)


def _row_of(index: FolderIndex, photo: str | Path) -> int | None:
    text = str(photo)
    row = index.row(PurePosixPath(text.replace("\\", "/")).as_posix())
    if row is not None:
        return row
    p = Path(photo).expanduser()
    try:
        rel = p.resolve().relative_to(index.root.resolve())
    except (ValueError, OSError):
        return None
    return index.row(rel.as_posix())


def similar_photos(
    model: InspectModel, index: FolderIndex, photo: str | Path, k: int = 12, device: str = "auto"
) -> SimilarPhotos:
    """The ``k`` photos of ``index`` most like ``photo`` under ``model`` (see the module docstring).

    Args:
        model: the encoder the index was built with.
        index: the folder's index.
        photo: a relative path of the indexed folder, a path inside it, or any image file.
        k: how many photos to return.

    Raises:
        ConfigError: the index was built with another encoder, or k < 1.
        ImageDecodeError: ``photo`` is not in the folder and cannot be decoded.
    """
    if index.fingerprint != model.fingerprint:
        raise ConfigError(
            "This index was built with another encoder; build it again with this one.", code="inspect_index_other_model"
        )
    if k < 1:
        raise ConfigError("Ask for at least one similar photo.", code="inspect_k", value=k)
    row = _row_of(index, photo)
    if row is not None:
        query, name = index.embeddings[row], index.paths[row]
    else:
        query, name = embed_files(model, [Path(photo).expanduser()], device)[0], str(photo)
    rows, sims = nearest(index.embeddings, query, k, exclude=row)
    found = tuple(Neighbour(index.paths[int(r)], float(s)) for r, s in zip(rows, sims, strict=True))
    return SimilarPhotos(name, row is not None, found, model.name, model.untrained)
