"""The harness under a failing portal: each affected scenario names the fault, the run still ends
with a report and a verdict, and nothing waits much past --wait-seconds.

The portal is tests/misbehaving_portal.py, a process of its own on a loopback port, given by URL.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from runs import PROJECT, await_line, clean_env, stop

SCENARIOS = "finds or welcome"  # Minot step 1 (login screen) and step 3 (sign up, activate, sign in)
WAIT = 3.0
# Past --wait-seconds, what a scenario may take: the failure's screenshot, closing the browser context.
MARGIN = 15.0
# Starting pytest, Chromium and the report, whatever the portal does.
START = 90.0

FAULTS = {
    "500": "The portal answered 500 Internal Server Error at /; see the portal's error log.",
    "hang": f"The portal did not answer within {WAIT:g} s at / (--wait-seconds)",
    "close": "The portal closed the connection without answering at /",
    "stops": "The portal stopped answering: nothing accepts connections at ",
}


@pytest.fixture
def misbehaving(request: pytest.FixtureRequest) -> Iterator[str]:
    process = subprocess.Popen([sys.executable, str(PROJECT / "tests" / "misbehaving_portal.py"), request.param],
                               stdout=subprocess.PIPE, text=True, env=clean_env())
    try:
        yield await_line(process.stdout, r"^READY (\S+)").group(1)
    finally:
        stop(process)


@pytest.mark.browser
@pytest.mark.parametrize("misbehaving", list(FAULTS), indirect=True)
def test_each_scenario_names_the_portal_s_fault_and_the_run_ends(misbehaving: str, request: pytest.FixtureRequest,
                                                                  tmp_path: Path) -> None:
    mode = request.node.callspec.params["misbehaving"]
    report = tmp_path / "report"
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "portalcheck", "run", "--portal-url", misbehaving, "--wait-seconds", str(WAIT),
         "--report-dir", str(report), "--", "-k", SCENARIOS],
        cwd=PROJECT, capture_output=True, text=True, timeout=600, env=clean_env())
    took = time.monotonic() - began
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-4000:]
    assert f"portalcheck: FAIL: 0 passed, 2 failed, 0 not applicable against {misbehaving}" in result.stdout
    summary = json.loads((report / "summary.json").read_text())
    assert summary["conforms"] is False and (report / "index.html").is_file()
    assert len(summary["failures"]) == 2
    for failure in summary["failures"]:
        assert failure["message"].startswith(FAULTS[mode]), failure["message"]
        assert "\n" not in failure["message"]
    # A failing scenario runs twice (again with a trace): each attempt within the wait and a margin.
    for scenario in json.loads((report / "scenarios.json").read_text()):
        assert scenario["duration"] <= WAIT + MARGIN, scenario
    assert took <= START + 2 * 2 * (WAIT + MARGIN), f"the run took {took:.0f}s"
