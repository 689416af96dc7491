"""Citizen Access (Billings): "new user" registration, a confirming link, a first login that
enables the account and a second that signs in; accounts under "Utility Pay" (flows.md B)."""

from __future__ import annotations

from datetime import datetime

from portalcheck.journeys.journey import Journey
from portalcheck.pages.citizen_access import CONFIRMED, NewUserRegistrationPage
from portalcheck.pages.recovery import Answer
from portalcheck.profile import Profile
from portalcheck.residents import Resident
from portalcheck.test_data import UtilityAccount

MODULE = "Utility Pay"


def says_activated(profile: Profile, html: str) -> bool:
    return profile.says("your account was activated") in " ".join(html.split())


class CitizenAccessJourney(Journey):
    LINK_TEXT = "Activate account"
    SIGN_UP_LINK = "new user"
    SIGN_UP_BUTTON = "submit"

    def sign_up_form(self) -> NewUserRegistrationPage:
        return self.portal.new_user_registration.expect_shown()

    def sign_up(self, resident: Resident) -> None:
        self.open_sign_up()
        self.portal.new_user_registration.register(resident)

    def verify_address(self, resident: Resident, *, sender: str | None = None, since: datetime | None = None,
                       link_text: str | None = None, insist: bool = True) -> Answer:
        """The link confirms the address; the page says a login will enable the account (B5)."""
        answer = super().verify_address(resident, sender=sender, since=since, link_text=link_text, insist=insist)
        if insist:
            self.portal.screen.expect_text(CONFIRMED[0])
        return answer

    def http_activate(self, resident: Resident) -> None:
        """Register and confirm, then the first login that enables the account (B6)."""
        super().http_activate(resident)
        reply = self.http_sign_in(resident.email, resident.password)
        assert says_activated(self.profile, reply.html), (
            f"the first login after confirming did not say \"your account was activated\" ({reply.url})")

    def attempt_sign_in(self, email: str, password: str) -> tuple[bool, Answer]:
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
        self.portal.screen.expect_text("your account was activated")

    def proof(self, account: UtilityAccount) -> str:
        """What proves the account besides its number (flows.utility_pay_proof)."""
        if self.profile.flows.utility_pay_proof == "total-amount-due":
            latest = max(account.bills, key=lambda bill: bill.bill_date, default=None)
            return f"{latest.amount if latest else account.balance:.2f}"
        return account.bill_pin

    def link_account(self, account: UtilityAccount) -> None:
        self.portal.link_accounts.open_from(MODULE).submit({"Account Number": account.account_number,
                                                            "PIN": self.proof(account)})
        assert self.linked(account), f'Account {account.account_number} is not listed under "{MODULE}" after linking.'

    def linked(self, account: UtilityAccount) -> bool:
        return self.portal.module.open(MODULE).lists(account.account_number)
