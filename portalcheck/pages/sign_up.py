"""The sign-up form, "Create an account" (flows A2), and what a portal asks to verify the address."""

from __future__ import annotations

from playwright.sync_api import expect

from portalcheck.pages.screen import Screen
from portalcheck.residents import Resident

FIELDS = ("Email *", "Password *", "First name *", "Last name *")


class SignUpPage(Screen):
    def expect_shown(self) -> SignUpPage:
        self.expect_heading("Create an account")
        return self

    def enter(self, resident: Resident) -> None:
        for label, value in zip(FIELDS, (resident.email, resident.password,
                                         resident.first_name, resident.last_name), strict=False):
            self.fill(label, value)

    def sign_up(self, resident: Resident) -> Screen:
        """Fill in the form and submit it; returns the page the portal answers with."""
        self.enter(resident)
        self.press("Sign up")
        return Screen(self.page, self.profile)


class ConfirmEmailPage(Screen):
    """Where the verification link leads when the portal asks for a confirming press (and,
    in some portals, the password again) before it activates the account."""

    def confirm(self, password: str | None = None) -> None:
        if password is not None:
            self.fill("Password", password)
        self.press("CONFIRM EMAIL")


class EnterCodePage(Screen):
    """"Verify with your email": the code from the e-mail typed into the portal."""

    def open(self) -> EnterCodePage:
        """The code form: where sign-up left the resident, else at its own address."""
        if not self.field("Enter Code").count():
            self.go(self.profile.urls.verify_code)
        expect(self.field("Enter Code")).to_be_editable()
        return self

    def verify(self, email: str, code: str) -> None:
        address = self.field("Email address")
        if address.count() and address.is_editable() and address.input_value() != email:
            self.fill("Email address", email)
        self.fill("Enter Code", code)
        self.press("Verify")
