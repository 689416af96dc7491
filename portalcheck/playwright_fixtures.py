"""pytest-playwright's launch and context arguments, extended for the portal under test."""

from __future__ import annotations

from pathlib import Path

import pytest

from portalcheck import browser

# The Chromium chosen at configure time (None: Playwright's managed build).
BROWSER = pytest.StashKey[Path | None]()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, pytestconfig: pytest.Config) -> dict:
    return {**browser_type_launch_args, **browser.launch_args(pytestconfig.stash[BROWSER])}


@pytest.fixture(scope="session")
def base_url(portal_url: str) -> str:
    """The portal under test is what relative URLs in page objects resolve against."""
    return portal_url
