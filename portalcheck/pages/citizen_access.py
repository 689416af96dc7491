"""Citizen Access screens (flows.md B): New User Registration, its dialogs, and "Link Account..."."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_up import FIELDS
from portalcheck.residents import Resident

CONFIRMED = (
    "Your email address has been confirmed and your account will be enabled following a valid log in.",
    "Once your account is enabled you will need to log in a second time to begin using the system.",
)


class Dialog(Screen):
    """A confirmation box: a dialog or alertdialog, found by role, holding `text`."""

    def box(self, text: str) -> Locator:
        return (self.page.get_by_role("alertdialog").or_(self.page.get_by_role("dialog"))
                .filter(has_text=self.says(text)))

    def expect_saying(self, text: str) -> Dialog:
        expect(self.box(text).first).to_be_visible()
        return self


class NewUserRegistrationPage(Screen):
    """"New User Registration": e-mail, password, first and last name, "submit"."""

    def expect_shown(self) -> NewUserRegistrationPage:
        self.expect_heading("New User Registration")
        return self

    def expect_fields(self) -> None:
        for label in FIELDS:
            self.expect_field(label)

    def enter(self, resident: Resident) -> None:
        for label, value in zip(FIELDS, (resident.email, resident.password,
                                         resident.first_name, resident.last_name), strict=False):
            self.fill(label, value)

    def register(self, resident: Resident) -> Dialog:
        """Fill in and submit the form; returns the confirmation that the e-mail was sent."""
        self.enter(resident)
        self.press("submit")
        return Dialog(self.page, self.profile).expect_saying("Registration E-mail")


class LinkAccountsDialog(Screen):
    """"add accounts": the form that links accounts under Permits or Utility Pay."""

    def expect_shown(self, *labels: str) -> LinkAccountsDialog:
        for label in labels:
            self.expect_field(label)
        return self

    def submit(self, values: dict[str, str]) -> None:
        for label, value in values.items():
            self.fill(label, value)
        self.press("submit")

    def expect_refused(self) -> None:
        """Still on the form, with one error announced, and no confirmation box."""
        expect(self.page.get_by_role("alert").first).to_be_visible()
        expect(self.text("Your account is now linked")).to_have_count(0)


def open_link_accounts(screen: Screen, module: str) -> LinkAccountsDialog:
    """From anywhere signed in: the module ("Permits", "Utility Pay"), "Link Account...", "add accounts"."""
    for name in (module, "Link Account...", "add accounts"):
        screen.click(name)
    return LinkAccountsDialog(screen.page, screen.profile)
