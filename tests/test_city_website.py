"""The guides' first steps on the city's own website: they lead into the portal, or fail saying
where they lead; a profile that names no city website makes them not applicable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SCENARIOS = ["portalcheck/features/test_community_access.py", "-k", "city or MyBill", "-p", "no:cacheprovider", "-q",
             "--tb=line", "-rs"]


def run(*options: str, defects: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", *SCENARIOS, *options], cwd=PROJECT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "REFERENCE_PORTAL_DEFECTS": defects})


@pytest.mark.browser
def test_links_that_lead_nowhere_fail_and_the_working_ones_pass() -> None:
    broken = run(defects="city-links-nowhere")
    assert broken.returncode == 1 and "2 failed" in broken.stdout, broken.stdout[-3000:]
    assert "/city/nowhere/ answers HTTP 404: the link does not lead into the portal." in broken.stdout
    working = run()  # the control: the same scenarios on the same portal without the defect
    assert working.returncode == 0 and "2 passed" in working.stdout, working.stdout[-3000:]


def test_a_profile_without_a_city_website_makes_them_not_applicable(tmp_path: Path) -> None:
    profile = (PROJECT / "portalcheck" / "profiles" / "reference.toml").read_text(encoding="utf-8")
    without = tmp_path / "no-city.toml"
    without.write_text(profile.replace('city_website = "/city/"\n', ""), encoding="utf-8")
    result = run("--portal-profile", str(without))
    assert "not applicable: the portal profile names no city website (urls.city_website)" in result.stdout, \
        result.stdout[-3000:]
