"""Community Access sign-in with Citizen Self Service (Minot, Pinellas Park): flows.md A."""

from __future__ import annotations

from portalcheck.journeys.forms import Reply
from portalcheck.journeys.journey import Journey
from portalcheck.pages.sign_up import SignUpPage
from portalcheck.pages.utility_billing import AccountsPage, LinkAccountPage
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount


class CommunityAccessJourney(Journey):
    LINK_TEXT = "Activate account"

    def sign_up_form(self) -> SignUpPage:
        return self.portal.sign_up.expect_shown()

    def sign_up(self, resident: Resident) -> None:
        self.open_sign_up()
        self.portal.sign_up.sign_up(resident).expect_heading("Verification email sent")

    def accounts(self) -> AccountsPage:
        """"Utility Billing" > "Accounts", the documented way to the resident's accounts (A5)."""
        return self.portal.accounts.open()

    def proof(self, account: UtilityAccount) -> str:
        """The CID printed on the bill."""
        return account.customer_id

    def link_account(self, account: UtilityAccount) -> None:
        self.portal.link_setup.open().submit(account.account_number, self.proof(account))
        assert self.linked(account), not_listed(account)

    def http_link(self, account: UtilityAccount) -> None:
        """"Link to Account" under "Accounts", its form posted over HTTP; then the accounts list,
        the menus reached, is opened in the browser and must list the account."""
        says, forms = self.profile.says, self.forms
        accounts = self.http_accounts()
        setup = forms.get(forms.link(accounts, says("Link to Account")))
        values = {says(LinkAccountPage.ACCOUNT_ID): account.account_number,
                  says(LinkAccountPage.CID): self.proof(account)}
        self._ok(forms.submit(setup, values, says("Submit")), "linking an account")
        self.page.goto(accounts.url)  # the list the menus reached, as it is now
        assert self.portal.accounts.expect_shown().lists(account), not_listed(account)

    def http_accounts(self) -> Reply:
        """"Utility Billing" > "Accounts" from the home page, each link followed over HTTP."""
        says, forms = self.profile.says, self.forms
        module = forms.get(forms.link(forms.get(self.profile.urls.home), says("Utility Billing")))
        return forms.get(forms.link(module, says("Accounts")))

    def linked(self, account: UtilityAccount) -> bool:
        # The accounts page itself must show (the positive control) before absence means anything.
        return self.accounts().lists(account)


def not_listed(account: UtilityAccount) -> str:
    return (f"After \"Account Link Setup\" with account {account.account_number} and CID "
            f"{account.customer_id}, the account is not listed under \"Accounts\".")
