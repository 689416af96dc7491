"""Writes the report folder at the end of a run, and shows progress while it runs."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

from portalcheck.report.cucumber import cucumber_json
from portalcheck.report.html import write_html
from portalcheck.report.results import FAILED, FLAKY, NOT_APPLICABLE, PASSED, WARNING, Results
from portalcheck.report.summary import summary

RESULTS = pytest.StashKey[Results]()
MARK = {PASSED: "ok  ", FAILED: "FAIL", NOT_APPLICABLE: "n/a ", WARNING: "warning", FLAKY: "FLAKY"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("portalcheck")
    group.addoption("--progress", action="store_true", default=False,
                    help="Print a line per finished scenario: how many of how many, and failures so far.")


def _controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")  # xdist workers report to the controller


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if _controller(config):
        config.stash[RESULTS] = Results()


class Progress:
    """Counts finished scenarios against the total collected (by xdist's workers if in use)."""

    total = 0
    done = 0
    failures = 0


def pytest_collection_finish(session: pytest.Session) -> None:
    Progress.total = len(session.items)


def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    Progress.total = len(ids)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    config = _config_of(report)
    if config is None or RESULTS not in config.stash:
        return
    results = config.stash[RESULTS]
    results.add(report, base=config.invocation_params.dir)
    if report.when == "teardown" and config.option.progress:
        result = results.scenarios[report.nodeid]
        Progress.done += 1
        Progress.failures += result.outcome in (FAILED, FLAKY)
        feature = f"{result.feature}: " if result.feature else ""
        sys.stdout.write(f"\n[{Progress.done}/{Progress.total}] {MARK[result.outcome]} {feature}{result.name}"
                         f" (failures so far: {Progress.failures})")
        sys.stdout.flush()


_CONFIG: list[pytest.Config] = []


def _config_of(report: pytest.TestReport) -> pytest.Config | None:
    return _CONFIG[0] if _CONFIG else None


def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG[:] = [session.config]


PROFILE_MADE_IT = "not applicable: the portal profile"


def nothing_verified(results: Results) -> bool:
    """Every scenario was not applicable because of what the profile says: a PASS would be a lie."""
    return bool(results.scenarios) and all(
        r.outcome == NOT_APPLICABLE and r.message.startswith(PROFILE_MADE_IT) for r in results.scenarios.values())


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not _controller(config) or RESULTS not in config.stash:
        return
    results = config.stash[RESULTS]
    if nothing_verified(results):
        # A misspelt family or feature list would otherwise skip everything and report PASS.
        session.exitstatus = pytest.ExitCode.USAGE_ERROR
        example = next(iter(results.scenarios.values())).message.removeprefix("not applicable: ")
        message = (f"ERROR: every scenario was not applicable to the profile {_profile(config)} ({example}): "
                   "check its family and features, or select scenarios that apply to it.")
        terminal = config.pluginmanager.get_plugin("terminalreporter")
        if terminal is not None:
            terminal.write("\n")  # after the progress line, which ends without one
            terminal.write_line(message, red=True)
        else:
            sys.stderr.write(message + "\n")
    folder = config.option.report_dir
    if not folder:
        return
    write_report(config.stash[RESULTS], Path(folder), portal=_portal(config), profile=_profile(config))


def write_report(results: Results, folder: Path, *, portal: str, profile: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_html(results, folder, portal=portal, profile=profile)
    (folder / "cucumber.json").write_text(json.dumps(cucumber_json(results), indent=1), encoding="utf-8")
    (folder / "scenarios.json").write_text(
        json.dumps([dataclasses.asdict(r) for r in results.scenarios.values()], indent=1), encoding="utf-8")
    (folder / "summary.json").write_text(
        json.dumps(summary(results, portal=portal, profile=profile), indent=1), encoding="utf-8")


def _portal(config: pytest.Config) -> str:
    return config.option.portal_url or f"bundled reference portal ({config.option.portal_edition})"


def _profile(config: pytest.Config) -> str:
    from portalcheck.plugin import profile_name

    return profile_name(config.option)
