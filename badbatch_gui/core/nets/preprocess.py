"""The exact input pipeline of an encoder, recorded in its export and its model card.

Paths go through the decoder training used (``data.imageio.load_rgb_array``), so an exported encoder sees the
pixels its training saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageOps

from badbatch_gui.core.data.augment import to_float
from badbatch_gui.core.data.imageio import load_rgb_array, to_rgb
from badbatch_gui.core.nets.models import IMAGENET_MEAN, IMAGENET_STD

ImageInput = str | Path | Image.Image | np.ndarray


@dataclass(frozen=True)
class Preprocess:
    """The exact input pipeline of an encoder: decode -> shorter side to ``size`` -> centre crop -> [0, 1].

    Paths go through :func:`badbatch_gui.core.data.imageio.load_rgb_array`, the decode path training used
    (EXIF orientation, alpha over grey, 16-bit rescaled, bicubic antialiased resize). ImageNet mean/std
    normalisation is *inside* the encoder, so the tensor returned here is plain [0, 1] RGB. A PIL image is
    resized the same way but without JPEG draft decoding; pass the path for training-identical pixels.
    """

    size: int
    mean: tuple[float, ...] = IMAGENET_MEAN
    std: tuple[float, ...] = IMAGENET_STD

    def __call__(self, image: ImageInput) -> torch.Tensor:
        """One image as a float tensor.

        Shape: returns (3, size, size) float32 in [0, 1]. An ndarray input is (H, W, 3) uint8.
        """
        if isinstance(image, (str, Path)):
            return to_float(load_rgb_array(Path(image), self.size))
        if isinstance(image, np.ndarray):
            image = Image.fromarray(np.ascontiguousarray(image, dtype=np.uint8))
        if not isinstance(image, Image.Image):
            raise TypeError(f"Preprocess takes a path, a PIL image or a uint8 array, not {type(image).__name__}")
        im = to_rgb(ImageOps.exif_transpose(image))
        w, h = im.size
        side = min(w, h)
        left, top = (w - side) / 2.0, (h - side) / 2.0
        im = im.resize(
            (self.size, self.size), Image.Resampling.BICUBIC, box=(left, top, left + side, top + side), reducing_gap=3.0
        )
        return to_float(np.asarray(im, dtype=np.uint8).copy())

    def batch(self, images: list[ImageInput]) -> torch.Tensor:
        """Several images stacked. Shape: returns (B, 3, size, size) float32."""
        return torch.stack([self(im) for im in images])

    def to_dict(self) -> dict[str, Any]:
        """The pipeline in words and numbers, as written into the model card."""
        return {
            "input_size": self.size,
            "decode": "Pillow; 8-bit RGB; EXIF orientation applied; alpha/palette over grey (128); CMYK "
            "converted; 16-bit rescaled",
            "resize": f"shorter side to {self.size} px, bicubic, antialiased (Pillow resize, reducing_gap=3)",
            "crop": f"centre square {self.size}x{self.size}",
            "scale": "uint8 / 255 -> float32 in [0, 1], RGB, NCHW",
            "normalisation": {"mean": list(self.mean), "std": list(self.std), "inside_model": True},
        }
