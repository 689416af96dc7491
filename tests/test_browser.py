"""Finding a Chromium: an explicit path, Playwright's managed build, or the system's."""

import os
import stat
from pathlib import Path

import pytest
from runs import clean_env

from portalcheck import browser
from portalcheck.errors import BrowserNotFound

PROJECT = Path(__file__).resolve().parent.parent


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


def test_the_headless_shell_is_preferred_unless_a_window_is_wanted(tmp_path, monkeypatch):
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setattr(browser, "managed_chromium", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser.find_chromium() == tmp_path / "chromium-headless-shell"
    assert browser.find_chromium(headed=True) == tmp_path / "chromium"


def test_the_managed_build_needs_no_launch_arguments():
    assert browser.launch_args(None) == {}


def without_any_browser(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine with no Chromium: nothing on the PATH, Playwright's cache empty."""
    return clean_env(PATH=str(tmp_path), PLAYWRIGHT_BROWSERS_PATH=str(tmp_path / "ms-playwright"))


def test_tests_that_need_no_browser_run_without_one(tmp_path: Path) -> None:
    """The browser is looked for when a test first needs it: a profile unit test needs none."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests/test_clock.py"],
        cwd=PROJECT, capture_output=True, text=True, timeout=300, env=without_any_browser(tmp_path))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one process", "two workers"])
def test_a_scenario_without_a_browser_stops_with_one_line(tmp_path: Path, workers: list[str]) -> None:
    """No traceback: the line says what is missing and how to install it; in a single process
    the run stops at once, with workers each browser test errors with that line."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *workers,
         "portalcheck/features/test_community_access.py", "-k", "email_from_community or city"],
        cwd=PROJECT, capture_output=True, text=True, timeout=300, env=without_any_browser(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode in (1, 4), output[-3000:]
    assert "portalcheck: No Chromium found: install Playwright's browser" in output, output[-3000:]
    assert "Traceback" not in output and "INTERNALERROR" not in output, output[-3000:]


def test_another_engine_is_playwright_s_own_never_the_chromium_found() -> None:
    """--browser firefox: Playwright's Firefox, or one line saying how to install it."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "portalcheck/features/test_community_access.py",
         "-k", "email_from_community", "--browser", "firefox"],
        cwd=PROJECT, capture_output=True, text=True, timeout=300)
    if browser.managed("firefox") is None:
        assert result.returncode == 4, result.stdout[-2000:]
        assert ("portalcheck: --browser firefox needs Playwright's firefox: python -m playwright install firefox"
                in result.stdout), result.stdout[-2000:]
    else:  # where Playwright's Firefox is installed, it runs the scenario (never Chromium's path)
        assert result.returncode == 0, result.stdout[-3000:]
