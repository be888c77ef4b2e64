"""Inspect: put a trained encoder to work on photos (docs/design/inspect.md). Qt-free; importing this package
imports nothing (the modules below import torch, so a window imports them inside its workers only).

Every long function has the shape of the app's other entry points: it takes its inputs, an optional ``control``
(:class:`~badbatch_gui.core.control.RunControl`: pause / stop, honoured between batches of photos; a stop raises
:class:`~badbatch_gui.core.control.Cancelled` after the one ``RunFinished(CANCELED)``) and an optional ``on_event``
callback; it blocks, and returns frozen dataclasses holding Python values and numpy arrays, never tensors. Short
functions (marked "quick") take milliseconds on 10,000 photos and need neither.

1. The encoder (``model.py``)
   - ``load_model(path) -> InspectModel``: a training run folder (its checkpoint, or ``.prev`` when damaged) or an
     export folder / encoder file. ``InspectModel``: ``backbone`` (the network, read-only), ``input_size``,
     ``fingerprint`` (keys every cache), ``name`` (plain label), ``kind`` ("run", "export", "file", "untrained"),
     ``training_folder`` and ``left_out`` (a run's folder and the photos it left out; None / () for an export).
   - ``untrained_twin(model, init="standard", seed=0) -> InspectModel``: the same network with random weights, for
     the side-by-side comparison (quick).
2. The index of a folder (``index.py``)
   - ``build_index(model, folder, photos=None, exclude=(), *, cache_dir, batch_size, device, control, on_event)
     -> FolderIndex``. Events: ``StateChanged``, ``Progress("decode" | "index", done, total, message)``, one
     ``RunFinished``. Cached per (weights, folder); only new or changed files (path, size, modification time) are
     computed again. For a run, ``default_photos(model)`` gives ``(training_folder, left_out)``.
   - ``FolderIndex``: ``root``, ``paths`` (sorted relative paths), ``embeddings`` (N, F) float32 unit rows,
     ``measurements`` (N, V) pixel measurements, ``sizes`` (N, 2) width and height, ``skipped`` (files with reason
     codes), ``reused`` / ``computed``; ``row(path)``, ``findings()`` (the Batch check's reasons per photo, quick).
3. Photos like this one (``neighbours.py``, ``duplicates.py``, ``folder_map.py``; all quick)
   - ``similar_photos(model, index, photo, k=12) -> SimilarPhotos``: ``photo`` is a path of the folder or any image
     file; ``SimilarPhotos.neighbours`` is a tuple of ``Neighbour(path, similarity)``, most similar first. The same
     call with the untrained twin and its own index gives the side-by-side view.
   - ``near_duplicate_groups(index, threshold=0.95) -> tuple[tuple[str, ...], ...]``, largest group first.
   - ``folder_map(index) -> FolderMap(paths, coords (N, 2), explained (2,))``: PCA of the embeddings.
4. Checking new photos (``normal_model.py``, ``check.py``, ``check_result.py``, ``calibration.py``)
   - ``fit_normal(model, index, config=InspectConfig(), *, cache_dir, control, on_event) -> NormalModel``: the
     memory of normal patches and the normal photos' leave-one-out scores. Events: ``Notice`` (bad shots left out
     of the normal set), ``Progress("decode" | "memory" | "calibrate")``, one ``RunFinished``. Cached.
     ``NormalModel.threshold(rate) -> Threshold(value, false_alarm_rate, expected_rate, rank, n_normal)`` (quick).
   - ``check_photos(model, normal, folder, photos=None, *, false_alarm_rate, device, batch_size, control, on_event)
     -> CheckResult``. Events: a ``PhotoChecked(done, total, photo)`` for every photo as soon as it is judged,
     ``Progress("check")``, one ``RunFinished``.
   - ``CheckResult``: ``photos`` (most unusual first) of ``PhotoCheck(path, score, verdict, reasons, heat_map (rows,
     cols) float32, peak (x, y) fractions)``, ``threshold``, ``normal_scores``, ``counts()``, ``summary()``,
     ``with_false_alarm_rate(rate)`` (quick: re-judges without recomputing), ``to_json()``, ``csv_text()``.
     Verdicts: "normal", "unusual", "bad_shot" (with the Batch check's reason codes).

Settings are :class:`~badbatch_gui.core.config.InspectConfig` (torch-free, in the kernel's configs).
"""
