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

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import APIResponse, Page


class FormNotFound(Exception):
    """The page has no plain HTML form with those labels; drive it in the browser instead."""


def _text(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    label: str = ""
    text: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        return self.attrs.get("type", "submit" if self.tag == "button" else "text").lower()


@dataclass
class Form:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def by_label(self, label: str) -> Control | None:
        return next((c for c in self.controls if c.label == label and c.tag != "button"), None)

    def button(self, text: str) -> Control | None:
        for control in self.controls:
            if control.type in ("submit", "image") and (
                    _text(control.text) == text or control.attrs.get("value") == text
                    or control.attrs.get("aria-label") == text):
                return control
        return None


class _Forms(HTMLParser):
    """Every form of a page, its controls, and each control's label (for=, wrapping or aria-label)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[tuple[str, list[str]]] = []
        self._labels: dict[str, str] = {}
        self._label: tuple[str, list[str], list[Control]] | None = None
        self._button: Control | None = None
        self._link: tuple[str, list[str]] | None = None
        self.headings: list[str] = []
        self._h1: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", ""), method=a.get("method", "get").lower()))
        elif tag == "label":
            self._label = (a.get("for", ""), [], [])
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            control = Control(tag, a, label=a.get("aria-label", ""))
            self.forms[-1].controls.append(control)
            if self._label is not None:
                self._label[2].append(control)
            if tag == "button":
                self._button = control
        elif tag == "option" and self.forms and self.forms[-1].controls:
            select = self.forms[-1].controls[-1]
            if select.tag == "select" and ("selected" in a or "value" not in select.attrs):
                select.attrs["value"] = a.get("value", "")
        elif tag == "a" and "href" in a:
            self._link = (a["href"], [])
        elif tag == "h1":
            self._h1 = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            target, parts, wrapped = self._label
            self._labels[target] = _text(parts)
            for control in wrapped:
                control.label = control.label or _text(parts)
            self._label = None
        elif tag == "button":
            self._button = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None
        elif tag == "h1" and self._h1 is not None:
            self.headings.append(_text(self._h1))
            self._h1 = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label[1].append(data)
        if self._button is not None:
            self._button.text.append(data)
        if self._link is not None:
            self._link[1].append(data)
        if self._h1 is not None:
            self._h1.append(data)

    def close(self) -> None:
        super().close()
        for form in self.forms:
            for control in form.controls:
                if not control.label and control.attrs.get("id") in self._labels:
                    control.label = self._labels[control.attrs["id"]]


@dataclass(frozen=True)
class Reply:
    """The portal's answer to a request: where it ended up (after redirects), its status and HTML."""

    url: str
    status: int
    html: str

    @property
    def heading(self) -> str:
        """The page's main heading, as the browser would show it first."""
        return next(iter(_parse(self.html).headings), "")

    def has_field(self, label: str) -> bool:
        return any(form.by_label(label) for form in _parse(self.html).forms)


class FormFiller:
    """The portal's forms, filled in by label and submitted over the browser context's HTTP."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def get(self, url: str) -> Reply:
        return self._reply(self.page.request.get(urljoin(self.base_url, url)))

    def link(self, reply: Reply, text: str) -> str:
        """The address of the link `text` on a page (as a click on it would go)."""
        parser = _parse(reply.html)
        for href, parts in parser.links:
            if _text(parts) == text:
                return urljoin(reply.url, href)
        raise FormNotFound(f'no plain link "{text}" on {reply.url}')

    def submit(self, reply: Reply, values: dict[str, str], button: str) -> Reply:
        """Fill the form holding every label of `values` and press `button`, as a browser would."""
        form = self._form(reply, values, button)
        data: dict[str, str] = {}
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
            data[form.by_label(label).name] = value
        pressed = form.button(button)
        if pressed.name:
            data[pressed.name] = pressed.attrs.get("value", "")
        action = urljoin(reply.url, pressed.attrs.get("formaction") or form.action or reply.url)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(reply.url))
        headers = {"Origin": origin, "Referer": reply.url}
        if form.method == "post":
            return self._reply(self.page.request.post(action, form=data, headers=headers))
        return self._reply(self.page.request.get(action, params=data, headers=headers))

    def _form(self, reply: Reply, values: dict[str, str], button: str) -> Form:
        for form in _parse(reply.html).forms:
            if form.button(button) and all(form.by_label(label) and form.by_label(label).name for label in values):
                return form
        raise FormNotFound(f'{reply.url} has no plain HTML form with {", ".join(map(repr, values)) or "no field"} '
                           f'and the button "{button}"')

    @staticmethod
    def _reply(response: APIResponse) -> Reply:
        return Reply(url=response.url, status=response.status, html=response.text())


def _parse(html: str) -> _Forms:
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser
