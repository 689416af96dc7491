"""Traces only where they are wanted: a failing scenario runs once more, traced.

Recording a Playwright trace for every scenario to keep the failing ones costs about half of a
scenario's time. With `--retry-traced`, scenarios run untraced; one that fails runs again at
once with tracing on (as Playwright Test's "on-first-retry"), so every failure in the report
still links a trace. A scenario that failed and then passed is "flaky", never passed: its first
failure is what the report shows, with the retry's trace beside it.
"""

from __future__ import annotations

import pytest
from _pytest.runner import runtestprotocol

FLAKY = "portalcheck.flaky"
# The item attribute pytest-rerunfailures sets and pytest-playwright reads (not part of pytest.Item).
EXECUTION_COUNT = "execution_count"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("portalcheck").addoption(
        "--retry-traced", action="store_true", default=False,
        help="Run scenarios untraced; run a failing one again with a Playwright trace "
             "(a failure then a pass is reported flaky).")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    config = item.config
    if not config.option.retry_traced:
        return None
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    if any(report.failed for report in reports):
        reports = _retry_traced(item, nextitem, reports)
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _retry_traced(item: pytest.Item, nextitem: pytest.Item | None, first: list[pytest.TestReport]):
    config = item.config
    tracing = config.option.tracing
    config.option.tracing = "on"  # pytest-playwright reads it for each test
    item.user_properties[:] = []
    setattr(item, EXECUTION_COUNT, 2)  # pytest-playwright keeps a retry's artifacts in a folder of its own
    try:
        retry = runtestprotocol(item, nextitem=nextitem, log=False)
    finally:
        config.option.tracing = tracing
    if any(report.failed for report in retry):
        return retry
    # Failed, then passed: report the first failure, marked flaky, with the retry's trace.
    kept = [(key, value) for report in retry for key, value in report.user_properties
            if key.startswith("playwright_")]
    # JUnit XML and the report read properties from the teardown report.
    last = first[-1]
    last.user_properties = [*last.user_properties, (FLAKY, "failed, then passed when run again"), *kept]
    return first
