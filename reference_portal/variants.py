"""Variants: documented variations of a portal's flows, switched on by name, in any combination.

Real portals of one family differ in their flows (flows.md E): where the sign-up form lives,
what the verification e-mail asks, whether sign-in takes one page or two, what the labels say.
The harness describes such differences in a portal profile; to prove it drives every variation
through a profile alone, the reference portal renders each one when REFERENCE_PORTAL_VARIANTS
(or `serve --variant`) names it, comma-separated. Unlike defects, a variant breaks nothing: each
is a compliant portal in its own right, and every page keeps the portal's standards.
"""

from __future__ import annotations

import functools
import os
import types

from django.conf import settings

ENV_VARIANTS = "REFERENCE_PORTAL_VARIANTS"

# name: what differs. Views, forms and templates ask `active(name)` (templates: `portal_variants`).
VARIANTS: dict[str, str] = {
    "sign-up-url": "\"Create an account\" is at /register/ instead of /sign-up/",
    "confirm-button": "the verification link opens \"Confirm your email\", whose CONFIRM EMAIL button activates",
    "password-again": "the verification link's page asks for the password before CONFIRM EMAIL activates",
    "code-verification": "the verification e-mail holds a 6-digit code, typed in at \"Verify with your email\"",
    "plain-text-email": "the verification e-mail is plain text only, its link a bare URL on its own line",
    "two-step-sign-in": "sign-in asks for the e-mail address, then after \"Next\" for the password",
    "search-behind-link": "Utility Billing's search form is behind the link \"Search for an account\"",
    "reset-without-confirm": "the password-reset form asks for the new password once",
    "lands-on-summary": "after \"Account Link Setup\" the portal shows that account's \"Account Summary\"",
    "no-password-change": "there is no password-change page",
    "reworded": "other words for some labels (\"Register for a New Account\", \"Email\", \"Remember Me\", ...)",
    "other-paths": "sign-in is at /account/login/ and the signed-in home at /dashboard/",
    "total-amount-due": "Citizen Access: Utility Pay links a water account by its \"Total Amount Due\", not a PIN",
}

# The edition each variant belongs to; a variant of the other family would silently do nothing.
EDITION_OF: dict[str, str] = {name: "community-access" for name in VARIANTS} | {"total-amount-due": "citizen-access"}

# Variants that change which pages exist or where: they get a URL configuration of their own.
URL_VARIANTS = frozenset({"sign-up-url", "code-verification", "search-behind-link", "no-password-change",
                          "other-paths"})

# `reworded`: documented label -> what the portal shows instead (flows.md E lists them), wherever
# it prints that label: "Email address" is "Email" on sign-in, recovery and the code page alike,
# as a profile's [wording] re-words a label everywhere.
REWORDED: dict[str, str] = {
    "Sign up": "Register for a New Account",
    "Email address": "Email",
    "Remember me": "Remember Me",
    "Create an account": "Register",
    "Verification email sent": "Check your inbox",
}


def parse(text: str, edition: str | None = None) -> tuple[str, ...]:
    """The variant names in a comma-separated list; ValueError names an unknown or misplaced one."""
    names = tuple(dict.fromkeys(n.strip() for n in (text or "").split(",") if n.strip()))
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        raise ValueError(f"unknown variant {unknown[0]!r}; known: {', '.join(VARIANTS)}")
    misplaced = [n for n in names if edition and EDITION_OF[n] != edition]
    if misplaced:
        raise ValueError(f"variant {misplaced[0]!r} belongs to the {EDITION_OF[misplaced[0]]} edition, "
                         f"not {edition}; choose that edition or leave the variant out")
    return names


def from_environment(edition: str | None = None) -> tuple[str, ...]:
    try:
        return parse(os.environ.get(ENV_VARIANTS, ""), edition)
    except ValueError as error:
        raise ValueError(f"{ENV_VARIANTS}: {error}") from None


def active(name: str) -> bool:
    assert name in VARIANTS, name
    return name in getattr(settings, "PORTAL_VARIANTS", ())


def says(label: str) -> str:
    """What the portal prints for a documented label, in the variant in force."""
    return REWORDED.get(label, label) if active("reworded") else label


class VariantsMiddleware:
    """Serves the URL configuration of the variants in force (read per request, as tests switch them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        names = URL_VARIANTS.intersection(getattr(settings, "PORTAL_VARIANTS", ()))
        if names:
            request.urlconf = urlconf(frozenset(names))
        return self.get_response(request)


@functools.cache
def urlconf(names: frozenset[str]):
    """One module-like URL configuration per set of URL variants, made once (Django caches resolvers by it)."""
    from reference_portal import urls

    module = types.ModuleType(f"reference_portal.urls[{','.join(sorted(names))}]")
    module.urlpatterns = urls.patterns(names)
    return module
