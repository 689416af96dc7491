"""Steps about a linked account: the Account Summary, consumption, bills and the delivery preference."""

from __future__ import annotations

from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from portalcheck.pages.account_summary import (
    AccountSummaryPage,
    BillDetailPage,
    BillsPage,
    ConsumptionPage,
    DeliveryPreferencePage,
)
from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.profile import Profile
from portalcheck.test_data import Bill, Service, UtilityAccount


def summary(page: Page, profile: Profile) -> AccountSummaryPage:
    return AccountSummaryPage(page, profile).expect_shown()


@when("the resident opens the Account Summary")
@given("the resident is on the Account Summary")
def open_summary(page: Page, portal_profile: Profile) -> None:
    UtilityBillingPage(page, portal_profile).go_to("Account Summary")
    summary(page, portal_profile)


@then(parsers.parse('the "Billing Account" section shows the account\'s service address, account number '
                    'and the delivery preference "{preference}"'))
def billing_account(page: Page, portal_profile: Profile, account: UtilityAccount, preference: str) -> None:
    open_summary(page, portal_profile)  # afresh from the menu: what the portal stored
    summary(page, portal_profile).expect_billing_account(account, preference)


@then('"Your Current Balance" shows the account\'s amount due now and payment due date')
def current_balance(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    summary(page, portal_profile).expect_balance(account)


@then('"About Your Payments" lists each paid bill with its last posted date, sum of payments and "details"')
def about_payments(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    summary(page, portal_profile).expect_payments(account)


@then('"Customer Information" shows the customer\'s name, address and customer ID')
def customer_information(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    summary(page, portal_profile).expect_customer(account)


@then('"Services" lists each service with its code, start date, status and consumption history')
def services(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    summary(page, portal_profile).expect_services(account)


@when("the resident clicks \"View Consumption\" of a metered service", target_fixture="service")
def view_consumption(page: Page, portal_profile: Profile, account: UtilityAccount) -> Service:
    service = account.metered_services[0]
    summary(page, portal_profile).view_consumption(service)
    return service


@then("the page lists the service's usage for each month in a table")
def consumption_table(page: Page, portal_profile: Profile, service: Service) -> None:
    ConsumptionPage(page, portal_profile).expect_readings(service)


@then("the page draws the usage as a chart named for the service")
def consumption_chart(page: Page, portal_profile: Profile, service: Service) -> None:
    ConsumptionPage(page, portal_profile).expect_chart(service)


@when('the resident clicks "details" of the latest paid bill', target_fixture="bill")
def payment_details(page: Page, portal_profile: Profile, account: UtilityAccount) -> Bill:
    bill = account.paid_bills[0]
    summary(page, portal_profile).payment_details(bill)
    return bill


@then("the page lists every bill of the account with its due date and amount")
def bills_listed(page: Page, portal_profile: Profile, account: UtilityAccount) -> None:
    BillsPage(page, portal_profile).expect_bills(account)


@when('the resident clicks "Bill details" of the latest bill', target_fixture="bill")
def bill_details(page: Page, portal_profile: Profile, account: UtilityAccount) -> Bill:
    bill = account.bills[0]
    BillsPage(page, portal_profile).bill_details(bill)
    return bill


@then("the page shows the bill's number, account, customer, service location, due date and amount")
def bill_shown(page: Page, portal_profile: Profile, account: UtilityAccount, bill: Bill) -> None:
    BillDetailPage(page, portal_profile).expect_bill(account, bill)


@when(parsers.parse('the resident changes the Bill Delivery Preference to "{preference}"'))
def change_delivery(page: Page, portal_profile: Profile, preference: str) -> None:
    summary(page, portal_profile).click("Change Bill Delivery Preference")
    DeliveryPreferencePage(page, portal_profile).choose(preference)
