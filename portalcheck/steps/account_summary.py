"""Steps about a linked account: the Account Summary, consumption, bills and the delivery preference."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from portalcheck.pages.account_summary import AccountSummaryPage
from portalcheck.pages.portal import Portal
from portalcheck.test_data import Bill, Service, UtilityAccount


@when("the resident opens the Account Summary")
@given("the resident is on the Account Summary")
def open_summary(portal: Portal) -> None:
    portal.account_summary.open()


@then(parsers.parse('the "Billing Account" section shows the account\'s service address, account number '
                    'and the delivery preference "{preference}"'))
def billing_account(portal: Portal, account: UtilityAccount, preference: str) -> None:
    # Afresh from the menu: what the portal stored, not the page a form landed on.
    portal.account_summary.open().expect_billing_account(account, preference)


# The other sections of the summary, as the Minot guide lists them: each phrase and its check.
SECTIONS: dict[str, Callable[[AccountSummaryPage, UtilityAccount], None]] = {
    '"Your Current Balance" shows the account\'s amount due now and payment due date':
        AccountSummaryPage.expect_balance,
    '"About Your Payments" lists each paid bill with its last posted date, sum of payments and "details"':
        AccountSummaryPage.expect_payments,
    '"Customer Information" shows the customer\'s name, address and customer ID':
        AccountSummaryPage.expect_customer,
    '"Services" lists each service with its code, start date, status and consumption history':
        AccountSummaryPage.expect_services,
}


def section_step(check: Callable[[AccountSummaryPage, UtilityAccount], None]) -> Callable[[Portal, UtilityAccount], None]:
    def section_shows(portal: Portal, account: UtilityAccount) -> None:
        check(portal.account_summary.expect_shown(), account)
    return section_shows


for _phrase, _check in SECTIONS.items():
    then(_phrase)(section_step(_check))


@when("the resident clicks \"View Consumption\" of a metered service", target_fixture="service")
def view_consumption(portal: Portal, account: UtilityAccount) -> Service:
    service = account.metered_services[0]
    portal.account_summary.expect_shown().view_consumption(service)
    return service


@then("the page lists the service's usage for each month in a table")
def consumption_table(portal: Portal, service: Service) -> None:
    portal.consumption.expect_readings(service)


@then("the page draws the usage as a chart named for the service")
def consumption_chart(portal: Portal, service: Service) -> None:
    portal.consumption.expect_chart(service)


@when('the resident clicks "details" of the latest paid bill', target_fixture="bill")
def payment_details(portal: Portal, account: UtilityAccount) -> Bill:
    bill = account.paid_bills[0]
    portal.account_summary.expect_shown().payment_details(bill)
    return bill


@then("the page lists every bill of the account with its due date and amount")
def bills_listed(portal: Portal, account: UtilityAccount) -> None:
    portal.bills.expect_bills(account)


@when('the resident clicks "Bill details" of the latest bill', target_fixture="bill")
def bill_details(portal: Portal, account: UtilityAccount) -> Bill:
    bill = account.bills[0]
    portal.bills.bill_details(bill)
    return bill


@then("the page shows the bill's number, account, customer, service location, due date and amount")
def bill_shown(portal: Portal, account: UtilityAccount, bill: Bill) -> None:
    portal.bill_details.expect_bill(account, bill)


@when(parsers.parse('the resident changes the Bill Delivery Preference to "{preference}"'))
def change_delivery(portal: Portal, preference: str) -> None:
    portal.account_summary.expect_shown().change_delivery_preference().change_to(preference)
