"""--retry-traced: scenarios run untraced; a failing one runs again with a trace, and one that
fails then passes is reported flaky, never passed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.browser

SCENARIOS = '''
from pathlib import Path

def test_passes(page):
    page.set_content("<main><h1>Fine</h1></main>")

def test_fails_once(page):
    page.set_content("<main><h1>Once</h1></main>")
    marker = Path(__file__).with_name("failed-once")
    if not marker.exists():
        marker.write_text("1")
        raise AssertionError("the first run fails")

def test_always_fails(page):
    page.set_content("<main><h1>Never</h1></main>")
    raise AssertionError("every run fails")
'''


def properties(junit: Path) -> dict[str, list[tuple[str, str]]]:
    return {case.get("name"): [(p.get("name"), p.get("value")) for p in case.iter("property")]
            for case in ElementTree.parse(junit).iter("testcase")}


def test_a_failure_runs_again_traced_and_a_pass_on_retry_is_flaky(tmp_path: Path) -> None:
    (tmp_path / "test_scenarios.py").write_text(SCENARIOS, encoding="utf-8")
    junit, output = tmp_path / "junit.xml", tmp_path / "artifacts"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path / "test_scenarios.py"), "-p", "no:cacheprovider", "-q",
         "--rootdir", str(tmp_path), "--retry-traced", "--tracing=off", f"--output={output}",
         f"--junitxml={junit}"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    found = properties(junit)
    assert not found["test_passes[chromium]"], "a passing scenario was traced"
    flaky = dict(found["test_fails_once[chromium]"])
    assert "portalcheck.flaky" in flaky and (tmp_path / flaky["playwright_trace"]).is_file()
    failing = dict(found["test_always_fails[chromium]"])
    assert "portalcheck.flaky" not in failing and (tmp_path / failing["playwright_trace"]).is_file()
    # Never passed: both count as failed.
    assert "2 failed, 1 passed" in result.stdout, result.stdout
