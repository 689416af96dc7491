"""Community Access sign-in with Citizen Self Service (Minot, Pinellas Park): flows.md A."""

from __future__ import annotations

from portalcheck.journeys.forms import Reply
from portalcheck.journeys.journey import Journey
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import FIELDS, SignUpPage
from portalcheck.pages.utility_billing import AccountsPage, LinkAccountPage, UtilityBillingPage
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount


class CommunityAccessJourney(Journey):
    LINK_TEXT = "Activate account"

    def open_sign_up(self) -> SignUpPage:
        """"Create an account": by the sign-in page's "Sign up", or at its own address (flows.registration)."""
        if self.profile.flows.registration == "url":
            self.page.goto(self.profile.urls.sign_up)
            return self.screen(SignUpPage).expect_shown()
        return self.screen(SignInPage).open().go_to_sign_up()

    def sign_up_form(self) -> SignUpPage:
        return self.screen(SignUpPage).expect_shown()

    def sign_up(self, resident: Resident) -> None:
        self.open_sign_up().sign_up(resident).expect_heading("Verification email sent")

    def http_sign_up(self, resident: Resident) -> Reply:
        says, forms = self.profile.says, self.forms
        if self.profile.flows.registration == "url":
            form = forms.get(self.profile.urls.sign_up)
        else:
            form = forms.get(forms.link(forms.get(self.profile.urls.sign_in), says("Sign up")))
        values = dict(zip((says(label) for label in FIELDS), (resident.email, resident.password,
                                                                resident.first_name, resident.last_name), strict=False))
        return self._ok(forms.submit(form, values, says("Sign up")), "signing up")

    def accounts(self) -> AccountsPage:
        """"Utility Billing" > "Accounts", the documented way to the resident's accounts (A5)."""
        return self.screen(UtilityBillingPage).open().accounts()

    def open_link_setup(self) -> LinkAccountPage:
        return self.accounts().link_to_account()

    def link_account(self, account: UtilityAccount) -> None:
        self.open_link_setup().submit(account.account_number, account.customer_id)
        assert self.linked(account), (
            f"After \"Account Link Setup\" with account {account.account_number} and CID "
            f"{account.customer_id}, the account is not listed under \"Accounts\".")

    def linked(self, account: UtilityAccount) -> bool:
        # The accounts page itself must show (the positive control) before absence means anything.
        return self.accounts().listed(account).count() > 0
