"""Core tests live in one folder per feature (data/, scoring/, training/, export/) beside the shared kernel's.

This folder goes on ``sys.path`` so every test below it imports the shared photo generator as
``from synth_images import make_folder``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
