"""Gathers, on whichever process runs a scenario, what the reports need to say about it.

The result rides on the test report as the attribute `portalcheck`: pytest-xdist carries a
report's JSON-serialisable attributes to the controller, which is where the reports are
written. (pytest-bdd keeps its own scenario reports in a per-process registry, which is why
its Cucumber JSON comes out empty under xdist.)
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from pytest_bdd.reporting import scenario_reports_registry
from pytest_bdd.scenario import scenario_wrapper_template_registry

from portalcheck import portal_faults, portal_log, requirements
from portalcheck.errors import MailTimeout, MissingTestData

# The test report's attribute the scenario's result rides on (pytest.TestReport does not declare it).
RESULT = "portalcheck"
EVIDENCE = pytest.StashKey[list[dict[str, Any]]]()


def record_evidence(item: pytest.Item, entry: dict[str, Any]) -> None:
    """Called by the evidence recorder for each screenshot it takes of a step."""
    item.stash.setdefault(EVIDENCE, []).append(entry)


SETUP_GAP = "not applicable (setup gap): "


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    requirements.current_item = item  # where advise() records a warning


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(MissingTestData):
        # The QA team did not supply what the scenario needs: not applicable, named, never failed.
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, SETUP_GAP + str(call.excinfo.value))
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        result = scenario_result(item, report)
        setattr(report, RESULT, result)
        if report.failed and (fault := portal_faults.explain(item, call.excinfo and call.excinfo.value)):
            # The portal's own fault, named first, wherever the failure is shown.
            result["message"] = portal_faults.with_fault(fault, result["message"])
            report.sections.append(("portalcheck: the portal's fault", fault))
        elif report.failed and isinstance(missing := call.excinfo and call.excinfo.value, MailTimeout) and (
                said := portal_log.explain(item.config, missing.recipient, subject=missing.subject,
                                           since=missing.since)):
            # Sent and lost, or never sent: the bundled portal's log tells the two apart.
            result["message"] = f"{result['message']}\n{said}"
            report.sections.append(("portalcheck: the bundled portal's log", said))
    return report


def scenario_result(item: pytest.Item, report: pytest.TestReport) -> dict[str, Any]:
    scenario = scenario_reports_registry.get(item)
    result: dict[str, Any] = {
        "nodeid": item.nodeid,
        "evidence": item.stash.get(EVIDENCE, []),
        "message": failure_message(report),
    }
    if scenario is not None:
        result["scenario"] = scenario.serialize()
    else:  # skipped before any step ran: still say which scenario it was
        obj = getattr(item, "obj", None)
        template = scenario_wrapper_template_registry.get(obj) if obj is not None else None
        if template is not None:
            result["scenario"] = describe_template(template)
    return result


def describe_template(template: Any) -> dict[str, Any]:
    """The same shape as pytest-bdd's serialised scenario report, for a scenario not run."""
    feature = template.feature
    return {
        "name": template.name, "keyword": template.keyword, "line_number": template.line_number,
        "description": template.description, "tags": sorted(template.tags),
        "steps": [{"name": step.name, "keyword": step.keyword, "type": step.type,
                   "line_number": step.line_number, "failed": False, "duration": 0}
                  for step in template.steps],
        "feature": {"name": feature.name, "rel_filename": feature.rel_filename,
                    "tags": sorted(feature.tags), "description": feature.description,
                    "line_number": feature.line_number, "keyword": feature.keyword,
                    "filename": feature.filename, "language": feature.language},
    }


def failure_message(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    if not report.failed:
        return ""
    crash = getattr(report.longrepr, "reprcrash", None)
    return crash.message if crash is not None else str(report.longrepr)
