"""Steps of the security checks made with an HTTP client rather than the browser."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import parsers, then, when

from portalcheck.pages.http import HttpAnswer, PortalHttp, SignInForm
from portalcheck.profile import Profile
from portalcheck.requirements import require

QUOTED = re.compile(r'"([^"]+)"')


@when("the sign-in page is fetched", target_fixture="response")
def fetch_sign_in(portal_http: PortalHttp, portal_profile: Profile) -> HttpAnswer:
    return portal_http.get(portal_profile.urls.sign_in)


@pytest.fixture
def sign_in_form(portal_http: PortalHttp) -> SignInForm:
    """The sign-in form as the portal serves it (setting its CSRF cookie, if any), once a scenario."""
    return portal_http.sign_in_form()


@when("the sign-in form is posted without its CSRF token", target_fixture="response")
def post_without_csrf(portal_http: PortalHttp, sign_in_form: SignInForm) -> HttpAnswer:
    """From the portal's own origin, with the CSRF cookie the sign-in page set, if any."""
    return portal_http.post(sign_in_form, with_token=False)


@then("the portal refuses the request")
def refused(response: HttpAnswer) -> None:
    require(400 <= response.status < 500, "ASVS V3.5.1",
            f"a POST to {response.url} without a CSRF token was accepted ({response.status})")


@then("the same form posted with its CSRF token is not refused that way")
def token_made_the_difference(portal_http: PortalHttp, sign_in_form: SignInForm, response: HttpAnswer) -> None:
    """The positive control: a portal that refuses every sign-in post (or whose form has no token)
    answers both alike, and its refusal above says nothing about CSRF."""
    with_token = portal_http.post(sign_in_form, with_token=True)
    require(with_token.status != response.status, "ASVS V3.5.1",
            f"the same POST to {response.url} with its CSRF token was answered {with_token.status} too, so the "
            "refusal without the token cannot be credited to the token")


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
