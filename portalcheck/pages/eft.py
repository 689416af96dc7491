"""Automatic EFT Payments: the authorisation terms, signing up, what shows afterwards, cancelling (flows A8)."""

from __future__ import annotations

from playwright.sync_api import expect

from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.test_data import BankAccount

TERMS = ("the balance of each bill", "each bill's due date", "Cancel automatic payments")


class EftPage(UtilityBillingPage):
    """"Automatic EFT Payments" for the selected account."""

    AGREE = "I agree to the automatic payment terms"

    def expect_shown(self) -> EftPage:
        self.expect_heading("Automatic EFT Payments")
        return self

    def expect_terms(self) -> None:
        """The recurring authorisation: the amount, the draft date and how to cancel."""
        for text in TERMS:
            self.expect_text(text)

    def expect_form(self) -> None:
        for label in ("Bank name", "Routing number", "Bank account number"):
            self.expect_field(label)
        for label in ("Checking", "Savings"):
            expect(self.page.get_by_role("radio", name=self.says(label), exact=True)).to_be_visible()
        self.expect_checkbox(self.AGREE)

    def fill_in(self, bank: BankAccount, *, routing_number: str | None = None, agree: bool = True) -> None:
        self.fill("Bank name", bank.bank_name)
        self.fill("Routing number", routing_number or bank.routing_number)
        self.page.get_by_role("radio", name=self.says(bank.account_type), exact=True).check()
        self.fill("Bank account number", bank.account_number)
        self.tick(self.AGREE, agree)

    def sign_up(self, bank: BankAccount, **kwargs) -> None:
        """Submit the form and wait for the portal's answer, so nothing reads the page before it."""
        self.fill_in(bank, **kwargs)
        self.press_and_wait("Submit")

    def expect_enrolled(self, bank: BankAccount) -> None:
        """Enrolled, showing the last four digits of the bank account and never the whole number."""
        main = self.page.get_by_role("main")
        expect(main).to_contain_text(bank.bank_name)
        expect(main).to_contain_text(bank.last_four)
        expect(self.button("Cancel automatic payments")).to_be_visible()
        self._looked_at(main, "The automatic payments set up")

    def expect_not_enrolled(self) -> None:
        expect(self.field("Routing number")).to_be_visible()
        expect(self.button("Cancel automatic payments")).to_have_count(0)

    def cancel_payments(self) -> None:
        self.press("Cancel automatic payments")
