"""The browser around the portal's pages: its window, its back button, its cookies, and what it
sends and receives. Security checks watch these; steps reach them as `portal.window`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from playwright.sync_api import Page, Request, Response

T = TypeVar("T")


@dataclass(frozen=True)
class SetCookie:
    """One Set-Cookie header as the portal sent it: the name and its attributes, lower-cased."""

    name: str
    attributes: dict[str, str]

    @classmethod
    def parse(cls, header: str) -> SetCookie:
        first, *rest = header.split(";")
        attributes = {}
        for part in rest:
            key, _, value = part.strip().partition("=")
            attributes[key.lower()] = value.strip()
        return cls(first.partition("=")[0].strip(), attributes)


@dataclass(frozen=True)
class Sent:
    """A request the browser sent: where to, and what it carried (its address and body)."""

    url: str
    body: str

    def carries(self, secret: str) -> bool:
        return secret in self.url or secret in self.body


@dataclass(frozen=True)
class PageSent:
    """A page the portal sent the browser: its address, status and Cache-Control header."""

    url: str
    status: int
    cache_control: str


@dataclass(frozen=True)
class Fetched:
    """What an address answers a request made with the browser's cookies, shown in no tab."""

    url: str
    status: int
    text: str


def _body(request: Request) -> str:
    try:
        return request.post_data or ""
    except Exception:  # noqa: BLE001 - a binary body cannot hold a typed number
        return ""


class BrowserWindow:
    """The resident's browser, for the portal at `portal_url`."""

    def __init__(self, page: Page, portal_url: str):
        self.page = page
        self.portal_url = portal_url

    def resize(self, width: int, height: int = 720) -> None:
        self.page.set_viewport_size({"width": width, "height": height})

    def back(self) -> None:
        """The browser's back button, waiting for the page it shows."""
        self.page.go_back(wait_until="load")

    def cookies(self) -> dict[str, str]:
        """The portal's cookies in the browser: name and value."""
        return {c["name"]: c["value"] for c in self.page.context.cookies(self.portal_url)}

    def cookie_expiries(self) -> dict[str, float]:
        """When each of the portal's cookies expires (seconds since the epoch; -1: with the browser session)."""
        return {c["name"]: c["expires"] for c in self.page.context.cookies(self.portal_url)}

    def plant(self, cookies: dict[str, str]) -> None:
        """Put cookies into the browser for the portal, as an attacker with a foothold could."""
        self.page.context.add_cookies([{"name": n, "value": v, "url": self.portal_url} for n, v in cookies.items()])

    def fetch(self, url: str) -> Fetched:
        """A GET with the browser's cookies, shown in no tab (Chromium shows no page for an empty 405)."""
        response = self.page.request.get(url)
        return Fetched(url, response.status, response.text())

    def note_requests(self) -> list[Sent]:
        """From now on, every request the browser sends (any tab, any origin) is added to the list returned."""
        sent: list[Sent] = []
        self.page.context.on("request", lambda request: sent.append(Sent(request.url, _body(request))))
        return sent

    def noting_set_cookies(self) -> contextlib.AbstractContextManager[list[SetCookie]]:
        """Within the block, every Set-Cookie header the portal sends is noted in the list yielded."""
        return self._noting(lambda response: [SetCookie.parse(header["value"]) for header in response.headers_array()
                                              if header["name"].lower() == "set-cookie"])

    def noting_pages(self) -> contextlib.AbstractContextManager[list[PageSent]]:
        """Within the block, every page (document) the portal sends is noted in the list yielded."""
        return self._noting(lambda response: [PageSent(response.url, response.status,
                                                       response.header_value("cache-control") or "")]
                            if response.request.resource_type == "document" else [])

    @contextlib.contextmanager
    def _noting(self, note: Callable[[Response], list[T]]) -> Iterator[list[T]]:
        """What `note` makes of each response from the portal while the block runs (read after it:
        Playwright's event handlers are no place to ask the browser more)."""
        responses: list[Response] = []

        def keep(response: Response) -> None:  # Playwright needs a Python function, not a bound builtin
            responses.append(response)

        noted: list[T] = []
        self.page.on("response", keep)
        try:
            yield noted
        finally:
            self.page.remove_listener("response", keep)
        noted.extend(item for response in responses if response.url.startswith(self.portal_url)
                     for item in note(response))
