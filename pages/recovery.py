"""Signing in as a check sees it, and the recovery pages: "Forgot password?" and "Unlock account?".

Security checks need to know what the portal answered, not only that it answered: whether a
sign-in got through, with what status and words. Every form post waits for the navigation it
causes, so the answer read afterwards is the portal's reply to that post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page

from pages.home import WELCOME
from pages.screen import Screen
from pages.sign_in import SignInPage


@dataclass(frozen=True)
class Answer:
    """What a resident got back from a form: the HTTP status and the words on the page."""

    status: int
    text: str

    def without(self, email: str) -> str:
        """The words with the address typed in left out, to compare answers for two addresses."""
        return re.sub(r"\s+", " ", self.text.replace(email, "<email>")).strip()


def submit(screen: Screen, button: str) -> Answer:
    """Press a form's button and return the portal's answer to the post."""
    with screen.page.expect_navigation() as navigation:
        screen.press(button)
    response = navigation.value
    return Answer(status=response.status if response else 0, text=screen.page.locator("body").inner_text())


def attempt_sign_in(page: Page, profile, email: str, password: str) -> tuple[bool, Answer]:
    """Sign in from a fresh sign-in page; (whether the resident got in, the answer)."""
    screen = SignInPage(page, profile).open()
    screen.fill("Email address", email)
    screen.fill("Password", password)
    answer = submit(screen, "Sign in")
    return screen.heading(WELCOME).is_visible(), answer


class ForgotPasswordPage(Screen):
    """"Reset your password": asks for the address to send a reset link to."""

    def open(self) -> "ForgotPasswordPage":
        SignInPage(self.page, self.profile).open().click("Forgot password?")
        self.expect_field("Email address")
        return self

    def request(self, email: str) -> Answer:
        self.fill("Email address", email)
        return submit(self, "Send reset link")


class ResetPasswordPage(Screen):
    """Where an e-mailed reset link leads: a new password, twice, if the link is valid."""

    def follow(self, link: str) -> "ResetPasswordPage":
        self.page.goto(link)
        return self

    @property
    def offers_new_password(self) -> bool:
        return self.field("New password").count() > 0

    def set_password(self, password: str) -> bool:
        """Set `password` if the page offers it; False when the link led to no password form."""
        if not self.offers_new_password:
            return False
        self.fill("New password", password)
        self.fill("Confirm new password", password)
        submit(self, "Change password")
        return True


class UnlockAccountPage(Screen):
    """"Unlock your account": asks for the address of the locked account."""

    def open(self) -> "UnlockAccountPage":
        SignInPage(self.page, self.profile).open().click("Unlock account?")
        self.expect_field("Email address")
        return self

    def request(self, email: str) -> Answer:
        self.fill("Email address", email)
        return submit(self, "Send unlock link")

    def follow(self, link: str) -> None:
        """Open the e-mailed link and confirm, if the portal asks to ("Unlock account")."""
        self.page.goto(link)
        if self.button("Unlock account").count():
            submit(self, "Unlock account")
