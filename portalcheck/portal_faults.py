"""The portal's own faults, in words: an error page, no answer, a closed connection, a stopped portal.

Playwright reports them as whatever the step was doing when it met one: a field not found on a
"Server Error (500)" page, a navigation timeout, `net::ERR_EMPTY_RESPONSE`, `connect
ECONNREFUSED`. Each browser context records what became of the pages it asked the portal for
(`watch`); when a scenario fails, `explain` names the portal's fault first, in one sentence with
what to look at, so a report never blames a step for what the portal did.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Request, Response

WATCHED = pytest.StashKey["PageLoads"]()

ANSWERED_500 = "the portal answered {status} at {where}; see the portal's error log"
NO_ANSWER = ("the portal did not answer within {wait:g} s at {where} (--wait-seconds); check that it is "
             "not stuck or overloaded")
CLOSED = "the portal closed the connection without answering at {where}; see its server's or proxy's log"
STOPPED = ("the portal stopped answering: nothing accepts connections at {where} any more (it answered when "
           "the run began); check that it is still running")
# Chromium's network errors (request.failure) and Playwright's API-request errors, by fault.
_CLOSED_ERRORS = ("ERR_EMPTY_RESPONSE", "ERR_CONNECTION_CLOSED", "ERR_CONNECTION_RESET", "ECONNRESET",
                  "socket hang up", "ERR_INVALID_HTTP_RESPONSE")
_STOPPED_ERRORS = ("ERR_CONNECTION_REFUSED", "ECONNREFUSED")
# A timeout is the portal's only while loading a page or answering a request: a click timing out
# on a button the page lacks is the step's finding, not the portal's silence.
_TIMEOUT = re.compile(r"Timeout \d+ms exceeded[\s\S]*?(navigating to|waiting for navigation|scheduled navigations)"
                      r"|Request timed out|ETIMEDOUT|ERR_TIMED_OUT")
_URL = re.compile(r"https?://[^\s\"'<>]+")


def _where(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _fault_of(error: str, where: str, wait: float) -> str | None:
    if any(name in error for name in _STOPPED_ERRORS):
        return STOPPED.format(where=where)
    if any(name in error for name in _CLOSED_ERRORS):
        return CLOSED.format(where=where)
    if _TIMEOUT.search(error):
        return NO_ANSWER.format(wait=wait, where=where)
    return None


@dataclass
class PageLoads:
    """What became of the pages (documents) a scenario's browser asked the portal for."""

    origin: str
    wait_seconds: float
    faults: list[str] = field(default_factory=list)
    pending: dict[Request, tuple[str, float]] = field(default_factory=dict)

    def _ours(self, request: Request) -> bool:
        url = getattr(request, "url", "")
        return getattr(request, "resource_type", "") == "document" and url.startswith(self.origin)

    def requested(self, request: Request) -> None:
        if self._ours(request):
            self.pending[request] = (request.url, time.monotonic())

    def answered(self, response: Response) -> None:
        request = response.request
        if not self._ours(request):
            return
        self.pending.pop(request, None)
        if response.status >= 500:
            status = f"{response.status} {response.status_text}".strip()
            self.faults.append(ANSWERED_500.format(status=status, where=_where(response.url)))

    def failed(self, request: Request) -> None:
        if not self._ours(request):
            return
        self.pending.pop(request, None)
        fault = _fault_of(request.failure or "", _where(request.url), self.wait_seconds)
        if fault:
            self.faults.append(fault)

    def finished(self, request: Request) -> None:
        self.pending.pop(request, None)

    def unanswered(self) -> str | None:
        """A page asked for at least --wait-seconds ago that has had no answer."""
        now = time.monotonic()
        for url, since in self.pending.values():
            if now - since >= self.wait_seconds * 0.9:
                return NO_ANSWER.format(wait=self.wait_seconds, where=_where(url))
        return None


def watch(context: BrowserContext, portal_url: str, wait_seconds: float) -> PageLoads:
    """Record, for this browser context, what became of each page asked of the portal."""
    parts = urlsplit(portal_url)
    loads = PageLoads(origin=f"{parts.scheme}://{parts.netloc}", wait_seconds=wait_seconds)
    context.on("request", loads.requested)
    context.on("response", loads.answered)
    context.on("requestfailed", loads.failed)
    context.on("requestfinished", loads.finished)
    return loads


def explain(item: pytest.Item, error: BaseException | None) -> str | None:
    """The portal's fault behind a failed scenario, in one sentence; None when the portal did
    nothing wrong that the harness could see (the step's own message then stands)."""
    loads = item.stash.get(WATCHED, None)
    if loads is None:
        return None
    if loads.faults:
        return loads.faults[0]  # the first is the cause; what follows went wrong because of it
    if pending := loads.unanswered():
        return pending
    text = str(error or "")
    # An API request (portalcheck/journeys/forms.py) or a navigation names its URL; else the portal's own.
    found = next((url for url in _URL.findall(text) if url.startswith(loads.origin)), loads.origin)
    return _fault_of(text, _where(found), loads.wait_seconds)


def with_fault(fault: str, message: str) -> str:
    """The fault first, then the first line of what the step reported."""
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    return f"{fault[0].upper()}{fault[1:]}. The step failed on it: {first}" if first else f"{fault}."
