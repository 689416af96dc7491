"""Steps of the security checks made with an HTTP client rather than the browser."""

from __future__ import annotations

import re

from pytest_bdd import parsers, then, when

from portalcheck.pages.http import HttpAnswer, PortalHttp
from portalcheck.profile import Profile
from portalcheck.requirements import require

QUOTED = re.compile(r'"([^"]+)"')


@when("the sign-in page is fetched", target_fixture="response")
def fetch_sign_in(portal_http: PortalHttp, portal_profile: Profile) -> HttpAnswer:
    return portal_http.get(portal_profile.urls.sign_in)


@when("the sign-in form is posted without its CSRF token", target_fixture="response")
def post_without_csrf(portal_http: PortalHttp) -> HttpAnswer:
    """From the portal's own origin, with the CSRF cookie the sign-in page set, if any."""
    return portal_http.post(portal_http.sign_in_form(), with_token=False)


@then("the portal refuses the request")
def refused(response: HttpAnswer) -> None:
    require(400 <= response.status < 500, "ASVS V3.5.1",
            f"a POST to {response.url} without a CSRF token was accepted ({response.status})")


@then(parsers.re(r'the Content-Security-Policy sets (?P<directives>".+")$'))
def csp_sets(response: HttpAnswer, directives: str) -> None:
    policy = response.header("content-security-policy")
    require(policy, "ASVS V3.4.3", f"{response.url} sends no Content-Security-Policy")
    for directive in QUOTED.findall(directives):
        require(directive in policy, "ASVS V3.4.3",
                f'the Content-Security-Policy of {response.url} lacks "{directive}": {policy}')


@then('the response says "X-Content-Type-Options: nosniff"')
def nosniff(response: HttpAnswer) -> None:
    require(response.header("x-content-type-options").lower() == "nosniff", "ASVS V3.4.4",
            f"{response.url} does not send X-Content-Type-Options: nosniff")


@then("the response has a Referrer-Policy")
def referrer_policy(response: HttpAnswer) -> None:
    require(response.header("referrer-policy"), "ASVS V3.4.5", f"{response.url} sends no Referrer-Policy")
