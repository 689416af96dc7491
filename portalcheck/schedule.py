"""Longest scenarios first, so parallel workers finish together instead of one trailing alone.

A scenario's expected time is what the last run in the same report folder recorded
(`scenarios.json`); a scenario never run before is estimated from its number of steps. Every
xdist worker computes the same order from the same file, as xdist requires.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

SECONDS_PER_STEP = 0.3  # a browser step's usual cost on the bundled portal (benchmarks/)


def recorded_durations(report_dir: str | None) -> dict[str, float]:
    if not report_dir:
        return {}
    try:
        scenarios = json.loads((Path(report_dir) / "scenarios.json").read_text(encoding="utf-8"))
        return {s["nodeid"]: float(s["duration"]) for s in scenarios}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def estimate(item: pytest.Item, recorded: dict[str, float]) -> float | None:
    if item.get_closest_marker("skip"):  # not applicable: over at once
        return 0.0
    if item.nodeid in recorded:
        return recorded[item.nodeid]
    obj = getattr(item, "obj", None)
    template = scenario_wrapper_template_registry.get(obj) if obj is not None else None
    if template is None:
        return None
    return len(template.steps) * SECONDS_PER_STEP


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    recorded = recorded_durations(getattr(config.option, "report_dir", None))
    estimates = {item.nodeid: estimate(item, recorded) for item in items}
    timed = {nodeid: seconds for nodeid, seconds in estimates.items() if seconds is not None}
    scenarios = [item for item in items if item.nodeid in timed]
    others = [item for item in items if item.nodeid not in timed]
    scenarios.sort(key=lambda item: -timed[item.nodeid])  # stable: ties keep the file order
    items[:] = scenarios + others
