"""The Utility Billing features: every guide step from linking onward has a scenario, and each refusal bites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_citizen_access_run import scenarios_by_step

PROJECT = Path(__file__).resolve().parent.parent
FEATURES = PROJECT / "portalcheck" / "features" / "community_access"
# The scenario (pytest-bdd test name) that must fail when the reference portal has the defect.
CAUGHT = {
    "billing-any-account-by-url": "test_changing_the_account_number_in_the_address_never_shows_another_account",
    "billing-link-tells-which-number":
        "test_a_wrong_pair_gets_the_same_message_whichever_number_is_wrong_and_nothing_is_linked",
    "billing-routing-checksum-ignored":
        "test_a_routing_number_that_fails_the_check_digit_is_refused_and_nothing_is_saved",
    "billing-search-forgets-values": "test_remember_these_values_fills_the_search_in_on_the_next_visit",
    "billing-returning-not-linked":
        "test_a_returning_resident_signs_up_with_the_same_email_and_sees_their_accounts_listed_again",
}


def test_every_minot_step_from_linking_on_has_a_scenario():
    steps = scenarios_by_step(sorted(FEATURES.glob("minot_*.feature")))
    assert 4 in steps and len(steps[4]) >= 10, steps.get(4)


def test_every_pinellas_park_step_from_re_registering_on_has_a_scenario():
    steps = scenarios_by_step(sorted(FEATURES.glob("pinellas_park_*.feature")))
    assert {5, 9, 10} <= set(steps), sorted(steps)


@pytest.mark.browser
def test_each_refusal_fails_against_a_portal_that_breaks_it():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features", "-p", "no:cacheprovider", "-q", "-n", "2",
         "-k", " or ".join(CAUGHT.values())],
        cwd=PROJECT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "REFERENCE_PORTAL_DEFECTS": ",".join(CAUGHT)},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{len(CAUGHT)} failed" in output and "passed" not in output, output
