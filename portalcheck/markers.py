"""The tags any feature may use, registered by the plugin as markers.

A city's own repository that runs with `--strict-markers` then accepts every tag the bundled
features use, and a mistyped tag still fails. Tags naming a documented feature, a portal family
or a profile flow come from the profile's closed sets, so they cannot drift apart.
"""

from __future__ import annotations

from portalcheck.options import EDITIONS as FAMILIES
from portalcheck.profile import FEATURES

CITIES = {
    "minot": "encodes the City of Minot's guide",
    "pinellas-park": "encodes the City of Pinellas Park's guide",
    "billings": "encodes the City of Billings' guide",
}

# Profile flows and ways of paying where cities differ (the plugin's PROFILE_TAGS).
FLOWS = {
    "one-page-sign-in": "about the one-page sign-in form the guides show (flows.sign_in)",
    "e-mailed-link": "about the verification e-mail's link (flows.verification)",
    "city-website": "starts on the city's own website (urls.city_website)",
    "partial-payments": "pays part of a bill's balance (payments.partial_payments)",
    "cart-emptied-on-sign-out": "the cart is empty after signing out (payments.cart_emptied_on_sign_out)",
}

# The rows of the README's security checks table.
CHECKS = {
    "check-1": "password shorter than the declared minimum refused",
    "check-2": "64-character passphrase, no truncation or case change",
    "check-3": "no composition rules",
    "check-4": "common passwords refused",
    "check-5": "password fields masked, paste allowed, no hints",
    "check-6": "unverified accounts have no access",
    "check-7": "verification link single-use",
    "check-8": "verification link expires",
    "check-9": "sign-in error reveals no account",
    "check-10": "forgot-password and sign-up reveal no account",
    "check-11": "lockout after consecutive failures",
    "check-12": "unlock e-mail restores access once",
    "check-13": "reset link single-use",
    "check-14": "reset link expires",
    "check-15": "newer reset voids older links",
    "check-16": "old password fails and e-mail after a reset",
    "check-17": "session cookie Secure, HttpOnly, SameSite",
    "check-18": "session identifier changes at sign-in",
    "check-19": "old session rejected after sign-out",
    "check-20": "idle timeout and remember-me lifetime",
    "check-21": "CSRF token required, GET never changes state",
    "check-22": "security headers",
    "check-23": "no-store on signed-in pages, no secrets in URLs",
    "check-24": "re-authentication for sensitive changes",
    "check-25": "bank account number masked",
    "check-26": "no access to another resident's accounts by URL",
    "check-27": "generic, throttled linking errors",
    "check-28": "EFT authorisation terms, opt-in and e-mailed copy",
    "check-29": "card and bank account numbers never sent to the portal",
    "check-30": "the payment page is on the processor's origin",
    "check-31": "payment amounts bounded by the balance and one cent",
    "check-32": "Submit again after the back button charges once",
    "check-33": "card number shown by its last four digits only",
}

# The public requirements a check verifies (OWASP ASVS 5.0, NIST SP 800-63B-4, PCI DSS v4.0.1,
# Nacha, Regulation E).
REQUIREMENTS = (
    "asvs-v14.2.1",
    "asvs-v14.2.6",
    "asvs-v14.3.2",
    "asvs-v2.2.1",
    "asvs-v2.3.1",
    "asvs-v2.4.1",
    "asvs-v3.3.1",
    "asvs-v3.3.2",
    "asvs-v3.3.4",
    "asvs-v3.4.1",
    "asvs-v3.4.3",
    "asvs-v3.4.6",
    "asvs-v3.5.1",
    "asvs-v3.5.3",
    "asvs-v6.2.1",
    "asvs-v6.2.12",
    "asvs-v6.2.3",
    "asvs-v6.2.4",
    "asvs-v6.2.5",
    "asvs-v6.2.6",
    "asvs-v6.2.7",
    "asvs-v6.2.8",
    "asvs-v6.2.9",
    "asvs-v6.3.1",
    "asvs-v6.3.7",
    "asvs-v6.3.8",
    "asvs-v6.4.1",
    "asvs-v6.4.2",
    "asvs-v6.4.3",
    "asvs-v7.2.4",
    "asvs-v7.3.1",
    "asvs-v7.3.2",
    "asvs-v7.4.1",
    "asvs-v7.4.3",
    "asvs-v7.5.1",
    "asvs-v8.2.2",
    "nacha-2.3",
    "nist-63b-2.1.3",
    "nist-63b-3.1.1.2",
    "nist-63b-3.2.2",
    "nist-63b-4.2.1.2",
    "pci-dss-3.4.1",
    "pci-dss-saq-a",
    "rege-1005.10b",
)


MARKERS: dict[str, str] = {
    **{family: "a scenario of this portal family" for family in FAMILIES},
    **CITIES,
    **{f"guide-step-{n}": "encodes this numbered step of the guide named by the feature's tag" for n in range(1, 31)},
    **{feature: f"needs a documented feature: {text}" for feature, text in FEATURES.items()},
    **FLOWS,
    "security": "a black-box security conformance check",
    "accessibility": "a WCAG 2.1 AA check that automated rules cannot make",
    **CHECKS,
    **{name: f"verifies {name.upper().replace('-V', ' V', 1)}" for name in REQUIREMENTS},
}
