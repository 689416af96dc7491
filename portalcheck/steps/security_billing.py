"""Steps of the Utility Billing and EFT security checks: re-authentication, masking, access
control, linking errors and throttling, and the EFT authorisation (checks 24-28)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pytest_bdd import given, then, when

from portalcheck import masked_numbers
from portalcheck.journeys import Journey, Mailbox
from portalcheck.masked_numbers import require_masked_in_email, require_masked_on_page
from portalcheck.pages.eft import TERMS
from portalcheck.pages.portal import Portal
from portalcheck.pages.window import Sent
from portalcheck.requirements import require
from portalcheck.residents import Resident
from portalcheck.steps.utility_billing import require_answered_as_missing
from portalcheck.test_data import BankAccount, TestData, UtilityAccount

ACCOUNT_PAGES = ("Account Summary", "Manage Bills", "Automatic EFT Payments")
REAUTHENTICATE = "ASVS V6.2.3"


# Check 24: the current password before the bank account changes -------------------------------

@given("the resident has a second bank account", target_fixture="new_bank")
def second_bank(test_data: TestData, bank: BankAccount) -> BankAccount:
    return test_data.second_bank_account(bank)


def change_bank(portal: Portal, bank: BankAccount, password: str) -> None:
    eft = portal.eft.open_change()
    require(eft.asks_for_password(), REAUTHENTICATE,
            f"the bank account change at {eft.address} does not ask for the current password")
    eft.change_bank(bank, password)


@when("the resident changes the bank account for automatic payments without their current password")
def change_without_password(portal: Portal, new_bank: BankAccount) -> None:
    change_bank(portal, new_bank, "")


@when("the resident changes the bank account for automatic payments with their current password")
def change_with_password(portal: Portal, new_bank: BankAccount, resident: Resident) -> None:
    change_bank(portal, new_bank, resident.password)


@then("payments still come from the first bank account")
def unchanged(portal: Portal, bank: BankAccount, new_bank: BankAccount) -> None:
    main = portal.eft.open().main_text()  # afresh: what the portal has stored
    require(new_bank.last_four not in main and bank.last_four in main, REAUTHENTICATE,
            "the bank account for automatic payments changed without the current password")


@then("payments come from the second bank account")
def changed(portal: Portal, new_bank: BankAccount) -> None:
    require(new_bank.last_four in portal.eft.open().main_text(), REAUTHENTICATE,
            "with the current password given, the bank account for automatic payments did not change")


# Check 25: the bank account number masked ------------------------------------------------------

@when("the resident signs up for automatic payments, and the addresses the browser asks for are noted",
      target_fixture="asked_for")
def sign_up_noting(portal: Portal, bank: BankAccount) -> tuple[list[Sent], datetime]:
    since = datetime.now(UTC)
    asked_for = portal.window.note_requests()
    portal.eft.open().sign_up(bank)
    return asked_for, since


@then("the page shows the bank account by its last four digits and never whole")
def page_masked(portal: Portal, bank: BankAccount) -> None:
    require_masked_on_page(portal.screen, bank.account_number, what="bank account number",
                           requirement=masked_numbers.BANK)


@then("the confirmation e-mail shows the bank account by its last four digits and never whole")
def email_masked(mailbox: Mailbox, resident: Resident, bank: BankAccount, asked_for: tuple[list[Sent], datetime]) -> None:
    message = mailbox.after(resident, asked_for[1])
    require_masked_in_email(message, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)


@then("no address the browser asked for holds the bank account number")
def not_in_urls(bank: BankAccount, asked_for: tuple[list[Sent], datetime]) -> None:
    assert asked_for[0], "No request of the browser was noted while signing up, so the check saw nothing."
    for sent in asked_for[0]:
        require(bank.account_number not in sent.url, "ASVS V14.2.1",
                f"the address {sent.url} holds the bank account number")


# Check 26: another resident's pages ------------------------------------------------------------

@given("the addresses of the account's summary, bills and automatic payments pages are noted",
       target_fixture="account_pages")
def note_account_pages(portal: Portal, account: UtilityAccount) -> list[str]:
    addresses = []
    for item in ACCOUNT_PAGES:
        portal.utility_billing.go_to(item)
        address = portal.screen.address
        if account.account_number not in address:
            pytest.skip(f'not applicable: "{item}" opened {address}, which holds no account number to change')
        addresses.append(address)
    return addresses


@when("another resident signs in on the same computer")
def another_resident(journey: Journey, new_resident: Callable[[], Resident]) -> None:
    journey.sign_out()
    journey.sign_in_as(new_resident())


@then("each noted address answers as for an account that does not exist, showing nothing of the account")
def each_refused(portal: Portal, account_pages: list[str], account: UtilityAccount) -> None:
    for address in account_pages:
        require_answered_as_missing(portal, address, account)


# Check 27: one generic message, throttled ------------------------------------------------------

def wrong_pairs(account: UtilityAccount, count: int) -> list[tuple[str, str]]:
    """Pairs that do not belong together: the account ID with another CID, and the other way round."""
    def changed(number: str, by: int) -> str:
        return number[:-1] + str((int(number[-1]) + by) % 10)
    pairs = []
    for i in range(count):
        by = i // 2 + 1
        pairs.append((account.account_number, changed(account.customer_id, by)) if i % 2 == 0
                     else (changed(account.account_number, by), account.customer_id))
    return pairs


@when("the resident submits as many wrong pairs as the portal allows", target_fixture="wrong_pair_messages")
def submit_wrong_pairs(portal: Portal, account: UtilityAccount) -> list[str]:
    limit = portal.profile.security.link_attempt_limit
    require(0 < limit <= 100, "ASVS V2.4.1", f"the profile allows {limit} wrong pairs; at most 100")
    return [portal.link_setup.refusal(account_id, cid) for account_id, cid in wrong_pairs(account, limit)]


@then("every wrong pair got the same message")
def one_message(wrong_pair_messages: list[str]) -> None:
    require(len(set(wrong_pair_messages)) == 1, "ASVS V6.3.8",
            "wrong pairs got different messages, which tells which account numbers exist: "
            + " / ".join(sorted(set(wrong_pair_messages))))


@when("the resident submits the account's right pair")
def submit_right_pair(portal: Portal, account: UtilityAccount) -> None:
    portal.link_setup.submit(account.account_number, account.customer_id)


@given("the resident has linked another account before", target_fixture="linked_before")
def linked_before(journey: Journey, test_data: TestData) -> UtilityAccount:
    earlier = test_data.take_account()
    journey.given_linked(earlier)
    return earlier


@then("the portal refuses it too, as linking has paused, while the account linked before is listed")
def paused(portal: Portal, account: UtilityAccount, linked_before: UtilityAccount) -> None:
    """Read from state, in the accounts list opened from the menu. The positive control: the
    list shows the account linked before, so the account's absence is a refusal, not a list
    that shows nothing or a page that is not the list."""
    listing = portal.accounts.open()
    assert listing.lists(linked_before), (
        f"the accounts list does not show account {linked_before.account_number}, linked before: "
        "the list cannot tell whether linking was refused")
    require(not listing.lists(account), "ASVS V2.4.1",
            f"after {portal.profile.security.link_attempt_limit} wrong pairs the right pair still linked "
            f"account {account.account_number}: guessing is not throttled")


# Check 28: the EFT authorisation -----------------------------------------------------------------

@then("the page states the recurring-debit terms: the amount, the draft date and how to cancel")
def terms_shown(portal: Portal) -> None:
    main = portal.eft.expect_shown().main_text()
    for text in TERMS:
        require(portal.profile.says(text) in main, "Nacha 2.3",
                f'the EFT page does not state the terms: "{portal.profile.says(text)}" is missing')


@then("the agreement box is not ticked to begin with")
def not_ticked(portal: Portal) -> None:
    eft = portal.eft
    require(eft.offers_agreement() and not eft.agreement_ticked(), "Nacha 2.3",
            f'"{eft.says(eft.AGREE)}" is missing or ticked in advance: the opt-in must be explicit')


@then("automatic payments are not set up without the resident's agreement")
def not_set_up(portal: Portal) -> None:
    # Read from "Automatic EFT Payments" opened afresh (its heading the positive control), not
    # from the page the form landed on.
    require(not portal.eft.open().enrolled(), "Nacha 2.3",
            "automatic payments were set up without the agreement box ticked")


@then("a copy of the terms arrives by e-mail")
def terms_emailed(mailbox: Mailbox, resident: Resident, mail_since: datetime) -> None:
    message = mailbox.after(resident, mail_since)
    for text in TERMS:
        require(mailbox.profile.says(text) in message.text, "Reg E 1005.10(b)",
                f'the e-mail "{message.subject}" does not repeat the terms: "{mailbox.profile.says(text)}" is missing')
