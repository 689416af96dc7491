"""The portal's clock: real time plus an offset the harness may move forward, for expiry checks.

Checks such as "the verification link expires after its lifetime" must not wait a day. When
REFERENCE_PORTAL_CLOCK_FILE names a file, its content (seconds, a number) is added to the time
every expiry decision uses: token generators' `_now()` and lockout. The harness writes it through
portalcheck.clock.PortalClock. Without the variable the clock is the real one.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from django.utils import timezone

ENV_CLOCK_FILE = "REFERENCE_PORTAL_CLOCK_FILE"


def offset() -> timedelta:
    """How far the harness has moved the clock; read on every call, as tests move it while we run."""
    path = os.environ.get(ENV_CLOCK_FILE)
    if not path:
        return timedelta()
    try:
        text = Path(path).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return timedelta()
    return timedelta(seconds=float(text or 0))


def now() -> datetime:
    """Aware "now" on the portal's clock (for model fields and comparisons)."""
    return timezone.now() + offset()


def naive_now() -> datetime:
    """Naive local "now" on the portal's clock, as Django's token generators expect from `_now()`."""
    return datetime.now() + offset()
