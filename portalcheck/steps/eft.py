"""Steps about Automatic EFT Payments: the terms, signing up, the confirmation e-mail, cancelling."""

from __future__ import annotations

from datetime import UTC, datetime

from pytest_bdd import given, then, when

from portalcheck import masked_numbers
from portalcheck.journeys import Mailbox
from portalcheck.mail import Message
from portalcheck.masked_numbers import require_masked_in_email, require_masked_on_page, require_never_whole_on_page
from portalcheck.pages.portal import Portal
from portalcheck.residents import Resident
from portalcheck.test_data import BankAccount, TestData


@given("the resident has a bank account for automatic payments", target_fixture="bank")
def bank_account(test_data: TestData) -> BankAccount:
    return test_data.take_bank_account()


@when('the resident opens "Automatic EFT Payments"')
def open_eft(portal: Portal) -> None:
    portal.eft.open()


@then("the page asks for the bank name, routing number, checking or savings and the account number")
def eft_form(portal: Portal) -> None:
    portal.eft.expect_shown().expect_form()


@then("the page states the terms: each bill's balance is drafted on its due date, and how to cancel")
def eft_terms(portal: Portal) -> None:
    portal.eft.expect_shown().expect_terms()


@when("the resident signs up for automatic payments from the bank account and agrees to the terms",
      target_fixture="mail_since")
def sign_up_eft(portal: Portal, bank: BankAccount) -> datetime:
    since = datetime.now(UTC)
    portal.eft.expect_shown().sign_up(bank)
    return since


@when("the resident submits the bank account without ticking the agreement box")
@when("the resident signs up for automatic payments without agreeing to the terms")
def sign_up_without_agreeing(portal: Portal, bank: BankAccount) -> None:
    portal.eft.expect_shown().sign_up(bank, agree=False)


@when("the resident signs up for automatic payments with a routing number that fails the check digit")
def sign_up_bad_routing(portal: Portal, bank: BankAccount) -> None:
    portal.eft.expect_shown().sign_up(bank, routing_number=bank.invalid_routing_number)


@given("the resident has signed up for automatic payments", target_fixture="mail_since")
def signed_up_eft(portal: Portal, bank: BankAccount) -> datetime:
    open_eft(portal)
    since = sign_up_eft(portal, bank)
    enrolled(portal, bank)
    return since


@then("the page shows automatic payments from the bank account, by its last four digits only")
def enrolled(portal: Portal, bank: BankAccount) -> None:
    # The form's answer, then "Automatic EFT Payments" opened afresh: what the portal has stored.
    require_never_whole_on_page(portal.screen, bank.account_number, what="bank account number",
                                requirement=masked_numbers.BANK)
    portal.eft.open().expect_enrolled(bank)
    require_masked_on_page(portal.screen, bank.account_number, what="bank account number",
                           requirement=masked_numbers.BANK)


@then("automatic payments are not set up")
def not_enrolled(portal: Portal) -> None:
    portal.eft.open().expect_not_enrolled()


@when("the resident cancels automatic payments")
def cancel(portal: Portal) -> None:
    portal.eft.expect_shown().cancel_payments()


@then("a confirmation e-mail arrives showing the bank account by its last four digits only",
      target_fixture="email")
def confirmation(mailbox: Mailbox, resident: Resident, bank: BankAccount, mail_since: datetime) -> Message:
    message = mailbox.after(resident, mail_since)
    require_masked_in_email(message, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)
    return message
