"""The HTML conformance report: guide by guide, step by step, with each failure's evidence.

This module gathers what the report shows, as plain values; `templates/report.html` lays it out,
escaping every one of them (see `render`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portalcheck.report import wording
from portalcheck.report.render import render
from portalcheck.report.results import (
    FAILED,
    FLAKY,
    NOT_APPLICABLE,
    Results,
    ScenarioResult,
    combined,
)


@dataclass(frozen=True)
class Trace:
    href: str
    name: str


@dataclass(frozen=True)
class Violation:
    """An accessibility violation as the report states it (each field as text)."""

    rule: str
    wcag: str
    impact: str
    page: str
    targets: str
    waived: bool
    screenshot: str


@dataclass(frozen=True)
class Evidence:
    step: str
    screenshot: str
    description: str


@dataclass(frozen=True)
class Scenario:
    """One scenario as the report shows it; paths relative to the report folder."""

    anchor: str
    name: str
    outcome: str
    feature: str
    tags: str
    requirements: str
    setup_gap: str
    warnings: list[str]
    failed: bool
    not_applicable: bool
    failed_step: str
    message: str
    headline: str  # the message's first line
    details: str  # the rest, when there is any
    screenshots: list[str]
    traces: list[Trace]
    violations: list[Violation]
    evidence: list[Evidence]


@dataclass(frozen=True)
class GuideStep:
    number: int
    outcome: str
    scenarios: list[Scenario]


@dataclass(frozen=True)
class Guide:
    key: str
    steps: list[GuideStep]


@dataclass(frozen=True)
class CheckArea:
    key: str
    scenarios: list[Scenario]


@dataclass(frozen=True)
class PageState:
    path: str
    state: str
    violations: int


def write_html(results: Results, folder: Path, *, portal: str, profile: str) -> Path:
    path = folder / "index.html"
    path.write_text(render("report.html", **report_context(results, folder, portal=portal, profile=profile)),
                    encoding="utf-8")
    return path


def report_context(results: Results, folder: Path, *, portal: str, profile: str) -> dict[str, Any]:
    """What `report.html` shows, every value as plain text or numbers."""
    totals = results.totals()
    views = {nodeid: _scenario(r, folder) for nodeid, r in results.scenarios.items()}
    pages = {(p.get("path"), p.get("state")): p for r in results.scenarios.values() for p in r.pages_checked}
    return {
        "portal": portal,
        "profile": profile,
        "verdict": "does not conform" if totals[FAILED] or totals[FLAKY] else "conforms",
        "totals": totals,
        "gaps": [views[r.nodeid] for r in results.scenarios.values() if r.setup_gap],
        "guides": [_guide(guide, steps, views) for guide, steps in results.by_guide().items()],
        "checks": [CheckArea(area, [views[r.nodeid] for r in scenarios])
                   for area, scenarios in results.by_check().items()],
        "pages": [PageState(str(path), str(state), _count(page.get("violations", 0)))
                  for (path, state), page in sorted(pages.items(), key=lambda kv: str(kv[0]))],
        "scenarios": [views[r.nodeid] for r in sorted(results.scenarios.values(), key=lambda r: (r.feature, r.name))],
    }


def _guide(guide: str, steps: dict[int, list[ScenarioResult]], views: dict[str, Scenario]) -> Guide:
    """Every step the guide documents or a scenario encodes; "not run" where none of this run does."""
    rows = []
    for number in wording.guide_step_numbers(guide, steps):
        encoding = steps.get(number, [])
        rows.append(GuideStep(number, combined(encoding) if encoding else wording.NOT_RUN,
                              [views[r.nodeid] for r in encoding]))
    return Guide(guide, rows)


def _count(violations: int | list[Any]) -> int:
    return len(violations) if isinstance(violations, list) else violations


def _scenario(r: ScenarioResult, folder: Path) -> Scenario:
    first, _, rest = r.message.partition("\n")
    return Scenario(
        anchor=_anchor(r), name=r.name, outcome=r.outcome, feature=r.feature, tags=" ".join(sorted(r.tags)),
        requirements=wording.requirements(r.tags), setup_gap=r.setup_gap, warnings=r.warnings,
        failed=r.outcome in (FAILED, FLAKY), not_applicable=r.outcome == NOT_APPLICABLE,
        failed_step=r.failed_step or "setting up the scenario", message=r.message,
        headline=first, details=rest if rest.strip() else "",
        screenshots=[_rel(shot, folder) for shot in r.screenshots()],
        traces=[Trace(_rel(trace, folder), Path(trace).name) for trace in r.traces()],
        violations=[Violation(rule=str(v.get("rule")), wcag=str(v.get("wcag")), impact=str(v.get("impact")),
                              page=str(v.get("url") or v.get("page") or ""),
                              targets=", ".join(map(str, v.get("targets", []))), waived=bool(v.get("waived")),
                              screenshot=_rel(v["screenshot"], folder) if v.get("screenshot") else "")
                    for v in r.accessibility],
        evidence=[Evidence(step["step"], _rel(step["screenshot"], folder), step.get("description", step["step"]))
                  for step in r.evidence],
    )


def _anchor(r: ScenarioResult) -> str:
    return "s-" + "".join(c if c.isalnum() else "-" for c in r.nodeid)


def _rel(path: str, folder: Path) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")
