"""Steps about what a resident sees and clicks on any screen of the portal."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from portalcheck.pages import Screen, SignInPage
from portalcheck.profile import Profile

QUOTED = re.compile(r'"([^"]+)"')
KINDS = "heading|button|link|field|checkbox|text"


@pytest.fixture
def screen(page: Page, portal_profile: Profile) -> Screen:
    return Screen(page, portal_profile)


@given("the resident is on the sign-in page")
@when("the resident opens the sign-in page")
def open_sign_in(page: Page, portal_profile: Profile) -> None:
    SignInPage(page, portal_profile).open()


@given("the resident opens the city's website")
@when("the resident opens the city's website")
def open_city_website(screen: Screen, portal_profile: Profile) -> None:
    screen.go(portal_profile.urls.city_website)  # the city's own page, before the portal


@then("the portal opens")
def portal_opens(screen: Screen, portal_url: str) -> None:
    screen.expect_on_portal(portal_url)


@then("the portal's sign-in page opens")
def sign_in_opens(page: Page, portal_profile: Profile, portal_url: str) -> None:
    SignInPage(page, portal_profile).expect_reached_on(portal_url)


@when(parsers.re(r'the resident clicks "(?P<name>[^"]+)"$'))
def click(screen: Screen, name: str) -> None:
    screen.click(name)


@then(parsers.re(rf'the page shows the (?P<kind>{KINDS})s? (?P<names>".+")$'))
def shows(screen: Screen, kind: str, names: str) -> None:
    """E.g. `the page shows the fields "Email address" and "Password"`."""
    for name in QUOTED.findall(names):
        getattr(screen, f"expect_{kind}")(name)


@then(parsers.re(rf"the page shows these (?P<kind>{KINDS})s:$"))
def shows_table(screen: Screen, kind: str, datatable: list[list[str]]) -> None:
    for row in datatable:
        getattr(screen, f"expect_{kind}")(row[0])


@then(parsers.parse('the page shows the section "{heading}" saying "{text}"'))
def shows_section(screen: Screen, heading: str, text: str) -> None:
    screen.expect_heading(heading)
    screen.expect_text(text)
