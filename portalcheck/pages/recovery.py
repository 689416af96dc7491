"""Signing in as a check sees it, and the recovery pages: "Forgot password?" and "Unlock account?".

Security checks need to know what the portal answered, not only that it answered: whether a
sign-in got through, with what status and words. Every form post waits for the navigation it
causes, so the answer read afterwards is the portal's reply to that post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Self

from playwright.sync_api import Page

from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage


@dataclass(frozen=True)
class Answer:
    """What a resident got back from a form: the HTTP status and the words on the page."""

    status: int
    text: str
    # The page's main heading: what a resident reads first, e.g. "Account activated".
    heading: str = ""

    def without(self, email: str) -> str:
        """The words with the address typed in left out, to compare answers for two addresses."""
        return re.sub(r"\s+", " ", self.text.replace(email, "<email>")).strip()


def submit(screen: Screen, button: str) -> Answer:
    """Press a form's button and return the portal's answer to the post."""
    response = screen.press_and_wait(button)
    return answer_on(screen.page, response.status if response else 0)


def answer_on(page: Page, status: int) -> Answer:
    """The page now shown, read as the portal's answer."""
    heading = page.get_by_role("heading", level=1)
    return Answer(status=status, text=page.locator("body").inner_text(),
                  heading=" ".join(heading.first.inner_text().split()) if heading.count() else "")


class AddressRequestPage(Screen):
    """A page reached from the sign-in page's `LINK` that asks for an address to e-mail a link to."""

    LINK = BUTTON = ""

    def open(self) -> Self:
        SignInPage(self.page, self.profile).open().click(self.LINK)
        self.expect_field("Email address")
        return self

    def request(self, email: str) -> Answer:
        self.fill("Email address", email)
        return submit(self, self.BUTTON)


class ForgotPasswordPage(AddressRequestPage):
    """"Reset your password": asks for the address to send a reset link to."""

    LINK, BUTTON = "Forgot password?", "Send reset link"


class ResetPasswordPage(Screen):
    """Where an e-mailed reset link leads: a new password, twice, if the link is valid."""

    def follow(self, link: str) -> ResetPasswordPage:
        self.go(link)
        return self

    @property
    def offers_new_password(self) -> bool:
        return self.field("New password").count() > 0

    def set_password(self, password: str) -> bool:
        """Set `password` if the page offers it; False when the link led to no password form."""
        if not self.offers_new_password:
            return False
        self.fill("New password", password)
        if self.profile.flows.reset_confirm_field:
            self.fill("Confirm new password", password)
        submit(self, "Change password")
        return True


class UnlockAccountPage(AddressRequestPage):
    """"Unlock your account": asks for the address of the locked account."""

    LINK, BUTTON = "Unlock account?", "Send unlock link"

    def follow(self, link: str) -> None:
        """Open the e-mailed link and confirm, if the portal asks to ("Unlock account")."""
        self.go(link)
        if self.has_button("Unlock account"):
            submit(self, "Unlock account")
