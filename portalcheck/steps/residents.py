"""Steps about a resident's account: signing up, verifying the address, signing in and out.

Each step says what the resident does; the family's journey (portalcheck/journeys/) knows how this portal
does it, from its profile's flows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from pytest_bdd import given, then, when

from portalcheck.journeys import Journey
from portalcheck.pages.portal import Portal
from portalcheck.requirements import require
from portalcheck.residents import Resident


@given("a resident who has not signed up yet", target_fixture="resident")
def new_resident_step(new_resident: Callable[[], Resident]) -> Resident:
    return new_resident()


@when("the resident enters their email, password, first and last name and clicks \"Sign up\"")
def fill_sign_up(portal: Portal, resident: Resident) -> None:
    portal.sign_up.expect_shown().sign_up(resident)


@given("the resident has signed up")
def signed_up(journey: Journey, resident: Resident) -> None:
    journey.sign_up(resident)


@when("the resident signs up again with the same email address", target_fixture="mail_since")
def signed_up_again(journey: Journey, resident: Resident) -> datetime:
    """Only e-mail sent after this counts from now on: the first one is still in the inbox."""
    since = datetime.now(UTC)
    journey.sign_up(resident)
    return since


@given("the resident has activated their account")
def activated(journey: Journey, resident: Resident) -> None:
    """A precondition, not the subject: the portal's forms go over HTTP in the browser context."""
    journey.given_activated(resident)


@given("the resident is signed in")
def signed_in_already(journey: Journey, resident: Resident) -> None:
    journey.given_signed_in(resident)


@when("the resident signs in with their email and password")
def sign_in(journey: Journey, resident: Resident) -> None:
    journey.sign_in(resident.email, resident.password)


@then("the resident is signed in")
def is_signed_in(portal: Portal) -> None:
    portal.home.expect_shown()


@then("sign-in is refused")
def refused(journey: Journey, resident: Resident) -> None:
    """Refused by state: the home page's address shows the sign-in form, not the welcome screen."""
    require(not journey.signed_in(), "ASVS V6.4.1", f"{resident.email} got a signed-in session")


@when("the resident signs out")
def sign_out(journey: Journey) -> None:
    journey.sign_out()
