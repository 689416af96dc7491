"""The report folder of `portalcheck run`: right against a sound portal, telling against a broken one."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIOS = "finds or welcome"  # Minot step 1 (login screen) and step 3 (welcome screen)


def run(report: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--report", str(report), "--", "-k", SCENARIOS],
        capture_output=True, text=True, timeout=300, env={**os.environ, **env},
    )


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory):
    report = tmp_path_factory.mktemp("report")
    return run(report, REFERENCE_PORTAL_DEFECTS="home-without-announcements"), report


def test_a_broken_flow_is_named_with_its_step_and_screenshot(broken_run):
    result, report = broken_run
    assert result.returncode == 1, result.stdout + result.stderr
    assert "portalcheck: FAIL: 1 passed, 1 failed" in result.stdout
    summary = json.loads((report / "summary.json").read_text())
    assert summary["conforms"] is False
    assert summary["guides"]["minot"] == {"1": "passed", "3": "failed"}
    [failure] = summary["failures"]
    assert failure["step"] == 'And the page shows the section "Announcements" saying "There are currently no announcements."'
    assert "Announcements" in failure["message"]
    assert failure["screenshots"] and all(Path(s).is_file() for s in failure["screenshots"])
    assert failure["traces"] and all(Path(t).is_file() for t in failure["traces"])
    html = (report / "index.html").read_text()
    assert "does not conform" in html and "<img src=\"artifacts/" in html


def test_cucumber_json_and_junit_hold_every_scenario(broken_run):
    _, report = broken_run
    [feature] = json.loads((report / "cucumber.json").read_text())
    statuses = {e["name"]: [s["result"]["status"] for s in e["steps"]] for e in feature["elements"]}
    welcome = next(v for k, v in statuses.items() if "welcome" in k)
    assert "failed" in welcome and welcome[-1] == "skipped"
    assert all(s == "passed" for k, v in statuses.items() if "welcome" not in k for s in v)
    assert (report / "junit.xml").read_text().count("<testcase") == 2


def test_a_sound_portal_conforms_under_xdist(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--report", str(tmp_path), "--workers", "2",
         "--", "-k", SCENARIOS],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["conforms"] is True and summary["guides"]["minot"] == {"1": "passed", "3": "passed"}
    [feature] = json.loads((tmp_path / "cucumber.json").read_text())
    assert len(feature["elements"]) == 2  # complete under xdist, unlike pytest-bdd's own
