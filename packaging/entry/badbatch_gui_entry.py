"""Frozen entry point of ``badbatch-gui`` (the desktop app) in the PyInstaller bundle.

``multiprocessing.freeze_support()`` must be the first call: without it a frozen Windows app that starts a
child process re-runs itself without end (pyinstaller/pyinstaller#4157; docs/design/gui.md §9).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from badbatch_gui.gui.app import main

    sys.exit(main())
