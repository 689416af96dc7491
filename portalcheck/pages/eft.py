"""Automatic EFT Payments: the authorisation terms, signing up, what shows afterwards, cancelling (flows A8)."""

from __future__ import annotations

from playwright.sync_api import expect

from portalcheck.pages.utility_billing import UtilityBillingPage
from portalcheck.test_data import BankAccount

TERMS = ("the balance of each bill", "each bill's due date", "Cancel automatic payments")


class EftPage(UtilityBillingPage):
    """"Automatic EFT Payments" for the selected account."""

    AGREE = "I agree to the automatic payment terms"

    def open(self) -> EftPage:
        """"Automatic EFT Payments" in the module's menu: what the portal has stored, afresh."""
        self.go_to("Automatic EFT Payments")
        return self.expect_shown()

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
            expect(self.radio(label)).to_be_visible()
        self.expect_checkbox(self.AGREE)

    def enter_bank(self, bank: BankAccount, *, routing_number: str | None = None) -> None:
        self.fill("Bank name", bank.bank_name)
        self.fill("Routing number", routing_number or bank.routing_number)
        self.choose(bank.account_type)
        self.fill("Bank account number", bank.account_number)

    def fill_in(self, bank: BankAccount, *, routing_number: str | None = None, agree: bool = True) -> None:
        self.enter_bank(bank, routing_number=routing_number)
        self.tick(self.AGREE, agree)

    def sign_up(self, bank: BankAccount, *, routing_number: str | None = None, agree: bool = True) -> None:
        """Submit the form and wait for the portal's answer, so nothing reads the page before it."""
        self.fill_in(bank, routing_number=routing_number, agree=agree)
        self.press_and_wait("Submit")

    def open_change(self) -> EftPage:
        """"Change bank account": the form that replaces the bank account payments come from."""
        self.click_and_wait("Change bank account")
        return self

    def asks_for_password(self) -> bool:
        return self.field("Current password").count() == 1

    def change_bank(self, bank: BankAccount, password: str) -> None:
        self.fill("Current password", password)
        self.enter_bank(bank)
        self.press_and_wait("Submit")

    def offers_agreement(self) -> bool:
        return self.checkbox(self.AGREE).count() == 1

    def agreement_ticked(self) -> bool:
        return self.checkbox(self.AGREE).is_checked()

    def enrolled(self) -> bool:
        """Whether the page offers to cancel automatic payments, as it does once they are set up."""
        return self.has_button("Cancel automatic payments")

    def expect_enrolled(self, bank: BankAccount) -> None:
        """Enrolled, showing the last four digits of the bank account and never the whole number."""
        main = self.main()
        expect(main).to_contain_text(bank.bank_name)
        expect(main).to_contain_text(bank.last_four)
        expect(self.button("Cancel automatic payments")).to_be_visible()
        self._looked_at(main, "The automatic payments set up")

    def expect_not_enrolled(self) -> None:
        expect(self.field("Routing number")).to_be_visible()
        expect(self.button("Cancel automatic payments")).to_have_count(0)

    def cancel_payments(self) -> None:
        self.press("Cancel automatic payments")
