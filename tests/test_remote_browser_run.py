"""Browsers elsewhere: a live `playwright run-server` (the npm package) and a Chromium over CDP.

`make test` installs the npm package of this Playwright's version (scripts/install-browser-server),
and the one before it for the version-mismatch error. The server drives this machine's Chromium,
named with --browser-path, which it accepts because it runs with --unsafe.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from runs import PROJECT, await_line, clean_env, free_port, passed, pytest_run, stop

from portalcheck import browser

SERVERS = PROJECT / ".browser-server"

pytestmark = pytest.mark.browser


def chromium() -> Path:
    found = browser.system_chromium()
    if found is None:
        pytest.skip("no system Chromium for the browser server to drive: apt-get install chromium")
    return found


class BrowserServer:
    """`playwright run-server` from one of the npm installs, logging each connection."""

    def __init__(self, install: str, log: Path) -> None:
        executable = SERVERS / install / "node_modules" / ".bin" / "playwright"
        if not executable.exists():
            pytest.skip(f"the npm playwright package is not installed in {executable.parent.parent.parent}: "
                        "scripts/install-browser-server installs it (make test runs it)")
        self.log = log
        self._out = log.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(executable), "run-server", "--host", "127.0.0.1", "--port", str(free_port()), "--unsafe"],
            stdout=subprocess.PIPE, stderr=self._out, text=True, env=clean_env(DEBUG="pw:server"))
        self.url = await_line(self.process.stdout, r"Listening on (ws://\S+)").group(1)

    def launches(self) -> int:
        return self.log.read_text(errors="replace").count('engaged launch mode for "chromium"')

    def stop(self) -> None:
        stop(self.process)
        self._out.close()


@pytest.fixture
def browser_server(tmp_path: Path) -> Iterator[BrowserServer]:
    server = BrowserServer("current", tmp_path / "server.log")
    try:
        yield server
    finally:
        server.stop()


def test_the_conformance_run_passes_through_a_browser_server(browser_server: BrowserServer, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    result = pytest_run("portalcheck/features/test_community_access.py", "-n", "2", "--tb=short", f"--junitxml={junit}",
                        "--browser-ws", browser_server.url, "--browser-path", str(chromium()))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert f"browser Playwright browser server at {browser_server.url}" in result.stdout
    cases = list(ElementTree.parse(junit).iter("testcase"))
    assert len([case for case in cases if passed(case)]) >= 40, output[-3000:]
    # The browsers were the server's: the up-front check and one per worker.
    assert browser_server.launches() >= 3, browser_server.log.read_text()[-2000:]


def test_a_server_of_another_playwright_version_is_one_line(tmp_path: Path) -> None:
    older = BrowserServer("older", tmp_path / "older.log")
    try:
        result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario",
                            "--browser-ws", older.url, timeout=120)
    finally:
        older.stop()
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert result.returncode == 4 and len(errors) == 1, result.stderr
    assert re.search(rf"The browser server at {re.escape(older.url)} runs Playwright 1\.\d+, portalcheck "
                     r"Playwright 1\.\d+: start the server with the same version \(npx playwright@1\.\d+ run-server\)",
                     errors[0]), errors[0]


def test_a_server_without_a_browser_is_one_line(browser_server: BrowserServer) -> None:
    # No --browser-path: the server would launch Playwright's own browser, which it lacks here.
    if (Path.home() / ".cache" / "ms-playwright").exists() and browser.managed_chromium() is not None:
        pytest.skip("Playwright's managed browser is installed, so the server has a browser")
    result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario",
                        "--browser-ws", browser_server.url, timeout=120)
    assert result.returncode == 4
    assert (f"ERROR: The browser server at {browser_server.url} could not launch a browser: install Playwright's "
            "there (npx playwright install chromium), or name the server's Chromium with --browser-path") in result.stderr


@pytest.mark.parametrize(("flag", "url", "complaint"), [
    ("--browser-ws", "ws://127.0.0.1:{port}/", "Nothing answers at ws://127.0.0.1:{port}/ (--browser-ws): start one"),
    ("--browser-cdp", "http://127.0.0.1:{port}", "Nothing answers at http://127.0.0.1:{port} (--browser-cdp): start "
                                                 "Chromium with --remote-debugging-port"),
    ("--browser-ws", "127.0.0.1:{port}", "--browser-ws '127.0.0.1:{port}' is not a WebSocket URL"),
])
def test_nothing_at_the_remote_browser_url_is_one_line(flag: str, url: str, complaint: str) -> None:
    port = free_port()
    result = pytest_run("portalcheck/features/test_community_access.py", "-k", "no_such_scenario",
                        flag, url.format(port=port), timeout=120)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: ")]
    assert result.returncode == 4 and len(errors) == 1, result.stderr
    assert complaint.format(port=port) in errors[0], errors[0]


@pytest.fixture
def chromium_with_cdp() -> Iterator[str]:
    """This machine's Chromium, headless, with its DevTools Protocol on a port it chose."""
    profile = Path(tempfile.mkdtemp(prefix="cdp-"))
    # As root (a CI container) Chromium refuses to start sandboxed; Playwright adds this itself.
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    process = subprocess.Popen(
        [str(chromium()), "--headless=new", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
         f"--user-data-dir={profile}", *sandbox, *browser.QUIET_FLAGS, "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        # Chromium prints "DevTools listening on ws://..." on stderr once the port is open.
        found = await_line(process.stderr, r"DevTools listening on ws://([\d.]+:\d+)/")
        yield f"http://{found.group(1)}"
    finally:
        stop(process)
        shutil.rmtree(profile, ignore_errors=True)


def test_scenarios_pass_on_a_chromium_attached_over_cdp(chromium_with_cdp: str, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    result = pytest_run("portalcheck/features/test_community_access.py", "--tb=short", "-k", "email_from or after_activating",
                        f"--junitxml={junit}", "--browser-cdp", chromium_with_cdp)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert f"browser Chromium over CDP at {chromium_with_cdp}" in result.stdout
    cases = list(ElementTree.parse(junit).iter("testcase"))
    assert len(cases) >= 2 and all(passed(case) for case in cases), output[-3000:]
