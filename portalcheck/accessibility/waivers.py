"""Known violations a portal profile waives for now, each with a reason and an expiry date.

A waiver past its date fails the run at start: a waiver is a promise to fix, not a silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase

from portalcheck.errors import ConfigurationError


@dataclass(frozen=True)
class Waiver:
    """`rule` (an axe rule id) on pages whose generic path matches `page` (a glob, e.g. /help/*)."""

    # The axe rule id, as the failure message names it (e.g. "color-contrast").
    rule: str
    # A glob over the page's generic path ({n} for numbers), e.g. "/utility-billing/accounts/*".
    page: str
    # Why it is waived (e.g. the vendor's ticket).
    reason: str
    # Until when (a TOML date, e.g. 2026-06-30); a waiver past its date stops the run.
    expires: date

    def covers(self, rule: str, path: str) -> bool:
        return rule == self.rule and fnmatchcase(path, self.page)


@dataclass(frozen=True)
class Accessibility:
    """The profile's `[accessibility]` table."""

    waivers: tuple[Waiver, ...] = field(default_factory=tuple)


def check_current(waivers: tuple[Waiver, ...], path: str, today: date | None = None) -> None:
    """Raise ConfigurationError naming the first waiver whose expiry date has passed."""
    today = today or date.today()
    for number, waiver in enumerate(waivers, start=1):
        if waiver.expires < today:
            raise ConfigurationError(
                f"{path}: accessibility waiver {number} ({waiver.rule} on {waiver.page}: "
                f"{waiver.reason}) expired on {waiver.expires.isoformat()}; fix the violation "
                "or renew the waiver with a new reason and date.",
                profile_key=f"accessibility.waivers[{number}]", path=path)


def waived(waivers: tuple[Waiver, ...], rule: str, path: str) -> bool:
    return any(w.covers(rule, path) for w in waivers)
