"""Entry point: `python -m evals <command> [overrides]`."""

import sys

from evals.cli import main

sys.exit(main())
