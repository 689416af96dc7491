"""The sign-up form, "Create an account" (flows A2)."""

from __future__ import annotations

from pages.screen import Screen
from portalcheck.residents import Resident

FIELDS = ("Email *", "Password *", "First name *", "Last name *")


class SignUpPage(Screen):
    def expect_shown(self) -> "SignUpPage":
        self.expect_heading("Create an account")
        return self

    def sign_up(self, resident: Resident) -> Screen:
        """Fill in the form and submit it; returns the page the portal answers with."""
        for label, value in zip(FIELDS, (resident.email, resident.password,
                                         resident.first_name, resident.last_name)):
            self.fill(label, value)
        self.press("Sign up")
        return Screen(self.page, self.profile)
