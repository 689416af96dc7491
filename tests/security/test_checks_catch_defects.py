"""Each security check fails against a reference portal with exactly that requirement broken.

A check that cannot fail proves nothing: for every check, the reference portal is started with
one deliberate defect (reference_portal/defects.py) and the check must fail, naming the
requirement it verifies. The table below is also the documentation of which defect each
check catches (README, "Security checks").
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# (check marker, defect switched on in the portal, requirement the failure must name)
CAUGHT: list[tuple[str, str, str]] = [
    ("check-1", "password-min-length-8", "ASVS V6.2.1"),
    ("check-2", "password-truncated", "ASVS V6.2.8"),
    ("check-3", "password-composition-rules", "ASVS V6.2.5"),
    ("check-4", "common-passwords-allowed", "ASVS V6.2.4"),
    ("check-5", "password-shown-as-text", "ASVS V6.2.6"),
    ("check-6", "unverified-can-sign-in", "ASVS V6.4.1"),
    ("check-7", "activation-link-reusable", "ASVS V6.4.1"),
    ("check-8", "activation-link-never-expires", "ASVS V6.4.1"),
    ("check-9", "sign-in-says-unknown-email", "ASVS V6.3.8"),
    ("check-10", "forgot-password-says-unknown-email", "ASVS V6.3.8"),
    ("check-11", "sign-in-never-locks", "ASVS V6.3.1"),
    ("check-12", "unlock-link-reusable", "ASVS V6.3.1"),
    ("check-13", "reset-link-reusable", "ASVS V6.4.3"),
    ("check-14", "reset-link-never-expires", "NIST 63B 4.2.1.2"),
    ("check-15", "older-reset-links-valid", "NIST 63B 4.2.1.2"),
    ("check-16", "no-password-changed-email", "ASVS V6.3.7"),
    ("check-17", "session-cookie-readable-by-scripts", "ASVS V3.3.4"),
    ("check-18", "session-fixation", "ASVS V7.2.4"),
    ("check-19", "session-survives-sign-out", "ASVS V7.4.1"),
    ("check-20", "session-never-idles", "ASVS V7.3.1"),
    ("check-21", "csrf-not-enforced", "ASVS V3.5.1"),
    ("check-21", "sign-out-by-get", "ASVS V3.5.3"),
    ("check-22", "no-content-security-policy", "ASVS V3.4.3"),
    ("check-23", "signed-in-pages-cacheable", "ASVS V14.3.2"),
    ("check-24", "eft-change-without-password", "ASVS V6.2.3"),
    ("check-25", "eft-number-shown-whole", "ASVS V14.2.6"),
    ("check-26", "billing-any-account-by-url", "ASVS V8.2.2"),
    ("check-27", "billing-link-tells-which-number", "ASVS V6.3.8"),
    ("check-27", "billing-link-not-throttled", "ASVS V2.4.1"),
    ("check-28", "eft-agreement-not-required", "Nacha 2.3"),
    ("check-29", "card-number-posted-to-portal", "PCI DSS SAQ A"),
    ("check-30", "processor-on-portal-origin", "PCI DSS SAQ A"),
    ("check-31", "amount-not-bounded", "ASVS V2.2.1"),
    ("check-32", "double-charge-on-back", "ASVS V2.3.1"),
    ("check-33", "card-number-shown-whole", "PCI DSS 3.4.1"),
]


def run_check(marker: str, defect: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features/test_security.py", "-m", marker,
         "-p", "no:cacheprovider", "-q", "--tb=line", *options],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "REFERENCE_PORTAL_DEFECTS": defect},
    )


# The checks that run on the Citizen Access family too (its sign-up, confirmation and first
# login go through the journey layer); 24-33 are about Community Access's Utility Billing.
BOTH_FAMILIES = [(m, d, r) for m, d, r in CAUGHT if int(m.removeprefix("check-")) <= 23]


@pytest.mark.parametrize(("marker", "defect", "requirement"), CAUGHT,
                         ids=[f"{m}-{d}" for m, d, _ in CAUGHT])
def test_the_check_catches_its_defect(marker: str, defect: str, requirement: str) -> None:
    result = run_check(marker, defect)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"{marker} passed against a portal with {defect}:\n{output[-3000:]}"
    assert requirement in output, f"{marker} failed without naming {requirement}:\n{output[-3000:]}"


@pytest.mark.parametrize(("marker", "defect", "requirement"), BOTH_FAMILIES,
                         ids=[f"{m}-{d}" for m, d, _ in BOTH_FAMILIES])
def test_the_check_catches_its_defect_on_citizen_access(marker: str, defect: str, requirement: str) -> None:
    result = run_check(marker, defect, "--portal-edition", "citizen-access")
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"{marker} passed against a Citizen Access portal with {defect}:\n{output[-3000:]}"
    assert requirement in output, f"{marker} failed without naming {requirement}:\n{output[-3000:]}"


def test_check_21_credits_no_refusal_that_is_not_the_token_s() -> None:
    """A portal enforcing no token but refusing every sign-in post answers the post without a token
    403: the positive control (the same post with its token) is refused alike, so check 21 fails."""
    result = run_check("check-21", "sign-in-refuses-every-post")
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"check-21 passed a portal that refuses every sign-in post:\n{output[-3000:]}"
    assert "ASVS V3.5.1" in output and "cannot be credited to the token" in output, output[-3000:]


def test_check_27_catches_an_unthrottled_portal_wherever_linking_lands() -> None:
    """The right pair after the limit links the account and the portal shows its Account Summary,
    not the accounts list: the check reads the list itself, so it still fails."""
    result = run_check("check-27", "billing-link-not-throttled",
                       "--portal-profile", "reference", "--portal-variant", "lands-on-summary")
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"check-27 passed an unthrottled portal that lands on the summary:\n{output[-3000:]}"
    assert "ASVS V2.4.1" in output, output[-3000:]


def test_check_27_passes_a_throttled_portal_wherever_linking_lands() -> None:
    """The control: the same variant without the defect passes, so the failure above is the defect's."""
    result = run_check("check-27", "", "--portal-profile", "reference", "--portal-variant", "lands-on-summary")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
