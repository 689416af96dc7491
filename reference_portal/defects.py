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
    "csrf-not-enforced": "forms are accepted without a CSRF token (ASVS V3.5.1)",
    "no-content-security-policy": "responses carry no Content-Security-Policy (ASVS V3.4.3)",
    "first-login-signs-in": "Citizen Access: the first login also signs in, so no second login is needed",
    "confirmation-link-reusable": "Citizen Access: an already used confirmation link confirms again",
    "permit-pin-ignored": "Citizen Access: a wrong Provided PIN still links the permit account",
    "billing-any-account-by-url": "Utility Billing: an account page opens any account, linked to the resident or not",
    "billing-link-tells-which-number": "Utility Billing: a wrong pair says which of the two numbers is wrong",
    "billing-routing-checksum-ignored": "Utility Billing: EFT accepts a routing number that fails the ABA checksum",
    "billing-search-forgets-values": "Utility Billing: \"Remember these values\" saves nothing",
    "billing-returning-not-linked": "Utility Billing: a returning resident's previous accounts are not linked",
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


class DefectsMiddleware:
    """Applies the defects that act on every request, before Django's own middleware sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if active("csrf-not-enforced"):
            request._dont_enforce_csrf_checks = True  # the switch Django's test client uses
        return self.get_response(request)
