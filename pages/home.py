"""The Citizen Self Service home a resident lands on after signing in (flows A4)."""

from __future__ import annotations

from pages.screen import Screen

WELCOME = "Welcome to Citizen Self Service"


class HomePage(Screen):
    def expect_shown(self) -> "HomePage":
        self.expect_heading(WELCOME)
        return self

    def sign_out(self) -> None:
        self.click("Sign out")
