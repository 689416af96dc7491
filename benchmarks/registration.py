"""Harness/bare ratio for the registration journey, against one portal process in one run.

Runs benchmarks/test_registration_ratio.py (11 counted rounds, the bare script, the bare script
with the scenario's checks and the scenario in turn; they share the portal, the inbox and the
browser) and compares the bare scripts' own timing with the scenario's call time from JUnit XML
(set-up of the page excluded for both): the ratio of the medians, and the median of each round's
ratio, which a machine slowing down midway moves less.
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
            # Without the longest-first schedule, which would run every scenario before the bare scripts.
            [sys.executable, "-m", "pytest", "benchmarks/test_registration_ratio.py", "-p", "no:cacheprovider",
             "-p", "no:portalcheck.schedule",
             "-q", "-s", "--tracing=off", f"--junitxml={junit}", "-o", "junit_duration_report=call"],
            cwd=PROJECT, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(result.stdout[-3000:] + result.stderr[-2000:])
        bare = timed(result.stdout, "BARE")
        checked = timed(result.stdout, "BARE+CHECKS")
        scenario = {int(re.search(r"round_(\d+)", case.get("name", ""))[1]): float(case.get("time"))
                    for case in ElementTree.parse(junit).iter("testcase")
                    if "portalcheck_scenario" in case.get("name", "")}
    rounds = sorted(set(bare) & set(checked) & set(scenario) - {0})  # round 0 warms up
    s = statistics.median(scenario[r] for r in rounds)
    print(f"registration journey, {len(rounds)} rounds: portalcheck scenario {s:.2f} s (median)")
    for name, times in (("bare Playwright script", bare), ("bare script with the scenario's checks too", checked)):
        b = statistics.median(times[r] for r in rounds)
        paired = statistics.median(scenario[r] / times[r] for r in rounds)
        print(f"  {name}: {b:.2f} s; ratio {s / b:.2f} (of medians), {paired:.2f} (median of each round's)")


def timed(output: str, label: str) -> dict[int, float]:
    """{round: seconds} from the bare scripts' "LABEL ROUND SECONDS" lines."""
    return {int(r): float(t) for r, t in re.findall(rf"^{re.escape(label)} (\d+) ([\d.]+)$", output, re.M)}


if __name__ == "__main__":
    main()
