"""Steps about a resident's account: signing up, activating it, signing in and out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from playwright.sync_api import Page
from pytest_bdd import given, then, when

from pages import HomePage, SignInPage, SignUpPage
from portalcheck.mail import Inbox
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from steps.mail import open_email_link


@given("a resident who has not signed up yet", target_fixture="resident")
def new_resident_step(new_resident: Callable[[], Resident]) -> Resident:
    return new_resident()


@when("the resident enters their email, password, first and last name and clicks \"Sign up\"")
def fill_sign_up(page: Page, portal_profile: Profile, resident: Resident) -> None:
    SignUpPage(page, portal_profile).expect_shown().sign_up(resident)


@given("the resident has signed up")
def signed_up(page: Page, portal_profile: Profile, resident: Resident) -> None:
    sign_up = SignInPage(page, portal_profile).open().go_to_sign_up()
    sign_up.sign_up(resident).expect_heading("Verification email sent")


@when("the resident signs up again with the same email address", target_fixture="mail_since")
def signed_up_again(page: Page, portal_profile: Profile, resident: Resident) -> datetime:
    """Only e-mail sent after this counts from now on: the first one is still in the inbox."""
    since = datetime.now(timezone.utc)
    signed_up(page, portal_profile, resident)
    return since


@given("the resident has activated their account")
def activated(page: Page, portal_profile: Profile, inbox: Inbox, resident: Resident) -> None:
    signed_up(page, portal_profile, resident)
    open_email_link(page, portal_profile, inbox, resident, "Activate account")


@given("the resident is signed in")
def signed_in_already(page: Page, portal_profile: Profile, inbox: Inbox, resident: Resident) -> None:
    activated(page, portal_profile, inbox, resident)
    sign_in(page, portal_profile, resident)
    HomePage(page, portal_profile).expect_shown()


@when("the resident signs in with their email and password")
def sign_in(page: Page, portal_profile: Profile, resident: Resident) -> None:
    SignInPage(page, portal_profile).open().sign_in(resident.email, resident.password)


@then("the resident is signed in")
def is_signed_in(page: Page, portal_profile: Profile) -> None:
    HomePage(page, portal_profile).expect_shown()


@then("sign-in is refused")
def refused(page: Page, portal_profile: Profile) -> None:
    SignInPage(page, portal_profile).expect_refused()


@when("the resident signs out")
def sign_out(page: Page, portal_profile: Profile) -> None:
    HomePage(page, portal_profile).sign_out()
