"""The Billings features against the bundled Citizen Access edition: all pass, and each refusal bites."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

PROJECT = Path(__file__).resolve().parent.parent
BILLINGS = sorted((PROJECT / "portalcheck" / "features" / "citizen_access").glob("*.feature"))
COMMUNITY = sorted((PROJECT / "portalcheck" / "features" / "community_access").glob("*.feature"))
# The refusal scenarios whose portal defect (reference_portal.defects) each one must catch.
CAUGHT = {
    "first-login-signs-in": "Skipping the second login leaves the resident logged out",
    "confirmation-link-reusable": "The confirmation link cannot be used a second time",
    "permit-pin-ignored": "A wrong Provided PIN links nothing",
}

pytestmark = pytest.mark.browser


def scenarios_by_step(paths: list[Path]) -> dict[int, list[str]]:
    """Guide step -> the scenarios tagged with it, read from the feature files."""
    steps: dict[int, list[str]] = {}
    tags: list[str] = []
    for line in (text.strip() for path in paths for text in path.read_text(encoding="utf-8").splitlines()):
        if line.startswith("@"):
            tags = re.findall(r"@guide-step-(\d+)", line)
        elif line.startswith("Scenario:"):
            for step in tags:
                steps.setdefault(int(step), []).append(line.removeprefix("Scenario:").strip())
            tags = []
    return steps


def count_scenarios(paths: list[Path]) -> int:
    return sum(p.read_text(encoding="utf-8").count("Scenario:") for p in paths)


def run_features(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features", "--portal-edition", "citizen-access",
         "-p", "no:cacheprovider", "-q", "-rs", "-n", "2", *args],
        cwd=PROJECT, capture_output=True, text=True, timeout=600, env={**os.environ, **env},
    )


def test_every_step_of_the_billings_guide_has_a_scenario():
    assert sorted(scenarios_by_step(BILLINGS)) == list(range(1, 10))


def outcomes(junit: Path, module: str) -> dict[str, str]:
    """Test name -> passed/failed/skipped for one binding module, from the run's JUnit XML."""
    found = {}
    for case in ElementTree.parse(junit).iter("testcase"):
        if case.get("classname") == f"portalcheck.features.{module}":
            kinds = {child.tag for child in case} & {"failure", "error", "skipped"}
            found[case.get("name")] = kinds.pop() if kinds else "passed"
    return found


def test_the_billings_features_pass_and_community_access_is_not_applicable(tmp_path):
    junit = tmp_path / "junit.xml"
    result = run_features(f"--junitxml={junit}")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    billings = outcomes(junit, "test_citizen_access")
    assert len(billings) == count_scenarios(BILLINGS), billings
    assert set(billings.values()) == {"passed"}, billings
    community = outcomes(junit, "test_community_access")
    # At least one test per scenario (an outline gives one per example).
    assert len(community) >= count_scenarios(COMMUNITY) and set(community.values()) == {"skipped"}, community
    assert "not applicable: the portal profile's family is citizen-access" in output


def test_each_refusal_fails_against_a_portal_that_breaks_it():
    names = (re.sub(r"\W+", "_", name.lower()) for name in CAUGHT.values())
    result = run_features("-k", " or ".join(f"test_{name}" for name in names),
                          REFERENCE_PORTAL_DEFECTS=",".join(CAUGHT))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{len(CAUGHT)} failed" in output and "passed" not in output, output
