"""Utility Billing: its menu, the linked accounts, "Account Link Setup" and the search (flows A5-A7)."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from portalcheck.pages.screen import Screen
from portalcheck.test_data import UtilityAccount

MENU = ("Accounts", "Manage Bills", "Account Summary", "Automatic EFT Payments", "Contact Us")


class UtilityBillingPage(Screen):
    """Any page of the Utility Billing module: the module's menu is on each."""

    def open(self) -> UtilityBillingPage:
        """Click "Utility Billing" in the main navigation, as from the welcome screen."""
        self.click_and_wait("Utility Billing")
        return self

    def go_to(self, item: str) -> None:
        """An item of the module's menu, waiting for the page it opens."""
        self.click_and_wait(item)

    def accounts(self) -> AccountsPage:
        self.go_to("Accounts")
        return AccountsPage(self.page, self.profile).expect_shown()

    def error_message(self) -> str:
        """The form's announced error summary, as a resident's screen reader reads it."""
        alert = self.page.get_by_role("alert").first
        expect(alert).to_be_visible()
        return " ".join(alert.inner_text().split())

    def expect_invalid(self, label: str) -> None:
        """The field is marked invalid and its error is announced."""
        expect(self.field(label)).to_have_attribute("aria-invalid", "true")
        self._looked_at(self.field(label), f'The field "{self.says(label)}" is marked invalid')
        self.error_message()


class AccountsPage(UtilityBillingPage):
    """"Utility Billing Accounts": the resident's linked accounts, and "Link to Account"."""

    def open(self) -> AccountsPage:
        """"Utility Billing" > "Accounts", the documented way to the resident's accounts (A5)."""
        return UtilityBillingPage(self.page, self.profile).open().accounts()

    def expect_shown(self) -> AccountsPage:
        self.expect_heading("Utility Billing Accounts")
        return self

    def link_to_account(self) -> LinkAccountPage:
        self.click("Link to Account")
        return LinkAccountPage(self.page, self.profile).expect_shown()

    def listed(self, account: UtilityAccount) -> Locator:
        return self.main().get_by_text(account.account_number, exact=True)

    def lists(self, account: UtilityAccount) -> bool:
        return self.listed(account).count() > 0

    def expect_listed(self, account: UtilityAccount) -> None:
        self._expect_visible(self.listed(account).first, f"Account {account.account_number} is listed")

    def expect_none_linked(self) -> None:
        self.expect_text("No Utility Billing accounts have been linked to this user.")

    def open_account(self, account: UtilityAccount) -> None:
        self.click_and_wait(account.account_number)


class LinkAccountPage(UtilityBillingPage):
    """"Account Link Setup": the account ID and CID from the bill."""

    ACCOUNT_ID, CID = "What is the account ID? *", "What is the CID? *"

    def open(self) -> LinkAccountPage:
        """"Link to Account" under "Accounts"."""
        return AccountsPage(self.page, self.profile).open().link_to_account()

    def expect_shown(self) -> LinkAccountPage:
        self.expect_heading("Account Link Setup")
        return self

    def enter(self, account_id: str, cid: str) -> None:
        self.fill(self.ACCOUNT_ID, account_id)
        self.fill(self.CID, cid)

    def submit(self, account_id: str, cid: str) -> None:
        """Submit the numbers and wait for the portal's answer, so an error read next is the new one."""
        self.enter(account_id, cid)
        self.press_and_wait("Submit")

    def refusal(self, account_id: str, cid: str) -> str:
        """Submit numbers that do not link; the error the portal announces."""
        self.submit(account_id, cid)
        return self.error_message()

class UtilityBillingSearchPage(UtilityBillingPage):
    """The "Utility Billing" tab's search: "Account Number", "Customer ID", "Remember these values"."""

    def open(self) -> UtilityBillingSearchPage:
        """From the "Utility Billing" tab."""
        UtilityBillingPage(self.page, self.profile).open()
        return self.expect_shown()

    def expect_shown(self) -> UtilityBillingSearchPage:
        """The search form: on the page the tab opens, or behind the link `flows.search` names."""
        behind = self.profile.flows.search
        if behind:
            form, link = self.field("Account Number"), self.link(behind)
            expect(form.or_(link).first).to_be_visible()
            if not form.count():
                self.click(behind)
        self.expect_field("Account Number")
        return self

    def enter(self, account_number: str, customer_id: str) -> None:
        self.fill("Account Number", account_number)
        self.fill("Customer ID", customer_id)

    def search(self, account_number: str, customer_id: str, *, remember: bool = False) -> None:
        self.enter(account_number, customer_id)
        self.tick("Remember these values", remember)
        self.press("Search")

    def reset(self) -> None:
        self.press("Reset")

    def expect_values(self, account_number: str, customer_id: str, *, remembered: bool) -> None:
        self.expect_shown()
        expect(self.field("Account Number")).to_have_value(account_number)
        expect(self.field("Customer ID")).to_have_value(customer_id)
        if remembered:
            expect(self.checkbox("Remember these values")).to_be_checked()
        self._looked_at(self.field("Account Number"), "The search form's values")

    def expect_result(self, account: UtilityAccount) -> None:
        self.expect_heading("Search Results")
        row = self.page.get_by_role("row").filter(has_text=account.account_number)
        expect(row).to_contain_text(account.service_address)
        self._looked_at(row, f"Account {account.account_number} at {account.service_address}")
