"""Steps of the session checks: the session cookie's flags, rotation, sign-out and expiry.

Which cookie holds the session is found from outside, as an attacker would: a cookie is a
session cookie when the resident's home page no longer opens without it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

import pytest
from pytest_bdd import given, then, when

from portalcheck.journeys import Journey
from portalcheck.pages.http import PortalHttp
from portalcheck.pages.portal import Portal
from portalcheck.pages.sign_in import HEADING as SIGN_IN_HEADING
from portalcheck.pages.window import SetCookie
from portalcheck.requirements import require
from portalcheck.residents import Resident

REMEMBER_ME_CEILING = 30 * 24 * 60 * 60  # NIST SP 800-63B-4 2.1.3
SLACK = 120  # seconds: the time a scenario itself takes between sign-in and the check
MINUTE = 60


def session_cookie_names(portal: Portal, portal_http: PortalHttp) -> list[str]:
    """The cookies without which the signed-in resident's home page does not open."""
    cookies = portal.window.cookies()
    require(portal_http.opens_home(cookies), "ASVS V3.3.4",
            f"the resident's cookies ({', '.join(cookies) or 'none'}) do not open {portal.profile.urls.home}")
    names = [n for n in cookies if not portal_http.opens_home({k: v for k, v in cookies.items() if k != n})]
    require(names, "ASVS V3.3.4", "no single cookie carries the session: the home page opens without each one")
    return names


# Signing in ------------------------------------------------------------------------------------

@when("the resident signs in, and the cookies the portal sets are noted", target_fixture="set_cookies")
def sign_in_watching(portal: Portal, resident: Resident) -> list[SetCookie]:
    with portal.window.noting_set_cookies() as set_cookies:
        portal.sign_in.open().sign_in(resident.email, resident.password)
        portal.home.expect_shown()
    return set_cookies


@when('the resident signs in with "Remember me" ticked')
def sign_in_remembered(portal: Portal, resident: Resident) -> None:
    portal.sign_in.open().sign_in(resident.email, resident.password, remember=True)
    portal.home.expect_shown()


@when("the resident then opens the sign-in page and signs in")
def sign_in_after_planting(portal: Portal, resident: Resident) -> None:
    """The sign-in page loads after the plant, as it would for a victim: a portal that keeps its
    CSRF token in the session then issues it for the planted identifier, as in a real attack."""
    portal.sign_in.open().sign_in(resident.email, resident.password)


@given("the resident's session cookie is known", target_fixture="session_names")
def known_session_cookie(portal: Portal, portal_http: PortalHttp) -> list[str]:
    return session_cookie_names(portal, portal_http)


@given("the resident has signed out")
def signed_out(journey: Journey) -> None:
    journey.sign_out()


@when("an attacker plants a session identifier of their choosing in the resident's browser",
      target_fixture="planted")
def plant_session(portal: Portal, session_names: list[str]) -> dict[str, str]:
    planted = {name: secrets.token_hex(16) for name in session_names}
    portal.window.plant(planted)
    return planted


# Cookie flags (check 17) -------------------------------------------------------------------------

def session_set_cookies(portal: Portal, portal_http: PortalHttp, set_cookies: list[SetCookie]) -> list[SetCookie]:
    names = session_cookie_names(portal, portal_http)
    found = [c for c in set_cookies if c.name in names]
    require(found, "ASVS V3.3.4", f"the session cookie ({', '.join(names)}) was not set while signing in")
    return found


@then("the session cookie is marked HttpOnly")
def http_only(portal: Portal, portal_http: PortalHttp, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(portal, portal_http, set_cookies):
        require("httponly" in cookie.attributes, "ASVS V3.3.4",
                f"the session cookie {cookie.name} is not HttpOnly, so page scripts can read it")


@then("the session cookie is marked SameSite=Lax or SameSite=Strict")
def same_site(portal: Portal, portal_http: PortalHttp, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(portal, portal_http, set_cookies):
        value = cookie.attributes.get("samesite", "")
        require(value.lower() in ("lax", "strict"), "ASVS V3.3.2",
                f"the session cookie {cookie.name} says SameSite={value or '(not set)'}, not Lax or Strict")


@given("the portal is served over HTTPS")
def over_https(portal_url: str) -> None:
    if not portal_url.startswith("https://"):
        pytest.skip(f"not applicable: the portal is served over http ({portal_url}); "
                    "the Secure flag and HSTS apply over HTTPS only")


@then("the session cookie is marked Secure")
def secure(portal: Portal, portal_http: PortalHttp, set_cookies: list[SetCookie]) -> None:
    for cookie in session_set_cookies(portal, portal_http, set_cookies):
        require("secure" in cookie.attributes, "ASVS V3.3.1",
                f"the session cookie {cookie.name} is not Secure, so it may travel unencrypted")


# Rotation and sign-out (checks 18, 19) ---------------------------------------------------------------

@then("the session identifier is a new one, not the planted one")
def rotated(portal: Portal, portal_http: PortalHttp, planted: dict[str, str]) -> None:
    now = portal.window.cookies()
    for name, value in planted.items():
        require(now.get(name) != value, "ASVS V7.2.4",
                f"after sign-in the session cookie {name} still holds the identifier planted before it")
    require(not portal_http.opens_home(planted), "ASVS V7.2.4",
            "the identifier planted before sign-in opens the resident's pages after it")


@when("the resident's session cookies are noted", target_fixture="old_session")
def note_session(portal: Portal, portal_http: PortalHttp) -> dict[str, str]:
    names = session_cookie_names(portal, portal_http)
    return {n: v for n, v in portal.window.cookies().items() if n in names}


@then("the noted session cookies no longer open the resident's pages")
def old_session_rejected(portal: Portal, portal_http: PortalHttp, old_session: dict[str, str]) -> None:
    portal.sign_in.expect_heading(SIGN_IN_HEADING)  # the sign-out has gone through
    require(not portal_http.opens_home(old_session), "ASVS V7.4.1",
            f"after sign-out the old session cookie ({', '.join(old_session)}) still opens {portal.profile.urls.home}")


# Expiry (check 20) -----------------------------------------------------------------------------

@when("the resident stays idle for a minute less than the declared idle timeout")
def idle_almost(time_passes: Callable[[float], None], portal: Portal) -> None:
    time_passes(portal.profile.security.idle_timeout_seconds - MINUTE)


@when("the resident stays idle for a minute more than the declared idle timeout")
def idle_past(time_passes: Callable[[float], None], portal: Portal) -> None:
    time_passes(portal.profile.security.idle_timeout_seconds + MINUTE)


@when("the declared remember-me lifetime has passed")
def remember_me_passes(time_passes: Callable[[float], None], portal: Portal) -> None:
    time_passes(portal.profile.security.remember_me_seconds + MINUTE)


@then("the resident's home page still opens")
def still_open(portal: Portal) -> None:
    portal.home.open().expect_shown()


@then("the resident's home page asks them to sign in again")
def idle_expired(journey: Journey, portal: Portal) -> None:
    require(not journey.signed_in(), "ASVS V7.3.1",
            f"the session is still valid: {portal.profile.urls.home} shows the resident's home page")


@then("the resident's home page asks them to sign in again, as the remembered session has ended")
def remembered_expired(journey: Journey, portal: Portal) -> None:
    require(not journey.signed_in(), "ASVS V7.3.2",
            f"the remembered session is still valid: {portal.profile.urls.home} shows the resident's home page")


@then("the portal declares a remember-me lifetime of at most 30 days")
def declared_remember_me(portal: Portal) -> None:
    lifetime = portal.profile.security.remember_me_seconds
    require(lifetime <= REMEMBER_ME_CEILING, "NIST 63B 2.1.3",
            f"the profile declares a remember-me lifetime of {lifetime / 86400:g} days, over the 30-day ceiling")


@then("the session cookie expires no later than the declared remember-me lifetime")
def cookie_lifetime(portal: Portal, portal_http: PortalHttp) -> None:
    lifetime = portal.profile.security.remember_me_seconds
    expiries = portal.window.cookie_expiries()
    for name in session_cookie_names(portal, portal_http):
        left = expiries[name] - time.time()
        # -1: a browser-session cookie, which ends sooner still
        require(expiries[name] == -1 or left <= lifetime + SLACK, "ASVS V7.3.2",
                f"the remembered session cookie {name} lasts {left / 86400:.1f} days, "
                f"beyond the declared {lifetime / 86400:g}")
