"""Frozen-feature evaluation of an encoder on a labelled folder: k-NN and linear-probe accuracy.

Protocol (docs/design/emc2.md §7, §9; docs/design/benchmark_data.md baselines use the same 70/30
logistic-regression split):
- **Data.** Each sub-folder of ``labelled_dir`` is one class (images at any depth below it); images
  directly in ``labelled_dir`` are ignored. Files go through the app's scanner and decoder; a file that
  cannot be read is skipped.
- **Features.** The frozen backbone's hidden features (B, F) of clean images (shorter side resized to the
  image size, centre crop; no augmentation), never the projector output.
- **Split.** A fixed stratified split: in every class, a seeded permutation puts round(70 %) of the images
  in the training part (at least one in each part when the class has two or more images). Exact duplicates
  (the scanner's duplicate groups) always land on the same side, so a copy in the training part cannot
  "predict" its original in the test part. (The scanner finds byte-identical files only; re-encoded or
  resized copies are not grouped.)
- **k-NN.** k = 20 (or the training-set size if smaller), cosine similarity on L2-normalised features,
  similarity-weighted vote with weights exp(cos / 0.07) (the weighted k-NN monitor of Wu et al. 2018,
  "Unsupervised Feature Learning via Non-Parametric Instance Discrimination", used by most SSL code).
  The EMC2 code's 1-NN accuracy (Euclidean distance on raw features) is reported too, as ``knn1_accuracy``;
  its 10-NN variant is not.
- **Linear probe.** Multinomial logistic regression on standardised features (training-part mean/std),
  objective mean cross-entropy + ||W||² / (2 n_train) (scikit-learn's ``LogisticRegression(C=1)``), solved
  with full-batch L-BFGS in float64 on the CPU: deterministic, no learning rate to tune.

It also evaluates a random-initialisation network (``model_or_run_dir="random"`` or None), the baseline
every "SSL helped" claim must beat (random conv features are strong on small sets).
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from badbatch_gui.core import events as ev
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.imageio import ImageDecodeError, load_rgb_array
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import CheckpointError, FolderError
from badbatch_gui.core.nets.encoder_io import load_encoder
from badbatch_gui.core.nets.models import ContrastiveModel, build_from_config, build_model

log = logging.getLogger(__name__)

KNN_K = 20
KNN_TEMPERATURE = 0.07
TRAIN_FRACTION = 0.7
DEFAULT_IMAGE_SIZE = 96


@dataclass(frozen=True)
class EvalReport:
    """Accuracies of one encoder on one labelled folder (fractions in [0, 1])."""

    knn_accuracy: float
    linear_accuracy: float
    knn1_accuracy: float
    chance: float
    majority: float
    n_classes: int
    classes: tuple[str, ...]
    n_train: int
    n_test: int
    k: int
    image_size: int
    feature_dim: int
    model: str
    seed: int
    skipped_files: int
    feature_time_s: float
    elapsed_s: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict."""
        d = asdict(self)
        d["classes"] = list(self.classes)
        return d


def stratified_split(
    labels: np.ndarray, seed: int = 0, train_fraction: float = TRAIN_FRACTION, groups: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Fixed seeded stratified split that never separates a group (copies of one photo).

    In every class, a seeded permutation of its groups fills the training part until it holds round(70 %) of
    the class's images (at least one group in each part when the class has two or more groups). A group goes
    with the class of its first member.

    Shape:
        labels: (N,) int; groups: (N,) int group ids (None: every image its own group). Returns sorted train
        and test index arrays.
    """
    labels = np.asarray(labels)
    gid = np.arange(len(labels)) if groups is None else np.asarray(groups)
    rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 0x5B11])
    first = {int(g): i for i, g in reversed(list(enumerate(gid.tolist())))}  # group -> its first member
    train: list[int] = []
    test: list[int] = []
    for c in np.unique(labels):
        own = sorted(g for g, i in first.items() if labels[i] == c)
        order = [own[k] for k in rng.permutation(len(own))]
        members = [np.flatnonzero(gid == g) for g in order]
        size = sum(len(m) for m in members)
        target = int(round(train_fraction * size))
        taken, k = 0, 0
        while k < len(members) and (taken < target or k == 0):
            taken += len(members[k])
            k += 1
        if len(members) >= 2:
            k = min(k, len(members) - 1)
        for m in members[:k]:
            train += m.tolist()
        for m in members[k:]:
            test += m.tolist()
    return np.sort(np.asarray(train, dtype=np.int64)), np.sort(np.asarray(test, dtype=np.int64))


def duplicate_groups(paths: list[str], duplicates: tuple[tuple[str, ...], ...]) -> np.ndarray:
    """Group ids for ``paths``: files of one duplicate group (identical content) share an id.

    Shape: returns (len(paths),) int64.
    """
    index = {p: i for i, p in enumerate(paths)}
    gid = np.arange(len(paths), dtype=np.int64)
    for group in duplicates:
        members = [index[p] for p in group if p in index]
        if members:
            gid[members] = min(members)
    return gid


def knn_accuracy(
    train_x: torch.Tensor,
    train_y: torch.Tensor,
    test_x: torch.Tensor,
    test_y: torch.Tensor,
    k: int = KNN_K,
    temperature: float = KNN_TEMPERATURE,
) -> float:
    """Similarity-weighted k-NN accuracy on cosine similarity.

    Shape:
        train_x (N, F), train_y (N,), test_x (M, F), test_y (M,).
    """
    a = F.normalize(train_x.double(), dim=1)
    b = F.normalize(test_x.double(), dim=1)
    sim = b @ a.T
    k = max(1, min(int(k), a.shape[0]))
    top, idx = sim.topk(k, dim=1)
    votes = torch.zeros(b.shape[0], int(train_y.max()) + 1, dtype=torch.float64)
    votes.scatter_add_(1, train_y[idx], torch.exp(top / temperature))
    return float((votes.argmax(1) == test_y).double().mean())


def nn1_accuracy(train_x: torch.Tensor, train_y: torch.Tensor, test_x: torch.Tensor, test_y: torch.Tensor) -> float:
    """1-NN accuracy with Euclidean distance on raw features (the EMC2 code's protocol, docs/design/emc2.md §7)."""
    d = torch.cdist(test_x.double(), train_x.double())
    return float((train_y[d.argmin(1)] == test_y).double().mean())


def linear_probe_accuracy(
    train_x: torch.Tensor, train_y: torch.Tensor, test_x: torch.Tensor, test_y: torch.Tensor, max_iter: int = 300
) -> float:
    """Logistic-regression accuracy (see the module docstring); deterministic.

    Shape:
        train_x (N, F), train_y (N,), test_x (M, F), test_y (M,).
    """
    x = train_x.double()
    mean, std = x.mean(0), x.std(0, unbiased=False).clamp_min(1e-6)
    x = (x - mean) / std
    xt = (test_x.double() - mean) / std
    n, d = x.shape
    c = int(max(int(train_y.max()), int(test_y.max()))) + 1
    w = torch.zeros(d, c, dtype=torch.float64, requires_grad=True)
    bias = torch.zeros(c, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS(
        [w, bias],
        lr=1.0,
        max_iter=max_iter,
        tolerance_grad=1e-7,
        tolerance_change=1e-10,
        history_size=20,
        line_search_fn="strong_wolfe",
    )

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = F.cross_entropy(x @ w + bias, train_y) + (w * w).sum() / (2 * n)
        loss.backward()
        return loss

    with torch.enable_grad():
        opt.step(closure)
    with torch.no_grad():
        return float(((xt @ w + bias).argmax(1) == test_y).double().mean())


def _labelled_files(
    labelled_dir: Path, control: RunControl | None
) -> tuple[list[str], list[int], list[str], int, np.ndarray]:
    def relay(event: object) -> None:  # the scan's own RunFinished is not this job's
        return None

    scan = scan_folder(labelled_dir, control=control, on_event=relay)
    by_class: dict[str, list[str]] = {}
    for rec in scan.images:
        parts = PurePosixPath(rec.path).parts
        if len(parts) >= 2:
            by_class.setdefault(parts[0], []).append(rec.path)
    classes = sorted(by_class)
    if len(classes) < 2:
        raise FolderError(
            f"{labelled_dir} needs at least two sub-folders of images (one per class) to "
            f"evaluate an encoder; found {len(classes)}."
        )
    paths, labels = [], []
    for ci, name in enumerate(classes):
        for p in sorted(by_class[name]):
            paths.append(p)
            labels.append(ci)
    return paths, labels, classes, len(scan.problems), duplicate_groups(paths, scan.duplicates)


def _resolve_model(model_or_run_dir: Any, image_size: int | None, seed: int) -> tuple[nn.Module, int, str]:
    """(feature network mapping (B,3,S,S) in [0,1] to (B,F), image size, description)."""
    if model_or_run_dir is None or (isinstance(model_or_run_dir, str) and model_or_run_dir == "random"):
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(seed))
            model = build_model("resnet18", "group")
        return model.backbone, int(image_size or DEFAULT_IMAGE_SIZE), "random-init resnet18 (GroupNorm)"
    if isinstance(model_or_run_dir, ContrastiveModel):
        return model_or_run_dir.backbone, int(image_size or DEFAULT_IMAGE_SIZE), "model object"
    if isinstance(model_or_run_dir, nn.Module):
        return model_or_run_dir, int(image_size or DEFAULT_IMAGE_SIZE), "model object"
    path = Path(model_or_run_dir).expanduser()
    if not path.exists():
        raise CheckpointError(f"{path} does not exist.")
    encoder, pre = load_encoder(path)
    return encoder, int(image_size or pre.size), str(path)


def untrained_twin(model_path: str | Path, seed: int = 0) -> nn.Module:
    """The feature network of the encoder in ``model_path`` (a run or export folder, or a weights file) rebuilt with
    random weights: the same architecture as it was before training (``nets.models.build_from_config``, seeded), the
    baseline its evaluation stands next to.

    Raises:
        CheckpointError / UnsafeFileError: the encoder cannot be read.
    """
    encoder, _pre = load_encoder(Path(model_path).expanduser())
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(seed))
        model = build_from_config(dict(encoder.architecture))
    return model.backbone


def _features(
    net: nn.Module,
    root: Path,
    paths: list[str],
    size: int,
    device: torch.device,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    batch: int = 64,
) -> tuple[torch.Tensor, np.ndarray]:
    """Backbone features of every readable image; returns (features (N', F), kept mask (N,))."""
    net = net.to(device).eval()
    feats: list[torch.Tensor] = []
    ok = np.zeros(len(paths), dtype=bool)
    for start in range(0, len(paths), batch):
        if control is not None:
            control.check()
        imgs = []
        for i in range(start, min(len(paths), start + batch)):
            try:
                arr = load_rgb_array(root.joinpath(*PurePosixPath(paths[i]).parts), size)
            except ImageDecodeError as exc:
                log.warning("evaluation skips %s: %s", paths[i], exc)
                continue
            imgs.append(torch.from_numpy(arr).permute(2, 0, 1).float().div_(255.0))
            ok[i] = True
        if imgs:
            with torch.no_grad():
                feats.append(net(torch.stack(imgs).to(device)).float().cpu())
        ev.emit(on_event, ev.Progress("features", min(len(paths), start + batch), len(paths), "encoding images"))
    return torch.cat(feats), ok


def evaluate(
    model_or_run_dir: Any,
    labelled_dir: Path,
    image_size: int | None = None,
    seed: int = 0,
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
    device: str = "auto",
) -> EvalReport:
    """k-NN and linear-probe accuracy of an encoder's frozen backbone features on a labelled folder.

    Args:
        model_or_run_dir: a run folder, an export folder (or their weights file), a ContrastiveModel or
            feature nn.Module, or "random"/None for a random-init ResNet-18 (the baseline).
        labelled_dir: a folder with one sub-folder of images per class.
        image_size: input size; default: the encoder's training size (96 for model objects/random).
        seed: seed of the stratified split (and of the random-init network).
        device: "auto", "cpu", "cuda"...

    Sends Progress events and exactly one RunFinished.

    Raises:
        FolderError: fewer than two classes, or too few readable images.
        CheckpointError / UnsafeFileError: the model cannot be loaded.
        Cancelled: a stop was requested (after RunFinished(CANCELED)).
    """
    return ev.finish_once(
        on_event,
        lambda: _evaluate(model_or_run_dir, Path(labelled_dir), image_size, seed, control, on_event, device),
        "The evaluation was stopped.",
        lambda r: f"k-NN accuracy {r.knn_accuracy:.3f}, linear probe {r.linear_accuracy:.3f} (chance {r.chance:.3f}).",
    )


def _evaluate(
    model_or_run_dir: Any,
    labelled_dir: Path,
    image_size: int | None,
    seed: int,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
    device: str,
) -> EvalReport:
    t0 = time.perf_counter()
    root = labelled_dir.expanduser()
    net, size, desc = _resolve_model(model_or_run_dir, image_size, seed)
    paths, labels, classes, problems, groups = _labelled_files(root, control)
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    t1 = time.perf_counter()
    feats, ok = _features(net, root, paths, size, pick_device(device), control, on_event)
    t_feat = time.perf_counter() - t1
    y_all = np.asarray(labels, dtype=np.int64)[ok]
    train, test = stratified_split(y_all, seed, groups=groups[ok])
    if len(train) < 2 or len(test) < 1:
        raise FolderError(f"{root} has too few readable images to evaluate (need at least 2 per class).")
    y = torch.from_numpy(y_all)
    xtr, ytr, xte, yte = feats[train], y[train], feats[test], y[test]
    knn = knn_accuracy(xtr, ytr, xte, yte)
    nn1 = nn1_accuracy(xtr, ytr, xte, yte)
    lin = linear_probe_accuracy(xtr, ytr, xte, yte)
    counts = np.bincount(y_all[test], minlength=len(classes))
    report = EvalReport(
        knn_accuracy=knn,
        linear_accuracy=lin,
        knn1_accuracy=nn1,
        chance=1.0 / len(classes),
        majority=float(counts.max() / counts.sum()),
        n_classes=len(classes),
        classes=tuple(classes),
        n_train=len(train),
        n_test=len(test),
        k=min(KNN_K, len(train)),
        image_size=size,
        feature_dim=int(feats.shape[1]),
        model=desc,
        seed=int(seed),
        skipped_files=int(problems + (len(paths) - int(ok.sum()))),
        feature_time_s=round(t_feat, 3),
        elapsed_s=round(time.perf_counter() - t0, 3),
    )
    log.info("evaluated %s on %s: kNN %.3f, linear %.3f", desc, root, report.knn_accuracy, report.linear_accuracy)
    return report
