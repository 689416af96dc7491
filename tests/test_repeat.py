"""`portalcheck run --repeat N`: N runs, each its own report, and every scenario whose outcome changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from runs import PROJECT, clean_env

from portalcheck import repeat
from portalcheck.report.plugin import write_report
from portalcheck.report.results import FAILED, PASSED, Results, ScenarioResult

SCENARIOS = "finds or welcome"  # Minot step 1 (login screen) and step 3 (welcome screen)


def report_folder(folder: Path, outcomes: dict[str, tuple[str, str]]) -> Path:
    """A report folder written by the report plugin's own writer, with these outcomes."""
    results = Results()
    for nodeid, (outcome, message) in outcomes.items():
        results.scenarios[nodeid] = ScenarioResult(nodeid, outcome=outcome, message=message)
    write_report(results, folder, portal="http://portal.test", profile="reference")
    return folder


def test_a_scenario_that_passed_once_and_failed_once_is_listed_with_the_failure(tmp_path: Path) -> None:
    steady = ("passed", "")
    first = report_folder(tmp_path / "run-01", {"f.py::test_a": steady, "f.py::test_b": (PASSED, "")})
    second = report_folder(tmp_path / "run-02", {"f.py::test_a": steady,
                                                 "f.py::test_b": (FAILED, "Timeout 15000ms exceeded at /home/")})
    comparison = repeat.compare([first, second])
    assert not comparison.identical and comparison.scenarios == 2
    [changed] = comparison.changed
    assert changed.nodeid == "f.py::test_b"
    assert [(o.run, o.outcome, o.message) for o in changed.outcomes] == [
        ("run-01", PASSED, ""), ("run-02", FAILED, "Timeout 15000ms exceeded at /home/")]
    text = repeat.as_text(comparison)
    assert "1 changed outcome" in text and "run-02: failed: Timeout 15000ms exceeded at /home/" in text


def test_the_same_outcomes_and_a_missing_scenario(tmp_path: Path) -> None:
    # Positive control: the same failure in both runs is no change (it is a steady failure).
    same = {"f.py::test_a": (FAILED, "no"), "f.py::test_b": (PASSED, "")}
    first, second = report_folder(tmp_path / "run-01", same), report_folder(tmp_path / "run-02", same)
    assert repeat.compare([first, second]).identical
    # A scenario one run did not report at all has changed too.
    third = report_folder(tmp_path / "run-03", {"f.py::test_a": (FAILED, "no")})
    [changed] = repeat.compare([first, second, third]).changed
    assert [o.outcome for o in changed.outcomes] == [PASSED, PASSED, repeat.MISSING]


def test_repeat_runs_twice_into_two_reports_and_compares_them(tmp_path: Path) -> None:
    report = tmp_path / "report"
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--repeat", "2", "--report-dir", str(report),
         "--", "-k", SCENARIOS], cwd=PROJECT, capture_output=True, text=True, timeout=600, env=clean_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "portalcheck: repeat: run 1 of 2 (seed " in output and "portalcheck: repeat: run 2 of 2" in output
    assert "portalcheck: repeat: 2 runs, 2 scenarios: every outcome the same in every run" in result.stdout
    for run in ("run-01", "run-02"):
        assert json.loads((report / run / "summary.json").read_text())["totals"]["passed"] == 2
    document = json.loads((report / "repeat.json").read_text())
    assert document["identical"] is True and document["changed"] == []
    assert [run["folder"] for run in document["runs"]] == ["run-01", "run-02"]
    assert all(run["exit_code"] == 0 and run["seed"] for run in document["runs"])
    assert document["runs"][0]["seed"] != document["runs"][1]["seed"]
    assert (report / "repeat.txt").read_text().startswith("portalcheck: repeat: 2 runs")


def test_repeat_needs_a_whole_number() -> None:
    result = subprocess.run([sys.executable, "-m", "portalcheck", "run", "--repeat", "0"], cwd=PROJECT,
                            capture_output=True, text=True, timeout=120, env=clean_env())
    assert result.returncode == 2 and "'0' is not a whole number of runs" in result.stderr
