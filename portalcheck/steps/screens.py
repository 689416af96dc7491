"""Steps about what a resident sees and clicks on any screen of the portal."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from portalcheck.pages.portal import Portal

QUOTED = re.compile(r'"([^"]+)"')
KINDS = "heading|button|link|field|checkbox|text"


@given("the resident is on the sign-in page")
@when("the resident opens the sign-in page")
def open_sign_in(portal: Portal) -> None:
    portal.sign_in.open()


@given("the resident opens the city's website")
@when("the resident opens the city's website")
def open_city_website(portal: Portal) -> None:
    portal.screen.go(portal.profile.urls.city_website)  # the city's own page, before the portal


@then("the portal opens")
def portal_opens(portal: Portal) -> None:
    portal.screen.expect_on_portal(portal.url)


@then("the portal's sign-in page opens")
def sign_in_opens(portal: Portal) -> None:
    portal.sign_in.expect_reached_on(portal.url)


@when(parsers.re(r'the resident clicks "(?P<name>[^"]+)"$'))
def click(portal: Portal, name: str) -> None:
    portal.screen.click(name)


@then(parsers.re(rf'the page shows the (?P<kind>{KINDS})s? (?P<names>".+")$'))
def shows(portal: Portal, kind: str, names: str) -> None:
    """E.g. `the page shows the fields "Email address" and "Password"`."""
    for name in QUOTED.findall(names):
        getattr(portal.screen, f"expect_{kind}")(name)


@then(parsers.re(rf"the page shows these (?P<kind>{KINDS})s:$"))
def shows_table(portal: Portal, kind: str, datatable: list[list[str]]) -> None:
    for row in datatable:
        getattr(portal.screen, f"expect_{kind}")(row[0])


@then(parsers.parse('the page shows the section "{heading}" saying "{text}"'))
def shows_section(portal: Portal, heading: str, text: str) -> None:
    portal.screen.expect_heading(heading)
    portal.screen.expect_text(text)
