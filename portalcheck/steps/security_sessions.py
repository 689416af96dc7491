"""Steps of the session checks: the session cookie's flags, rotation, sign-out and expiry.

Which cookie holds the session is found from outside, as an attacker would: a cookie is a
session cookie when the resident's home page no longer opens without it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import Page, Response
from pytest_bdd import given, then, when

from portalcheck.clock import PortalClock
from portalcheck.journeys import Journey
from portalcheck.pages import HomePage, SignInPage
from portalcheck.pages.home import WELCOME
from portalcheck.pages.sign_in import HEADING as SIGN_IN_HEADING
from portalcheck.profile import Profile
from portalcheck.requirements import require
from portalcheck.residents import Resident

REMEMBER_ME_CEILING = 30 * 24 * 60 * 60  # NIST SP 800-63B-4 2.1.3
SLACK = 120  # seconds: the time a scenario itself takes between sign-in and the check


@dataclass(frozen=True)
class SetCookie:
    """One Set-Cookie header as the portal sent it: the name and its attributes, lower-cased."""

    name: str
    attributes: dict[str, str]

    @classmethod
    def parse(cls, header: str) -> SetCookie:
        first, *rest = header.split(";")
        attributes = {}
        for part in rest:
            key, _, value = part.strip().partition("=")
            attributes[key.lower()] = value.strip()
        return cls(first.partition("=")[0].strip(), attributes)


def portal_cookies(page: Page, portal_url: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in page.context.cookies(portal_url)}


def opens_home(portal_url: str, profile: Profile, cookies: dict[str, str]) -> bool:
    """Whether the resident's home page opens with these cookies (not redirected to sign-in)."""
    with httpx.Client(base_url=portal_url, cookies=cookies, follow_redirects=True, timeout=30) as client:
        response = client.get(profile.urls.home)
    return response.status_code == 200 and response.url.path == httpx.URL(portal_url + profile.urls.home).path


def session_cookie_names(page: Page, portal_url: str, profile: Profile) -> list[str]:
    """The cookies without which the signed-in resident's home page does not open."""
    cookies = portal_cookies(page, portal_url)
    require(opens_home(portal_url, profile, cookies), "ASVS V3.3.4",
            f"the resident's cookies ({', '.join(cookies) or 'none'}) do not open {profile.urls.home}")
    names = [n for n in cookies if not opens_home(portal_url, profile, {k: v for k, v in cookies.items() if k != n})]
    require(names, "ASVS V3.3.4", "no single cookie carries the session: the home page opens without each one")
    return names


@pytest.fixture
def watch_set_cookies(page: Page, portal_url: str) -> Callable[[Callable[[], None]], list[SetCookie]]:
    """Run an action in the browser and return every Set-Cookie header the portal sent meanwhile."""
    def watching(action: Callable[[], None]) -> list[SetCookie]:
        responses: list[Response] = []

        def keep(response: Response) -> None:  # Playwright needs a Python function, not a bound builtin
            responses.append(response)

        page.on("response", keep)
        try:
            action()
        finally:
            page.remove_listener("response", keep)
        return [SetCookie.parse(value) for r in responses if r.url.startswith(portal_url)
                for name, value in ((h["name"], h["value"]) for h in r.headers_array())
                if name.lower() == "set-cookie"]
    return watching


def time_passes(portal_clock: PortalClock | None, seconds: int) -> None:
    """Move the portal's clock; a portal whose clock cannot be moved cannot be checked without a long wait."""
    if portal_clock is None:
        pytest.skip("not applicable: the portal's clock cannot be moved (only the bundled reference "
                    "portal's can), and waiting out a session lifetime is too long for a check")
    portal_clock.advance(seconds)


# Signing in ------------------------------------------------------------------------------------

@when("the resident signs in, and the cookies the portal sets are noted", target_fixture="set_cookies")
def sign_in_watching(page: Page, portal_profile: Profile, resident: Resident,
                     watch_set_cookies: Callable) -> list[SetCookie]:
    def sign_in() -> None:
        SignInPage(page, portal_profile).open().sign_in(resident.email, resident.password)
        HomePage(page, portal_profile).expect_shown()
    return watch_set_cookies(sign_in)


@when('the resident signs in with "Remember me" ticked')
def sign_in_remembered(page: Page, portal_profile: Profile, resident: Resident) -> None:
    SignInPage(page, portal_profile).open().sign_in(resident.email, resident.password, remember=True)
    HomePage(page, portal_profile).expect_shown()


@when("the resident then opens the sign-in page and signs in")
def sign_in_after_planting(page: Page, portal_profile: Profile, resident: Resident) -> None:
    """The sign-in page loads after the plant, as it would for a victim: a portal that keeps its
    CSRF token in the session then issues it for the planted identifier, as in a real attack."""
    SignInPage(page, portal_profile).open().sign_in(resident.email, resident.password)


@given("the resident's session cookie is known", target_fixture="session_names")
def known_session_cookie(page: Page, portal_url: str, portal_profile: Profile) -> list[str]:
    return session_cookie_names(page, portal_url, portal_profile)


@given("the resident has signed out")
def signed_out(journey: Journey) -> None:
    journey.sign_out()


@when("an attacker plants a session identifier of their choosing in the resident's browser",
      target_fixture="planted")
def plant_session(page: Page, portal_url: str, session_names: list[str]) -> dict[str, str]:
    planted = {name: secrets.token_hex(16) for name in session_names}
    page.context.add_cookies([{"name": n, "value": v, "url": portal_url} for n, v in planted.items()])
    return planted


# Cookie flags (check 17) -------------------------------------------------------------------------

def session_set_cookies(page: Page, portal_url: str, profile: Profile, set_cookies: list[SetCookie]) -> list[SetCookie]:
    names = session_cookie_names(page, portal_url, profile)
    found = [c for c in set_cookies if c.name in names]
    require(found, "ASVS V3.3.4", f"the session cookie ({', '.join(names)}) was not set while signing in")
    return found


@then("the session cookie is marked HttpOnly")
def http_only(page: Page, portal_url: str, portal_profile: Profile, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(page, portal_url, portal_profile, set_cookies):
        require("httponly" in cookie.attributes, "ASVS V3.3.4",
                f"the session cookie {cookie.name} is not HttpOnly, so page scripts can read it")


@then("the session cookie is marked SameSite=Lax or SameSite=Strict")
def same_site(page: Page, portal_url: str, portal_profile: Profile, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(page, portal_url, portal_profile, set_cookies):
        value = cookie.attributes.get("samesite", "")
        require(value.lower() in ("lax", "strict"), "ASVS V3.3.2",
                f"the session cookie {cookie.name} says SameSite={value or '(not set)'}, not Lax or Strict")


@given("the portal is served over HTTPS")
def over_https(portal_url: str) -> None:
    if not portal_url.startswith("https://"):
        pytest.skip(f"not applicable: the portal is served over http ({portal_url}); "
                    "the Secure flag and HSTS apply over HTTPS only")


@then("the session cookie is marked Secure")
def secure(page: Page, portal_url: str, portal_profile: Profile, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(page, portal_url, portal_profile, set_cookies):
        require("secure" in cookie.attributes, "ASVS V3.3.1",
                f"the session cookie {cookie.name} is not Secure, so it may travel unencrypted")


# Rotation and sign-out (checks 18, 19) ---------------------------------------------------------------

@then("the session identifier is a new one, not the planted one")
def rotated(page: Page, portal_url: str, portal_profile: Profile, planted: dict[str, str]) -> None:
    now = portal_cookies(page, portal_url)
    for name, value in planted.items():
        require(now.get(name) != value, "ASVS V7.2.4",
                f"after sign-in the session cookie {name} still holds the identifier planted before it")
    require(opens_home(portal_url, portal_profile, planted) is False, "ASVS V7.2.4",
            "the identifier planted before sign-in opens the resident's pages after it")


@when("the resident's session cookies are noted", target_fixture="old_session")
def note_session(page: Page, portal_url: str, portal_profile: Profile) -> dict[str, str]:
    names = session_cookie_names(page, portal_url, portal_profile)
    return {n: v for n, v in portal_cookies(page, portal_url).items() if n in names}


@then("the noted session cookies no longer open the resident's pages")
def old_session_rejected(page: Page, portal_url: str, portal_profile: Profile, old_session: dict[str, str]) -> None:
    SignInPage(page, portal_profile).expect_heading(SIGN_IN_HEADING)  # the sign-out has gone through
    require(not opens_home(portal_url, portal_profile, old_session), "ASVS V7.4.1",
            f"after sign-out the old session cookie ({', '.join(old_session)}) still opens {portal_profile.urls.home}")


# Expiry (check 20) -----------------------------------------------------------------------------

@when("the resident stays idle for a minute less than the declared idle timeout")
def idle_almost(portal_clock: PortalClock | None, portal_profile: Profile) -> None:
    time_passes(portal_clock, portal_profile.security.idle_timeout_seconds - 60)


@when("the resident stays idle for a minute more than the declared idle timeout")
def idle_past(portal_clock: PortalClock | None, portal_profile: Profile) -> None:
    time_passes(portal_clock, portal_profile.security.idle_timeout_seconds + 60)


@when("the declared remember-me lifetime has passed")
def remember_me_passes(portal_clock: PortalClock | None, portal_profile: Profile) -> None:
    time_passes(portal_clock, portal_profile.security.remember_me_seconds + 60)


@then("the resident's home page still opens")
def still_open(page: Page, portal_profile: Profile) -> None:
    page.goto(portal_profile.urls.home)
    HomePage(page, portal_profile).expect_shown()


def expired(page: Page, portal_profile: Profile, requirement: str) -> None:
    page.goto(portal_profile.urls.home)  # waits for the load: the answer is on screen
    home = HomePage(page, portal_profile).heading(WELCOME)
    require(home.count() == 0, requirement,
            f"the session is still valid: {portal_profile.urls.home} shows the resident's home page")
    SignInPage(page, portal_profile).expect_heading(SIGN_IN_HEADING)


@then("the resident's home page asks them to sign in again")
def idle_expired(page: Page, portal_profile: Profile) -> None:
    expired(page, portal_profile, "ASVS V7.3.1")


@then("the resident's home page asks them to sign in again, as the remembered session has ended")
def remembered_expired(page: Page, portal_profile: Profile) -> None:
    expired(page, portal_profile, "ASVS V7.3.2")


@then("the portal declares a remember-me lifetime of at most 30 days")
def declared_remember_me(portal_profile: Profile) -> None:
    lifetime = portal_profile.security.remember_me_seconds
    require(lifetime <= REMEMBER_ME_CEILING, "NIST 63B 2.1.3",
            f"the profile declares a remember-me lifetime of {lifetime / 86400:g} days, over the 30-day ceiling")


@then("the session cookie expires no later than the declared remember-me lifetime")
def cookie_lifetime(page: Page, portal_url: str, portal_profile: Profile) -> None:
    lifetime = portal_profile.security.remember_me_seconds
    names = session_cookie_names(page, portal_url, portal_profile)
    for cookie in page.context.cookies(portal_url):
        if cookie["name"] in names:
            left = cookie["expires"] - time.time()
            # -1: a browser-session cookie, which ends sooner still
            require(cookie["expires"] == -1 or left <= lifetime + SLACK, "ASVS V7.3.2",
                    f"the remembered session cookie {cookie['name']} lasts {left / 86400:.1f} days, "
                    f"beyond the declared {lifetime / 86400:g}")
