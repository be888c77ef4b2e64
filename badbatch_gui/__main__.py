"""``python -m badbatch_gui``: freeze_support() first (frozen Windows apps respawn without it), then the app."""

import multiprocessing
import sys


def _main() -> int:
    multiprocessing.freeze_support()
    from badbatch_gui.gui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
