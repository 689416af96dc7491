"""The conformance suite drives every documented variation of a portal through its profile alone.

The reference portal renders each variation flows.md E lists (`--variant`); for each set below
a bundled profile describes it, and every applicable scenario must pass with no code in portalcheck/steps/
or portalcheck/pages/ knowing which variant runs. Scenarios about a flow the variant does not have are "not
applicable", and each set must still run most of the suite, so a variant cannot pass by
making everything not applicable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

PROJECT = Path(__file__).resolve().parent.parent

# bundled profile -> (edition, the variants it describes, the fewest scenarios that must pass)
VARIANT_SETS = {
    "reference-variant-a": ("community-access", "confirm-button,two-step-sign-in,search-behind-link,"
                            "reset-without-confirm,lands-on-summary,no-password-change", 80),
    "reference-variant-b": ("community-access", "code-verification,sign-up-url,reworded", 80),
    "reference-variant-c": ("community-access", "password-again,plain-text-email,other-paths", 80),
    "reference-citizen-access-total-amount-due": ("citizen-access", "total-amount-due", 15),
}

pytestmark = pytest.mark.browser


def outcomes(junit: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"passed": [], "failed": [], "skipped": []}
    for case in ElementTree.parse(junit).iter("testcase"):
        kinds = {child.tag for child in case} & {"failure", "error", "skipped"}
        kind = {"error": "failed", "failure": "failed"}.get(next(iter(kinds), ""), next(iter(kinds), "passed"))
        found[kind].append(f"{case.get('classname')}::{case.get('name')}")
    return found


@pytest.mark.parametrize("profile", sorted(VARIANT_SETS))
def test_every_applicable_scenario_passes_on_the_variant(profile: str, tmp_path: Path) -> None:
    edition, variants, fewest = VARIANT_SETS[profile]
    junit = tmp_path / "junit.xml"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "portalcheck/features", "-p", "no:cacheprovider", "-q", "-rs", "--tb=short",
         "-n", "2", f"--junitxml={junit}", "--portal-edition", edition, "--portal-profile", profile,
         "--portal-variant", variants],
        cwd=PROJECT, capture_output=True, text=True, timeout=1200, env=os.environ.copy(),
    )
    output = result.stdout + result.stderr
    assert junit.exists(), output[-3000:]
    found = outcomes(junit)
    assert result.returncode == 0 and not found["failed"], (
        f"{profile} ({variants}): {len(found['failed'])} failed:\n" + "\n".join(found["failed"]) + output[-6000:])
    assert len(found["passed"]) >= fewest, (
        f"{profile} ({variants}): only {len(found['passed'])} scenarios passed, fewer than {fewest}; "
        f"the rest were not applicable:\n{output[-3000:]}")
