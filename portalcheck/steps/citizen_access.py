"""Steps of the Citizen Access family (Billings) where its guide differs from Community Access."""

from __future__ import annotations

import uuid

import httpx
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from portalcheck.journeys import Journey
from portalcheck.mail import Inbox, Message
from portalcheck.pages import HomePage, Screen, SignInPage
from portalcheck.pages.citizen_access import (
    CONFIRMED,
    Dialog,
    LinkAccountsDialog,
    NewUserRegistrationPage,
    open_link_accounts,
)
from portalcheck.pages.sign_in import HEADING as SIGN_IN_HEADING
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from portalcheck.steps.mail import receive, verification_link
from portalcheck.test_data import PermitAccount, TestData, UtilityAccount


@given("the resident has registered as a new user")
def registered(journey: Journey, resident: Resident) -> None:
    journey.sign_up(resident)


@then("the page asks for their email, password, first and last name")
def asks_for_registration(page: Page, portal_profile: Profile) -> None:
    NewUserRegistrationPage(page, portal_profile).expect_shown().expect_fields()


@when('the resident enters their email, password, first and last name and clicks "submit"')
def register(page: Page, portal_profile: Profile, resident: Resident) -> None:
    NewUserRegistrationPage(page, portal_profile).expect_shown().register(resident)


@then('a confirmation that a "Registration E-mail" was sent is shown with an "ok" button')
def registration_dialog(page: Page, portal_profile: Profile) -> None:
    Dialog(page, portal_profile).expect_saying("Registration E-mail").expect_button("ok")


@then("a Registration E-mail arrives for the resident", target_fixture="email")
def registration_email(inbox: Inbox, portal_profile: Profile, resident: Resident) -> Message:
    return receive(inbox, portal_profile, resident)


@then("the e-mail has a link to confirm the registration on the portal")
def email_confirms_on_portal(email: Message, portal_profile: Profile, portal_url: str) -> None:
    link = httpx.URL(verification_link(email, portal_profile, "Activate account"))
    assert (link.host, link.port) == (httpx.URL(portal_url).host, httpx.URL(portal_url).port), (
        f"The confirmation link goes to {link}, not to the portal at {portal_url}."
    )


# Confirmation and the two logins (guide steps 5-7)

@when("the resident clicks the link in the Registration E-mail")
def click_confirmation(journey: Journey, resident: Resident) -> None:
    journey.verify_address(resident)


@when("the resident clicks the link in the Registration E-mail again")
def click_confirmation_again(page: Page, inbox: Inbox, portal_profile: Profile, resident: Resident) -> None:
    page.goto(verification_link(receive(inbox, portal_profile, resident), portal_profile, "Activate account"))


@given("the resident has confirmed their email address")
def confirmed(journey: Journey, resident: Resident) -> None:
    journey.sign_up(resident)
    journey.verify_address(resident)


@then("the page says the email address is confirmed and the account will be enabled after a login")
def says_confirmed(screen: Screen) -> None:
    for sentence in CONFIRMED:
        screen.expect_text(sentence)


@then("the email address is not confirmed again")
def not_confirmed_again(screen: Screen) -> None:
    expect(screen.text(CONFIRMED[0])).to_have_count(0)
    expect(screen.page.get_by_role("heading").first).to_be_visible()


@given("the resident has logged in for the first time")
def first_login(journey: Journey, resident: Resident) -> None:
    journey.activate(resident)


@given("the resident has logged in a second time")
def second_login(journey: Journey, resident: Resident) -> None:
    journey.sign_in_as(resident)


@then("the resident is on the login page")
def on_login_page(page: Page, portal_profile: Profile) -> None:
    expect(SignInPage(page, portal_profile).heading(SIGN_IN_HEADING)).to_be_visible()
    expect(HomePage(page, portal_profile).heading("Welcome to Citizen Self Service")).to_have_count(0)


@when("the resident opens the home page")
def open_home(page: Page, portal_profile: Profile) -> None:
    page.goto(portal_profile.urls.home)


# Linking accounts (guide steps 8-9)

@given("a permit account the city has set up", target_fixture="permit_account")
def permit_account(test_data: TestData) -> PermitAccount:
    return test_data.take_permit_account()


@when('the resident opens "add accounts" under "Permits"')
def open_permit_dialog(screen: Screen) -> None:
    open_link_accounts(screen, "Permits")


@when("the resident links the permit account by its email address, leaving the PIN empty")
def link_by_email(screen: Screen, permit_account: PermitAccount) -> None:
    open_link_accounts(screen, "Permits").submit({"Provided PIN": "", "Email address": permit_account.email})


@when("the resident links the permit account by its email address and its PIN")
def link_by_email_and_pin(screen: Screen, permit_account: PermitAccount) -> None:
    open_link_accounts(screen, "Permits").submit({"Provided PIN": permit_account.pin,
                                                 "Email address": permit_account.email})


def wrong(pin: str) -> str:
    """Another PIN (or amount) of the same length: every digit moved on by one."""
    return "".join(str((int(digit) + 1) % 10) if digit.isdigit() else digit for digit in pin)


@when("the resident links the permit account by its email address and a wrong PIN")
def link_with_wrong_pin(screen: Screen, permit_account: PermitAccount) -> None:
    open_link_accounts(screen, "Permits").submit({"Provided PIN": wrong(permit_account.pin),
                                                 "Email address": permit_account.email})


@when("the resident links a permit account by an email address the city does not have")
def link_unknown_email(screen: Screen) -> None:
    unknown = f"no-permit-{uuid.uuid4().hex[:12]}@residents.example.test"
    open_link_accounts(screen, "Permits").submit({"Provided PIN": "", "Email address": unknown})


@then("a confirmation box says the account is now linked")
def linked_box(screen: Screen) -> None:
    Dialog(screen.page, screen.profile).expect_saying("Your account is now linked")


@then("linking is refused")
def linking_refused(screen: Screen) -> None:
    LinkAccountsDialog(screen.page, screen.profile).expect_refused()


@then(parsers.parse('the "{module}" page lists the permit account'))
def lists_permit(screen: Screen, module: str, permit_account: PermitAccount) -> None:
    screen.click(module)
    screen.expect_heading(module)
    expect(screen.page.get_by_role("cell", name=permit_account.number, exact=True)).to_be_visible()


@then(parsers.parse('the "{module}" page does not list the permit account'))
def does_not_list_permit(screen: Screen, module: str, permit_account: PermitAccount) -> None:
    screen.click(module)
    screen.expect_heading(module)
    expect(screen.page.get_by_role("cell", name=permit_account.number, exact=True)).to_have_count(0)


@given("a water account with the PIN printed on its bill", target_fixture="water_account")
def water_account(test_data: TestData) -> UtilityAccount:
    return test_data.take_account_with_bill_pin()


@when('the resident opens "add accounts" under "Utility Pay"')
def open_water_dialog(screen: Screen) -> None:
    open_link_accounts(screen, "Utility Pay")


@when("the resident links the water service by its account number and the PIN on the bill")
def link_water(screen: Screen, journey: Journey, water_account: UtilityAccount) -> None:
    open_link_accounts(screen, "Utility Pay").submit({"Account Number": water_account.account_number,
                                                     "PIN": journey.proof(water_account)})


@when("the resident links the water service by its account number and a wrong PIN")
def link_water_wrong_pin(screen: Screen, journey: Journey, water_account: UtilityAccount) -> None:
    open_link_accounts(screen, "Utility Pay").submit({"Account Number": water_account.account_number,
                                                     "PIN": wrong(journey.proof(water_account))})


@then(parsers.parse('the "{module}" page lists the water account'))
def lists_water(screen: Screen, module: str, water_account: UtilityAccount) -> None:
    screen.click(module)
    screen.expect_heading(module)
    expect(screen.page.get_by_role("cell", name=water_account.account_number, exact=True)).to_be_visible()


@then(parsers.parse('the "{module}" page does not list the water account'))
def does_not_list_water(screen: Screen, module: str, water_account: UtilityAccount) -> None:
    screen.click(module)
    screen.expect_heading(module)
    expect(screen.page.get_by_role("cell", name=water_account.account_number, exact=True)).to_have_count(0)
