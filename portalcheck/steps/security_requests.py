"""Steps of the request and response checks: cross-origin posts, GETs that must change nothing,
framing, HSTS, caching of signed-in pages and secrets in addresses (checks 21-23)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pytest_bdd import then, when

from portalcheck.journeys import Mailbox
from portalcheck.pages.http import HttpAnswer, PortalHttp
from portalcheck.pages.portal import Portal
from portalcheck.pages.window import PageSent
from portalcheck.requirements import advise, fail, require
from portalcheck.residents import Resident

ATTACKER_ORIGIN = "https://attacker.example"
HSTS_MIN_SECONDS = 365 * 24 * 60 * 60  # ASVS V3.4.1: at least a year
TOKENISH = re.compile(r"[A-Za-z0-9_\-]{16,}")  # a link part long enough to be a secret


# Check 21: another origin; GET -----------------------------------------------------------------

@when("the sign-in form, with its CSRF token, is posted from another site", target_fixture="response")
def post_cross_origin(portal_http: PortalHttp) -> HttpAnswer:
    form = portal_http.sign_in_form()
    require(form.fields, "ASVS V3.5.1", f"{form.url} has no sign-in form to post")
    return portal_http.post(form, with_token=True, origin=ATTACKER_ORIGIN)


@then("the portal should refuse the request from the other site, else the report warns")
def refused_cross_origin(response: HttpAnswer) -> None:
    """ASVS V3.5.1 asks for the token, which this post carries; checking its origin too is
    defence in depth, so a portal that accepts it gets a warning, not a failure."""
    advise(400 <= response.status < 500, "ASVS V3.5.1",
           f"a POST to {response.url} from {ATTACKER_ORIGIN} with a valid CSRF token was accepted "
           f"({response.status}); checking the Origin header too would refuse it")


@when('the address the "Sign out" button posts to is opened with a GET')
def get_sign_out(portal: Portal) -> None:
    home = portal.home.expect_shown()
    form = home.sign_out_form()
    if form is None:
        fail("ASVS V3.5.3", f'"{home.says("Sign out")}" is not a button that posts a form, so a GET (a link, an '
                            "image) signs out")
    require(form.action and form.method == "post", "ASVS V3.5.3", f'"{home.says("Sign out")}" does not post its form')
    portal.window.fetch(form.action)  # with the browser's cookies


@then("the resident is still signed in")
def still_signed_in(portal: Portal) -> None:
    require(portal.home.opens_for_resident(), "ASVS V3.5.3",
            "a GET to the sign-out address signed the resident out: GET must never change state")


# Check 22: framing, HSTS -----------------------------------------------------------------------

@then("another site may not show the page in a frame")
def no_framing(response: HttpAnswer) -> None:
    ancestors = re.search(r"frame-ancestors\s+([^;]*)", response.header("content-security-policy"))
    csp_ok = ancestors is not None and ancestors.group(1).strip() in ("'none'", "'self'")
    xfo_ok = response.header("x-frame-options").upper() in ("DENY", "SAMEORIGIN")
    require(csp_ok or xfo_ok, "ASVS V3.4.6",
            f"{response.url} may be framed by any site: no frame-ancestors 'none' or 'self' "
            "in its Content-Security-Policy and no X-Frame-Options DENY or SAMEORIGIN")


@then("the response says Strict-Transport-Security for at least a year")
def hsts(response: HttpAnswer) -> None:
    header = response.header("strict-transport-security")
    age = re.search(r"max-age=(\d+)", header)
    require(age and int(age.group(1)) >= HSTS_MIN_SECONDS, "ASVS V3.4.1",
            f"{response.url} sends Strict-Transport-Security {header or '(none)'}; max-age must be at least a year")


# Check 23: caching, secrets in addresses -------------------------------------------------------

@when("the resident opens their home page, and the pages sent are noted", target_fixture="signed_in_pages")
def note_pages(portal: Portal) -> list[PageSent]:
    with portal.window.noting_pages() as pages:
        portal.home.open().expect_shown()
    return pages


@then('every page was sent with "Cache-Control: no-store"')
def no_store(signed_in_pages: list[PageSent]) -> None:
    require(signed_in_pages, "ASVS V14.3.2", "no signed-in page was seen")
    for sent in signed_in_pages:
        if 300 <= sent.status < 400:
            continue  # a redirect has no page to store
        require("no-store" in sent.cache_control.lower(), "ASVS V14.3.2",
                f"{sent.url} was sent with Cache-Control: {sent.cache_control or '(none)'}, so browsers may store it")


@when("the resident follows the link in the verification e-mail", target_fixture="followed_link")
def follow_link(portal: Portal, mailbox: Mailbox, resident: Resident) -> str:
    link = mailbox.verification_link(mailbox.verification(resident, show=False))
    portal.screen.go(link)
    return link


@then("the address the resident lands on holds no part of the link's token")
def token_gone(portal: Portal, followed_link: str) -> None:
    link = urlsplit(followed_link)
    secrets = TOKENISH.findall(link.path) + TOKENISH.findall(link.query)
    require(secrets, "ASVS V14.2.1", f"the e-mailed link {followed_link} has no token to look for")
    landed = portal.screen.address
    for secret in secrets:
        require(secret not in landed, "ASVS V14.2.1",
                f"after landing, the address {landed} still holds the e-mailed token {secret[:8]}…, "
                "where the browser's history and the Referer header keep it")
