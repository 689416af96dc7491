"""The portal as an HTTP client sees it, with no browser: what a page answers and with which
headers, a sign-in form posted without its token or from another site, and whether a set of
cookies opens the resident's home page (what an attacker holding them would get)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from portalcheck.pages.html_forms import Control, parse
from portalcheck.profile import Profile

# What a stranger types into a sign-in form: an address no resident has, a password nobody chose.
STRANGER = {"password": "not the one", "email": "nobody@example.test"}


@dataclass(frozen=True)
class HttpAnswer:
    """The portal's answer to one request: where it ended up, its status and its headers."""

    url: str
    status: int
    headers: Mapping[str, str]  # httpx's headers: looked up whatever the case

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass(frozen=True)
class SignInForm:
    """The sign-in page's form as a stranger fills it in: its address and the fields it posts."""

    url: str
    fields: tuple[Control, ...]

    @classmethod
    def on(cls, url: str, html: str) -> SignInForm:
        """The sign-in form of a page: the form with a password field or, in a two-step sign-in
        (flows.sign_in), the one with the address; no fields when the page has neither."""
        inputs = [tuple(c for c in form.controls if c.tag == "input" and c.name) for form in parse(html).forms]
        with_password = [f for f in inputs if any(c.type == "password" for c in f)]
        with_address = [f for f in inputs if any(c.type in ("email", "text") for c in f)]
        return cls(url, (with_password + with_address + [()])[0])

    def stranger_data(self, *, with_hidden: bool) -> dict[str, str]:
        """The form's fields filled in by a stranger; the hidden ones (the CSRF token rides in
        one) kept as the page gave them, or left out."""
        return {c.name: STRANGER.get(c.type, c.attrs.get("value") or STRANGER["email"])
                for c in self.fields if with_hidden or c.type != "hidden"}


class PortalHttp:
    """A cookie-keeping HTTP client for the portal, as a browser would be, but without one."""

    def __init__(self, portal_url: str, profile: Profile):
        self.portal_url = portal_url
        self.profile = profile
        self.client = httpx.Client(base_url=portal_url, follow_redirects=True, timeout=30)

    def __enter__(self) -> PortalHttp:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.client.close()

    @staticmethod
    def _answer(response: httpx.Response) -> HttpAnswer:
        return HttpAnswer(str(response.url), response.status_code, response.headers)

    def get(self, path: str) -> HttpAnswer:
        return self._answer(self.client.get(path))

    def sign_in_form(self) -> SignInForm:
        """Open the sign-in page (the portal sets its CSRF cookie, if any) and read its form."""
        page = self.client.get(self.profile.urls.sign_in)
        return SignInForm.on(str(page.url), page.text)

    def post(self, form: SignInForm, *, with_token: bool, origin: str = "") -> HttpAnswer:
        """Post the form as a stranger: with or without its hidden token, from `origin` (another
        site's) or else from the portal's own."""
        sent_from = origin or "{0.scheme}://{0.netloc}".format(urlsplit(form.url))
        return self._answer(self.client.post(form.url, data=form.stranger_data(with_hidden=with_token),
                                             headers={"Origin": sent_from, "Referer": sent_from + "/"}))

    def opens_home(self, cookies: Mapping[str, str]) -> bool:
        """Whether the resident's home page opens with these cookies (not redirected to sign-in)."""
        home = self.profile.urls.home
        with httpx.Client(base_url=self.portal_url, cookies=dict(cookies), follow_redirects=True, timeout=30) as client:
            response = client.get(home)
        return response.status_code == 200 and response.url.path == httpx.URL(self.portal_url + home).path
