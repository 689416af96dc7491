"""One option surface: each option has the same name for pytest and `portalcheck`, and an
environment variable named by one rule, as the README's table (printed from the same list) says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portalcheck import options

PROJECT = Path(__file__).resolve().parent.parent


def test_every_variable_is_named_by_the_one_rule() -> None:
    for option in options.OPTIONS:
        assert option.env == "PORTALCHECK_" + option.flag[2:].upper().replace("-", "_")


def test_pytest_and_portalcheck_run_offer_the_same_options() -> None:
    pytest_help = subprocess.run([sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"],
                                 cwd=PROJECT, capture_output=True, text=True, timeout=120).stdout
    run_help = subprocess.run([sys.executable, "-m", "portalcheck", "run", "--help"], cwd=PROJECT,
                              capture_output=True, text=True, timeout=120).stdout
    for option in options.OPTIONS:
        assert option.flag in pytest_help and option.flag in run_help, option.flag
        assert option.env in " ".join(pytest_help.split()), option.env


def test_the_readme_lists_every_option_as_the_table_does() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert options.markdown_table() in readme, "regenerate it: python -m portalcheck.options"


def test_an_option_comes_from_its_variable_and_an_older_name_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    wait = options.BY_FLAG["--wait-seconds"]
    monkeypatch.setenv("PORTALCHECK_WAIT_SECONDS", "40")
    assert wait.from_environment() == 40.0
    profile = options.BY_FLAG["--portal-profile"]
    monkeypatch.setenv("PORTALCHECK_PROFILE", "reference-variant-a")
    assert profile.from_environment() == "reference-variant-a"
    monkeypatch.setenv("PORTALCHECK_PORTAL_PROFILE", "reference")
    assert profile.from_environment() == "reference"


def test_a_switch_comes_from_its_variable_too(monkeypatch: pytest.MonkeyPatch) -> None:
    evidence = options.BY_FLAG["--evidence"]
    assert evidence.from_environment() is False
    monkeypatch.setenv("PORTALCHECK_EVIDENCE", "1")
    assert evidence.from_environment() is True
    monkeypatch.setenv("PORTALCHECK_EVIDENCE", "off")
    assert evidence.from_environment() is False


def test_a_cli_option_goes_to_pytest_under_its_own_name() -> None:
    from portalcheck.cli import build_parser

    given = build_parser().parse_args(["run", "--edition", "citizen-access", "--wait-seconds", "30", "--evidence"])
    assert options.as_pytest_arguments(given) == ["--portal-edition=citizen-access", "--wait-seconds=30.0",
                                                  "--evidence"]


@pytest.mark.parametrize(("args", "says"), [
    # Honoured: the portal it names is the one checked (and found not answering).
    (["--base-url", "http://127.0.0.1:9/"], "ERROR: The portal at http://127.0.0.1:9 is not answering"),
    (["--base-url", "http://127.0.0.1:9/", "--portal-url", "http://127.0.0.1:8/"],
     "ERROR: --base-url http://127.0.0.1:9 and --portal-url http://127.0.0.1:8 name two portals: give one."),
])
def test_pytest_playwright_s_base_url_names_the_portal(args: list[str], says: str) -> None:
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "portalcheck/features/test_community_access.py",
                             "-k", "no_such_scenario", *args], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 4 and says in result.stderr, result.stderr
