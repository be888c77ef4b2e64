"""A procedurally drawn demo folder of machined parts, with realistic bad shots, broken files and duplicates.

Four part classes (washer, gear, bolt, bracket) are drawn with numpy and PIL only on varied backgrounds
and lighting, so a trained encoder can be checked to separate them. About 3-4 % of the files are each
kind of bad shot (dark, motion blur, overexposed, black frame, part half out of frame); three broken files
and a few exact copies exercise the scanner. Deterministic for a seed; ``demo_manifest.json`` records it all.
"""

from __future__ import annotations

import io
import json
import logging
import math
from pathlib import Path
from typing import Any, cast

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

logger = logging.getLogger(__name__)

CLASSES = ("washer", "gear", "bolt", "bracket")
BAD_KINDS = ("dark", "blur", "overexposed", "black", "half_out")
BAD_FRACTION = 0.035
MANIFEST_NAME = "demo_manifest.json"
_SIZES = ((128, 128), (144, 128), (160, 128), (160, 160), (176, 144), (192, 160))
_METALS = ((0.72, 0.74, 0.77), (0.42, 0.43, 0.46), (0.80, 0.64, 0.32), (0.85, 0.84, 0.74))
_JAPANESE = {"washer": "部品_ワッシャー_001.jpg", "gear": "部品_歯車_002.png"}


def _rotated(points: list[tuple[float, float]], cx: float, cy: float, angle: float) -> list[tuple[float, float]]:
    c, s = math.cos(angle), math.sin(angle)
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in points]


def _circle(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, fill: int) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def _draw_part(
    kind: str, w: int, h: int, cx: float, cy: float, r: float, angle: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Silhouette and dark detail lines of one part, antialiased by drawing at twice the size.

    Returns:
        (mask, detail) float32 arrays in [0, 1]. Shape: (h, w) each.
    """
    k = 2
    mask, detail = Image.new("L", (w * k, h * k)), Image.new("L", (w * k, h * k))
    dm, dd = ImageDraw.Draw(mask), ImageDraw.Draw(detail)
    cx, cy, r = cx * k, cy * k, r * k
    if kind == "washer":
        _circle(dm, cx, cy, r, 255)
        _circle(dm, cx, cy, r * rng.uniform(0.38, 0.5), 0)
        _circle(dd, cx, cy, r * 0.75, 90)
        _circle(dd, cx, cy, r * 0.72, 0)
    elif kind == "gear":
        teeth = int(rng.integers(8, 13))
        pts = []
        for i in range(teeth):
            a0 = 2 * math.pi * i / teeth
            for frac, rad in ((0.0, 0.78), (0.12, 1.0), (0.38, 1.0), (0.5, 0.78)):
                a = a0 + frac * 2 * math.pi / teeth
                pts.append((rad * r * math.cos(a), rad * r * math.sin(a)))
        dm.polygon(_rotated(pts, cx, cy, angle), fill=255)
        _circle(dm, cx, cy, r * 0.22, 0)
        for i in range(4):
            a = angle + i * math.pi / 2
            _circle(dd, cx + 0.5 * r * math.cos(a), cy + 0.5 * r * math.sin(a), r * 0.09, 160)
    elif kind == "bolt":
        head = [(-1.0 * r + 0.42 * r * math.cos(a), 0.42 * r * math.sin(a)) for a in np.arange(6) * math.pi / 3]
        shaft = [(-0.62 * r, -0.17 * r), (1.0 * r, -0.17 * r), (1.0 * r, 0.17 * r), (-0.62 * r, 0.17 * r)]
        dm.polygon(_rotated(head, cx, cy, angle), fill=255)
        dm.polygon(_rotated(shaft, cx, cy, angle), fill=255)
        for x in np.arange(-0.3, 0.95, 0.11):
            line = _rotated([(x * r, -0.17 * r), ((x + 0.05) * r, 0.17 * r)], cx, cy, angle)
            dd.line(line, fill=200, width=k)
    else:  # bracket: an L-shaped plate with three holes
        t = 0.42
        pts = [(-r, -r), (-r + t * r, -r), (-r + t * r, r - t * r), (r, r - t * r), (r, r), (-r, r)]
        dm.polygon(_rotated(pts, cx, cy, angle), fill=255)
        for hx, hy in ((-r + t * r / 2, -0.55 * r), (-r + t * r / 2, 0.35 * r), (0.55 * r, r - t * r / 2)):
            ((x, y),) = _rotated([(hx, hy)], cx, cy, angle)
            _circle(dm, x, y, 0.11 * r, 0)
        dd.line(_rotated([(-r + t * r, r - t * r), (-r + 0.05 * r, r - 0.05 * r)], cx, cy, angle), fill=120, width=k)

    def to_arr(im: Image.Image) -> np.ndarray:
        return np.asarray(im.reduce(k), dtype=np.float32) / 255.0

    return to_arr(mask), to_arr(detail)


def _background(kind: str, w: int, h: int, rng: np.random.Generator) -> np.ndarray:
    """Shape: returns (h, w, 3) float32 in [0, 1]."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "metal":  # brushed grey metal: streaks along x
        base = np.float32(rng.uniform(0.42, 0.6)) + rng.normal(0, 0.025, (h, 1)).astype(np.float32)
        img = np.repeat(base[..., None], 3, axis=2) * np.array([1.0, 1.0, 1.03], np.float32)
    elif kind == "wood":
        f, phase = rng.uniform(0.08, 0.16), rng.uniform(0, 6.28)
        grain = np.sin(f * y + 2.5 * np.sin(0.03 * x + phase)) * 0.5 + 0.5
        img = np.array([0.58, 0.40, 0.22], np.float32) * (0.8 + 0.25 * grain[..., None])
    else:  # blue cutting mat with a lighter grid
        step = int(rng.integers(16, 25))
        grid = ((x.astype(int) % step == 0) | (y.astype(int) % step == 0)).astype(np.float32)
        img = np.array([0.14, 0.28, 0.52], np.float32) + 0.12 * grid[..., None]
    return img + rng.normal(0, 0.012, (h, w, 3)).astype(np.float32)


def _render(kind: str, w: int, h: int, rng: np.random.Generator, half_out: bool = False) -> np.ndarray:
    """One photo of a ``kind`` part. Shape: returns (h, w, 3) float32, roughly in [0, 1]."""
    side = min(w, h)
    r = side * rng.uniform(0.27, 0.36)
    cx, cy = w / 2 + rng.uniform(-0.1, 0.1) * side, h / 2 + rng.uniform(-0.1, 0.1) * side
    if half_out:  # the part sits on an image edge, about half of it outside
        edge = int(rng.integers(4))
        cx = (-0.05 * w, 1.05 * w, cx, cx)[edge]
        cy = (cy, cy, -0.05 * h, 1.05 * h)[edge]
    mask, detail = _draw_part(kind, w, h, cx, cy, r, rng.uniform(0, 2 * math.pi), rng)
    img = _background(("metal", "wood", "mat")[int(rng.integers(3))], w, h, rng)
    shadow = Image.fromarray((mask * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3))
    dx, dy = (int(v) for v in rng.integers(2, 7, size=2))
    shadow_arr = np.zeros_like(mask)
    shadow_arr[dy:, dx:] = (np.asarray(shadow, np.float32) / 255.0)[: h - dy, : w - dx]
    img *= 1 - 0.45 * shadow_arr[..., None]
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    a = rng.uniform(0, 2 * math.pi)
    ramp = ((x - w / 2) * math.cos(a) + (y - h / 2) * math.sin(a)) / side
    hx, hy = cx + rng.uniform(-0.5, 0.5) * r, cy + rng.uniform(-0.5, 0.5) * r
    spec = np.exp(-((x - hx) ** 2 + (y - hy) ** 2) / (2 * (0.25 * r) ** 2))
    metal = np.array(_METALS[int(rng.integers(len(_METALS)))], np.float32)
    part = metal * (0.85 + 0.35 * ramp[..., None]) * (1 - 0.5 * detail[..., None])
    part = part + rng.uniform(0.25, 0.55) * spec[..., None]
    img = img * (1 - mask[..., None]) + part * mask[..., None]
    b = rng.uniform(0, 2 * math.pi)
    light = 1.0 + rng.uniform(0.05, 0.2) * ((x - w / 2) * math.cos(b) + (y - h / 2) * math.sin(b)) / side
    return cast(np.ndarray, img * light[..., None] + rng.normal(0, 0.01, (h, w, 3)).astype(np.float32))


def _spoil(img: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    """Turn a good shot into a bad one. Shape: img (h, w, 3) float32; returns the same shape."""
    if kind == "dark":
        return img * rng.uniform(0.05, 0.11) + rng.normal(0, 0.006, img.shape).astype(np.float32)
    if kind == "overexposed":
        return img * rng.uniform(2.3, 3.0) + 0.3
    if kind == "black":
        return np.abs(rng.normal(0, 0.004, img.shape)).astype(np.float32)
    if kind == "blur":  # motion blur: the average of shifted copies along one direction
        length = int(rng.integers(9, 16))
        dy, dx = ((0, 1), (1, 0), (1, 1), (1, -1))[int(rng.integers(4))]
        pad = np.pad(img, ((length, length), (length, length), (0, 0)), mode="edge")
        h, w = img.shape[:2]
        acc = sum(
            pad[length + i * dy : length + i * dy + h, length + i * dx : length + i * dx + w] for i in range(length)
        )
        return cast(np.ndarray, acc / length)  # length >= 9 shifted copies: never sum()'s start 0
    return img


def _encode(img: np.ndarray, fmt: str, rng: np.random.Generator) -> bytes:
    buf = io.BytesIO()
    pil = Image.fromarray(np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8))
    if fmt == "png":
        pil.save(buf, "PNG", compress_level=1)
    else:
        pil.save(buf, "JPEG", quality=int(rng.integers(82, 96)))
    return buf.getvalue()


def _name(i: int, rng: np.random.Generator, fmt: str) -> str:
    u = rng.random()
    folder = "line_2/night shift/" if u < 0.05 else "line_2/" if u < 0.15 else ""
    return f"{folder}shot_{i:04d}.{fmt}"


def write_demo_folder(out_dir: Path, n_images: int = 300, seed: int = 0) -> dict[str, Any]:
    """Draw the demo folder into ``out_dir`` (created if needed) and write ``demo_manifest.json`` there.

    ``n_images`` counts the decodable pictures drawn (good and bad shots); three broken files and
    ``max(1, n_images // 80)`` exact copies come on top. Same seed, same bytes.

    Returns:
        The manifest: "good", "bad_shots" {kind: [...]}, "broken" {reason code: [...]}, "duplicates"
        [[original, copy], ...], "classes" {path: class} for every picture that shows a part, plus
        "seed" and "n_images". Paths are relative POSIX paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    n_bad = max(1, round(BAD_FRACTION * n_images))
    kinds = ["good"] * max(0, n_images - n_bad * len(BAD_KINDS)) + [k for k in BAD_KINDS for _ in range(n_bad)]
    kinds = [kinds[i] for i in rng.permutation(len(kinds))][:n_images]
    manifest: dict[str, Any] = {
        "version": 1,
        "seed": seed,
        "n_images": n_images,
        "good": [],
        "bad_shots": {k: [] for k in BAD_KINDS},
        "broken": {},
        "duplicates": [],
        "classes": {},
    }
    japanese = dict(_JAPANESE)

    def write(rel: str, data: bytes) -> None:
        path = out_dir.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    for i, bad in enumerate(kinds):
        cls = CLASSES[i % len(CLASSES)]
        w, h = _SIZES[int(rng.integers(len(_SIZES)))]
        fmt = "png" if rng.random() < 0.25 else "jpg"
        rel = _name(i, rng, fmt)
        if bad == "good" and cls in japanese:
            rel = japanese.pop(cls)
            fmt = rel.rsplit(".", 1)[1]
        img = _render(cls, w, h, rng, half_out=bad == "half_out")
        write(rel, _encode(_spoil(img, bad, rng), fmt, rng))
        (manifest["good"] if bad == "good" else manifest["bad_shots"][bad]).append(rel)
        if bad != "black":
            manifest["classes"][rel] = cls
    whole = _encode(_render("gear", 160, 128, rng), "jpg", rng)
    broken = {
        "truncated": (f"shot_{n_images:04d}.jpg", whole[: len(whole) * 11 // 20]),
        "zero_bytes": (f"shot_{n_images + 1:04d}.jpg", b""),
        "not_an_image": ("line_2/shift_notes.jpg", b"Line 2: lens cleaned at 14:00.\n"),
    }
    for reason, (rel, data) in broken.items():
        write(rel, data)
        manifest["broken"][reason] = [rel]
    n_copies = min(len(manifest["good"]), max(1, n_images // 80))
    for j, idx in enumerate(rng.choice(len(manifest["good"]), size=n_copies, replace=False)):
        original = manifest["good"][int(idx)]
        stem, ext = original.rsplit("/", 1)[-1].rsplit(".", 1)
        copy = f"copies/{stem} ({j + 1}).{ext}"
        write(copy, out_dir.joinpath(*original.split("/")).read_bytes())
        manifest["duplicates"].append([original, copy])
        manifest["classes"][copy] = manifest["classes"][original]
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    logger.info(
        "Wrote a demo folder of %d pictures (+%d broken, %d copies) to %s",
        n_images,
        len(broken),
        len(manifest["duplicates"]),
        out_dir,
    )
    return manifest
