"""Moving the bundled reference portal's clock forward, so expiry checks need no long wait.

The harness gives the portal process a file (REFERENCE_PORTAL_CLOCK_FILE) holding an offset in
seconds; the portal adds it to the time its tokens and lockout use (reference_portal/clock.py).
A portal given by URL has no such file: time-based checks then rely on short lifetimes its
profile declares, or are not applicable.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_CLOCK_FILE = "REFERENCE_PORTAL_CLOCK_FILE"


class PortalClock:
    """The offset file of one portal process; it only moves forward."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @property
    def offset_seconds(self) -> float:
        try:
            return float(self.path.read_text(encoding="ascii").strip() or 0)
        except FileNotFoundError:
            return 0.0

    def advance(self, seconds: float) -> None:
        """Move the portal's clock `seconds` forward (cumulative, as time only goes one way)."""
        if seconds < 0:
            raise ValueError("The portal's clock only moves forward.")
        # Write a whole new file then rename it, so the portal never reads a half-written number.
        partial = self.path.with_suffix(".partial")
        partial.write_text(f"{self.offset_seconds + seconds}\n", encoding="ascii")
        os.replace(partial, self.path)
