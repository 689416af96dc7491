"""Steps for what automated accessibility rules cannot check: the keyboard alone, visible focus,
errors tied to their fields, and pages that reflow at 320 CSS pixels or 200% zoom."""

from __future__ import annotations

import dataclasses
import re

from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from portalcheck.accessibility.keyboard import (
    check_errors_tied,
    check_keyboard_reach,
    check_reflow,
    check_visible_focus,
)
from portalcheck.journeys import Journey
from portalcheck.pages import Screen, SignInPage
from portalcheck.pages.hands import keyboard_only
from portalcheck.profile import Profile
from portalcheck.residents import Resident

QUOTED = re.compile(r'"([^"]+)"')


@given(parsers.parse("the browser window is {width:d} CSS pixels wide"))
def window_width(page: Page, width: int) -> None:
    """320 px is WCAG 1.4.10's narrow screen; 640 px is a 1280 px window zoomed to 200%."""
    page.set_viewport_size({"width": width, "height": 720})


@when(parsers.parse('the resident presses Tab until "{name}" has the focus and presses Enter'))
def tab_and_enter(page: Page, portal_profile: Profile, name: str) -> None:
    with keyboard_only(page):
        Screen(page, portal_profile).click(name)


@when("the resident signs up with the keyboard alone")
def sign_up_by_keyboard(page: Page, journey: Journey, resident: Resident) -> None:
    with keyboard_only(page):
        journey.sign_up_here(resident)


@when("the resident verifies their address with the keyboard alone")
def verify_by_keyboard(page: Page, journey: Journey, resident: Resident) -> None:
    """Opening the e-mail's link happens in the mail program; what the portal then asks is keyed."""
    with keyboard_only(page):
        journey.verify_address(resident)


@when("the resident signs in with the keyboard alone")
def sign_in_by_keyboard(page: Page, portal_profile: Profile, resident: Resident) -> None:
    with keyboard_only(page):
        SignInPage(page, portal_profile).sign_in(resident.email, resident.password)


@when("the resident submits the sign-up form with an e-mail address without a domain and a short password")
def sign_up_wrongly(page: Page, journey: Journey, resident: Resident) -> None:
    # "name@city" passes the browser's own check of type=email, so the portal's errors show.
    local = resident.email.split("@")[0]
    wrongly = dataclasses.replace(resident, email=f"{local}@city", password="short")
    with keyboard_only(page):
        journey.sign_up_here(wrongly)


@then("every control on the page can be reached with the Tab key")
def reachable(page: Page) -> None:
    check_keyboard_reach(page)


@then("every control on the page shows where the keyboard focus is")
def focus_visible(page: Page) -> None:
    check_visible_focus(page)


@then(parsers.re(r"the errors are announced and tied to the fields? (?P<labels>\".+\")$"))
def errors_tied(page: Page, portal_profile: Profile, labels: str) -> None:
    screen = Screen(page, portal_profile)
    check_errors_tied(page, {label: screen.field(label) for label in QUOTED.findall(labels)})


@then("the page fits the window without scrolling sideways")
def fits(page: Page) -> None:
    check_reflow(page)
