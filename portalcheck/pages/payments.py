"""Manage Bills: selecting bills, the cart, the checkout's steps, the processor's page, the confirmation (flows A8).

Elements are found by role and visible label; the checkout's step headings come from the
profile's [payments] table, everything else from the guides' wording (re-worded in [wording]).
"""

from __future__ import annotations

import re
from decimal import Decimal

from playwright.sync_api import Locator, expect

from portalcheck.pages.account_summary import money
from portalcheck.pages.screen import Screen
from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.test_data import BankAccount, Bill, PaymentCard

AMOUNT, DETAILS, ADDRESS, REVIEW = range(4)


class ManageBillsPage(UtilityBillingPage):
    """"Manage Bills": the account's bills, each still owing with a box to select it."""

    def expect_shown(self) -> ManageBillsPage:
        self.expect_heading("Manage Bills")
        return self

    def bill_row(self, bill: Bill) -> Locator:
        return self.row(bill.number)

    def select(self, bill: Bill) -> None:
        box = self.bill_row(bill).get_by_role("checkbox")
        expect(box).to_have_count(1)
        box.check()
        self._looked_at(box, f"Select bill {bill.number}")

    def add_to_cart(self) -> None:
        self.press_and_wait("Add to Cart")


class CartPage(UtilityBillingPage):
    """"Cart": the selected bills and "Checkout"."""

    def expect_shown(self) -> CartPage:
        self.expect_heading("Cart")
        return self

    def expect_bill(self, bill: Bill) -> None:
        row = self.row(bill.number, within=self.main())
        self._expect_visible(row, f"Bill {bill.number} is in the cart")

    def expect_empty_of(self, bill: Bill) -> None:
        expect(self.main().get_by_role("cell", name=bill.number, exact=True)).to_have_count(0)
        expect(self.button("Checkout")).to_have_count(0)

    def checkout(self) -> None:
        self.press_and_wait("Checkout")


class CheckoutPage(UtilityBillingPage):
    """A step of the checkout, headed as the profile's `payments.steps` name it."""

    def step(self, index: int) -> Locator:
        return self.page.get_by_role("heading", name=self.profile.payments.steps[index], exact=True)

    def at_step(self, index: int) -> bool:
        return self.step(index).count() > 0

    def expect_step(self, index: int) -> CheckoutPage:
        self._expect_visible(self.step(index), f'The step "{self.profile.payments.steps[index]}"')
        return self

    def amount_field(self, bill: Bill) -> Locator:
        """The amount box of one bill: the text box whose label names the bill."""
        return self.page.get_by_role("textbox", name=re.compile(re.escape(bill.number)))

    def amount_marked_invalid(self, bill: Bill) -> bool:
        return self.amount_field(bill).get_attribute("aria-invalid") == "true"

    def enter_amount(self, bill: Bill, amount: Decimal) -> None:
        field = self.amount_field(bill)
        field.fill(f"{amount:.2f}")
        self._looked_at(field, f"Pay {money(amount)} on bill {bill.number}")

    def next(self) -> None:
        self.press_and_wait("Continue")

    def pick(self, method: str) -> None:
        """"Credit or debit card" or "Electronic check (e-check)"."""
        self.choose(method)

    def fill_address(self, street: str, city: str, state: str, zip_code: str) -> None:
        for label, value in (("Street address", street), ("City", city), ("State", state), ("ZIP code", zip_code)):
            self.fill(label, value)
        self.next()

    def section(self, heading: str) -> Locator:
        return self.page.get_by_role("region", name=self.says(heading), exact=True)

    def change(self, heading: str) -> None:
        """"Change" in one section of the review ("Payment amount", "Payment details", "Billing address")."""
        target = self.section(heading).get_by_role("link", name=self.says("Change"), exact=True)
        self._operate(target, f'"Change" of "{self.says(heading)}"', wait=True)

    def expect_review(self, total: Decimal, last_four: str) -> None:
        self.expect_step(REVIEW)
        expect(self.section("Payment amount")).to_contain_text(money(total))
        expect(self.section("Payment details")).to_contain_text(last_four)
        self._looked_at(self.main(), "The review")

    def submit(self) -> None:
        self.press_and_wait("Submit")

    def refusal(self) -> str:
        return self.error_message()


class ProcessorPage(Screen):
    """The payment processor's hosted page: where the card or bank account numbers are typed."""

    def expect_shown(self, field: str = "Card number") -> ProcessorPage:
        self.expect_field(field)
        return self

    def pay_by_card(self, card: PaymentCard, holder: str) -> None:
        self.expect_shown("Card number")
        self.fill("Card number", card.number)
        self.fill("Expiration date (MM/YY)", card.expiry)
        self.fill("Security code", card.security_code)
        self.fill("Name on card", holder)
        self.press_and_wait("Continue")

    def pay_by_bank(self, bank: BankAccount, holder: str) -> None:
        self.expect_shown("Bank account number")
        self.fill("Name on account", holder)
        self.fill("Routing number", bank.routing_number)
        self.fill("Bank account number", bank.account_number)
        self.press_and_wait("Continue")


class PaymentConfirmationPage(UtilityBillingPage):
    """The confirmation: "Payment reference", the amount, the card by its last four digits."""

    def expect_shown(self) -> PaymentConfirmationPage:
        self.expect_heading("Payment confirmation")
        return self

    def reference(self) -> str:
        found = re.search(re.escape(self.says("Payment reference")) + r"\W*([A-Za-z0-9][\w-]{3,})", self.main_text())
        assert found, f'The confirmation at {self.page.url} shows no "{self.says("Payment reference")}".'
        self._looked_at(self.main(), "The payment reference")
        return found.group(1)
