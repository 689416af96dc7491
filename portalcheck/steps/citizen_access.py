"""Steps of the Citizen Access family (Billings) where its guide differs from Community Access."""

from __future__ import annotations

import uuid

from pytest_bdd import given, parsers, then, when

from portalcheck.journeys import Journey, Mailbox
from portalcheck.mail import Message
from portalcheck.pages.portal import Portal
from portalcheck.pages.sign_in import HEADING as SIGN_IN_HEADING
from portalcheck.residents import Resident
from portalcheck.steps.mail import email_links_to_portal
from portalcheck.test_data import PermitAccount, TestData, UtilityAccount

LISTING = r'the "(?P<module>[^"]+)" page (?P<listing>lists|does not list)'


@given("the resident has registered as a new user")
def registered(journey: Journey, resident: Resident) -> None:
    journey.sign_up(resident)


@then("the page asks for their email, password, first and last name")
def asks_for_registration(portal: Portal) -> None:
    portal.new_user_registration.expect_shown().expect_fields()


@when('the resident enters their email, password, first and last name and clicks "submit"')
def register(portal: Portal, resident: Resident) -> None:
    portal.new_user_registration.expect_shown().register(resident)


@then('a confirmation that a "Registration E-mail" was sent is shown with an "ok" button')
def registration_dialog(portal: Portal) -> None:
    portal.dialog.expect_saying("Registration E-mail").expect_button("ok")


@then("a Registration E-mail arrives for the resident", target_fixture="email")
def registration_email(mailbox: Mailbox, resident: Resident) -> Message:
    return mailbox.verification(resident)


@then("the e-mail has a link to confirm the registration on the portal")
def email_confirms_on_portal(email: Message, mailbox: Mailbox, portal_url: str) -> None:
    email_links_to_portal(email, mailbox, portal_url, "Activate account")


# Confirmation and the two logins (guide steps 5-7)

@when("the resident clicks the link in the Registration E-mail")
def click_confirmation(journey: Journey, resident: Resident) -> None:
    journey.verify_address(resident)


@when("the resident clicks the link in the Registration E-mail again")
def click_confirmation_again(portal: Portal, mailbox: Mailbox, resident: Resident) -> None:
    portal.screen.go(mailbox.verification_link(mailbox.verification(resident)))


@given("the resident has confirmed their email address")
def confirmed(journey: Journey, resident: Resident) -> None:
    journey.sign_up(resident)
    journey.verify_address(resident)


@then("the page says the email address is confirmed and the account will be enabled after a login")
def says_confirmed(portal: Portal) -> None:
    portal.address_confirmed.expect_shown()


@then("the email address is not confirmed again")
def not_confirmed_again(portal: Portal) -> None:
    portal.address_confirmed.expect_not_confirmed_again()


@given("the resident has logged in for the first time")
def first_login(journey: Journey, resident: Resident) -> None:
    journey.activate(resident)


@given("the resident has logged in a second time")
def second_login(journey: Journey, resident: Resident) -> None:
    journey.sign_in_as(resident)


@then("the resident is on the login page")
def on_login_page(portal: Portal) -> None:
    portal.sign_in.expect_heading(SIGN_IN_HEADING)
    portal.home.expect_not_shown()


@when("the resident opens the home page")
def open_home(portal: Portal) -> None:
    portal.home.open()


# Linking accounts (guide steps 8-9)

@given("a permit account the city has set up", target_fixture="permit_account")
def permit_account(test_data: TestData) -> PermitAccount:
    return test_data.take_permit_account()


@when(parsers.re(r'the resident opens "add accounts" under "(?P<module>Permits|Utility Pay)"$'))
def open_link_dialog(portal: Portal, module: str) -> None:
    portal.link_accounts.open_from(module)


def link_permit(portal: Portal, email: str, pin: str) -> None:
    """"add accounts" under "Permits", by the permit account's e-mail address and its Provided PIN."""
    portal.link_accounts.open_from("Permits").submit({"Provided PIN": pin, "Email address": email})


def wrong(pin: str) -> str:
    """Another PIN (or amount) of the same length: every digit moved on by one."""
    return "".join(str((int(digit) + 1) % 10) if digit.isdigit() else digit for digit in pin)


@when("the resident links the permit account by its email address, leaving the PIN empty")
def link_by_email(portal: Portal, permit_account: PermitAccount) -> None:
    link_permit(portal, permit_account.email, "")


@when("the resident links the permit account by its email address and its PIN")
def link_by_email_and_pin(portal: Portal, permit_account: PermitAccount) -> None:
    link_permit(portal, permit_account.email, permit_account.pin)


@when("the resident links the permit account by its email address and a wrong PIN")
def link_with_wrong_pin(portal: Portal, permit_account: PermitAccount) -> None:
    link_permit(portal, permit_account.email, wrong(permit_account.pin))


@when("the resident links a permit account by an email address the city does not have")
def link_unknown_email(portal: Portal) -> None:
    link_permit(portal, f"no-permit-{uuid.uuid4().hex[:12]}@residents.example.test", "")


@then("a confirmation box says the account is now linked")
def linked_box(portal: Portal) -> None:
    portal.dialog.expect_saying("Your account is now linked")


@then("linking is refused")
def linking_refused(portal: Portal) -> None:
    portal.link_accounts.expect_refused()


@then(parsers.re(rf"{LISTING} the permit account$"))
def lists_permit(portal: Portal, module: str, listing: str, permit_account: PermitAccount) -> None:
    portal.module.open(module).expect_listing(permit_account.number, listed=listing == "lists")


@given("a water account with the PIN printed on its bill", target_fixture="water_account")
def water_account(test_data: TestData) -> UtilityAccount:
    return test_data.take_account_with_bill_pin()


@when(parsers.re(r"the resident links the water service by its account number and (?P<pin>the PIN on the bill|a wrong PIN)$"))
def link_water(portal: Portal, journey: Journey, water_account: UtilityAccount, pin: str) -> None:
    proof = journey.proof(water_account)
    portal.link_accounts.open_from("Utility Pay").submit({"Account Number": water_account.account_number,
                                                         "PIN": proof if pin == "the PIN on the bill" else wrong(proof)})


@then(parsers.re(rf"{LISTING} the water account$"))
def lists_water(portal: Portal, module: str, listing: str, water_account: UtilityAccount) -> None:
    portal.module.open(module).expect_listing(water_account.account_number, listed=listing == "lists")
