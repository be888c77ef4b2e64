"""Optional ONNX export of an encoder (needs the ``onnx`` extra: onnx + onnxscript) and its parity check.

The graph maps ``images`` (N, 3, S, S) float32 in [0, 1] to ``embeddings`` (N, F), with a dynamic batch
axis; ImageNet normalisation is inside the graph, as in the PyTorch encoder. It is produced with the
``torch.export``-based exporter (``torch.onnx.export(..., dynamo=True)``), which works offline.
Parity runs the file with onnxruntime when installed, else with ONNX's own reference evaluator.
"""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch
from torch import nn

from badbatch_gui.core.errors import ExportError

log = logging.getLogger(__name__)

ONNX_FILE = "encoder.onnx"
INPUT_NAME = "images"
OUTPUT_NAME = "embeddings"
INSTALL_HINT = "pip install 'badbatch-gui[onnx]'  (installs onnx and onnxscript)"
#: Parity tolerance: 1e-4 times the largest embedding magnitude (at least 1), since ONNX kernels reorder sums.
RELATIVE_TOLERANCE = 1e-4


@dataclass(frozen=True)
class OnnxCheck:
    """Result of running the ONNX file against the PyTorch encoder on the same images."""

    max_abs_diff: float
    tolerance: float
    passed: bool
    runtime: str
    n_images: int


def onnx_available() -> tuple[bool, str]:
    """Whether the optional ONNX extra is installed, and a plain sentence saying what is missing."""
    missing = [m for m in ("onnx", "onnxscript") if importlib.util.find_spec(m) is None]
    if missing:
        what = f"packages {' and '.join(missing)}, which are" if len(missing) > 1 else f"package {missing[0]}, which is"
        return False, f"ONNX export needs the optional {what} not installed. Install them with: {INSTALL_HINT}"
    return True, ""


def export_onnx(encoder: nn.Module, path: Path, image_size: int, opset: int = 20) -> None:
    """Write ``encoder`` as a single ONNX file with a dynamic batch axis.

    Args:
        encoder: maps (B, 3, S, S) float in [0, 1] to (B, F); exported in eval mode on CPU.
        path: the ``.onnx`` file to write.
        image_size: S.
        opset: ONNX opset version.

    Raises:
        ExportError: the extra is missing or the exporter failed (plain sentence; details in the log).
    """
    ok, why = onnx_available()
    if not ok:
        raise ExportError(why, code="onnx_missing", install=INSTALL_HINT)
    encoder = encoder.eval().to("cpu")
    sample = torch.rand(2, 3, image_size, image_size, generator=torch.Generator().manual_seed(0))
    try:
        torch.onnx.export(
            encoder,
            (sample,),
            str(path),
            dynamo=True,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_shapes=({0: torch.export.Dim("batch")},),
            external_data=False,
            verbose=False,
            opset_version=opset,
        )
    except Exception as exc:  # the exporter raises many types; the operator gets one sentence
        log.exception("ONNX export failed")
        raise ExportError(
            f"The ONNX export failed ({type(exc).__name__}); the log file has the details. "
            "Export without ONNX, or update torch/onnx/onnxscript.",
            code="onnx_failed",
            kind=type(exc).__name__,
        ) from exc


def _run(path: Path, x: np.ndarray) -> tuple[np.ndarray, str]:
    if importlib.util.find_spec("onnxruntime") is not None:
        import onnxruntime as ort

        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        return np.asarray(sess.run([OUTPUT_NAME], {INPUT_NAME: x})[0]), f"onnxruntime {ort.__version__}"
    import onnx
    from onnx.reference import ReferenceEvaluator

    ref = ReferenceEvaluator(onnx.load(str(path)))
    outputs = cast("list[Any]", ref.run([OUTPUT_NAME], {INPUT_NAME: x}))  # the outputs' list (not intermediate)
    return np.asarray(outputs[0]), f"onnx.reference {onnx.__version__}"


def check_onnx(path: Path, x: torch.Tensor, expected: torch.Tensor) -> OnnxCheck:
    """Run the ONNX file on ``x`` and compare with ``expected``.

    Shape: x (N, 3, S, S) float32; expected (N, F) from the PyTorch encoder on the same ``x``.

    Raises:
        ExportError: the file could not be run (plain sentence; details in the log).
    """
    try:
        out, runtime = _run(path, x.detach().cpu().float().numpy())
    except Exception as exc:
        log.exception("running the ONNX file failed")
        raise ExportError(
            f"The exported ONNX file could not be run for the self-test ({type(exc).__name__}).",
            code="onnx_run_failed",
            kind=type(exc).__name__,
        ) from exc
    ref = expected.detach().cpu().double().numpy()
    if out.shape != ref.shape:
        return OnnxCheck(float("inf"), 0.0, False, runtime, int(x.shape[0]))
    diff = float(np.max(np.abs(out.astype(np.float64) - ref))) if ref.size else 0.0
    tol = RELATIVE_TOLERANCE * max(1.0, float(np.max(np.abs(ref))) if ref.size else 1.0)
    passed = bool(np.isfinite(diff) and diff <= tol)
    log.info(
        "ONNX parity with %s: max |diff| %.3g (tolerance %.3g) %s", runtime, diff, tol, "PASS" if passed else "FAIL"
    )
    return OnnxCheck(diff, tol, passed, runtime, int(x.shape[0]))
