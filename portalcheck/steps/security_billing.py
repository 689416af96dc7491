"""Steps of the Utility Billing and EFT security checks: re-authentication, masking, access
control, linking errors and throttling, and the EFT authorisation (checks 24-28)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, Request
from pytest_bdd import given, then, when

from portalcheck import masked_numbers
from portalcheck.journeys import Journey
from portalcheck.mail import Inbox, Message
from portalcheck.masked_numbers import require_masked_in_email, require_masked_on_page
from portalcheck.pages.eft import TERMS, EftPage
from portalcheck.pages.utility_billing import LinkAccountPage, UtilityBillingPage
from portalcheck.profile import Profile
from portalcheck.requirements import require
from portalcheck.residents import Resident
from portalcheck.test_data import BankAccount, TestData, UtilityAccount

ACCOUNT_PAGES = ("Account Summary", "Manage Bills", "Automatic EFT Payments")


def submitted(page: Page, submit: Callable[[], None]) -> None:
    """Submit a form and wait for the portal's answer page, so no check reads the page before it."""
    with page.expect_navigation():
        submit()


def enrolled_last_four(page: Page, profile: Profile) -> str:
    """The EFT page's main text, after opening it afresh."""
    UtilityBillingPage(page, profile).go_to("Automatic EFT Payments")
    EftPage(page, profile).expect_shown()
    return page.get_by_role("main").inner_text()


def confirmation_email(inbox: Inbox, profile: Profile, resident: Resident, since: datetime) -> Message:
    return inbox.wait_for(resident.email, timeout=profile.email.timeout_seconds, since=since)


# Check 24: the current password before the bank account changes -------------------------------

@given("the resident has a second bank account", target_fixture="new_bank")
def second_bank(test_data: TestData, bank: BankAccount) -> BankAccount:
    return test_data.second_bank_account(bank)


def change_bank(page: Page, profile: Profile, bank: BankAccount, password: str) -> None:
    eft = EftPage(page, profile)
    eft.click("Change bank account")
    require(eft.field("Current password").count() == 1, "ASVS V6.2.3",
            f"the bank account change at {page.url} does not ask for the current password")
    eft.fill("Current password", password)
    eft.fill("Bank name", bank.bank_name)
    eft.fill("Routing number", bank.routing_number)
    page.get_by_role("radio", name=eft.says(bank.account_type), exact=True).check()
    eft.fill("Bank account number", bank.account_number)
    eft.press_and_wait("Submit")


@when("the resident changes the bank account for automatic payments without their current password")
def change_without_password(page: Page, portal_profile: Profile, new_bank: BankAccount) -> None:
    change_bank(page, portal_profile, new_bank, "")


@when("the resident changes the bank account for automatic payments with their current password")
def change_with_password(page: Page, portal_profile: Profile, new_bank: BankAccount, resident: Resident) -> None:
    change_bank(page, portal_profile, new_bank, resident.password)


@then("payments still come from the first bank account")
def unchanged(page: Page, portal_profile: Profile, bank: BankAccount, new_bank: BankAccount) -> None:
    main = enrolled_last_four(page, portal_profile)
    require(new_bank.last_four not in main and bank.last_four in main, "ASVS V6.2.3",
            "the bank account for automatic payments changed without the current password")


@then("payments come from the second bank account")
def changed(page: Page, portal_profile: Profile, new_bank: BankAccount) -> None:
    main = enrolled_last_four(page, portal_profile)
    require(new_bank.last_four in main, "ASVS V6.2.3",
            "with the current password given, the bank account for automatic payments did not change")


# Check 25: the bank account number masked ------------------------------------------------------

@when("the resident signs up for automatic payments, and the addresses the browser asks for are noted",
      target_fixture="asked_for")
def sign_up_noting(page: Page, portal_profile: Profile, bank: BankAccount) -> tuple[list[str], datetime]:
    urls: list[str] = []

    def note(request: Request) -> None:
        urls.append(request.url)

    since = datetime.now(UTC)
    page.on("request", note)
    try:
        eft = EftPage(page, portal_profile)
        UtilityBillingPage(page, portal_profile).go_to("Automatic EFT Payments")
        eft.expect_shown()
        eft.fill_in(bank)
        eft.press_and_wait("Submit")
    finally:
        page.remove_listener("request", note)
    return urls, since


@then("the page shows the bank account by its last four digits and never whole")
def page_masked(page: Page, bank: BankAccount) -> None:
    require_masked_on_page(page, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)


@then("the confirmation e-mail shows the bank account by its last four digits and never whole")
def email_masked(inbox: Inbox, portal_profile: Profile, resident: Resident, bank: BankAccount,
                 asked_for: tuple[list[str], datetime]) -> None:
    message = confirmation_email(inbox, portal_profile, resident, asked_for[1])
    require_masked_in_email(message, bank.account_number, what="bank account number", requirement=masked_numbers.BANK)


@then("no address the browser asked for holds the bank account number")
def not_in_urls(bank: BankAccount, asked_for: tuple[list[str], datetime]) -> None:
    for url in asked_for[0]:
        require(bank.account_number not in url, "ASVS V14.2.1", f"the address {url} holds the bank account number")


# Check 26: another resident's pages ------------------------------------------------------------

@given("the addresses of the account's summary, bills and automatic payments pages are noted",
       target_fixture="account_pages")
def note_account_pages(page: Page, portal_profile: Profile, account: UtilityAccount) -> list[str]:
    urls = []
    for item in ACCOUNT_PAGES:
        submitted(page, lambda item=item: UtilityBillingPage(page, portal_profile).go_to(item))
        if account.account_number not in page.url:
            pytest.skip(f'not applicable: "{item}" opened {page.url}, which holds no account number to change')
        urls.append(page.url)
    return urls


@when("another resident signs in on the same computer")
def another_resident(journey: Journey, new_resident: Callable[[], Resident]) -> None:
    journey.sign_out()
    journey.sign_in_as(new_resident())


@then("each noted address answers as for an account that does not exist, showing nothing of the account")
def each_refused(page: Page, account_pages: list[str], account: UtilityAccount) -> None:
    for url in account_pages:
        missing_url = url.replace(account.account_number, "0" * len(account.account_number))
        other, missing = page.request.get(url), page.request.get(missing_url)
        require(other.status >= 400 and other.status == missing.status, "ASVS V8.2.2",
                f"{url}, another resident's account page, answered {other.status}; "
                f"an account that does not exist answers {missing.status}")
        text = other.text()
        for value in (account.service_address, account.customer_name, account.customer_id):
            require(value not in text, "ASVS V8.2.2", f"{url} shows another resident's {value!r}")


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
def submit_wrong_pairs(page: Page, portal_profile: Profile, account: UtilityAccount) -> list[str]:
    limit = portal_profile.security.link_attempt_limit
    require(0 < limit <= 100, "ASVS V2.4.1", f"the profile allows {limit} wrong pairs; at most 100")
    setup, messages = LinkAccountPage(page, portal_profile), []
    for account_id, cid in wrong_pairs(account, limit):
        submitted(page, lambda account_id=account_id, cid=cid: setup.submit(account_id, cid))
        messages.append(setup.error_message())
    return messages


@then("every wrong pair got the same message")
def one_message(wrong_pair_messages: list[str]) -> None:
    require(len(set(wrong_pair_messages)) == 1, "ASVS V6.3.8",
            "wrong pairs got different messages, which tells which account numbers exist: "
            + " / ".join(sorted(set(wrong_pair_messages))))


@when("the resident submits the account's right pair")
def submit_right_pair(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    setup = LinkAccountPage(page, portal_profile)
    submitted(page, lambda: setup.submit(account.account_number, account.customer_id))


@given("the resident has linked another account before", target_fixture="linked_before")
def linked_before(journey: Journey, test_data: TestData) -> UtilityAccount:
    earlier = test_data.take_account()
    journey.link_account(earlier)
    return earlier


@then("the portal refuses it too, as linking has paused, while the account linked before is listed")
def paused(journey: Journey, portal_profile: Profile, account: UtilityAccount, linked_before: UtilityAccount) -> None:
    """Read from state, in the accounts list opened from the menu. The positive control: the
    list shows the account linked before, so the account's absence is a refusal, not a list
    that shows nothing or a page that is not the list."""
    listing = journey.accounts()
    assert listing.listed(linked_before).count(), (
        f"the accounts list does not show account {linked_before.account_number}, linked before: "
        "the list cannot tell whether linking was refused")
    require(not listing.listed(account).count(), "ASVS V2.4.1",
            f"after {portal_profile.security.link_attempt_limit} wrong pairs the right pair still linked "
            f"account {account.account_number}: guessing is not throttled")


# Check 28: the EFT authorisation -----------------------------------------------------------------

@then("the page states the recurring-debit terms: the amount, the draft date and how to cancel")
def terms_shown(page: Page, portal_profile: Profile) -> None:
    main = page.get_by_role("main").inner_text()
    for text in TERMS:
        require(portal_profile.says(text) in main, "Nacha 2.3",
                f'the EFT page does not state the terms: "{portal_profile.says(text)}" is missing')


@then("the agreement box is not ticked to begin with")
def not_ticked(page: Page, portal_profile: Profile) -> None:
    box = EftPage(page, portal_profile).checkbox(EftPage.AGREE)
    require(box.count() == 1 and not box.is_checked(), "Nacha 2.3",
            f'"{portal_profile.says(EftPage.AGREE)}" is missing or ticked in advance: the opt-in must be explicit')


@when("the resident submits the bank account without ticking the agreement box")
def without_agreeing(page: Page, portal_profile: Profile, bank: BankAccount) -> None:
    eft = EftPage(page, portal_profile)
    eft.fill_in(bank, agree=False)
    eft.press_and_wait("Submit")


@then("automatic payments are not set up without the resident's agreement")
def not_set_up(page: Page, portal_profile: Profile) -> None:
    cancel = EftPage(page, portal_profile).button("Cancel automatic payments")
    require(cancel.count() == 0, "Nacha 2.3", "automatic payments were set up without the agreement box ticked")


@then("a copy of the terms arrives by e-mail")
def terms_emailed(inbox: Inbox, portal_profile: Profile, resident: Resident, mail_since: datetime) -> None:
    message = confirmation_email(inbox, portal_profile, resident, mail_since)
    for text in TERMS:
        require(portal_profile.says(text) in message.text, "Reg E 1005.10(b)",
                f'the e-mail "{message.subject}" does not repeat the terms: "{portal_profile.says(text)}" is missing')
