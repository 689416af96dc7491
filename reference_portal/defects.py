"""Deliberate defects, switched on one at a time to prove that a check catches what it looks for.

Each check the harness offers must be shown to fail on a portal that breaks it. Rather than a
second, broken code base, the reference portal breaks exactly one requirement when
REFERENCE_PORTAL_DEFECTS names it (comma-separated). Never set this outside the harness's tests.
"""

from __future__ import annotations

import os

from django.conf import settings

ENV_DEFECTS = "REFERENCE_PORTAL_DEFECTS"

# name: what breaks. Views and forms ask `active(name)` where the defect applies.
DEFECTS: dict[str, str] = {
    "home-without-announcements": "the welcome page leaves out its Announcements section",
}


def from_environment() -> tuple[str, ...]:
    names = tuple(n.strip() for n in os.environ.get(ENV_DEFECTS, "").split(",") if n.strip())
    unknown = [n for n in names if n not in DEFECTS]
    if unknown:
        raise ValueError(f"{ENV_DEFECTS} names unknown defect {unknown[0]!r}; known: {', '.join(DEFECTS)}")
    return names


def active(name: str) -> bool:
    assert name in DEFECTS, name
    return name in getattr(settings, "PORTAL_DEFECTS", ())
