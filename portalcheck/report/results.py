"""The run's results, as the controller receives them, grouped the way readers ask for them.

Vendors read a run guide by guide and step by step ("@minot @guide-step-2"), and check by
check for the security and accessibility features; CI reads the totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PASSED, FAILED, NOT_APPLICABLE = "passed", "failed", "not applicable"
# Passed, with a defence-in-depth finding beyond the requirement; failed, then passed when run again.
WARNING, FLAKY = "warning", "flaky"
OUTCOMES = (PASSED, WARNING, FAILED, FLAKY, NOT_APPLICABLE)
SETUP_GAP = "not applicable (setup gap): "
GUIDES = {"minot": "Minot, ND", "pinellas-park": "Pinellas Park, FL", "billings": "Billings, MT"}
# The steps each guide documents, so a report also lists those no scenario touched.
GUIDE_STEPS: dict[str, dict[int, str]] = {
    "minot": {1: 'At the login screen, click "Sign up"', 2: "Enter your information; activate from the e-mail",
              3: "Sign in", 4: "Link your utility account"},
    "pinellas-park": {1: "Go to the city's website", 2: 'Click "Pay Utility Bill"',
                      3: "Click Citizen Self Service", 4: '"Sign Up" or a community access service',
                      5: "Enter your e-mail address, a password and your name", 6: "Go to your e-mail",
                      7: 'Open the e-mail from "Community Access ID", click "Verify registration"',
                      8: "Sign in with the new credentials", 9: "Your utility billing account is listed",
                      10: 'Search Utility Billing; "Remember these values"'},
    "billings": {1: '"new user"', 2: 'New User Registration, "submit"', 3: 'Registration E-mail sent, "ok"',
                 4: "The registration e-mail", 5: "The confirmation link", 6: "First login activates the account",
                 7: 'Second login: "Utility Pay" and "Permits"', 8: 'Permits: "Link Account..." and "add accounts"',
                 9: "Utility Pay: link the water service"},
}

CHECK_AREAS = {"security": "Security", "accessibility": "Accessibility"}
STEP_TAG = re.compile(r"^guide-step-(\d+)$")


@dataclass
class ScenarioResult:
    """One scenario's outcome, with what a reader needs to see why."""

    nodeid: str
    outcome: str = PASSED
    message: str = ""
    scenario: dict[str, Any] = field(default_factory=dict)
    artifacts: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    accessibility: list[dict[str, Any]] = field(default_factory=list)
    pages_checked: list[dict[str, Any]] = field(default_factory=list)
    duration: float = 0.0
    warnings: list[str] = field(default_factory=list)
    flaky: bool = False

    @property
    def setup_gap(self) -> str:
        """What test data the scenario lacked, when that made it not applicable."""
        return self.message.removeprefix(SETUP_GAP) if self.message.startswith(SETUP_GAP) else ""

    @property
    def name(self) -> str:
        return self.scenario.get("name") or self.nodeid

    @property
    def feature(self) -> str:
        return self.scenario.get("feature", {}).get("name", "")

    @property
    def tags(self) -> set[str]:
        return set(self.scenario.get("tags", [])) | set(self.scenario.get("feature", {}).get("tags", []))

    @property
    def failed_step(self) -> str:
        for step in self.scenario.get("steps", []):
            if step.get("failed"):
                return f'{step["keyword"]} {step["name"]}'
        return ""

    def screenshots(self) -> list[str]:
        return [a for a in self.artifacts if a.endswith(".png")]

    def traces(self) -> list[str]:
        return [a for a in self.artifacts if a.endswith(".zip")]


class Results:
    """Collects test reports by node ID; a scenario's worst phase decides its outcome."""

    def __init__(self) -> None:
        self.scenarios: dict[str, ScenarioResult] = {}

    def add(self, report: Any, *, base: Path | None = None) -> None:
        """Take one phase's report; relative artifact paths are resolved against `base`."""
        result = self.scenarios.setdefault(report.nodeid, ScenarioResult(report.nodeid))
        data = getattr(report, "portalcheck", None) or {}
        if "scenario" in data:
            result.scenario = data["scenario"]
        result.evidence += data.get("evidence", [])
        for key, value in getattr(report, "user_properties", []):
            if key == "portalcheck.accessibility":
                result.accessibility += list(value)
            elif key == "portalcheck.accessibility.pages":
                result.pages_checked += list(value)
            elif key.startswith("playwright_"):  # pytest-playwright's kept screenshot/trace/video
                if str((base or Path.cwd()) / value) not in result.artifacts:
                    result.artifacts.append(str((base or Path.cwd()) / value))
            elif key == "portalcheck.warning" and value not in result.warnings:
                result.warnings.append(value)
            elif key == "portalcheck.flaky":
                result.flaky = True
        result.duration += report.duration
        if report.failed:
            result.outcome = FAILED
            result.message = result.message or data.get("message", "") or str(report.longrepr)[:500]
        elif report.skipped and result.outcome != FAILED:
            result.outcome = NOT_APPLICABLE
            result.message = data.get("message", "")
        if result.outcome == FAILED and result.flaky:
            result.outcome = FLAKY
        elif result.outcome == PASSED and result.warnings:
            result.outcome = WARNING

    def totals(self) -> dict[str, int]:
        counts = {PASSED: 0, WARNING: 0, FAILED: 0, FLAKY: 0, NOT_APPLICABLE: 0}
        for result in self.scenarios.values():
            counts[result.outcome] += 1
        return counts

    def by_guide(self) -> dict[str, dict[int, list[ScenarioResult]]]:
        """{guide: {step number: scenarios encoding it}} for the guides the run touched."""
        guides: dict[str, dict[int, list[ScenarioResult]]] = {}
        for result in self.scenarios.values():
            for guide in GUIDES.keys() & result.tags:
                for tag in result.tags:
                    if match := STEP_TAG.match(tag):
                        guides.setdefault(guide, {}).setdefault(int(match[1]), []).append(result)
        return {g: dict(sorted(steps.items())) for g, steps in sorted(guides.items())}

    def by_check(self) -> dict[str, list[ScenarioResult]]:
        """{area: scenarios} for the security and accessibility checks."""
        areas: dict[str, list[ScenarioResult]] = {}
        for result in self.scenarios.values():
            for area in CHECK_AREAS.keys() & result.tags:
                areas.setdefault(area, []).append(result)
        return areas


def combined(results: list[ScenarioResult]) -> str:
    """A guide step fails if any scenario encoding it fails; it applies if any applies."""
    outcomes = {r.outcome for r in results}
    if outcomes & {FAILED, FLAKY}:
        return FAILED
    if WARNING in outcomes:
        return WARNING
    return PASSED if PASSED in outcomes else NOT_APPLICABLE
