"""Steps about Automatic EFT Payments: the terms, signing up, the confirmation e-mail, cancelling."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.sync_api import Page
from pytest_bdd import given, then, when

from portalcheck import evidence, masked_numbers
from portalcheck.mail import Inbox, Message
from portalcheck.masked_numbers import require_masked_in_email, require_masked_on_page, require_never_whole
from portalcheck.pages.eft import EftPage
from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from portalcheck.test_data import BankAccount, TestData


def eft(page: Page, profile: Profile) -> EftPage:
    return EftPage(page, profile).expect_shown()


@given("the resident has a bank account for automatic payments", target_fixture="bank")
def bank_account(test_data: TestData) -> BankAccount:
    return test_data.take_bank_account()


@when('the resident opens "Automatic EFT Payments"')
def open_eft(page: Page, portal_profile: Profile) -> None:
    UtilityBillingPage(page, portal_profile).go_to("Automatic EFT Payments")
    eft(page, portal_profile)


@then("the page asks for the bank name, routing number, checking or savings and the account number")
def eft_form(page: Page, portal_profile: Profile) -> None:
    eft(page, portal_profile).expect_form()


@then("the page states the terms: each bill's balance is drafted on its due date, and how to cancel")
def eft_terms(page: Page, portal_profile: Profile) -> None:
    eft(page, portal_profile).expect_terms()


@when("the resident signs up for automatic payments from the bank account and agrees to the terms",
      target_fixture="mail_since")
def sign_up_eft(page: Page, portal_profile: Profile, bank: BankAccount) -> datetime:
    since = datetime.now(UTC)
    eft(page, portal_profile).sign_up(bank)
    return since


@when("the resident signs up for automatic payments without agreeing to the terms")
def sign_up_without_agreeing(page: Page, portal_profile: Profile, bank: BankAccount) -> None:
    eft(page, portal_profile).sign_up(bank, agree=False)


@when("the resident signs up for automatic payments with a routing number that fails the check digit")
def sign_up_bad_routing(page: Page, portal_profile: Profile, bank: BankAccount) -> None:
    eft(page, portal_profile).sign_up(bank, routing_number=bank.invalid_routing_number)


@given("the resident has signed up for automatic payments", target_fixture="mail_since")
def signed_up_eft(page: Page, portal_profile: Profile, bank: BankAccount) -> datetime:
    open_eft(page, portal_profile)
    since = sign_up_eft(page, portal_profile, bank)
    enrolled(page, portal_profile, bank)
    return since


def reopened(page: Page, profile: Profile) -> EftPage:
    """"Automatic EFT Payments" opened afresh from the menu: what the portal has stored, not
    whatever page the last form landed on."""
    open_eft(page, profile)
    return eft(page, profile)


@then("the page shows automatic payments from the bank account, by its last four digits only")
def enrolled(page: Page, portal_profile: Profile, bank: BankAccount) -> None:
    require_never_whole(bank.account_number, what="bank account number", where=page.url,  # the form's answer
                        searched=(page.content(),), requirement=masked_numbers.BANK)
    reopened(page, portal_profile).expect_enrolled(bank)
    require_masked_on_page(page, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)


@then("automatic payments are not set up")
def not_enrolled(page: Page, portal_profile: Profile) -> None:
    reopened(page, portal_profile).expect_not_enrolled()


@when("the resident cancels automatic payments")
def cancel(page: Page, portal_profile: Profile) -> None:
    eft(page, portal_profile).cancel_payments()


@then("a confirmation e-mail arrives showing the bank account by its last four digits only",
      target_fixture="email")
def confirmation(inbox: Inbox, portal_profile: Profile, resident: Resident, bank: BankAccount,
                 mail_since: datetime) -> Message:
    message = inbox.wait_for(resident.email, timeout=portal_profile.email.timeout_seconds, since=mail_since)
    if recorder := evidence.current():
        recorder.show_email(message.html, None, f'The e-mail "{message.subject}"')
    require_masked_in_email(message, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)
    return message
