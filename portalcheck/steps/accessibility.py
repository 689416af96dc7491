"""Steps for what automated accessibility rules cannot check: the keyboard alone, visible focus,
errors tied to their fields, and pages that reflow at 320 CSS pixels or 200% zoom."""

from __future__ import annotations

import dataclasses
import re

from pytest_bdd import given, parsers, then, when

from portalcheck.journeys import Journey
from portalcheck.pages.portal import Portal
from portalcheck.residents import Resident

QUOTED = re.compile(r'"([^"]+)"')


@given(parsers.parse("the browser window is {width:d} CSS pixels wide"))
def window_width(portal: Portal, width: int) -> None:
    """320 px is WCAG 1.4.10's narrow screen; 640 px is a 1280 px window zoomed to 200%."""
    portal.window.resize(width)


@when(parsers.parse('the resident presses Tab until "{name}" has the focus and presses Enter'))
def tab_and_enter(portal: Portal, name: str) -> None:
    with portal.keyboard_only():
        portal.screen.click(name)


@when("the resident signs up with the keyboard alone")
def sign_up_by_keyboard(portal: Portal, journey: Journey, resident: Resident) -> None:
    with portal.keyboard_only():
        journey.sign_up_here(resident)


@when("the resident verifies their address with the keyboard alone")
def verify_by_keyboard(portal: Portal, journey: Journey, resident: Resident) -> None:
    """Opening the e-mail's link happens in the mail program; what the portal then asks is keyed."""
    with portal.keyboard_only():
        journey.verify_address(resident)


@when("the resident signs in with the keyboard alone")
def sign_in_by_keyboard(portal: Portal, resident: Resident) -> None:
    with portal.keyboard_only():
        portal.sign_in.sign_in(resident.email, resident.password)


@when("the resident submits the sign-up form with an e-mail address without a domain and a short password")
def sign_up_wrongly(portal: Portal, journey: Journey, resident: Resident) -> None:
    # "name@city" passes the browser's own check of type=email, so the portal's errors show.
    local = resident.email.split("@")[0]
    wrongly = dataclasses.replace(resident, email=f"{local}@city", password="short")
    with portal.keyboard_only():
        journey.sign_up_here(wrongly)


@then("every control on the page can be reached with the Tab key")
def reachable(portal: Portal) -> None:
    portal.screen.walk_with_tab().require_reachable()


@then("every control on the page shows where the keyboard focus is")
def focus_visible(portal: Portal) -> None:
    portal.screen.walk_with_tab().require_visible_focus()


@then(parsers.re(r"the errors are announced and tied to the fields? (?P<labels>\".+\")$"))
def errors_tied(portal: Portal, labels: str) -> None:
    portal.screen.form_errors(*QUOTED.findall(labels)).require_announced_and_tied()


@then("the page fits the window without scrolling sideways")
def fits(portal: Portal) -> None:
    portal.screen.width().require_fits()
