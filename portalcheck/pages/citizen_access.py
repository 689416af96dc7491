"""Citizen Access screens (flows.md B): New User Registration, its dialogs, "Link Account...", and
the modules ("Permits", "Utility Pay") that list the linked accounts."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_up import FIELDS, RegistrationForm
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


class NewUserRegistrationPage(RegistrationForm):
    """"New User Registration": e-mail, password, first and last name, "submit"."""

    def expect_shown(self) -> NewUserRegistrationPage:
        self.expect_heading("New User Registration")
        return self

    def expect_fields(self) -> None:
        for label in FIELDS:
            self.expect_field(label)

    def register(self, resident: Resident) -> Dialog:
        """Fill in and submit the form; returns the confirmation that the e-mail was sent."""
        self.enter(resident)
        self.press("submit")
        return Dialog(self.page, self.profile).expect_saying("Registration E-mail")


class AddressConfirmedPage(Screen):
    """Where the Registration E-mail's link leads (B5): the address confirmed, and the account
    enabled by the next login."""

    def expect_shown(self) -> AddressConfirmedPage:
        for sentence in CONFIRMED:
            self.expect_text(sentence)
        return self

    def expect_not_confirmed_again(self) -> None:
        """The portal answered with a page (the positive control), which does not confirm the address."""
        self._expect_visible(self.page.get_by_role("heading").first, "The portal's answer")
        self.expect_no_text(CONFIRMED[0])


class LinkAccountsDialog(Screen):
    """"add accounts": the form that links accounts under Permits or Utility Pay."""

    def open_from(self, module: str) -> LinkAccountsDialog:
        """From anywhere signed in: the module ("Permits", "Utility Pay"), "Link Account...", "add accounts"."""
        for name in (module, "Link Account...", "add accounts"):
            self.click(name)
        return self

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


class ModulePage(Screen):
    """A module of Citizen Access ("Permits", "Utility Pay"): the accounts linked under it, in a table."""

    def open(self, module: str) -> ModulePage:
        """The module from the main navigation; its heading is the positive control for what it lists."""
        self.click(module)
        self.expect_heading(module)
        return self

    def account(self, number: str) -> Locator:
        return self.page.get_by_role("cell", name=number, exact=True)

    def lists(self, number: str) -> bool:
        return self.account(number).count() > 0

    def expect_listing(self, number: str, *, listed: bool) -> None:
        if listed:
            self._expect_visible(self.account(number), f"Account {number} is listed")
        else:
            expect(self.account(number)).to_have_count(0)
