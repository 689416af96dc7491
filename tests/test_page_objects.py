"""The page-object layer steps reach through fixtures: the `portal` facade hands out each screen's
page object, addresses are compared by origin, and the sign-in form is read over HTTP as a
stranger would post it. No browser and no portal: the parts that decide are plain Python."""

from __future__ import annotations

import pytest

from portalcheck.pages.http import SignInForm
from portalcheck.pages.portal import Portal
from portalcheck.pages.screen import Screen, origin
from portalcheck.profile import load_profile

ONE_PAGE = """<form method="get" action="/search/"><input name="q" type="text"></form>
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="t0k3n">
<label for="e">Email address</label><input id="e" name="username" type="email">
<label for="p">Password</label><input id="p" name="password" type="password">
<input type="checkbox" name="remember"><button type="submit">Sign in</button></form>"""
TWO_STEP = """<form method="post"><input type="hidden" name="csrf" value="abc">
<label>Email address <input name="email" type="email"></label><button>Next</button></form>"""


def test_the_portal_facade_gives_each_screens_page_object_on_its_tab() -> None:
    tab = object()  # page objects only keep the tab they are given
    portal = Portal(tab, load_profile("reference"), "http://127.0.0.1:8000")  # type: ignore[arg-type]
    attributes = [name for name, value in vars(Portal).items() if hasattr(value, "kind")]  # one per screen
    assert {"screen", "sign_in", "account_summary", "eft", "checkout", "module"} <= set(attributes)
    for name in attributes:
        shown = getattr(portal, name)
        assert isinstance(shown, Screen) and shown.page is tab and shown.profile is portal.profile, name
    assert type(portal.sign_in).__name__ == "SignInPage" and type(portal.account_summary).__name__ == "AccountSummaryPage"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("https://portal.example.gov/activate/abc", "https://portal.example.gov", True),
    ("https://portal.example.gov:443/", "https://portal.example.gov/home/", True),
    ("http://127.0.0.1:8000/x", "http://127.0.0.1:8000", True),
    ("http://127.0.0.1:8001/x", "http://127.0.0.1:8000", False),
    ("http://portal.example.gov/", "https://portal.example.gov/", False),
    ("https://portal.example.gov.attacker.example/", "https://portal.example.gov/", False),
])
def test_two_addresses_are_the_same_site_by_scheme_host_and_port(a: str, b: str, same: bool) -> None:
    assert (origin(a) == origin(b)) is same


def test_the_sign_in_form_is_the_one_with_the_password_and_posts_without_its_token() -> None:
    form = SignInForm.on("http://portal/sign-in/", ONE_PAGE)
    assert [c.name for c in form.fields] == ["csrfmiddlewaretoken", "username", "password", "remember"]
    assert form.stranger_data(with_hidden=True)["csrfmiddlewaretoken"] == "t0k3n"
    without = form.stranger_data(with_hidden=False)
    assert "csrfmiddlewaretoken" not in without
    assert without["username"] == "nobody@example.test" and without["password"] == "not the one"


def test_a_two_step_sign_in_form_is_found_by_its_address_field() -> None:
    form = SignInForm.on("http://portal/sign-in/", TWO_STEP)
    assert form.stranger_data(with_hidden=False) == {"email": "nobody@example.test"}
    assert SignInForm.on("http://portal/", "<p>No form here</p>").fields == ()
