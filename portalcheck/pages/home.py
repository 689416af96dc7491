"""The Citizen Self Service home a resident lands on after signing in (flows A4)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import expect

from portalcheck.pages.screen import Screen

WELCOME = "Welcome to Citizen Self Service"
ACCOUNTS = "Utility Billing Accounts"
# The form a button belongs to, as the browser would submit it: its address and method.
FORM_OF = "b => b.form ? {action: b.form.action, method: b.form.method} : {action: '', method: ''}"


@dataclass(frozen=True)
class FormTarget:
    action: str  # "" when the button is in no form
    method: str


class HomePage(Screen):
    def open(self) -> HomePage:
        """The home page's address, as a resident's bookmark opens it (whatever it then shows)."""
        self.go(self.profile.urls.home)
        return self

    def expect_shown(self) -> HomePage:
        self.expect_heading(WELCOME)
        return self

    def expect_not_shown(self) -> None:
        self.expect_no_heading(WELCOME)

    def sign_out(self) -> None:
        self.click("Sign out")

    def sign_out_form(self) -> FormTarget | None:
        """What "Sign out" submits; None when it is not one button (a link, say, which a GET follows)."""
        button = self.button("Sign out")
        if button.count() != 1:
            return None
        found = button.evaluate(FORM_OF)
        return FormTarget(found["action"], found["method"].lower())

    def opens_for_resident(self) -> bool:
        """Whether the browser holds a signed-in session, read from state, not from a landing page.

        Opens the home page's address: a signed-in resident gets the welcome screen, anyone else
        the sign-in form. One of the two must show (the positive control), so a page that shows
        neither, an error page say, is never taken for "not signed in".
        """
        self.open()
        welcome = self.heading(WELCOME)
        sign_in_form = self.field("Email address")
        expect(welcome.or_(sign_in_form).first,
               f"{self.page.url} shows neither the welcome screen nor the sign-in form").to_be_visible()
        return welcome.is_visible()

    def expect_accounts(self, numbers: list[str]) -> None:
        """The welcome page lists these account numbers under "Utility Billing Accounts"."""
        self.expect_shown()
        self.expect_heading(ACCOUNTS)
        for number in numbers:
            self.expect_text(number)

    def expect_no_accounts(self) -> None:
        self.expect_shown()
        self.expect_no_heading(ACCOUNTS)
