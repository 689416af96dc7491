"""Paying bills in "Manage Bills" (flows.md A8): to the cart, through the checkout's four steps
and the processor's page, and reading back what the portal recorded.

The same for every Community Access portal; what differs (the step headings, the processor's
origin, partial payments) is in the profile's [payments] table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from portalcheck.pages.payments import ADDRESS, AMOUNT, DETAILS, REVIEW, CartPage, CheckoutPage, ManageBillsPage
from portalcheck.pages.portal import Portal
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

    def __init__(self, portal: Portal):
        self.portal = portal
        self.numbers_typed_at = ""

    def open_manage_bills(self, account: UtilityAccount) -> ManageBillsPage:
        """"Accounts", the account, then "Manage Bills" in the module's menu."""
        self.portal.accounts.open().open_account(account)
        self.portal.account_summary.expect_shown().go_to("Manage Bills")
        return self.portal.manage_bills.expect_shown()

    def add_to_cart(self, account: UtilityAccount, bill: Bill) -> None:
        bills = self.open_manage_bills(account)
        bills.select(bill)
        bills.add_to_cart()

    def open_cart(self) -> CartPage:
        """"Cart", from "Utility Billing" > "Manage Bills"."""
        self.portal.utility_billing.open().go_to("Manage Bills")
        self.portal.manage_bills.expect_shown().click("Cart")
        return self.portal.cart.expect_shown()

    def checkout(self) -> CheckoutPage:
        self.open_cart().checkout()
        return self.portal.checkout.expect_step(AMOUNT)

    def amounts(self, amounts: dict[Bill, Decimal]) -> CheckoutPage:
        step = self.portal.checkout.expect_step(AMOUNT)
        for bill, amount in amounts.items():
            step.enter_amount(bill, amount)
        step.next()
        return step

    def details(self, card: PaymentCard | None = None, bank: BankAccount | None = None, holder: str = "") -> None:
        """Step 2, then the processor's page: the card (or, with `bank`, the e-check) details.
        Where they were typed is kept in `numbers_typed_at` (for the checks)."""
        step = self.portal.checkout.expect_step(DETAILS)
        step.pick("Electronic check (e-check)" if bank else "Credit or debit card")
        processor = self.portal.processor
        if not processor.has_field("Bank account number" if bank else "Card number"):
            step.next()  # "Continue" to the processor's page (unless this page asks for the numbers itself)
        self.numbers_typed_at = processor.address
        if bank:
            processor.pay_by_bank(bank, holder)
        elif card:
            processor.pay_by_card(card, holder)

    def address(self, address: Address) -> CheckoutPage:
        step = self.portal.checkout.expect_step(ADDRESS)
        step.fill_address(address.street, address.city, address.state, address.zip_code)
        return self.portal.checkout.expect_step(REVIEW)

    def on_to_review(self, address: Address) -> CheckoutPage:
        """After the processor's page: the billing address again where the checkout asks for it, then the review."""
        if self.portal.checkout.at_step(ADDRESS):
            self.address(address)
        return self.portal.checkout.expect_step(REVIEW)

    def standing(self, account: UtilityAccount, bill: Bill) -> Standing:
        """The Account Summary, opened afresh from "Accounts": what the portal has recorded."""
        self.portal.accounts.open().open_account(account)
        summary = self.portal.account_summary.expect_shown()
        return Standing(due_now=summary.amount_due_now(), paid=summary.sum_of_payments(bill))
