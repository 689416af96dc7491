"""Harness/bare ratio for the registration journey, against one portal process in one run.

Runs benchmarks/test_registration_ratio.py (5 rounds of each, alternating is not needed: they
share the portal, the inbox and the browser) and compares the medians of the bare script's own
timing with the scenario's call time from JUnit XML (set-up of the page excluded for both).
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        junit = Path(folder) / "junit.xml"
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "benchmarks/test_registration_ratio.py", "-p", "no:cacheprovider",
             "-q", "-s", "--tracing=off", f"--junitxml={junit}", "-o", "junit_duration_report=call"],
            cwd=PROJECT, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(result.stdout[-3000:] + result.stderr[-2000:])
        bare = [float(t) for t in re.findall(r"^BARE ([\d.]+)", result.stdout, re.M)]
        scenario = [float(case.get("time")) for case in ElementTree.parse(junit).iter("testcase")
                    if "portalcheck_scenario" in case.get("name", "")]
    b, s = statistics.median(bare), statistics.median(scenario)
    print(f"registration journey, median of {len(bare)}: bare Playwright {b:.2f} s, "
          f"portalcheck scenario {s:.2f} s, ratio {s / b:.2f}")


if __name__ == "__main__":
    main()
