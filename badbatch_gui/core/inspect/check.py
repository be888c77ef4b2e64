"""Check new photos against the normal ones: a score, a heat map and a verdict per photo (PatchCore's idea).

Each new photo is read as a whole frame (``frames.py``), described patch by patch with the normal model's stages and
scales (``network_features.py``), and every patch gets its distance to the nearest normal patch (``patch_memory.py``):
averaged over 3 × 3 patches, that grid is the heat map, its largest value the photo's score (``heat.py``; PatchCore,
Roth et al. 2022, arXiv 2106.08265, §3.2, scores the single most distant patch). Its pixel measurements are judged
against the normal photos' (``scoring.findings.judge`` with a reference), so a dark or blurry frame is named a bad
shot with the Batch check's reasons. Photos are checked a batch at a time; each sends a :class:`PhotoChecked` event
as soon as it is judged, so a window can show results while the rest are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from badbatch_gui.core import events as ev
from badbatch_gui.core.config import ScanConfig
from badbatch_gui.core.control import RunControl
from badbatch_gui.core.data.problem import Problem
from badbatch_gui.core.data.scan import scan_folder
from badbatch_gui.core.devices import pick_device
from badbatch_gui.core.errors import ConfigError, FolderError
from badbatch_gui.core.inspect.check_result import CheckResult, PhotoCheck, peak_of, verdict_for
from badbatch_gui.core.inspect.frames import load_frames
from badbatch_gui.core.inspect.heat import heat_map, photo_scores
from badbatch_gui.core.inspect.model import InspectModel, placed
from badbatch_gui.core.inspect.network_features import patch_maps
from badbatch_gui.core.inspect.normal_model import BAD_SHOT_REASONS, NormalModel
from badbatch_gui.core.inspect.patch_memory import nearest_distances
from badbatch_gui.core.scoring.findings import judge


@dataclass(frozen=True)
class PhotoChecked:
    """Event: one more photo was checked (``done`` of ``total``); ``photo`` is its result at the threshold in use."""

    done: int
    total: int
    photo: PhotoCheck


def _check(
    model: InspectModel,
    normal: NormalModel,
    folder: Path,
    photos: tuple[str, ...] | None,
    false_alarm_rate: float | None,
    device: str,
    batch_size: int,
    control: RunControl | None,
    on_event: ev.EventCallback | None,
) -> CheckResult:
    if normal.fingerprint != model.fingerprint:
        raise ConfigError(
            "The normal photos were learnt with another encoder; learn them again with this one.",
            code="inspect_normal_other_model",
        )
    ev.emit(on_event, ev.StateChanged(ev.RunState.PREPARING))
    scan = scan_folder(folder, ScanConfig(find_duplicates=False), control=control)
    scan.require_usable()
    usable = [r.path for r in scan.images]
    wanted = usable if photos is None else sorted(set(photos) & set(usable))
    if not wanted:
        raise FolderError(
            f"None of the photos asked for is a usable photo of {scan.root}.",
            code="inspect_nothing_to_check",
            folder=str(scan.root),
        )
    tau = normal.threshold(false_alarm_rate)
    backbone = placed(model, pick_device(device))
    ev.emit(on_event, ev.StateChanged(ev.RunState.RUNNING))
    results: list[PhotoCheck] = []
    problems: list[Problem] = list(scan.problems)
    for start in range(0, len(wanted), batch_size):
        if control is not None:
            control.check()
        frames = load_frames(scan.root, wanted[start : start + batch_size], normal.frame, None, None)
        problems += frames.problems
        if not frames.paths:
            continue
        desc, _ = patch_maps(backbone, frames.pixels, normal.layers, normal.layer_scales)
        heat = heat_map(nearest_distances(normal.memory, desc))
        scores = photo_scores(heat)
        found = judge(frames.paths, frames.measurements, reference=normal.reference)
        for i, path in enumerate(frames.paths):
            reasons = tuple(r for r in found.reasons[i] if r in BAD_SHOT_REASONS)
            score = float(scores[i])
            photo = PhotoCheck(path, score, verdict_for(score, reasons, tau.value), reasons, heat[i], peak_of(heat[i]))
            results.append(photo)
            ev.emit(on_event, PhotoChecked(len(results), len(wanted), photo))
        ev.emit(on_event, ev.Progress("check", min(len(wanted), start + batch_size), len(wanted), "photos checked"))
    if not results:
        raise FolderError(
            f"None of the photos of {scan.root} could be read.", code="inspect_nothing_readable", folder=str(scan.root)
        )
    results.sort(key=lambda p: (-p.score, p.path))
    return CheckResult(
        scan.root,
        normal.root,
        tuple(results),
        tau,
        normal.normal_scores,
        model.name,
        normal.frame,
        normal.grid,
        tuple(sorted(problems, key=lambda p: p.path)),
    )


def check_photos(
    model: InspectModel,
    normal: NormalModel,
    folder: Path,
    photos: tuple[str, ...] | None = None,
    *,
    false_alarm_rate: float | None = None,
    device: str = "auto",
    batch_size: int = 16,
    control: RunControl | None = None,
    on_event: ev.EventCallback | None = None,
) -> CheckResult:
    """Check the photos of ``folder`` against ``normal`` (see the module docstring).

    Args:
        model: the encoder ``normal`` was learnt with.
        normal: what normal looks like (:func:`~.normal_model.fit_normal`).
        folder: the new photos' folder (scanned recursively; never written to).
        photos: relative paths to check (None: every usable photo).
        false_alarm_rate: the rate that sets the threshold (None: the normal model's setting).
        device: "auto", "cpu", "cuda"... batch_size: photos per forward pass.
        control: checked between batches (pause, stop).
        on_event: StateChanged, a :class:`PhotoChecked` per photo, Progress("check"), exactly one RunFinished.

    Raises:
        ConfigError: ``normal`` was learnt with another encoder.
        FolderError: the folder is missing or holds no usable photo.
        Cancelled: a stop was requested.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    return ev.finish_once(
        on_event,
        lambda: _check(
            model, normal, Path(folder).expanduser(), photos, false_alarm_rate, device, batch_size, control, on_event
        ),
        "The check stopped.",
        lambda r: r.summary(),
    )
