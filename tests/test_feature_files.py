"""A city's own feature file runs as it is: no Python beside it, the shared steps, a report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

OUR_FEATURE = '''@community-access
Feature: Our city: a resident signs up
  Scenario: The sign-in page offers "Sign up"
    When the resident opens the sign-in page
    Then the page shows the link "Sign up"

  Scenario: A new resident signs up, verifies the address and signs in
    Given a resident who has not signed up yet
    And the resident has signed up
    When the resident clicks "Activate account" in the e-mail from "Community Access Identity"
    And the resident signs in with their email and password
    Then the resident is signed in
'''


def portalcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalcheck", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_a_feature_in_a_folder_of_its_own_runs_and_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "our_features"
    folder.mkdir()
    (folder / "our_sign_up.feature").write_text(OUR_FEATURE, encoding="utf-8")
    # Paths relative to where the command runs, as a user gives them.
    (tmp_path / "profiles").mkdir()
    reference = Path(__file__).resolve().parent.parent / "portalcheck" / "profiles" / "reference.toml"
    (tmp_path / "profiles" / "our-city.toml").write_text(reference.read_text(encoding="utf-8"), encoding="utf-8")
    result = portalcheck("run", "--features", "our_features", "--report-dir", "report",
                         "--portal-profile", "profiles/our-city.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "PASS: 2 passed" in result.stdout
    scenarios = json.loads((tmp_path / "report" / "scenarios.json").read_text(encoding="utf-8"))
    names = {s["scenario"]["name"] for s in scenarios}
    assert names == {'The sign-in page offers "Sign up"',
                     "A new resident signs up, verifies the address and signs in"}
    assert "Our city: a resident signs up" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")


def test_a_selection_that_matches_nothing_is_an_error_not_a_verdict(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = portalcheck("run", "--features", "empty", "--report", "report", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().startswith("portalcheck: error: no scenario in empty matches")
    assert "PASS" not in result.stdout and "FAIL" not in result.stdout
