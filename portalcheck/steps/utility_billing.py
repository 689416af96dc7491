"""Steps about linking utility accounts: "Account Link Setup", the search, returning residents, access control."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from portalcheck.journeys import Journey
from portalcheck.pages.portal import Portal
from portalcheck.requirements import require
from portalcheck.residents import Resident
from portalcheck.test_data import TestData, UtilityAccount

KINDS = {"an account with a balance due": True, "an account paid in full": False, "an account": None}
KIND = "|".join(KINDS)
ACCESS = "ASVS V8.2.2"  # a resident reaches only the accounts linked to them


@given(parsers.re(rf"the resident has a utility bill for (?P<kind>{KIND})$"), target_fixture="account")
def bill_for(test_data: TestData, kind: str) -> UtilityAccount:
    return test_data.take_account(balance_due=KINDS[kind])


@given(parsers.parse("the resident has utility bills for {count:d} accounts"), target_fixture="accounts")
def bills_for(test_data: TestData, count: int) -> list[UtilityAccount]:
    return [test_data.take_account() for _ in range(count)]


@given(parsers.re(rf"the resident has linked (?P<kind>{KIND})$"), target_fixture="account")
def has_linked(journey: Journey, test_data: TestData, kind: str) -> UtilityAccount:
    account = bill_for(test_data, kind)
    journey.given_linked(account)
    return account


@when("the resident opens the Account Link Setup")
def open_link_setup(portal: Portal) -> None:
    portal.link_setup.open()


@when("the resident links the account with its account ID and CID")
def link_the_account(journey: Journey, account: UtilityAccount) -> None:
    journey.link_account(account)


@when("the resident links each account with its account ID and CID")
def link_each(journey: Journey, accounts: list[UtilityAccount]) -> None:
    for account in accounts:
        journey.link_account(account)


@when("the resident enters the account's account ID and CID")
def enter_numbers(portal: Portal, account: UtilityAccount) -> None:
    portal.link_setup.enter(account.account_number, account.customer_id)


@then("the account is listed under \"Utility Billing Accounts\"")
def listed(portal: Portal, account: UtilityAccount) -> None:
    portal.accounts.open().expect_listed(account)


@then("each account is listed under \"Utility Billing Accounts\"")
def each_listed(portal: Portal, accounts: list[UtilityAccount]) -> None:
    listing = portal.accounts.open()
    for account in accounts:
        listing.expect_listed(account)


@then("no account is linked to the resident")
def none_linked(portal: Portal) -> None:
    portal.accounts.open().expect_none_linked()


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
def submit_wrong(portal: Portal, account: UtilityAccount, entry: str) -> None:
    portal.link_setup.submit(*WRONG_ENTRIES[entry](account))


@then(parsers.parse('the field "{label}" is marked invalid with a message'))
def field_invalid(portal: Portal, label: str) -> None:
    portal.utility_billing.expect_invalid(label)


@when("the resident submits the account ID with a CID that is not the account's", target_fixture="wrong_cid_error")
def wrong_cid(portal: Portal, account: UtilityAccount) -> str:
    return portal.link_setup.refusal(account.account_number, other_number(account.customer_id))


@when("the resident submits an account ID that is not on the bill with the account's CID",
      target_fixture="wrong_id_error")
def wrong_id(portal: Portal, account: UtilityAccount) -> str:
    return portal.link_setup.refusal(other_number(account.account_number), account.customer_id)


@then("both are refused with the same message, which does not say which number was wrong")
def same_message(wrong_cid_error: str, wrong_id_error: str) -> None:
    assert wrong_cid_error == wrong_id_error, (
        f'A wrong CID got "{wrong_cid_error}" but a wrong account ID got "{wrong_id_error}"; one generic '
        "message must answer both, or the form tells which account numbers exist."
    )


# The Utility Billing search (Pinellas Park) ----------------------------------------------------

@when('the resident opens the Utility Billing search from the "Utility Billing" tab')
def open_search(portal: Portal) -> None:
    """The tab, then the search form: on the tab's page, or behind the link the profile names."""
    portal.search.open()


@when(parsers.re(r'the resident searches Utility Billing for the account(?P<remember> and checks "Remember these values")?$'))
def search(portal: Portal, account: UtilityAccount, remember: str | None) -> None:
    portal.search.expect_shown().search(account.account_number, account.customer_id, remember=bool(remember))


@when("the resident searches Utility Billing with a CID that is not the account's")
def search_wrong(portal: Portal, account: UtilityAccount) -> None:
    portal.search.expect_shown().search(account.account_number, other_number(account.customer_id))


@when("the resident enters the account's numbers in the search")
def enter_search(portal: Portal, account: UtilityAccount) -> None:
    portal.search.expect_shown().enter(account.account_number, account.customer_id)


@then("the search results list the account with its service address")
def search_result(portal: Portal, account: UtilityAccount) -> None:
    portal.search.expect_result(account)


@then("the search form is filled in with the account's numbers")
def search_remembered(portal: Portal, account: UtilityAccount) -> None:
    portal.search.expect_values(account.account_number, account.customer_id, remembered=True)


@then("the search form is empty")
def search_empty(portal: Portal) -> None:
    portal.search.expect_values("", "", remembered=False)


@then("the search form says the numbers do not match an account")
def search_refused(portal: Portal) -> None:
    portal.search.error_message()


# Returning residents (Pinellas Park step 9) ----------------------------------------------------

@given("a resident who registered before, with utility accounts on file", target_fixture="resident")
def returning_resident(new_resident: Callable[[], Resident], test_data: TestData) -> Resident:
    returning = test_data.take_returning_resident()
    return dataclasses.replace(new_resident(), email=returning.email)


@then("the welcome page lists the accounts from the previous registration under \"Utility Billing Accounts\"")
def previous_accounts_listed(portal: Portal, resident: Resident, test_data: TestData) -> None:
    returning = next(r for r in test_data.returning_residents if r.email == resident.email)
    portal.home.expect_accounts(list(returning.account_numbers))


@then("the welcome page lists the account under \"Utility Billing Accounts\"")
def home_lists(portal: Portal, account: UtilityAccount) -> None:
    portal.home.expect_accounts([account.account_number])


@then("the welcome page has no \"Utility Billing Accounts\"")
def home_lists_none(portal: Portal) -> None:
    portal.home.expect_no_accounts()


# Access control --------------------------------------------------------------------------------

def require_answered_as_missing(portal: Portal, address: str, account: UtilityAccount) -> None:
    """`address`, a page of an account the resident has not linked, answers as the same page of an
    account that does not exist (the positive control: a refusal, the same for both), and holds
    nothing of the account."""
    missing_address = address.replace(account.account_number, "0" * len(account.account_number))
    other, missing = portal.window.fetch(address), portal.window.fetch(missing_address)
    require(other.status >= 400 and other.status == missing.status, ACCESS,
            f"{address}, a page of an account the resident has not linked, answered {other.status}; "
            f"{missing_address}, of an account that does not exist, answered {missing.status}: both must be "
            "refused alike, e.g. 404")
    for value in (account.service_address, account.customer_name, account.customer_id):
        require(value not in other.text, ACCESS, f"{address} shows another resident's {value!r}")


@when("the resident changes the account number in the page's address to an account they have not linked",
      target_fixture="other_account")
def change_url(portal: Portal, account: UtilityAccount, test_data: TestData) -> UtilityAccount:
    other, address = test_data.take_account(), portal.screen.address
    assert account.account_number in address, (
        f"The address {address} does not hold the account number, so it cannot be changed to another's.")
    portal.screen.go(address.replace(account.account_number, other.account_number))
    return other


@then("the portal answers as for an account that does not exist, and shows nothing of that account")
def not_found(portal: Portal, other_account: UtilityAccount) -> None:
    require_answered_as_missing(portal, portal.screen.address, other_account)
    portal.account_summary.expect_no_heading("Account Summary")  # nor does the browser show it
