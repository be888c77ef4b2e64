"""Core errors carry a stable code and the values their sentence was built from (the window translates by code)."""

from __future__ import annotations

import pytest

from badbatch_gui.core.data.imageio import ImageDecodeError
from badbatch_gui.core.errors import BadBatchError, FolderError, OutputError


def test_code_defaults_to_the_class_and_values_are_kept():
    exc = FolderError("No usable image in /x.", code="folder_empty", folder="/x", n_files=0)
    assert (str(exc), exc.code, exc.values) == (
        "No usable image in /x.",
        "folder_empty",
        {"folder": "/x", "n_files": 0},
    )
    assert OutputError("disk full").code == "output"
    assert BadBatchError("x").values == {}


def test_image_decode_errors_are_coded_by_reason():
    exc = ImageDecodeError("zero_bytes")
    assert exc.code == "image_zero_bytes"
    assert exc.values == {"reason": "zero_bytes"}
    with pytest.raises(ValueError, match="unknown reason"):
        ImageDecodeError("no_such_reason")


def test_errors_keep_code_and_values_through_pickle():
    import pickle

    exc = pickle.loads(pickle.dumps(FolderError("No usable image in /x.", code="folder_no_images", folder="/x")))
    assert isinstance(exc, FolderError)
    assert str(exc) == "No usable image in /x."
    assert (exc.code, exc.values) == ("folder_no_images", {"folder": "/x"})
    dec = pickle.loads(pickle.dumps(ImageDecodeError("truncated")))
    assert (dec.code, dec.reason, str(dec)) == ("image_truncated", "truncated", str(ImageDecodeError("truncated")))
