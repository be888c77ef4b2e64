"""Frozen entry point of ``badbatch`` (the headless command line) in the PyInstaller bundle.

Same rule as the app: ``multiprocessing.freeze_support()`` first (pyinstaller/pyinstaller#4157).
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from badbatch_gui.cli import main

    sys.exit(main())
