"""What every screen of a portal offers: its headings, buttons, links, fields and text.

Labels are given as the city guides print them; the profile translates them into the portal's
own wording, so page objects never branch on which portal they drive.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from portalcheck import evidence
from portalcheck.pages.hands import uses_keyboard
from portalcheck.profile import Profile

# Enough presses to go round any portal page; a control not reached by then is unreachable.
MAX_TABS = 80
FOCUSED = "el => el === document.activeElement"
NAME_OF_FOCUS = """() => { const el = document.activeElement;
  return el && el !== document.body ? `${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id).trim()}"` : 'the page'; }"""


class Screen:
    """Any page of the portal, seen as a resident sees it."""

    def __init__(self, page: Page, profile: Profile):
        self.page = page
        self.profile = profile

    def says(self, label: str) -> str:
        return self.profile.says(label)

    def heading(self, text: str) -> Locator:
        return self.page.get_by_role("heading", name=self.says(text), exact=True)

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=self.says(name), exact=True)

    def link(self, name: str) -> Locator:
        return self.page.get_by_role("link", name=self.says(name), exact=True)

    def field(self, label: str) -> Locator:
        return self.page.get_by_label(self.says(label), exact=True)

    def checkbox(self, label: str) -> Locator:
        return self.page.get_by_role("checkbox", name=self.says(label), exact=True)

    def text(self, text: str) -> Locator:
        # Not exact: guide text often shares an element with a link ("Don't have an account? Sign up").
        return self.page.get_by_text(self.says(text))

    def control(self, name: str) -> Locator:
        """A link or a button: residents "click" both, and portals use either."""
        return self.link(name).or_(self.button(name))

    def click(self, name: str) -> None:
        """Click a link or button, as the resident would."""
        self._operate(self.control(name).first, f'"{self.says(name)}"')

    def press(self, name: str) -> None:
        """Press a button (not a link), e.g. a form's submit button."""
        self._operate(self.button(name), f'"{self.says(name)}"')

    def press_and_wait(self, name: str) -> None:
        """Press a form's button and wait for the portal's answer page, so nothing reads the page
        before it has come."""
        if uses_keyboard(self.page):
            self.press(name)  # Enter on the button already waits for the page it loads
            return
        with self.page.expect_navigation():
            self.press(name)

    def fill(self, label: str, value: str) -> None:
        target = self.field(label)
        if uses_keyboard(self.page):
            self.tab_to(target, f'The field "{self.says(label)}"')
            self.page.keyboard.press("ControlOrMeta+A")
            self.page.keyboard.type(value)
        else:
            target.fill(value)
        self._looked_at(target, f'Fill in "{self.says(label)}"')

    def tick(self, label: str, ticked: bool = True) -> None:
        """Tick (or untick) a checkbox."""
        target = self.checkbox(label)
        if not uses_keyboard(self.page):
            target.set_checked(ticked)
        elif target.is_checked() != ticked:
            self.tab_to(target, f'The checkbox "{self.says(label)}"')
            self.page.keyboard.press("Space")

    def _operate(self, target: Locator, name: str) -> None:
        """Click a control; a keyboard-only resident tabs to it and presses Enter instead."""
        if uses_keyboard(self.page):
            self._acting_on(target, f"Tab to {name} and press Enter")
            self.tab_to(target, name)
            with self.page.expect_navigation():  # Enter on a link or a form's button loads a page
                self.page.keyboard.press("Enter")
        else:
            self._acting_on(target, f"Click {name}")
            target.click()

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

    def _acting_on(self, target: Locator, description: str) -> None:
        if recorder := evidence.current():
            recorder.acting_on(self.page, target, description)

    def _looked_at(self, target: Locator, description: str) -> None:
        if recorder := evidence.current():
            recorder.looked_at(self.page, target, description)

    def go(self, path: str) -> None:
        self.page.goto(path)

    def expect_on_portal(self, portal_url: str) -> None:
        """The browser shows a page of the portal's own origin that the portal serves (not an error)."""
        origin = "/".join(portal_url.split("/", 3)[:3])
        expect(self.page).to_have_url(re.compile("^" + re.escape(origin) + "(/|$)"))
        # What the address answers now: a missing or failing page is not "the portal opens".
        status = self.page.request.get(self.page.url).status
        assert status < 400, f"{self.page.url} answers HTTP {status}: the link does not lead into the portal."

    def expect_heading(self, text: str) -> None:
        self._expect_visible(self.heading(text), f'The heading "{self.says(text)}"')

    def expect_text(self, text: str) -> None:
        self._expect_visible(self.text(text).first, f'The text "{self.says(text)}"')

    def _expect_visible(self, target: Locator, description: str) -> None:
        expect(target).to_be_visible()
        self._looked_at(target, description)

    def expect_button(self, name: str) -> None:
        # Guides call anything that looks like a button a button; portals rightly make the
        # ones that navigate (e.g. "Sign in with Google") links.
        self._expect_visible(self.control(name).first, f'The button "{self.says(name)}"')

    def expect_link(self, name: str) -> None:
        self._expect_visible(self.link(name).first, f'The link "{self.says(name)}"')

    def expect_field(self, label: str) -> None:
        expect(self.field(label)).to_be_editable()
        self._looked_at(self.field(label), f'The field "{self.says(label)}"')

    def expect_checkbox(self, label: str) -> None:
        self._expect_visible(self.checkbox(label), f'The checkbox "{self.says(label)}"')
