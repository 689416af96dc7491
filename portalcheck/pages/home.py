"""The Citizen Self Service home a resident lands on after signing in (flows A4)."""

from __future__ import annotations

from playwright.sync_api import expect

from portalcheck.pages.screen import Screen

WELCOME = "Welcome to Citizen Self Service"


class HomePage(Screen):
    def expect_shown(self) -> HomePage:
        self.expect_heading(WELCOME)
        return self

    def sign_out(self) -> None:
        self.click("Sign out")

    def opens_for_resident(self) -> bool:
        """Whether the browser holds a signed-in session, read from state, not from a landing page.

        Opens the home page's address: a signed-in resident gets the welcome screen, anyone else
        the sign-in form. One of the two must show (the positive control), so a page that shows
        neither, an error page say, is never taken for "not signed in".
        """
        self.go(self.profile.urls.home)
        welcome = self.heading(WELCOME)
        sign_in_form = self.field("Email address")
        expect(welcome.or_(sign_in_form).first,
               f"{self.page.url} shows neither the welcome screen nor the sign-in form").to_be_visible()
        return welcome.is_visible()
