"""The sign-up form, "Create an account" (flows A2), and what a portal asks to verify the address."""

from __future__ import annotations

from playwright.sync_api import Response, expect

from portalcheck.pages.screen import Screen
from portalcheck.residents import Resident

FIELDS = ("Email *", "Password *", "First name *", "Last name *")


def registration_values(resident: Resident) -> dict[str, str]:
    """What a resident types into a registration form, by its documented labels."""
    return dict(zip(FIELDS, (resident.email, resident.password, resident.first_name, resident.last_name), strict=True))


class RegistrationForm(Screen):
    """A family's registration form: e-mail, password, first and last name."""

    def expect_shown(self) -> RegistrationForm:
        raise NotImplementedError

    def enter(self, resident: Resident) -> None:
        for label, value in registration_values(resident).items():
            self.fill(label, value)


class SignUpPage(RegistrationForm):
    """"Create an account" (Community Access)."""

    def expect_shown(self) -> SignUpPage:
        self.expect_heading("Create an account")
        return self

    def sign_up(self, resident: Resident) -> Screen:
        """Fill in the form and submit it; returns the page the portal answers with."""
        self.enter(resident)
        self.press("Sign up")
        return Screen(self.page, self.profile)


class ConfirmEmailPage(Screen):
    """Where the verification link leads when the portal asks for a confirming press (and,
    in some portals, the password again) before it activates the account."""

    def confirm(self, password: str | None = None) -> Response | None:
        """Press "CONFIRM EMAIL" (after the password, where asked); the portal's answer."""
        if password is not None:
            self.fill("Password", password)
        return self.press_and_wait("CONFIRM EMAIL")


class EnterCodePage(Screen):
    """"Verify with your email": the code from the e-mail typed into the portal."""

    def open(self) -> EnterCodePage:
        """The code form: where sign-up left the resident, else at its own address."""
        if not self.has_field("Enter Code"):
            self.go(self.profile.urls.verify_code)
        expect(self.field("Enter Code")).to_be_editable()
        return self

    def verify(self, email: str, code: str) -> Response | None:
        """Type the code (and the address, where the form does not hold it already); the portal's answer."""
        address = self.field("Email address")
        if address.count() and address.is_editable() and address.input_value() != email:
            self.fill("Email address", email)
        self.fill("Enter Code", code)
        return self.press_and_wait("Verify")
