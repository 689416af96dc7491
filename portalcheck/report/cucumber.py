"""Cucumber JSON, the format CI dashboards and Cucumber tools read, complete under xdist too."""

from __future__ import annotations

from typing import Any

from portalcheck.report.results import FAILED, FLAKY, NOT_APPLICABLE, Results, ScenarioResult


def cucumber_json(results: Results) -> list[dict[str, Any]]:
    features: dict[str, dict[str, Any]] = {}
    for result in results.scenarios.values():
        if not result.scenario:
            continue  # not a scenario: a plain test of the harness
        feature = result.scenario["feature"]
        entry = features.setdefault(feature["rel_filename"], {
            "keyword": feature["keyword"], "uri": feature["rel_filename"],
            "id": _slug(feature["name"]), "name": feature["name"], "line": feature["line_number"],
            "description": feature.get("description", ""),
            "tags": [{"name": f"@{t}", "line": feature["line_number"] - 1} for t in feature["tags"]],
            "elements": [],
        })
        entry["elements"].append(_element(result))
    return list(features.values())


def _element(result: ScenarioResult) -> dict[str, Any]:
    scenario = result.scenario
    status = {FAILED: "failed", FLAKY: "failed", NOT_APPLICABLE: "skipped"}.get(result.outcome, "passed")
    steps = []
    reached_failure = False
    for step in scenario["steps"]:
        step_status = status if status != "failed" else ("skipped" if reached_failure else "passed")
        if step.get("failed") and not reached_failure:
            step_status, reached_failure = "failed", True
        outcome: dict[str, Any] = {"status": step_status, "duration": int(step["duration"] * 1e9)}
        if step_status == "failed":
            outcome["error_message"] = result.message
        steps.append({"keyword": step["keyword"], "name": step["name"], "line": step["line_number"],
                      "match": {"location": ""}, "result": outcome})
    # Cucumber tools show a step's "output": a warning (passed) or a flaky failure says so there.
    notes = [f"warning: {finding}" for finding in result.warnings]
    if result.flaky:
        notes.append("flaky: failed, then passed when run again")
    if notes and steps:
        steps[-1]["output"] = notes
    return {
        "keyword": scenario["keyword"], "id": _slug(result.nodeid), "name": scenario["name"],
        "line": scenario["line_number"], "description": scenario.get("description", ""),
        "type": "scenario", "steps": steps,
        "tags": [{"name": f"@{t}", "line": scenario["line_number"] - 1} for t in scenario["tags"]],
    }


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")
