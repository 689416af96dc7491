"""Steps about linking utility accounts: "Account Link Setup", the search, returning residents, access control."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from portalcheck.journeys import Journey
from portalcheck.pages import HomePage
from portalcheck.pages.utility_billing import LinkAccountPage, UtilityBillingPage, UtilityBillingSearchPage
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from portalcheck.test_data import TestData, UtilityAccount

KINDS = {"an account with a balance due": True, "an account paid in full": False, "an account": None}
KIND = "|".join(KINDS)


@given(parsers.re(rf"the resident has a utility bill for (?P<kind>{KIND})$"), target_fixture="account")
def bill_for(test_data: TestData, kind: str) -> UtilityAccount:
    return test_data.take_account(balance_due=KINDS[kind])


@given(parsers.parse("the resident has utility bills for {count:d} accounts"), target_fixture="accounts")
def bills_for(test_data: TestData, count: int) -> list[UtilityAccount]:
    return [test_data.take_account() for _ in range(count)]


@given(parsers.re(rf"the resident has linked (?P<kind>{KIND})$"), target_fixture="account")
def has_linked(journey: Journey, test_data: TestData, kind: str) -> UtilityAccount:
    account = bill_for(test_data, kind)
    journey.link_account(account)
    return account


@when("the resident opens the Account Link Setup")
def open_link_setup(journey: Journey) -> None:
    journey.open_link_setup()


@when("the resident links the account with its account ID and CID")
def link_the_account(journey: Journey, account: UtilityAccount) -> None:
    journey.link_account(account)


@when("the resident links each account with its account ID and CID")
def link_each(journey: Journey, accounts: list[UtilityAccount]) -> None:
    for account in accounts:
        journey.link_account(account)


@when("the resident enters the account's account ID and CID")
def enter_numbers(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    LinkAccountPage(page, portal_profile).enter(account.account_number, account.customer_id)


@then("the account is listed under \"Utility Billing Accounts\"")
def listed(journey: Journey, account: UtilityAccount) -> None:
    journey.accounts().expect_listed(account)


@then("each account is listed under \"Utility Billing Accounts\"")
def each_listed(journey: Journey, accounts: list[UtilityAccount]) -> None:
    listing = journey.accounts()
    for account in accounts:
        listing.expect_listed(account)


@then("no account is linked to the resident")
def none_linked(journey: Journey) -> None:
    journey.accounts().expect_none_linked()


# Wrong input -----------------------------------------------------------------------------------

def other_number(number: str) -> str:
    """A number of the same length that is not this one (last digit changed)."""
    return number[:-1] + str((int(number[-1]) + 1) % 10) if number[-1:].isdigit() else number + "1"


WRONG_ENTRIES = {
    "letters in the account ID": lambda a: ("12AB34", a.customer_id),
    "letters in the CID": lambda a: (a.account_number, "CID-7X"),
    "no account ID": lambda a: ("", a.customer_id),
    "no CID": lambda a: (a.account_number, ""),
}


@when(parsers.parse("the resident submits the Account Link Setup with {entry}"))
def submit_wrong(page: Page, portal_profile: Profile, account: UtilityAccount, entry: str) -> None:
    LinkAccountPage(page, portal_profile).submit(*WRONG_ENTRIES[entry](account))


@then(parsers.parse('the field "{label}" is marked invalid with a message'))
def field_invalid(page: Page, portal_profile: Profile, label: str) -> None:
    UtilityBillingPage(page, portal_profile).expect_invalid(label)


@when("the resident submits the account ID with a CID that is not the account's", target_fixture="wrong_cid_error")
def wrong_cid(page: Page, portal_profile: Profile, account: UtilityAccount) -> str:
    setup = LinkAccountPage(page, portal_profile)
    setup.submit(account.account_number, other_number(account.customer_id))
    return setup.error_message()


@when("the resident submits an account ID that is not on the bill with the account's CID",
      target_fixture="wrong_id_error")
def wrong_id(page: Page, portal_profile: Profile, account: UtilityAccount) -> str:
    setup = LinkAccountPage(page, portal_profile)
    setup.submit(other_number(account.account_number), account.customer_id)
    return setup.error_message()


@then("both are refused with the same message, which does not say which number was wrong")
def same_message(wrong_cid_error: str, wrong_id_error: str) -> None:
    assert wrong_cid_error == wrong_id_error, (
        f'A wrong CID got "{wrong_cid_error}" but a wrong account ID got "{wrong_id_error}"; one generic '
        "message must answer both, or the form tells which account numbers exist."
    )


# The Utility Billing search (Pinellas Park) ----------------------------------------------------

@when('the resident opens the Utility Billing search from the "Utility Billing" tab')
def open_search(page: Page, portal_profile: Profile) -> None:
    """The tab, then the search form: on the tab's page, or behind the link the profile names."""
    UtilityBillingPage(page, portal_profile).open()
    UtilityBillingSearchPage(page, portal_profile).expect_shown()


@when(parsers.re(r'the resident searches Utility Billing for the account(?P<remember> and checks "Remember these values")?$'))
def search(page: Page, portal_profile: Profile, account: UtilityAccount, remember: str | None) -> None:
    search_page = UtilityBillingSearchPage(page, portal_profile).expect_shown()
    search_page.search(account.account_number, account.customer_id, remember=bool(remember))


@when("the resident searches Utility Billing with a CID that is not the account's")
def search_wrong(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    search_page = UtilityBillingSearchPage(page, portal_profile).expect_shown()
    search_page.search(account.account_number, other_number(account.customer_id))


@when("the resident enters the account's numbers in the search")
def enter_search(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    search_page = UtilityBillingSearchPage(page, portal_profile).expect_shown()
    search_page.fill("Account Number", account.account_number)
    search_page.fill("Customer ID", account.customer_id)


@then("the search results list the account with its service address")
def search_result(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    UtilityBillingSearchPage(page, portal_profile).expect_result(account)


@then("the search form is filled in with the account's numbers")
def search_remembered(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    UtilityBillingSearchPage(page, portal_profile).expect_values(
        account.account_number, account.customer_id, remembered=True)


@then("the search form is empty")
def search_empty(page: Page, portal_profile: Profile) -> None:
    UtilityBillingSearchPage(page, portal_profile).expect_values("", "", remembered=False)


@then("the search form says the numbers do not match an account")
def search_refused(page: Page, portal_profile: Profile) -> None:
    UtilityBillingSearchPage(page, portal_profile).error_message()


# Returning residents (Pinellas Park step 9) ----------------------------------------------------

@given("a resident who registered before, with utility accounts on file", target_fixture="resident")
def returning_resident(new_resident: Callable[[], Resident], test_data: TestData) -> Resident:
    returning = test_data.take_returning_resident()
    return dataclasses.replace(new_resident(), email=returning.email)


@then("the welcome page lists the accounts from the previous registration under \"Utility Billing Accounts\"")
def previous_accounts_listed(page: Page, portal_profile: Profile, resident: Resident, test_data: TestData) -> None:
    returning = next(r for r in test_data.returning_residents if r.email == resident.email)
    home = HomePage(page, portal_profile).expect_shown()
    home.expect_heading("Utility Billing Accounts")
    for number in returning.account_numbers:
        home.expect_text(number)


@then("the welcome page lists the account under \"Utility Billing Accounts\"")
def home_lists(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    home = HomePage(page, portal_profile).expect_shown()
    home.expect_heading("Utility Billing Accounts")
    home.expect_text(account.account_number)


@then("the welcome page has no \"Utility Billing Accounts\"")
def home_lists_none(page: Page, portal_profile: Profile) -> None:
    HomePage(page, portal_profile).expect_shown()
    expect(HomePage(page, portal_profile).heading("Utility Billing Accounts")).to_have_count(0)


# Access control --------------------------------------------------------------------------------

@when("the resident changes the account number in the page's address to an account they have not linked",
      target_fixture="other_account")
def change_url(page: Page, portal_profile: Profile, account: UtilityAccount, test_data: TestData) -> UtilityAccount:
    other = test_data.take_account()
    assert account.account_number in page.url, (
        f"The address {page.url} does not hold the account number, so it cannot be changed to another's."
    )
    page.goto(page.url.replace(account.account_number, other.account_number))
    return other


@then("the portal answers as for an account that does not exist, and shows nothing of that account")
def not_found(page: Page, other_account: UtilityAccount) -> None:
    other_url = page.url
    missing_url = other_url.replace(other_account.account_number, "0" * len(other_account.account_number))
    other, missing = page.request.get(other_url), page.request.get(missing_url)
    assert other.status == missing.status and other.status >= 400, (
        f"{other_url} (an account the resident has not linked) answered {other.status}, but {missing_url} "
        f"(no such account) answered {missing.status}; both must be refused alike, e.g. 404."
    )
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", name="Account Summary")).to_have_count(0)
    for value in (other_account.service_address, other_account.customer_name, other_account.customer_id):
        expect(main).not_to_contain_text(value)
