"""imageio: every reason code, colour modes, 16-bit rescaling, EXIF orientation, bomb limits, array loading."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import pytest
from PIL import Image, JpegImagePlugin

from badbatch_gui.core.data import imageio
from badbatch_gui.core.data.imageio import REASON_MESSAGES, ImageDecodeError, load_rgb, load_rgb_array, probe


def _jpeg(path: Path, size: tuple[int, int] = (48, 32), color: tuple[int, int, int] = (200, 40, 40)) -> Path:
    Image.new("RGB", size, color).save(path, "JPEG", quality=95)
    return path


def _reason(fn: Callable[..., object], *args: object) -> str:
    with pytest.raises(ImageDecodeError) as info:
        fn(*args)
    assert str(info.value) == info.value.message
    assert info.value.message
    return info.value.reason


def test_reason_codes_and_messages() -> None:
    assert set(REASON_MESSAGES) == {
        "zero_bytes",
        "not_an_image",
        "truncated",
        "unreadable",
        "too_large",
        "unsupported_mode",
        "too_small",
        "special_file",
        "link_outside",
    }
    assert all(m.endswith(".") and len(m) > 15 for m in REASON_MESSAGES.values())
    assert ImageDecodeError("too_small").message == REASON_MESSAGES["too_small"]
    with pytest.raises(ValueError, match="unknown reason code"):
        ImageDecodeError("no_such_reason")


def test_zero_bytes_and_text_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "notes.jpg"
    text.write_text("not a picture\n", encoding="utf-8")
    for fn in (probe, load_rgb):
        assert _reason(fn, empty) == "zero_bytes"
        assert _reason(fn, text) == "not_an_image"


def test_content_not_extension_decides(tmp_path: Path) -> None:
    gif_named_jpg = tmp_path / "really_a_gif.jpg"
    Image.new("P", (20, 10), 0).save(gif_named_jpg, "GIF")
    png_named_tif = tmp_path / "really_a_png.tif"
    Image.new("RGB", (20, 10), (0, 0, 255)).save(png_named_tif, "PNG")
    assert load_rgb(gif_named_jpg).size == (20, 10)
    assert load_rgb(png_named_tif).getpixel((5, 5)) == (0, 0, 255)


def test_truncated_jpeg_and_png(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    arr = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
    for name, fmt in (("t.jpg", "JPEG"), ("t.png", "PNG")):
        whole = tmp_path / f"whole_{name}"
        Image.fromarray(arr).save(whole, fmt)
        cut = tmp_path / name
        cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
        assert probe(cut) == (64, 64)  # the header is intact ...
        assert _reason(load_rgb, cut) == "truncated"  # ... the pixel data is not


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _jpeg(tmp_path / "locked.jpg")

    def denied(*args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(imageio, "open", denied, raising=False)
    assert _reason(probe, locked) == "unreadable"
    assert _reason(load_rgb, locked) == "unreadable"
    monkeypatch.undo()
    assert _reason(load_rgb, tmp_path) == "unreadable"  # a folder
    assert _reason(load_rgb, tmp_path / "gone.jpg") == "unreadable"


def test_too_large_above_the_error_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jpeg(tmp_path / "big.jpg", (300, 200))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 20_000)  # error limit is twice this: 40,000 < 60,000
    assert _reason(probe, path) == "too_large"
    assert _reason(load_rgb, path) == "too_large"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_between_the_limits_decodes_reduced_without_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    path = tmp_path / f"big.{fmt.lower()}"
    Image.new("RGB", (300, 200), (10, 120, 250)).save(path, fmt)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40_000)  # 60,000 px: above the warning, below the error limit
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # even when warnings are errors, the picture loads
        assert probe(path) == (300, 200)
        im = load_rgb(path)
        arr = load_rgb_array(path, 32)
    assert im.width * im.height <= 40_000
    assert im.width / im.height == pytest.approx(1.5, rel=0.05)
    assert arr.shape == (32, 32, 3)
    assert Image.MAX_IMAGE_PIXELS == 40_000  # limits are never changed by the loader


def test_unsupported_mode_for_non_finite_float(tmp_path: Path) -> None:
    arr = np.full((20, 20), np.nan, dtype=np.float32)
    path = tmp_path / "nan.tif"
    Image.fromarray(arr, mode="F").save(path)
    assert _reason(load_rgb, path) == "unsupported_mode"


def test_sixteen_bit_is_rescaled_not_clipped(tmp_path: Path) -> None:
    ramp = np.tile(np.linspace(0, 65535, 256).round().astype(np.uint16), (8, 1))
    png = tmp_path / "ramp16.png"
    Image.fromarray(ramp).save(png)
    assert Image.open(png).mode == "I;16"
    big_endian = tmp_path / "ramp16b.tif"
    Image.fromarray(ramp.astype(">u2")).save(big_endian)
    as_int32 = tmp_path / "ramp32.tif"
    Image.fromarray(ramp.astype(np.int32)).save(as_int32)
    for path in (png, big_endian, as_int32):
        out = np.asarray(load_rgb(path))
        row = out[0, :, 0].astype(int)
        assert out.dtype == np.uint8, path
        assert row[0] == 0, path
        assert row[-1] == 255, path
        assert np.all(np.diff(row) >= 0), path
        assert abs(row[128] - 128) <= 2, path
        assert (out[..., 0] == out[..., 2]).all()
    clipped = np.asarray(Image.open(png).convert("RGB"))  # what Pillow alone does: mostly white
    assert (clipped[0, :, 0] == 255).mean() > 0.9
    dark = tmp_path / "dark16.png"
    Image.fromarray((ramp // 16).astype(np.uint16)).save(dark)  # 12-bit values stay dark, not stretched
    assert np.asarray(load_rgb(dark)).max() <= 16


def test_exif_orientation_applied_once(tmp_path: Path) -> None:
    arr = np.zeros((20, 40, 3), np.uint8)
    arr[:, :20] = (255, 0, 0)  # left half red
    arr[:, 20:] = (0, 0, 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # display rotated 90 degrees clockwise
    path = tmp_path / "rotated.jpg"
    Image.fromarray(arr).save(path, "JPEG", quality=95, exif=exif)
    assert probe(path) == (20, 40)
    out = np.asarray(load_rgb(path)).astype(int)
    assert out.shape == (40, 20, 3)
    assert out[5, 10, 0] > 200
    assert out[5, 10, 2] < 60
    assert out[35, 10, 2] > 200
    assert out[35, 10, 0] < 60


def test_palette_transparency_and_alpha_over_grey(tmp_path: Path) -> None:
    pal = Image.new("P", (10, 10), 1)
    pal.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    pal.putpixel((0, 0), 0)
    path = tmp_path / "pal.png"
    pal.save(path, transparency=0)
    out = load_rgb(path)
    assert out.getpixel((0, 0)) == (128, 128, 128)
    assert out.getpixel((5, 5)) == (255, 0, 0)
    rgba = np.zeros((4, 3, 4), np.uint8)
    rgba[..., :3] = (0, 255, 0)
    rgba[:, 0, 3], rgba[:, 1, 3], rgba[:, 2, 3] = 0, 255, 128
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    got = np.asarray(load_rgb(tmp_path / "a.png")).astype(int)
    assert tuple(got[0, 0]) == (128, 128, 128)
    assert tuple(got[0, 1]) == (0, 255, 0)
    assert abs(got[0, 2, 0] - 64) <= 2
    assert abs(got[0, 2, 1] - 192) <= 2
    Image.new("LA", (4, 4), (255, 0)).save(tmp_path / "la.png")
    assert load_rgb(tmp_path / "la.png").getpixel((1, 1)) == (128, 128, 128)


def test_cmyk_and_grey_become_rgb(tmp_path: Path) -> None:
    Image.new("CMYK", (16, 16), (255, 0, 0, 0)).save(tmp_path / "cyan.jpg", "JPEG", quality=100)
    r, g, b = load_rgb(tmp_path / "cyan.jpg").getpixel((8, 8))
    assert r < 40
    assert g > 215
    assert b > 215
    Image.new("L", (16, 16), 77).save(tmp_path / "grey.png")
    Image.new("1", (16, 16), 1).save(tmp_path / "bw.bmp")
    assert load_rgb(tmp_path / "grey.png").getpixel((3, 3)) == (77, 77, 77)
    assert load_rgb(tmp_path / "bw.bmp").getpixel((3, 3)) == (255, 255, 255)
    for name in ("cyan.jpg", "grey.png", "bw.bmp"):
        assert load_rgb(tmp_path / name).mode == "RGB"


def test_load_rgb_array_centre_crop(tmp_path: Path) -> None:
    arr = np.zeros((100, 200, 3), np.uint8)
    arr[:] = (255, 0, 0)
    arr[:, 50:150] = (0, 255, 0)  # the centre square is green, the sides red
    Image.fromarray(arr).save(tmp_path / "wide.png")
    out = load_rgb_array(tmp_path / "wide.png", 32)
    assert out.shape == (32, 32, 3)
    assert out.dtype == np.uint8
    assert out[..., 1].mean() > 240
    assert out[..., 0].mean() < 15


def test_load_rgb_array_drafts_big_jpegs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jpeg(tmp_path / "big.jpg", (800, 600), (30, 90, 200))
    sizes: list[tuple[int, int]] = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None) -> Any:
        result = original(self, mode, size)
        sizes.append(self.size)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    out = load_rgb_array(path, 64)
    assert out.shape == (64, 64, 3)
    assert abs(int(out[..., 2].mean()) - 200) < 6
    assert sizes
    assert min(sizes[0]) < 600
    assert min(sizes[0]) >= 64


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_special_files_are_named_and_never_opened(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:  # reading a FIFO with no writer would block forever: it must not be opened
        outcome.append(_reason(load_rgb_array, fifo, 16))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(20)
    assert outcome == ["special_file"]
    with pytest.raises(ImageDecodeError, match="named pipe"):
        probe(fifo)


def test_a_gif_is_read_as_its_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (20, 20), c) for c in ((250, 10, 10), (10, 10, 250))]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:])
    arr = np.asarray(load_rgb(tmp_path / "anim.gif"))
    assert arr.shape == (20, 20, 3)
    assert arr[..., 0].mean() > 200
    assert arr[..., 2].mean() < 50
