"""Entry point for `python -m reference_portal`."""

import sys

from reference_portal.cli import main

if __name__ == "__main__":
    sys.exit(main())
