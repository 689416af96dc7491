"""The sign-in page (flows A1): e-mail and password, social providers, recovery links.

Portals sign in on one page (the guides) or in two (e-mail, "Next", then the password); the
profile's `flows.sign_in` says which, and this page object follows it.
"""

from __future__ import annotations

from playwright.sync_api import expect

from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_up import SignUpPage

HEADING = "Sign in to community access services."


class SignInPage(Screen):
    def open(self) -> SignInPage:
        self.go(self.profile.urls.sign_in)
        self.expect_shown()
        return self

    def expect_shown(self) -> SignInPage:
        """The sign-in form: its address field (every family and flow has one)."""
        expect(self.field("Email address")).to_be_editable()
        return self

    def expect_reached_on(self, portal_url: str) -> SignInPage:
        """The sign-in form, on the portal's own origin: where the city's website must lead."""
        self.expect_on_portal(portal_url)
        return self.expect_shown()

    def sign_in(self, email: str, password: str, *, remember: bool = False) -> None:
        self.enter(email, password, remember=remember)
        self.press("Sign in")

    def to_password(self, email: str) -> SignInPage:
        """On to the password field: there at once on one page; in two steps, after the address and "Next"."""
        self.fill("Email address", email)
        if self.profile.flows.sign_in == "two-step":
            self.press("Next")
        self.expect_field("Password")
        return self

    def enter(self, email: str, password: str, *, remember: bool = False) -> None:
        """Fill in the form up to its last button."""
        self.to_password(email)
        self.fill("Password", password)
        if remember:  # some portals (Citizen Access) have no "Remember me"; unticked is the default
            self.tick("Remember me")

    def go_to_sign_up(self) -> SignUpPage:
        self.click("Sign up")
        return SignUpPage(self.page, self.profile).expect_shown()
