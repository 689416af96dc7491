"""Typed e-mail messages and the link extraction that steps use to follow them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser

from portalcheck.errors import LinkNotFound

# Plain-text mails wrap URLs in <...>, quotes or brackets, or end a sentence with them;
# none of those characters can end a URL we would want to open.
_URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?)]}'\""


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) and trim."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Address:
    """A mailbox with an optional display name."""

    name: str
    address: str

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


class _AnchorCollector(HTMLParser):
    """Collects (visible text, href) for every <a href> in an HTML document."""

    # Text inside these never renders, so it must not count as a link's visible text.
    _INVISIBLE = frozenset({"script", "style", "head", "title", "template"})

    def __init__(self) -> None:
        # convert_charrefs=True decodes entities in text and attribute values for us.
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        # <a> without href: not a link, but the visible text of one the template broke.
        self.hrefless: list[str] = []
        self._hrefless: list[str] | None = None
        self._href: str | None = None
        self._parts: list[str] = []
        self._alts: list[str] = []
        self._invisible_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._INVISIBLE:
            self._invisible_depth += 1
        elif tag == "a":
            # Anchors cannot nest; browsers close the open one, so do we.
            self._finish()
            href = dict(attrs).get("href")
            if href is not None:
                self._href = href.strip()
            else:
                self._hrefless = []
        elif tag == "img" and self._href is not None:
            alt = dict(attrs).get("alt")
            if alt:
                self._alts.append(alt)
        elif tag == "br" and self._href is not None:
            self._parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <script/> or <a/> never open a region, so only the side effects of images matter.
        if tag in ("img", "br"):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._INVISIBLE:
            self._invisible_depth = max(0, self._invisible_depth - 1)
        elif tag == "a":
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._href is not None and not self._invisible_depth:
            self._parts.append(data)
        elif self._hrefless is not None and not self._invisible_depth:
            self._hrefless.append(data)

    def close(self) -> None:
        super().close()
        self._finish()

    def _finish(self) -> None:
        if self._hrefless is not None:
            self.hrefless.append(normalise_space("".join(self._hrefless)))
            self._hrefless = None
        if self._href is not None:
            text = normalise_space("".join(self._parts))
            # An image-only button ("[Activate]") is named by its alt text, as a screen reader would.
            self.anchors.append((text or normalise_space(" ".join(self._alts)), self._href))
        self._href = None
        self._parts = []
        self._alts = []


def html_links(html: str) -> tuple[tuple[str, str], ...]:
    """Every (visible text, href) pair in an HTML document, in document order."""
    collector = _AnchorCollector()
    collector.feed(html)
    collector.close()
    return tuple(collector.anchors)


def hrefless_links(html: str) -> tuple[str, ...]:
    """The visible text of every <a> with no href at all."""
    collector = _AnchorCollector()
    collector.feed(html)
    collector.close()
    return tuple(collector.hrefless)


# An href that goes nowhere: the template's placeholder left in, or its URL variable empty.
_NOWHERE = re.compile(r"^(#.*|javascript:.*|about:blank|\{\{.*\}\}|%7B%7B.*|)$", re.IGNORECASE)


def text_urls(text: str) -> tuple[str, ...]:
    """Every http(s) URL in a plain-text body, in order, without surrounding punctuation."""
    return tuple(match.group(0).rstrip(_URL_TRAILING) for match in _URL_RE.finditer(text))


def _shorten(items: list[str], limit: int = 10) -> str:
    shown = ", ".join(f'"{item}"' for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


@dataclass(frozen=True)
class Message:
    """One received e-mail, decoded; `text`/`html` are empty strings when that part is absent."""

    id: str
    sender: Address
    recipients: tuple[str, ...]
    subject: str
    text: str
    html: str
    received_at: datetime

    def links(self) -> tuple[tuple[str, str], ...]:
        """(visible text, href) for each link in the HTML part."""
        return html_links(self.html) if self.html else ()

    def link(self, text: str) -> str:
        """The href of the HTML link whose visible text equals `text` (case and spacing ignored)."""
        wanted = normalise_space(text).casefold()
        links = self.links()
        for visible, href in links:
            if visible.casefold() == wanted and _NOWHERE.match(href):
                raise LinkNotFound(self._broken(text, f'its address is "{href}"'))
            if visible.casefold() == wanted:
                return href
        if self.html and any(visible.casefold() == wanted for visible in hrefless_links(self.html)):
            raise LinkNotFound(self._broken(text, "it has no address (no href)"))
        if not self.html:
            found = "it has no HTML part (use a URL pattern for plain-text e-mails)"
        elif links:
            found = f"its links are {_shorten([visible for visible, _ in links])}"
        else:
            found = "its HTML part has no links"
        raise LinkNotFound(
            f'No link with the text "{normalise_space(text)}" in the e-mail "{self.subject}" '
            f"to {', '.join(self.recipients)}; {found}. Check the profile's link text."
        )

    def _broken(self, text: str, why: str) -> str:
        return (f'The link "{normalise_space(text)}" in the e-mail "{self.subject}" to {", ".join(self.recipients)} '
                f"is broken: {why}, so it opens nothing. Fix the portal's e-mail template.")

    def link_matching(self, pattern: str) -> str:
        """The first URL matching the regex `pattern`, from the text part (HTML hrefs if none)."""
        regex = re.compile(pattern)
        if self.text.strip():
            urls, where = text_urls(self.text), "text part"
        else:
            urls, where = tuple(href for _, href in self.links()), "HTML links"
        for url in urls:
            if regex.search(url):
                return url
        found = f"its URLs are {_shorten(list(urls))}" if urls else "it has no URLs"
        raise LinkNotFound(
            f"No URL matching /{pattern}/ in the {where} of the e-mail \"{self.subject}\" "
            f"to {', '.join(self.recipients)}; {found}. Check the profile's link pattern."
        )
