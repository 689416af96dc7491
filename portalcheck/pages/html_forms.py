"""A page's HTML forms and links as a browser reads them, without rendering: each control with its
label (for=, wrapping or aria-label), each button with its text, each link with its text.

For what is done over HTTP rather than in the browser (journeys/forms.py fills forms by label;
pages/http.py posts the sign-in form as another site would). Only plain HTML is read: a form
built by script is not found here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


def text_of(parts: list[str]) -> str:
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
                    text_of(control.text) == text or control.attrs.get("value") == text
                    or control.attrs.get("aria-label") == text):
                return control
        return None


class HtmlPage(HTMLParser):
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
            self._labels[target] = text_of(parts)
            for control in wrapped:
                control.label = control.label or text_of(parts)
            self._label = None
        elif tag == "button":
            self._button = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None
        elif tag == "h1" and self._h1 is not None:
            self.headings.append(text_of(self._h1))
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


def parse(html: str) -> HtmlPage:
    parser = HtmlPage()
    parser.feed(html)
    parser.close()
    return parser
