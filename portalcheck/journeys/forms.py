"""Filling in a portal's own HTML forms over HTTP, as the browser would, without rendering them.

Preconditions that are not the subject of a scenario ("Given the resident is signed in") go
through the portal's real forms, but as requests in the browser context: Playwright's
APIRequestContext shares the page's cookies, so the session the portal sets is the browser's.
The contract stays black-box: only what a browser could send (the form's own fields, hidden
ones such as the CSRF token, the pressed button, Origin and Referer), found by the same visible
labels the page objects use. A form that is not plain HTML (built by script, say) raises
FormNotFound, and the journey does the step in the browser instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import APIResponse, Page

from portalcheck.pages.html_forms import Control, Form, parse, text_of


class FormNotFound(Exception):
    """The page has no plain HTML form with those labels; drive it in the browser instead."""


@dataclass(frozen=True)
class Reply:
    """The portal's answer to a request: where it ended up (after redirects), its status and HTML."""

    url: str
    status: int
    html: str

    @property
    def heading(self) -> str:
        """The page's main heading, as the browser would show it first."""
        return next(iter(parse(self.html).headings), "")

    def has_field(self, label: str) -> bool:
        return any(form.by_label(label) for form in parse(self.html).forms)


class FormFiller:
    """The portal's forms, filled in by label and submitted over the browser context's HTTP."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def get(self, url: str) -> Reply:
        return self._reply(self.page.request.get(urljoin(self.base_url, url)))

    def link(self, reply: Reply, text: str) -> str:
        """The address of the link `text` on a page (as a click on it would go)."""
        for href, parts in parse(reply.html).links:
            if text_of(parts) == text:
                return urljoin(reply.url, href)
        raise FormNotFound(f'no plain link "{text}" on {reply.url}')

    def submit(self, reply: Reply, values: dict[str, str], button: str) -> Reply:
        """Fill the form holding every label of `values` and press `button`, as a browser would."""
        form, fields, pressed = self._form(reply, values, button)
        data: dict[str, str | float | bool] = {}
        for control in form.controls:
            kind = control.type
            if not control.name or kind in ("submit", "image", "button", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    data[control.name] = control.attrs.get("value", "on")
                continue
            data[control.name] = control.attrs.get("value", "")
        for label, value in values.items():
            data[fields[label].name] = value
        if pressed.name:
            data[pressed.name] = pressed.attrs.get("value", "")
        action = urljoin(reply.url, pressed.attrs.get("formaction") or form.action or reply.url)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(reply.url))
        headers = {"Origin": origin, "Referer": reply.url}
        if form.method == "post":
            return self._reply(self.page.request.post(action, form=data, headers=headers))
        return self._reply(self.page.request.get(action, params=data, headers=headers))

    def still_offers(self, reply: Reply, values: dict[str, str], button: str) -> bool:
        """Whether the answer to a submitted form is that same form again (the portal refused it)."""
        try:
            self._form(reply, values, button)
        except FormNotFound:
            return False
        return True

    def _form(self, reply: Reply, values: dict[str, str], button: str) -> tuple[Form, dict[str, Control], Control]:
        """The form with a named field for each label of `values` and the button; with those."""
        for form in parse(reply.html).forms:
            pressed = form.button(button)
            fields = {label: control for label in values
                      if (control := form.by_label(label)) is not None and control.name}
            if pressed is not None and len(fields) == len(values):
                return form, fields, pressed
        raise FormNotFound(f'{reply.url} has no plain HTML form with {", ".join(map(repr, values)) or "no field"} '
                           f'and the button "{button}"')

    @staticmethod
    def _reply(response: APIResponse) -> Reply:
        return Reply(url=response.url, status=response.status, html=response.text())
