"""The automated WCAG check fails a scenario on a portal page that breaks a rule, naming it.

The reference portal is started with one deliberate defect (reference_portal/defects.py:
sign-in-notice-low-contrast) and a scenario that opens the sign-in page must fail at that
step; a profile waiver lets it pass, an expired one stops the run, and the switch turns it off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portalcheck.profile import BUNDLED

SCENARIO = "test_at_the_login_screen_the_resident_finds_sign_up"
WAIVER = """
[[accessibility.waivers]]
rule = "color-contrast"
page = "/sign-in/"
reason = "Known: the notice's colour is being fixed"
expires = {expires}
"""


def run_scenario(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features/test_community_access.py", "-k", SCENARIO,
         "-p", "no:cacheprovider", "-q", "--tb=short", *args],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "REFERENCE_PORTAL_DEFECTS": "sign-in-notice-low-contrast", **(env or {})},
    )
    return result.returncode, result.stdout + result.stderr


def waiving_profile(tmp_path: Path, expires: str) -> str:
    path = tmp_path / "waiving.toml"
    path.write_text((BUNDLED / "reference.toml").read_text(encoding="utf-8") + WAIVER.format(expires=expires),
                    encoding="utf-8")
    return str(path)


def test_a_low_contrast_page_fails_the_step_that_reaches_it() -> None:
    code, output = run_scenario()
    assert code == 1, output[-3000:]
    assert "WCAG 2.1 AA violation(s) on http://127.0.0.1:" in output and "/sign-in/" in output
    assert "color-contrast (WCAG 1.4.3, serious)" in output, output[-3000:]
    assert "element .notice" in output and "screenshot:" in output


def test_a_waived_violation_passes_until_its_waiver_expires(tmp_path: Path) -> None:
    code, output = run_scenario("--portal-profile", waiving_profile(tmp_path, "2999-12-31"))
    assert code == 0, output[-3000:]
    code, output = run_scenario("--portal-profile", waiving_profile(tmp_path, "2020-01-31"))
    assert code == 4, output[-3000:]
    assert "accessibility waiver 1 (color-contrast on /sign-in/" in output
    assert "expired on 2020-01-31" in output


@pytest.mark.parametrize("switch", [["--no-accessibility"], ["--accessibility", "off"]])
def test_the_check_can_be_switched_off(switch: list[str]) -> None:
    code, output = run_scenario(*switch)
    assert code == 0, output[-3000:]


def test_the_environment_switches_it_off_too() -> None:
    code, output = run_scenario(env={"PORTALCHECK_ACCESSIBILITY": "off"})
    assert code == 0, output[-3000:]
