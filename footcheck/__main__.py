"""``python -m footcheck``: the command line (see ``footcheck.cli``)."""

import sys

from footcheck.cli import main

sys.exit(main())
