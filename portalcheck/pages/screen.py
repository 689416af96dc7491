"""What every screen of a portal offers: its headings, buttons, links, fields and text.

Labels are given as the city guides print them; the profile translates them into the portal's
own wording, so page objects never branch on which portal they drive.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from portalcheck import evidence
from portalcheck.accessibility.keyboard import (
    FormErrors,
    PageWidth,
    TabWalk,
    errors_of,
    focused_name,
    has_focus,
    walk_with_tab,
    width_of,
)
from portalcheck.pages.hands import uses_keyboard
from portalcheck.profile import Profile

# Enough presses to go round any portal page; a control not reached by then is unreachable.
MAX_TABS = 80
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: str) -> str:
    """An address's scheme, host and port ("https://portal.example.gov:443"): what makes two
    addresses the same site, whether or not they spell out the default port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or DEFAULT_PORTS.get(parts.scheme, '')}"


class Screen:
    """Any page of the portal, seen as a resident sees it."""

    def __init__(self, page: Page, profile: Profile):
        self.page = page
        self.profile = profile

    def says(self, label: str) -> str:
        return self.profile.says(label)

    # Finding things by role and visible label -------------------------------------------------

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

    def radio(self, label: str) -> Locator:
        return self.page.get_by_role("radio", name=self.says(label), exact=True)

    def text(self, text: str) -> Locator:
        # Not exact: guide text often shares an element with a link ("Don't have an account? Sign up").
        return self.page.get_by_text(self.says(text))

    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def row(self, key: str, within: Locator | None = None) -> Locator:
        """The table row with a cell that reads `key` (a bill or account number, a month)."""
        return (within or self.page).get_by_role("row").filter(
            has=self.page.get_by_role("cell", name=key, exact=True))

    def control(self, name: str) -> Locator:
        """A link or a button: residents "click" both, and portals use either."""
        return self.link(name).or_(self.button(name))

    # What the page holds, for checks to decide on ---------------------------------------------

    @property
    def address(self) -> str:
        """The address the browser shows."""
        return self.page.url

    def has_heading(self, text: str) -> bool:
        return self.heading(text).count() > 0

    def has_button(self, name: str) -> bool:
        return self.button(name).count() > 0

    def has_field(self, label: str) -> bool:
        return self.field(label).count() > 0

    def main_text(self) -> str:
        """What the page's main content says, as a resident reads it."""
        return self.main().inner_text()

    def markup(self) -> str:
        """The page's whole HTML, hidden parts included."""
        return self.page.content()

    # Acting as the resident -------------------------------------------------------------------

    def go(self, address: str) -> None:
        """Open an address (a path of the portal, or a whole URL), waiting for its page to load."""
        self.page.goto(address)

    def click(self, name: str) -> None:
        """Click a link or button, as the resident would."""
        self._operate(self.control(name).first, f'"{self.says(name)}"')

    def click_and_wait(self, name: str) -> Response | None:
        """Click a link or button and wait for the page it opens, so nothing reads the page before it."""
        return self._operate(self.control(name).first, f'"{self.says(name)}"', wait=True)

    def press(self, name: str) -> None:
        """Press a button (not a link), e.g. a form's submit button."""
        self._operate(self.button(name), f'"{self.says(name)}"')

    def press_and_wait(self, name: str) -> Response | None:
        """Press a form's button and wait for the portal's answer page, so nothing reads the page
        before it has come; the answer's response, for its status."""
        return self._operate(self.button(name), f'"{self.says(name)}"', wait=True)

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

    def choose(self, label: str) -> None:
        """Choose a radio button, e.g. "Checking" or "Credit or debit card"."""
        target = self.radio(label)
        target.check()
        self._looked_at(target, f'Choose "{self.says(label)}"')

    def _operate(self, target: Locator, name: str, *, wait: bool = False) -> Response | None:
        """Click a control; a keyboard-only resident tabs to it and presses Enter instead. With
        `wait` (always, with the keyboard: Enter on a link or a form's button loads a page), wait
        for the page it opens and return its response."""
        keyboard = uses_keyboard(self.page)
        self._acting_on(target, f"Tab to {name} and press Enter" if keyboard else f"Click {name}")
        if keyboard:
            self.tab_to(target, name)
        if not (wait or keyboard):
            target.click()
            return None
        with self.page.expect_navigation() as navigation:
            if keyboard:
                self.page.keyboard.press("Enter")
            else:
                target.click()
        return navigation.value

    def tab_to(self, target: Locator, description: str) -> None:
        """Press Tab until `target` has the focus; fail naming it if it never does."""
        trail: list[str] = []
        for _ in range(MAX_TABS):
            if target.count() == 1 and has_focus(target):
                return
            self.page.keyboard.press("Tab")
            trail.append(focused_name(self.page))
        raise AssertionError(f"{description} never gets the keyboard focus on {self.page.url} "
                             f"after {MAX_TABS} presses of Tab; focus went to: {', '.join(trail[:12])}...")

    def _acting_on(self, target: Locator, description: str) -> None:
        if recorder := evidence.current():
            recorder.acting_on(self.page, target, description)

    def _looked_at(self, target: Locator, description: str) -> None:
        if recorder := evidence.current():
            recorder.looked_at(self.page, target, description)

    # What the resident sees -------------------------------------------------------------------

    def expect_on_portal(self, portal_url: str) -> None:
        """The browser shows a page of the portal's own origin that the portal serves (not an error)."""
        try:
            self.page.wait_for_url(lambda url: origin(url) == origin(portal_url), wait_until="commit")
        except PlaywrightTimeoutError:
            raise AssertionError(f"The browser is at {self.page.url}, not on the portal at {portal_url}.") from None
        # What the address answers now: a missing or failing page is not "the portal opens".
        status = self.page.request.get(self.page.url).status
        assert status < 400, f"{self.page.url} answers HTTP {status}: the link does not lead into the portal."

    def expect_heading(self, text: str) -> None:
        self._expect_visible(self.heading(text), f'The heading "{self.says(text)}"')

    def expect_no_heading(self, text: str) -> None:
        expect(self.heading(text)).to_have_count(0)

    def expect_text(self, text: str) -> None:
        self._expect_visible(self.text(text).first, f'The text "{self.says(text)}"')

    def expect_no_text(self, text: str) -> None:
        expect(self.text(text)).to_have_count(0)

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

    # What a keyboard user and a narrow window meet (portalcheck/accessibility/keyboard.py decides)

    def walk_with_tab(self) -> TabWalk:
        """Press Tab around the whole page, noting where the focus goes and how it looks."""
        return walk_with_tab(self.page)

    def form_errors(self, *labels: str) -> FormErrors:
        """How the form's errors, and those of these fields, are told to a resident."""
        return errors_of(self.page, {label: self.field(label) for label in labels})

    def width(self) -> PageWidth:
        return width_of(self.page)
