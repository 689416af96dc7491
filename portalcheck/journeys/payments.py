"""Paying bills in "Manage Bills" (flows.md A8): to the cart, through the checkout's four steps
and the processor's page, and reading back what the portal recorded.

The same for every Community Access portal; what differs (the step headings, the processor's
origin, partial payments) is in the profile's [payments] table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portalcheck.pages.account_summary import AccountSummaryPage
from portalcheck.pages.payments import (
    ADDRESS,
    AMOUNT,
    DETAILS,
    REVIEW,
    CartPage,
    CheckoutPage,
    ManageBillsPage,
    ProcessorPage,
)
from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.test_data import BankAccount, Bill, PaymentCard, UtilityAccount


@dataclass(frozen=True)
class Address:
    street: str
    city: str = "Minot"
    state: str = "ND"
    zip_code: str = "58701"


@dataclass(frozen=True)
class Standing:
    """What the Account Summary shows of one bill: the account's Amount Due Now, the bill's Sum of Payments."""

    due_now: Decimal
    paid: Decimal


class BillPayer:
    """A signed-in resident paying their linked accounts' bills."""

    def __init__(self, journey):  # noqa: ANN001 - a CommunityAccessJourney
        self.journey = journey
        self.numbers_typed_at = ""
        self.page, self.profile = journey.page, journey.profile

    def screen(self, kind):
        return kind(self.page, self.profile)

    def open_manage_bills(self, account: UtilityAccount) -> ManageBillsPage:
        """"Accounts", the account, then "Manage Bills" in the module's menu."""
        self.journey.accounts().open_account(account)
        self.screen(AccountSummaryPage).expect_shown()
        self.screen(UtilityBillingPage).go_to("Manage Bills")
        return self.screen(ManageBillsPage).expect_shown()

    def add_to_cart(self, account: UtilityAccount, bill: Bill) -> None:
        bills = self.open_manage_bills(account)
        bills.select(bill)
        bills.add_to_cart()

    def open_cart(self) -> CartPage:
        """"Cart", from "Utility Billing" > "Manage Bills"."""
        self.screen(UtilityBillingPage).open().go_to("Manage Bills")
        self.screen(ManageBillsPage).expect_shown().click("Cart")
        return self.screen(CartPage).expect_shown()

    def checkout(self) -> CheckoutPage:
        self.open_cart().checkout()
        return self.screen(CheckoutPage).expect_step(AMOUNT)

    def amounts(self, amounts: dict[Bill, Decimal]) -> CheckoutPage:
        step = self.screen(CheckoutPage).expect_step(AMOUNT)
        for bill, amount in amounts.items():
            step.enter_amount(bill, amount)
        step.next()
        return step

    def details(self, card: PaymentCard | None = None, bank: BankAccount | None = None, holder: str = "") -> None:
        """Step 2, then the processor's page: the card (or, with `bank`, the e-check) details.
        Where they were typed is kept in `numbers_typed_at` (for the checks)."""
        step = self.screen(CheckoutPage).expect_step(DETAILS)
        step.pick("Electronic check (e-check)" if bank else "Credit or debit card")
        processor = self.screen(ProcessorPage)
        if not processor.field("Bank account number" if bank else "Card number").count():
            step.next()  # "Continue" to the processor's page (unless this page asks for the numbers itself)
        self.numbers_typed_at = self.page.url
        if bank:
            processor.pay_by_bank(bank, holder)
        else:
            processor.pay_by_card(card, holder)

    def address(self, address: Address) -> CheckoutPage:
        step = self.screen(CheckoutPage).expect_step(ADDRESS)
        step.fill_address(address.street, address.city, address.state, address.zip_code)
        return self.screen(CheckoutPage).expect_step(REVIEW)

    def to_review(self, amounts: dict[Bill, Decimal], holder: str, address: Address, *,
                  card: PaymentCard | None = None, bank: BankAccount | None = None) -> CheckoutPage:
        """From the cart's "Checkout" to the review, through the four steps."""
        self.checkout()
        self.amounts(amounts)
        self.details(card, bank, holder)
        return self.address(address)

    def standing(self, account: UtilityAccount, bill: Bill) -> Standing:
        """The Account Summary, opened afresh from "Accounts": what the portal has recorded."""
        self.journey.accounts().open_account(account)
        summary = self.screen(AccountSummaryPage).expect_shown()
        return Standing(due_now=summary.amount_due_now(), paid=summary.sum_of_payments(bill))
