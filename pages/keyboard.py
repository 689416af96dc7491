"""A resident who uses only the keyboard: Tab to a control, type, Enter or Space; never a click."""

from __future__ import annotations

from playwright.sync_api import Locator

from pages.screen import Screen
from pages.sign_up import FIELDS as SIGN_UP_FIELDS
from portalcheck.residents import Resident

# Enough presses to go round any portal page; a control not reached by then is unreachable.
MAX_TABS = 80
FOCUSED = "el => el === document.activeElement"
NAME_OF_FOCUS = """() => { const el = document.activeElement;
  return el && el !== document.body ? `${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id).trim()}"` : 'the page'; }"""


class KeyboardResident(Screen):
    """Any screen, driven with the keyboard alone."""

    def tab_to(self, target: Locator, description: str) -> None:
        """Press Tab until `target` has the focus; fail naming it if it never does."""
        trail: list[str] = []
        for _ in range(MAX_TABS):
            if target.count() == 1 and target.evaluate(FOCUSED):
                return
            self.page.keyboard.press("Tab")
            trail.append(self.page.evaluate(NAME_OF_FOCUS))
        raise AssertionError(f"{description} never gets the keyboard focus on {self.page.url} "
                             f"after {MAX_TABS} presses of Tab; focus went to: {', '.join(trail[:12])}...")

    def activate(self, name: str) -> None:
        """Tab to a link or button by its name and press Enter."""
        self._acting_on(self.control(name).first, f'Tab to "{self.says(name)}" and press Enter')
        self.tab_to(self.control(name).first, f'"{self.says(name)}"')
        self._press_enter_and_wait()

    def type_into(self, label: str, value: str) -> None:
        self.tab_to(self.field(label), f'The field "{self.says(label)}"')
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(value)

    def tick(self, label: str) -> None:
        self.tab_to(self.checkbox(label), f'The checkbox "{self.says(label)}"')
        self.page.keyboard.press("Space")

    def submit_with(self, button: str) -> None:
        """Tab to the form's button and press Enter."""
        self.tab_to(self.button(button), f'The button "{self.says(button)}"')
        self._press_enter_and_wait()

    def _press_enter_and_wait(self) -> None:
        """Enter on a link or a form's button loads the next page; the step ends once it has."""
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def sign_up(self, resident: Resident) -> None:
        self.fill_sign_up(resident.email, resident.password, resident.first_name, resident.last_name)

    def fill_sign_up(self, *values: str) -> None:
        for label, value in zip(SIGN_UP_FIELDS, values):
            self.type_into(label, value)
        self.submit_with("Sign up")

    def sign_in(self, email: str, password: str) -> None:
        self.type_into("Email address", email)
        self.type_into("Password", password)
        self.submit_with("Sign in")
