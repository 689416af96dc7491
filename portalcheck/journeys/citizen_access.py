"""Citizen Access (Billings): "new user" registration, a confirming link, a first login that
enables the account and a second that signs in; accounts under "Utility Pay" (flows.md B)."""

from __future__ import annotations

from portalcheck.journeys.forms import Reply
from portalcheck.journeys.journey import Journey
from portalcheck.pages.citizen_access import CONFIRMED, NewUserRegistrationPage, open_link_accounts
from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import FIELDS
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount

MODULE = "Utility Pay"


def says_activated(profile, html: str) -> bool:
    return profile.says("your account was activated") in " ".join(html.split())


class CitizenAccessJourney(Journey):
    LINK_TEXT = "Activate account"
    SIGN_UP_BUTTON = "submit"

    def open_sign_up(self) -> NewUserRegistrationPage:
        if self.profile.flows.registration == "url":
            self.page.goto(self.profile.urls.sign_up)
        else:
            self.screen(SignInPage).open().click("new user")
        return self.screen(NewUserRegistrationPage).expect_shown()

    def sign_up_form(self) -> NewUserRegistrationPage:
        return self.screen(NewUserRegistrationPage).expect_shown()

    def sign_up(self, resident: Resident) -> None:
        self.open_sign_up().register(resident)

    def verify_address(self, resident: Resident, **kwargs):
        """The link confirms the address; the page says a login will enable the account (B5)."""
        answer = super().verify_address(resident, **kwargs)
        if kwargs.get("insist", True):
            self.screen().expect_text(CONFIRMED[0])
        return answer

    def http_sign_up(self, resident: Resident) -> Reply:
        says, forms = self.profile.says, self.forms
        if self.profile.flows.registration == "url":
            form = forms.get(self.profile.urls.sign_up)
        else:
            form = forms.get(forms.link(forms.get(self.profile.urls.sign_in), says("new user")))
        values = dict(zip((says(label) for label in FIELDS), (resident.email, resident.password,
                                                                resident.first_name, resident.last_name), strict=False))
        return self._ok(forms.submit(form, values, says(self.SIGN_UP_BUTTON)), "registering")

    def http_activate(self, resident: Resident) -> None:
        """Register and confirm, then the first login that enables the account (B6)."""
        super().http_activate(resident)
        reply = self.http_sign_in(resident.email, resident.password)
        assert says_activated(self.profile, reply.html), (
            f"the first login after confirming did not say \"your account was activated\" ({reply.url})")

    def attempt_sign_in(self, email: str, password: str):
        """A login that only enables the account (the first, B6) is followed by the second, so
        "got in" means the same in both families: a session that opens the home page."""
        got_in, answer = super().attempt_sign_in(email, password)
        if not got_in and self.profile.says("your account was activated") in answer.text:
            return super().attempt_sign_in(email, password)
        return got_in, answer

    def activate(self, resident: Resident) -> None:
        """Register, confirm, and log in once: that first login enables the account (B6)."""
        super().activate(resident)
        self.open_sign_in().sign_in(resident.email, resident.password)
        self.screen().expect_text("your account was activated")

    def proof(self, account: UtilityAccount) -> str:
        """What proves the account besides its number (flows.utility_pay_proof)."""
        if self.profile.flows.utility_pay_proof == "total-amount-due":
            latest = max(account.bills, key=lambda bill: bill.bill_date, default=None)
            return f"{latest.amount if latest else account.balance:.2f}"
        return account.bill_pin

    def link_account(self, account: UtilityAccount) -> None:
        open_link_accounts(self.screen(), MODULE).submit({"Account Number": account.account_number,
                                                          "PIN": self.proof(account)})
        assert self.linked(account), f'Account {account.account_number} is not listed under "{MODULE}" after linking.'

    def linked(self, account: UtilityAccount) -> bool:
        screen = self.screen(Screen)
        screen.click(MODULE)
        screen.expect_heading(MODULE)  # the positive control: the list itself shows
        return self.page.get_by_role("cell", name=account.account_number, exact=True).count() > 0
