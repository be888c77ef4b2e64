"""Qt-free computation: a small shared kernel in this folder and one sub-package per feature.

- this folder, the kernel every feature uses: paths, settings, logs, events and their JSON codec, run control,
  errors, devices, configs, safe names, the one reader of weight files;
- ``data/``: scanning a folder, decoding and the pixel measurements taken while decoding, the decoded-photo caches,
  the training file list and batch plan, augmentation, thumbnails, the demo folder;
- ``nets/``: the encoder network (ResNet + projector) and its files: saving, the one encoder loader, preprocessing;
- ``scoring/``: the Batch check (FRD, thresholds, feature networks, per-photo findings, report, decisions);
- ``training/``: the trainer and what it needs (losses, EMC2, memory, checkpoints, run folders, multi-GPU,
  evaluation);
- ``export/``: export folders, model card, ONNX, embeddings, self-test.

Imports between them follow one table (docs/design/architecture.md §2, enforced by tests/test_architecture.py):
the kernel imports no feature; data < nets < scoring < training < export, each importing only those before it.
Nothing under this package may import PySide6, pyqtgraph or ``badbatch_gui.gui``.
"""
