"""Each security check fails against a reference portal with exactly that requirement broken.

A check that cannot fail proves nothing: for every check, the reference portal is started with
one deliberate defect (reference_portal/defects.py) and the check must fail, naming the
requirement it verifies. The table below is also the documentation of which defect each
check catches (README, "Security checks").
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# (check marker, defect switched on in the portal, requirement the failure must name)
CAUGHT: list[tuple[str, str, str]] = [
    ("check-21", "csrf-not-enforced", "ASVS V3.5.1"),
    ("check-22", "no-content-security-policy", "ASVS V3.4.3"),
]


def run_check(marker: str, defect: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "features/test_security.py", "-m", marker,
         "-p", "no:cacheprovider", "-q", "--tb=line"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "REFERENCE_PORTAL_DEFECTS": defect},
    )


@pytest.mark.parametrize(("marker", "defect", "requirement"), CAUGHT,
                         ids=[f"{m}-{d}" for m, d, _ in CAUGHT])
def test_the_check_catches_its_defect(marker: str, defect: str, requirement: str) -> None:
    result = run_check(marker, defect)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"{marker} passed against a portal with {defect}:\n{output[-3000:]}"
    assert requirement in output, f"{marker} failed without naming {requirement}:\n{output[-3000:]}"
