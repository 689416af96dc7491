"""The sign-in page (flows A1): e-mail and password, social providers, recovery links."""

from __future__ import annotations

from playwright.sync_api import expect

from pages.screen import Screen

HEADING = "Sign in to community access services."


class SignInPage(Screen):
    def open(self) -> "SignInPage":
        self.go(self.profile.urls.sign_in)
        self.expect_heading(HEADING)
        return self

    def sign_in(self, email: str, password: str, *, remember: bool = False) -> None:
        self.fill("Email address", email)
        self.fill("Password", password)
        if remember:  # some portals (Citizen Access) have no "Remember me"; unticked is the default
            self.checkbox("Remember me").check()
        self.press("Sign in")

    def go_to_sign_up(self):
        from pages.sign_up import SignUpPage

        self.click("Sign up")
        return SignUpPage(self.page, self.profile).expect_shown()

    def expect_refused(self) -> None:
        """Still on the sign-in form, with an error announced to assistive technology."""
        expect(self.page.get_by_role("alert").first).to_be_visible()
        expect(self.field("Password")).to_be_visible()
        expect(self.heading("Welcome to Citizen Self Service")).to_have_count(0)
