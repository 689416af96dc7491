"""A browser somewhere else: a Playwright browser server (`--browser-ws`) or a Chromium over CDP
(`--browser-cdp`), instead of one launched on this machine.

A browser server (`npx playwright@1.65 run-server`, or Microsoft's Playwright container) launches
a browser per connection, with the launch options the client sends; its Playwright must have the
client's major.minor version, and it takes an executable path or extra arguments only when
started with `--unsafe`. So launch options cross the wire only when `--browser-path` names the
server's own Chromium.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata

from playwright.sync_api import Browser, BrowserType
from playwright.sync_api import Error as PlaywrightError

from portalcheck.errors import BrowserServerError

CONNECT_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class RemoteBrowser:
    """Where the browser runs: `kind` is "ws" (a Playwright browser server) or "cdp"."""

    kind: str
    url: str

    @property
    def flag(self) -> str:
        return "--browser-ws" if self.kind == "ws" else "--browser-cdp"

    def describe(self) -> str:
        what = "Playwright browser server" if self.kind == "ws" else "Chromium over CDP"
        return f"{what} at {self.url}"


def chosen(options: object) -> RemoteBrowser | None:
    """The remote browser the options name, or None to launch one here."""
    ws, cdp = getattr(options, "browser_ws", None), getattr(options, "browser_cdp", None)
    if ws and cdp:
        raise BrowserServerError("--browser-ws and --browser-cdp are two browsers: choose one (each also has a "
                                 "PORTALCHECK_ variable; unset the one you do not mean).")
    if ws:
        if not re.match(r"wss?://", ws):
            raise BrowserServerError(f"--browser-ws {ws!r} is not a WebSocket URL: give e.g. ws://127.0.0.1:3000/ "
                                     "(what `playwright run-server` prints as \"Listening on\").")
        return RemoteBrowser("ws", ws)
    if cdp:
        if not re.match(r"(https?|wss?)://", cdp):
            raise BrowserServerError(f"--browser-cdp {cdp!r} is not a URL: give e.g. http://127.0.0.1:9222 "
                                     "(Chromium started with --remote-debugging-port=9222).")
        return RemoteBrowser("cdp", cdp)
    return None


def client_version() -> str:
    """This Playwright's major.minor: what a browser server must run."""
    return ".".join(metadata.version("playwright").split(".")[:2])


def connect(browser_type: BrowserType, remote: RemoteBrowser, launch_options: dict) -> Browser:
    """A Browser on the remote end; BrowserServerError in one line when it cannot be had."""
    try:
        if remote.kind == "cdp":
            return browser_type.connect_over_cdp(remote.url, timeout=CONNECT_TIMEOUT_MS)
        headers = {"x-playwright-launch-options": json.dumps(_camel(launch_options))} if launch_options else None
        return browser_type.connect(remote.url, headers=headers, timeout=CONNECT_TIMEOUT_MS)
    except PlaywrightError as error:
        raise explain(remote, str(error)) from None


def check(remote: RemoteBrowser, launch_options: dict) -> str:
    """Connect once, open a page and leave; the remote browser's version. Raises BrowserServerError."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = connect(playwright.chromium, remote, launch_options)
        try:
            browser.new_context().new_page().close()
            return browser.version
        except PlaywrightError as error:
            raise explain(remote, str(error)) from None
        finally:
            browser.close()


def explain(remote: RemoteBrowser, message: str) -> BrowserServerError:
    """Playwright's many-line connection error as one line naming the cause and the fix."""
    text = " ".join(message.split())
    mine = client_version()
    mismatch = re.search(r"server version: v?([\d.]+)", text)
    if "version mismatch" in text.lower() and mismatch:
        return BrowserServerError(
            f"The browser server at {remote.url} runs Playwright {mismatch.group(1)}, portalcheck Playwright {mine}: "
            f"start the server with the same version (npx playwright@{mine} run-server).")
    if "ECONNREFUSED" in text or "connection refused" in text.lower():
        start = (f"start one (npx playwright@{mine} run-server --port 3000)" if remote.kind == "ws"
                 else "start Chromium with --remote-debugging-port")
        return BrowserServerError(f"Nothing answers at {remote.url} ({remote.flag}): {start}, or fix the URL.")
    if "Timeout" in text or "timed out" in text.lower():
        return BrowserServerError(f"The {remote.describe()} did not answer within {CONNECT_TIMEOUT_MS // 1000}s: "
                                  f"check the URL ({remote.flag}) and that the server is reachable from here.")
    if "Executable doesn't exist" in text or "executable" in text.lower() and "launch" in text.lower():
        return BrowserServerError(
            f"The browser server at {remote.url} could not launch a browser: install Playwright's there "
            "(npx playwright install chromium), or name the server's Chromium with --browser-path "
            "(the server must then run with --unsafe).")
    first = re.sub(r"^\S+: ", "", text)[:300]
    return BrowserServerError(f"Could not use the {remote.describe()}: {first}")


def _camel(options: dict) -> dict:
    """Python launch options as the server's protocol names them (executable_path -> executablePath)."""
    return {re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key): value for key, value in options.items()}
