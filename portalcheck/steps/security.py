"""Steps of the security checks made with an HTTP client rather than the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from pytest_bdd import parsers, then, when

from portalcheck.profile import Profile
from portalcheck.requirements import require

QUOTED = re.compile(r'"([^"]+)"')


@pytest.fixture
def http(portal_url: str) -> Iterator[httpx.Client]:
    """A cookie-keeping HTTP client for the portal, as a browser would be, but without one."""
    with httpx.Client(base_url=portal_url, follow_redirects=True, timeout=30) as client:
        yield client


@when("the sign-in page is fetched", target_fixture="response")
def fetch_sign_in(http: httpx.Client, portal_profile: Profile) -> httpx.Response:
    return http.get(portal_profile.urls.sign_in)


@when("the sign-in form is posted without its CSRF token", target_fixture="response")
def post_without_csrf(http: httpx.Client, portal_profile: Profile) -> httpx.Response:
    page = http.get(portal_profile.urls.sign_in)  # the portal sets its CSRF cookie, if any
    return http.post(str(page.url), data={"username": "nobody@example.test", "password": "not the one"},
                     headers={"Origin": str(page.url.copy_with(path="/", query=None))})


@then("the portal refuses the request")
def refused(response: httpx.Response) -> None:
    require(400 <= response.status_code < 500, "ASVS V3.5.1",
            f"a POST to {response.url} without a CSRF token was accepted ({response.status_code})")


@then(parsers.re(r'the Content-Security-Policy sets (?P<directives>".+")$'))
def csp_sets(response: httpx.Response, directives: str) -> None:
    policy = response.headers.get("content-security-policy", "")
    require(policy, "ASVS V3.4.3", f"{response.url} sends no Content-Security-Policy")
    for directive in QUOTED.findall(directives):
        require(directive in policy, "ASVS V3.4.3",
                f'the Content-Security-Policy of {response.url} lacks "{directive}": {policy}')


@then('the response says "X-Content-Type-Options: nosniff"')
def nosniff(response: httpx.Response) -> None:
    require(response.headers.get("x-content-type-options", "").lower() == "nosniff", "ASVS V3.4.4",
            f"{response.url} does not send X-Content-Type-Options: nosniff")


@then("the response has a Referrer-Policy")
def referrer_policy(response: httpx.Response) -> None:
    require(response.headers.get("referrer-policy"), "ASVS V3.4.5",
            f"{response.url} sends no Referrer-Policy")
