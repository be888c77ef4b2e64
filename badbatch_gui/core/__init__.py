"""Qt-free computation, grouped by feature.

- this folder: the small shared kernel every feature uses (paths, settings, logs, events and their JSON codec,
  run control, errors, devices, configs, safe names, the one reader of torch files);
- ``data/``: scanning a folder, decoding, the decoded-photo caches, augmentation, thumbnails, the demo folder;
- ``scoring/``: the Batch check (FRD, thresholds, features, per-photo findings, report, decisions);
- ``training/``: the trainer and what it needs (losses, EMC2, models, memory, checkpoints, run folders,
  multi-GPU, evaluation);
- ``export/``: export folders, model card, ONNX, encoder loading, embeddings, self-test.

Nothing under this package may import PySide6, pyqtgraph or ``badbatch_gui.gui`` (tests enforce it).
"""
