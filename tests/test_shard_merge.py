"""--shard K/N splits a run so N jobs cover it once; `portalcheck merge` joins their reports
into one whose verdict and totals are the unsharded run's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from portalcheck import shard
from portalcheck.errors import ConfigurationError

PROJECT = Path(__file__).resolve().parent.parent
# Short checks, one of which fails on the portal below: the verdict to reproduce is FAIL.
CHECKS = "check-5 or check-9 or check-17 or check-22 or check-23"
DEFECT = "password-shown-as-text"  # check 5 fails on it, in the browser


def test_shards_partition_the_scenarios_the_same_way_every_time() -> None:
    expected = {f"scenario-{n}": float(n % 7) for n in range(40)}
    parts = shard.split(expected, 3)
    assert shard.split(dict(reversed(expected.items())), 3) == parts  # the order they come in does not matter
    assert sorted(n for part in parts for n in part) == sorted(expected)
    loads = [sum(expected[n] for n in part) for part in parts]
    assert max(loads) - min(loads) <= max(expected.values())  # balanced within one scenario


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", ""])
def test_a_shard_that_is_not_k_of_n_is_one_line(value: str) -> None:
    with pytest.raises(ConfigurationError, match=r"is not K/N with 1 <= K <= N: give e.g. --shard 1/2"):
        shard.parse(value)


def portalcheck(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PORTALCHECK_", "PYTEST_XDIST_")) and key != "PYTEST_CURRENT_TEST"}
    return subprocess.run([sys.executable, "-m", "portalcheck", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=600, env={**env, "REFERENCE_PORTAL_DEFECTS": DEFECT})


def run(report: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return portalcheck("run", "--features", "portalcheck/features/test_security.py", "--report-dir", str(report),
                       "--portal-seed", "11", *options, "--", "-m", CHECKS)


def summary(folder: Path) -> dict:
    return json.loads((folder / "summary.json").read_text(encoding="utf-8"))


@pytest.mark.browser
def test_two_shards_merged_give_the_unsharded_verdict_and_totals(tmp_path: Path) -> None:
    whole = run(tmp_path / "whole")
    assert whole.returncode == 1, whole.stdout[-3000:] + whole.stderr  # the defect's check fails
    first, second = run(tmp_path / "one", "--shard", "1/2"), run(tmp_path / "two", "--shard", "2/2")
    ran = [summary(tmp_path / name)["totals"] for name in ("one", "two")]
    assert all(sum(totals.values()) for totals in ran), (first.stdout + second.stdout)[-3000:]  # each did a share

    merged = portalcheck("merge", str(tmp_path / "one"), str(tmp_path / "two"), "--report-dir", str(tmp_path / "all"))
    assert merged.returncode == whole.returncode, merged.stdout + merged.stderr
    assert "portalcheck: FAIL: " in merged.stdout
    expected, got = summary(tmp_path / "whole"), summary(tmp_path / "all")
    assert got["totals"] == expected["totals"] and sum(got["totals"].values()) >= 5
    assert got["conforms"] is expected["conforms"] is False
    assert got["checks"] == expected["checks"]
    assert [f["scenario"] for f in got["failures"]] == [f["scenario"] for f in expected["failures"]]
    cases = lambda folder: sorted(c.get("name") for c in ElementTree.parse(folder / "junit.xml").iter("testcase"))  # noqa: E731
    assert cases(tmp_path / "all") == cases(tmp_path / "whole")
    html = (tmp_path / "all" / "index.html").read_text(encoding="utf-8")
    assert "does not conform" in html
    # The failing scenario's screenshot was copied in, and the report links the copy.
    shots = [s for f in got["failures"] for s in f["screenshots"]]
    assert shots and all(Path(s).is_file() and Path(s).is_relative_to(tmp_path / "all") for s in shots), shots


def test_merging_a_scenario_twice_is_one_line(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "summary.json").write_text(json.dumps({"portal": "p", "profile": "r"}))
        (tmp_path / name / "scenarios.json").write_text(json.dumps([{"nodeid": "portalcheck/features/x.py::test_one"}]))
    result = portalcheck("merge", str(tmp_path / "a"), str(tmp_path / "b"), "--report-dir", str(tmp_path / "all"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"portalcheck: error: portalcheck/features/x.py::test_one ran in both {tmp_path / 'a'} and {tmp_path / 'b'}: were "
        "they shards (--shard K/N) of one run, each K once?"]


def test_merging_a_folder_that_is_no_report_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = portalcheck("merge", str(tmp_path / "empty"), str(tmp_path / "empty"))
    assert result.returncode == 2
    assert "has no summary.json: give the report folders (--report-dir) of `portalcheck run` jobs." in result.stderr
