"""`python -m portalcheck`: the same as the `portalcheck` command."""

import sys

from portalcheck.cli import main

sys.exit(main())
