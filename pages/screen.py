"""What every screen of a portal offers: its headings, buttons, links, fields and text.

Labels are given as the city guides print them; the profile translates them into the portal's
own wording, so page objects never branch on which portal they drive.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from portalcheck.profile import Profile


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
        self.control(name).first.click()

    def go(self, path: str) -> None:
        self.page.goto(path)

    def expect_heading(self, text: str) -> None:
        expect(self.heading(text)).to_be_visible()

    def expect_text(self, text: str) -> None:
        expect(self.text(text).first).to_be_visible()

    def expect_button(self, name: str) -> None:
        # Guides call anything that looks like a button a button; portals rightly make the
        # ones that navigate (e.g. "Sign in with Google") links.
        expect(self.control(name).first).to_be_visible()

    def expect_link(self, name: str) -> None:
        expect(self.link(name).first).to_be_visible()

    def expect_field(self, label: str) -> None:
        expect(self.field(label)).to_be_editable()

    def expect_checkbox(self, label: str) -> None:
        expect(self.checkbox(label)).to_be_visible()
