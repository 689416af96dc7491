"""pytest-playwright's launch and context arguments, extended for the portal under test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, expect

from portalcheck import browser, portal_faults, remote_browser
from portalcheck.errors import BrowserNotFound

T = TypeVar("T")

# The Chromium chosen when a test first needs a browser (None: Playwright's managed build).
BROWSER = pytest.StashKey[Path | None]()
# The browser server or CDP endpoint to use instead of launching (None: launch here).
REMOTE = pytest.StashKey[remote_browser.RemoteBrowser | None]()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, pytestconfig: pytest.Config,
                             browser_name: str) -> dict:
    if browser_name != "chromium":  # the Chromium found is no Firefox or WebKit: Playwright's own
        _or_stop(pytestconfig, lambda: browser.require_managed(browser_name))
        return browser_type_launch_args
    return {**browser_type_launch_args, **browser.launch_args(chromium(pytestconfig))}


def chromium(config: pytest.Config) -> Path | None:
    """The Chromium to launch, looked for once per process, the first time a test needs it."""
    if BROWSER not in config.stash:
        config.stash[BROWSER] = _or_stop(config, lambda: browser.find_chromium(
            config.option.browser_path, headed=bool(config.getoption("headed", False))))
    return config.stash[BROWSER]


def _or_stop(config: pytest.Config, look: Callable[[], T]) -> T:
    """`look()`, or the run stopped with its one-line BrowserNotFound: at once in a single process;
    on an xdist worker (where stopping the session crashes the controller) each browser test
    errors with that line alone, without a traceback."""
    try:
        return look()
    except BrowserNotFound as error:
        if hasattr(config, "workerinput"):
            pytest.fail(f"portalcheck: {error}", pytrace=False)
        pytest.exit(f"portalcheck: {error}", returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(scope="session")
def launch_browser(browser_type_launch_args: dict, browser_type: BrowserType,
                   pytestconfig: pytest.Config) -> Callable[..., Browser]:
    """Launch here, or connect to the --browser-ws server or --browser-cdp Chromium."""
    remote = pytestconfig.stash.get(REMOTE, None)

    def launch(**kwargs: object) -> Browser:
        options = {**browser_type_launch_args, **kwargs}
        if remote is None:
            return browser_type.launch(**options)
        return remote_browser.connect(browser_type, remote, options)

    return launch


@pytest.fixture(scope="session")
def base_url(portal_url: str) -> str:
    """The portal under test is what relative URLs in page objects resolve against."""
    return portal_url


@pytest.fixture(scope="session", autouse=True)
def _portalcheck_timeouts(pytestconfig: pytest.Config) -> None:
    """How long a step waits for the portal: web-first assertions and actions alike.

    Playwright's 5 s default is tight for a real portal over a network, or a busy CI runner.
    """
    expect.set_options(timeout=pytestconfig.option.wait_seconds * 1000)


@pytest.fixture
def context(context: BrowserContext, pytestconfig: pytest.Config, request: pytest.FixtureRequest,
            base_url: str) -> BrowserContext:
    wait = pytestconfig.option.wait_seconds
    context.set_default_timeout(wait * 1000)
    # What became of each page asked of the portal, to name its fault if the scenario fails.
    request.node.stash[portal_faults.WATCHED] = portal_faults.watch(context, base_url, wait)
    return context


_OUTPUT_EMPTIED = False


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir(pytestconfig: pytest.Config) -> None:
    """pytest-playwright empties --output when the session's fixtures are set up; once per
    process here, as a scenario run again after the last one (portalcheck.retry) sets them up
    a second time and must not delete the artifacts of the scenarios before it."""
    global _OUTPUT_EMPTIED
    if not _OUTPUT_EMPTIED:
        _OUTPUT_EMPTIED = True
        shutil.rmtree(pytestconfig.getoption("--output"), ignore_errors=True)
