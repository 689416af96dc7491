"""Finding a Chromium: an explicit path, Playwright's managed build, or the system's."""

import os
import stat
from pathlib import Path

import pytest

from portalcheck import browser
from portalcheck.errors import BrowserNotFound


def test_an_explicit_path_that_is_not_a_browser_says_so(tmp_path):
    with pytest.raises(BrowserNotFound, match=r"No browser executable at .*--browser-path"):
        browser.find_chromium(str(tmp_path / "chrome"))


def test_an_explicit_executable_is_used_as_given(tmp_path):
    chrome = tmp_path / "chrome"
    chrome.write_text("#!/bin/sh\n")
    chrome.chmod(chrome.stat().st_mode | stat.S_IXUSR)
    assert browser.find_chromium(str(chrome)) == chrome
    assert browser.launch_args(chrome)["executable_path"] == str(chrome)


def test_with_no_chromium_at_all_both_remedies_are_named(tmp_path, monkeypatch):
    # Playwright's managed build is absent on this machine or not; PATH empty hides the system one.
    monkeypatch.setattr(browser, "managed_chromium", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BrowserNotFound) as caught:
        browser.find_chromium()
    message = str(caught.value)
    assert "python -m playwright install chromium" in message
    assert "apt-get install chromium" in message
    assert "\n" not in message


def test_a_system_chromium_on_the_path_is_found(tmp_path, monkeypatch):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    monkeypatch.setattr(browser, "managed_chromium", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + "/nonexistent")
    assert browser.find_chromium() == chromium


def test_the_managed_build_needs_no_launch_arguments():
    assert browser.launch_args(None) == {}


def test_another_engine_is_playwright_s_own_never_the_chromium_found() -> None:
    """--browser firefox: Playwright's Firefox, or one line saying how to install it."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "portalcheck/features/test_community_access.py",
         "-k", "email_from_community", "--browser", "firefox"],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, timeout=300)
    if browser.managed("firefox") is None:
        assert result.returncode == 4, result.stdout[-2000:]
        assert ("ERROR: --browser firefox needs Playwright's firefox: python -m playwright install firefox"
                in result.stderr), result.stderr
    else:  # where Playwright's Firefox is installed, it runs the scenario (never Chromium's path)
        assert result.returncode == 0, result.stdout[-3000:]
