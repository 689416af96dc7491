"""The JSON summary a CI job gates on: totals, and each guide step's outcome."""

from __future__ import annotations

from typing import Any

from portalcheck.report.results import FAILED, FLAKY, Results, combined


def summary(results: Results, *, portal: str, profile: str) -> dict[str, Any]:
    totals = results.totals()
    return {
        "portal": portal,
        "profile": profile,
        "conforms": totals[FAILED] == 0 and totals[FLAKY] == 0,
        "totals": totals,
        "guides": {
            guide: {str(step): combined(scenarios) for step, scenarios in steps.items()}
            for guide, steps in results.by_guide().items()
        },
        "checks": {
            area: {r.name: r.outcome for r in scenarios} for area, scenarios in results.by_check().items()
        },
        "accessibility": {
            "page_states_checked": len({(p.get("path"), p.get("state"))
                                        for r in results.scenarios.values() for p in r.pages_checked}),
            "violations": [v for r in results.scenarios.values() for v in r.accessibility],
        },
        "failures": [
            {"scenario": r.name, "feature": r.feature, "step": r.failed_step, "message": r.message,
             "flaky": r.flaky, "screenshots": r.screenshots(), "traces": r.traces()}
            for r in results.scenarios.values() if r.outcome in (FAILED, FLAKY)
        ],
        "warnings": [{"scenario": r.name, "feature": r.feature, "findings": r.warnings}
                     for r in results.scenarios.values() if r.warnings],
        "setup_gaps": [{"scenario": r.name, "feature": r.feature, "missing": r.setup_gap}
                       for r in results.scenarios.values() if r.setup_gap],
    }
