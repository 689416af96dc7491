"""Deliberate defects, switched on one at a time to prove that a check catches what it looks for.

Each check the harness offers must be shown to fail on a portal that breaks it. Rather than a
second, broken code base, the reference portal breaks exactly one requirement when
REFERENCE_PORTAL_DEFECTS names it (comma-separated). Never set this outside the harness's tests.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpResponseForbidden
from django.urls import Resolver404, resolve

ENV_DEFECTS = "REFERENCE_PORTAL_DEFECTS"

# name: what breaks. Views and forms ask `active(name)` where the defect applies.
DEFECTS: dict[str, str] = {
    "city-links-nowhere": "the city website's \"View Your Bill\" and \"Pay Utility Bill\" lead to a missing page",
    "home-without-announcements": "the welcome page leaves out its Announcements section",
    "sign-in-notice-low-contrast": "the sign-in page's notice is pale grey on white (WCAG 1.4.3)",
    "csrf-not-enforced": "forms are accepted without a CSRF token (ASVS V3.5.1)",
    "csrf-origin-not-checked": "a form with a valid CSRF token is accepted from another site's origin",
    "sign-in-refuses-every-post": "no CSRF token is enforced, and every sign-in post is answered 403 whatever it "
                                  "holds: a refusal that is not the token's (ASVS V3.5.1)",
    "no-content-security-policy": "responses carry no Content-Security-Policy (ASVS V3.4.3)",
    "first-login-signs-in": "Citizen Access: the first login also signs in, so no second login is needed",
    "confirmation-link-reusable": "Citizen Access: an already used confirmation link confirms again",
    "permit-pin-ignored": "Citizen Access: a wrong Provided PIN still links the permit account",
    "billing-any-account-by-url": "Utility Billing: an account page opens any account, linked to the resident or not",
    "billing-link-tells-which-number": "Utility Billing: a wrong pair says which of the two numbers is wrong",
    "billing-routing-checksum-ignored": "Utility Billing: EFT accepts a routing number that fails the ABA checksum",
    "billing-search-forgets-values": "Utility Billing: \"Remember these values\" saves nothing",
    "billing-returning-not-linked": "Utility Billing: a returning resident's previous accounts are not linked",
    # Security checks 1-16: passwords, verification, enumeration, lockout, recovery.
    "password-min-length-8": "passwords of 8 characters are accepted, below the declared minimum (ASVS V6.2.1)",
    "password-truncated": "passwords are cut to their first 32 characters (ASVS V6.2.8)",
    "password-composition-rules": "passwords must contain an upper-case letter and a digit (ASVS V6.2.5)",
    "common-passwords-allowed": "common passwords are accepted (ASVS V6.2.4)",
    "password-shown-as-text": "the sign-up password field is type=text (ASVS V6.2.6)",
    "unverified-can-sign-in": "a new account can sign in before its address is verified (ASVS V6.4.1)",
    "activation-link-reusable": "an activation link activates again after its first use (ASVS V6.4.1)",
    "activation-link-never-expires": "activation links never expire (ASVS V6.4.1)",
    "sign-in-says-unknown-email": "sign-in says when no account uses the address (ASVS V6.3.8)",
    "forgot-password-says-unknown-email": "\"Forgot password?\" says when no account uses the address (ASVS V6.3.8)",
    "sign-in-never-locks": "no number of failed sign-ins locks an account (ASVS V6.3.1)",
    "unlock-link-reusable": "an unlock link unlocks again after its first use (ASVS V6.3.1)",
    "reset-link-reusable": "a password-reset link works again after its first use (ASVS V6.4.3)",
    "reset-link-never-expires": "password-reset links never expire (NIST SP 800-63B 4.2.1.2)",
    "older-reset-links-valid": "a new reset request leaves the older links valid (NIST SP 800-63B 4.2.1.2)",
    "no-password-changed-email": "no e-mail tells the resident their password was reset (ASVS V6.3.7)",
    # Security checks 17-28: sessions, requests and responses, Utility Billing and EFT.
    "session-cookie-readable-by-scripts": "the session cookie lacks HttpOnly (ASVS V3.3.4)",
    "session-fixation": "sign-in keeps the session identifier the browser had before (ASVS V7.2.4)",
    "session-survives-sign-out": "sign-out leaves the session valid on the server (ASVS V7.4.1)",
    "session-never-idles": "a session without \"Remember me\" lasts 30 days however long it is idle (ASVS V7.3.1)",
    "sign-out-by-get": "a GET to the sign-out address signs the resident out (ASVS V3.5.3)",
    "signed-in-pages-cacheable": "signed-in pages may be stored by browsers and proxies (ASVS V14.3.2)",
    "eft-change-without-password": "EFT bank details change without the current password (ASVS V6.2.3)",
    "eft-number-shown-whole": "the EFT confirmation shows the whole bank account number (ASVS V14.2.6)",
    "billing-link-not-throttled": "wrong account/customer pairs may be tried without limit (ASVS V2.4.1)",
    "eft-agreement-not-required": "EFT enrolment goes through without ticking the authorisation (Nacha 2.3)",
    # E-mail faults the harness must name as such, never as a timeout.
    "email-sent-twice": "every e-mail is sent twice",
    "email-wrong-recipient": "every e-mail goes to the resident's local part at another domain",
    "email-link-broken": "the activation link's address leads to a missing page (404)",
    # Security checks 29-33: paying a bill in Manage Bills.
    "card-number-posted-to-portal": "checkout's card form is the portal's own, posted to the portal (PCI DSS SAQ A)",
    "processor-on-portal-origin": "the processor's payment page is served from the portal's own origin (PCI DSS SAQ A)",
    "amount-not-bounded": "a payment amount above the bill's balance or below one cent is accepted (ASVS V2.2.1)",
    "double-charge-on-back": "\"Submit\" again after the back button charges the payment again (ASVS V2.3.1)",
    "card-number-shown-whole": "the payment confirmation and receipt show the whole card number (PCI DSS 3.4.1)",
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
        if active("sign-in-refuses-every-post"):
            request._dont_enforce_csrf_checks = True
            if request.method == "POST" and _url_name(request) == "sign-in":
                return HttpResponseForbidden("Refused.")
        if active("session-fixation"):
            adopt_unknown_session_key(request)
        if active("csrf-origin-not-checked"):
            request.META.pop("HTTP_ORIGIN", None)  # Django then checks the token alone (over http)
        response = self.get_response(request)
        if active("signed-in-pages-cacheable") and request.user.is_authenticated:
            response["Cache-Control"] = "private, max-age=600"
        return response


def _url_name(request) -> str:
    try:
        return resolve(request.path_info).url_name or ""
    except Resolver404:
        return ""


def adopt_unknown_session_key(request) -> None:
    """The fixation defect's first half: a session identifier the portal never issued is taken
    as it is (as servers without strict session mode do), so a planted one survives page loads;
    SignInView then keeps it at sign-in instead of issuing a new one."""
    from importlib import import_module

    presented = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if len(presented) >= 8 and not store().exists(presented):
        adopted = store()
        adopted._session_key = presented
        adopted.save(must_create=True)
