"""The README's picture of heat maps for ``bench_inspect.py``, drawn with Pillow (no matplotlib).

One row per example (a held-out normal photo, one photo of each local defect kind, a bad shot); columns: the photo
with the planted defect's box, then the heat map of each encoder over it. A heat map is scaled by its own threshold, so
the same colour means the same verdict in every column: dark below half the threshold, red near it, yellow and white
above it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import local_defects as ld
import numpy as np
from PIL import Image, ImageDraw

TILE = (224, 168)
COLUMNS = (
    ("trained", "trained encoder"),
    ("untrained_standard", "untrained (standard init)"),
    ("untrained_shipped", "untrained (shipped init)"),
)
LABEL_H = 30


def _colour(t: np.ndarray) -> np.ndarray:
    """Black -> red -> yellow -> white for t in [0, 1]. Shape: (h, w) -> (h, w, 3) uint8."""
    r = np.clip(3 * t, 0, 1)
    g = np.clip(3 * t - 1, 0, 1)
    b = np.clip(3 * t - 2, 0, 1)
    return (np.stack([r, g, b], axis=-1) * 255).astype(np.uint8)


def overlay(photo: Image.Image, heat: np.ndarray, threshold: float) -> Image.Image:
    """The photo in grey with the heat map over it (threshold at two thirds of the colour scale)."""
    t = np.clip(heat / (1.5 * threshold), 0, 1)
    hm = Image.fromarray((t * 255).astype(np.uint8)).resize(photo.size, Image.Resampling.BILINEAR)
    t = np.asarray(hm, dtype=np.float32) / 255.0
    grey = np.asarray(photo.convert("L").convert("RGB"), dtype=np.float32)
    alpha = (0.25 + 0.6 * t)[..., None]
    return Image.fromarray((grey * (1 - alpha) + _colour(t) * alpha).astype(np.uint8))


def _pick(manifest: dict[str, Any], result: Any) -> list[tuple[str, str]]:
    """(file, kind): the first held-out normal, each local kind's most typical example (median score), a bad shot."""
    scores = {p.path: p.score for p in result.photos}
    out = []
    for kind in ("normal", *ld.LOCAL_KINDS, "dark"):
        names = sorted(
            (n for n, v in manifest["new"].items() if v["kind"] == kind and n in scores), key=lambda n: scores[n]
        )
        if names:
            out.append((names[len(names) // 2], kind))
    return out


def render(first: dict[str, Any], path: Path) -> None:
    """Draw the picture from one seed's results (``bench_inspect.run_seed``'s second value)."""
    manifest, folder = first["manifest"], Path(first["folder"])
    results = {name: first[name] for name, _ in COLUMNS if name in first}
    rows = _pick(manifest, results["trained"])
    w, h = TILE
    sheet = Image.new("RGB", (w * (1 + len(results)), LABEL_H + h * len(rows)), "white")
    draw = ImageDraw.Draw(sheet)
    for j, title in enumerate(["photo (planted defect boxed)", *[t for n, t in COLUMNS if n in results]]):
        draw.text((j * w + 6, 8), title, fill="black")
    for i, (name, kind) in enumerate(rows):
        photo = Image.open(folder / "new" / name).convert("RGB").resize(TILE, Image.Resampling.BILINEAR)
        framed = photo.copy()
        box = manifest["new"][name]["box"]
        d = ImageDraw.Draw(framed)
        if box:
            d.rectangle(
                [box[0] * w - 3, box[1] * h - 3, box[2] * w + 3, box[3] * h + 3], outline=(0, 220, 255), width=2
            )
        d.rectangle([0, 0, w, 16], fill="black")
        d.text((4, 2), kind.replace("_", " "), fill="white")
        y = LABEL_H + i * h
        sheet.paste(framed, (0, y))
        for j, result in enumerate(results.values(), start=1):
            check = next(p for p in result.photos if p.path == name)
            tile = overlay(photo, check.heat_map, result.threshold.value)
            dt = ImageDraw.Draw(tile)
            dt.rectangle([0, 0, w, 16], fill="black")
            verdict = {"normal": "looks normal", "unusual": "looks unusual", "bad_shot": "bad shot"}[check.verdict]
            dt.text((4, 2), f"{check.score / result.threshold.value:.2f} x threshold: {verdict}", fill="white")
            sheet.paste(tile, (j * w, y))
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path, optimize=True)
