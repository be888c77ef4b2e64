"""``python -m badbatch_gui.cli``: same as the ``badbatch`` command."""

import sys

from badbatch_gui.cli import main

sys.exit(main())
