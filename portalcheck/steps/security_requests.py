"""Steps of the request and response checks: cross-origin posts, GETs that must change nothing,
framing, HSTS, caching of signed-in pages and secrets in addresses (checks 21-23)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
from playwright.sync_api import Page, Response
from pytest_bdd import then, when

from portalcheck.mail import Inbox
from portalcheck.pages import HomePage
from portalcheck.pages.home import WELCOME
from portalcheck.profile import Profile
from portalcheck.requirements import advise, require
from portalcheck.residents import Resident
from portalcheck.steps.mail import receive, verification_link

ATTACKER_ORIGIN = "https://attacker.example"
HSTS_MIN_SECONDS = 365 * 24 * 60 * 60  # ASVS V3.4.1: at least a year
TOKENISH = re.compile(r"[A-Za-z0-9_\-]{16,}")  # a link part long enough to be a secret


class FormFields(HTMLParser):
    """The fields of the first form on a page that has a password field: names, types and values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, tuple[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
        elif tag == "input" and self.forms and values.get("name"):
            self.forms[-1][values["name"]] = (values.get("type", "text").lower(), values.get("value", ""))

    def sign_in_form(self) -> dict[str, tuple[str, str]]:
        # Sign-in in two steps (flows.sign_in) posts the address first: that form then.
        with_password = (f for f in self.forms if any(t == "password" for t, _ in f.values()))
        with_address = (f for f in self.forms if any(t in ("email", "text") for t, _ in f.values()))
        return next(with_password, None) or next(with_address, {})


# Check 21: another origin; GET -----------------------------------------------------------------

@when("the sign-in form, with its CSRF token, is posted from another site", target_fixture="response")
def post_cross_origin(http: httpx.Client, portal_profile: Profile) -> httpx.Response:
    page = http.get(portal_profile.urls.sign_in)
    parser = FormFields()
    parser.feed(page.text)
    fields = parser.sign_in_form()
    require(fields, "ASVS V3.5.1", f"{page.url} has no sign-in form to post")
    data = {}
    for name, (kind, value) in fields.items():
        data[name] = {"password": "not the one", "email": "nobody@example.test"}.get(kind, value or "nobody@example.test")
    return http.post(str(page.url), data=data, headers={"Origin": ATTACKER_ORIGIN, "Referer": ATTACKER_ORIGIN + "/"})


@then("the portal should refuse the request from the other site, else the report warns")
def refused_cross_origin(response: httpx.Response) -> None:
    """ASVS V3.5.1 asks for the token, which this post carries; checking its origin too is
    defence in depth, so a portal that accepts it gets a warning, not a failure."""
    advise(400 <= response.status_code < 500, "ASVS V3.5.1",
           f"a POST to {response.url} from {ATTACKER_ORIGIN} with a valid CSRF token was accepted "
           f"({response.status_code}); checking the Origin header too would refuse it")


@when('the address the "Sign out" button posts to is opened with a GET')
def get_sign_out(page: Page, portal_profile: Profile) -> None:
    home = HomePage(page, portal_profile).expect_shown()
    button = home.button("Sign out")
    require(button.count() == 1, "ASVS V3.5.3",
            f'"{home.says("Sign out")}" is not a button that posts a form, so a GET (a link, an image) signs out')
    action = button.evaluate("b => b.form ? b.form.action : ''")
    require(action and button.evaluate("b => b.form.method") == "post", "ASVS V3.5.3",
            f'"{home.says("Sign out")}" does not post its form')
    page.request.get(action)  # with the browser's cookies; Chromium shows no page for an empty 405


@then("the resident is still signed in")
def still_signed_in(page: Page, portal_profile: Profile) -> None:
    page.goto(portal_profile.urls.home)  # waits for the load: the answer is on screen
    require(HomePage(page, portal_profile).heading(WELCOME).count() == 1, "ASVS V3.5.3",
            "a GET to the sign-out address signed the resident out: GET must never change state")


# Check 22: framing, HSTS -----------------------------------------------------------------------

@then("another site may not show the page in a frame")
def no_framing(response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    ancestors = re.search(r"frame-ancestors\s+([^;]*)", policy)
    csp_ok = ancestors is not None and ancestors.group(1).strip() in ("'none'", "'self'")
    xfo_ok = response.headers.get("x-frame-options", "").upper() in ("DENY", "SAMEORIGIN")
    require(csp_ok or xfo_ok, "ASVS V3.4.6",
            f"{response.url} may be framed by any site: no frame-ancestors 'none' or 'self' "
            "in its Content-Security-Policy and no X-Frame-Options DENY or SAMEORIGIN")


@then("the response says Strict-Transport-Security for at least a year")
def hsts(response: httpx.Response) -> None:
    header = response.headers.get("strict-transport-security", "")
    age = re.search(r"max-age=(\d+)", header)
    require(age and int(age.group(1)) >= HSTS_MIN_SECONDS, "ASVS V3.4.1",
            f"{response.url} sends Strict-Transport-Security {header or '(none)'}; max-age must be at least a year")


# Check 23: caching, secrets in addresses -------------------------------------------------------

@when("the resident opens their home page, and the pages sent are noted", target_fixture="signed_in_pages")
def note_pages(page: Page, portal_profile: Profile, portal_url: str) -> list[Response]:
    pages: list[Response] = []

    def keep(response: Response) -> None:
        if response.request.resource_type == "document" and response.url.startswith(portal_url):
            pages.append(response)

    page.on("response", keep)
    try:
        page.goto(portal_profile.urls.home)
        HomePage(page, portal_profile).expect_shown()
    finally:
        page.remove_listener("response", keep)
    return pages


@then('every page was sent with "Cache-Control: no-store"')
def no_store(signed_in_pages: list[Response]) -> None:
    require(signed_in_pages, "ASVS V14.3.2", "no signed-in page was seen")
    for response in signed_in_pages:
        if 300 <= response.status < 400:
            continue  # a redirect has no page to store
        value = response.header_value("cache-control") or ""
        require("no-store" in value.lower(), "ASVS V14.3.2",
                f"{response.url} was sent with Cache-Control: {value or '(none)'}, so browsers may store it")


@when("the resident follows the link in the verification e-mail", target_fixture="followed_link")
def follow_link(page: Page, portal_profile: Profile, inbox: Inbox, resident: Resident) -> str:
    link = verification_link(receive(inbox, portal_profile, resident, show=False), portal_profile, "Activate account")
    page.goto(link)
    page.wait_for_load_state()
    return link


@then("the address the resident lands on holds no part of the link's token")
def token_gone(page: Page, followed_link: str) -> None:
    url = httpx.URL(followed_link)
    secrets = TOKENISH.findall(url.path) + TOKENISH.findall(url.query.decode())
    require(secrets, "ASVS V14.2.1", f"the e-mailed link {followed_link} has no token to look for")
    for secret in secrets:
        require(secret not in page.url, "ASVS V14.2.1",
                f"after landing, the address {page.url} still holds the e-mailed token {secret[:8]}…, "
                "where the browser's history and the Referer header keep it")
