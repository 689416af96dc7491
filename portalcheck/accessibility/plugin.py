"""The automated WCAG 2.1 AA check: axe-core on each page state a scenario reaches, once.

After every step of a browser scenario the page's state is looked up in this process's memory
of checked states; a new one is checked with axe. A violation the profile does not waive fails
the step, naming the rule, the WCAG criterion, the impact, the element and the page. Results
ride on the test report as the user property "portalcheck.accessibility" for the report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from portalcheck.accessibility.axe import Violation, run_axe, screenshot
from portalcheck.accessibility.pages_seen import PagesSeen, PageState, page_state
from portalcheck.accessibility.waivers import waived
from portalcheck.profile import Profile

# The report reads these: each violation found, and each page state checked.
VIOLATIONS_PROPERTY = "portalcheck.accessibility"
PAGES_PROPERTY = "portalcheck.accessibility.pages"
_SWITCH = {"on": True, "true": True, "yes": True, "1": True,
           "off": False, "false": False, "no": False, "0": False}
_seen = PagesSeen()  # each page state is checked once per run (shared by xdist workers: pytest_configure)


class AccessibilityFailure(AssertionError):
    """A page breaks WCAG 2.1 AA rules the profile does not waive."""


def switch(value: str) -> str:
    if value.lower() not in _SWITCH:
        raise ValueError(value)
    return "on" if _SWITCH[value.lower()] else "off"


def pytest_addoption(parser: pytest.Parser) -> None:
    # --accessibility itself is in the option table (portalcheck/options.py); its value is
    # required there, as an optional one would swallow a test path given after the option.
    parser.getgroup("portalcheck").addoption("--no-accessibility", dest="accessibility", action="store_const", const="off",
                    help="Same as --accessibility off.")


def enabled(config: pytest.Config) -> bool:
    return config.option.accessibility == "on"


def pytest_configure(config: pytest.Config) -> None:
    # An xdist worker's base temp folder is inside the run's own (ROOT/popen-gwN): the run's
    # workers share the states they checked there, and no other run sees them.
    if hasattr(config, "workerinput") and config.option.basetemp:
        _seen.shared = Path(config.option.basetemp).parent / "accessibility-pages-seen"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if enabled(config):
        return
    for item in items:
        if item.get_closest_marker("accessibility"):
            item.add_marker(pytest.mark.skip(reason="not applicable: accessibility checks are off"))


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_after_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                          step_func: Any, step_func_args: dict[str, Any]) -> None:
    """Runs before pytest-bdd marks the step passed, so a violation fails this step."""
    page = _browser_page(request)
    if page is None:
        return
    try:
        check_page(request, page)
    except AccessibilityFailure as failure:
        request.config.hook.pytest_bdd_step_error(
            request=request, feature=feature, scenario=scenario, step=step, step_func=step_func,
            step_func_args=step_func_args, exception=failure)
        raise


def _browser_page(request: pytest.FixtureRequest) -> Page | None:
    """The scenario's page if a step already opened one: a scenario without a browser gets none."""
    if not enabled(request.config) or "page" not in request.fixturenames:
        return None
    page = request.getfixturevalue("page")
    return None if page.is_closed() or page.url == "about:blank" else page


def check_page(request: pytest.FixtureRequest, page: Page) -> None:
    """Check the page's current state with axe unless this process has checked it already."""
    for attempt in range(3):
        try:
            page.wait_for_load_state()
            return _check_state(request, page)
        except PlaywrightError as error:
            # A step may end just as the page it set off loads: check the page that arrives.
            if "navigat" not in str(error) or attempt == 2:
                raise


def _check_state(request: pytest.FixtureRequest, page: Page) -> None:
    state = page_state(page)
    if not _seen.first_time(state):
        return
    profile: Profile = request.getfixturevalue("portal_profile")
    folder = Path(request.getfixturevalue("output_path")) / "accessibility"
    found = [(v, waived(profile.accessibility.waivers, v.rule, state.path)) for v in run_axe(page)]
    records = [_record(page, state, v, is_waived, folder) for v, is_waived in found]
    request.node.user_properties.append(
        (PAGES_PROPERTY, [{"page": page.url, "path": state.path, "state": state.describe(),
                           "violations": len(found)}]))
    if records:
        request.node.user_properties.append((VIOLATIONS_PROPERTY, records))
    failing = [(v, r) for (v, is_waived), r in zip(found, records, strict=False) if not is_waived]
    if failing:
        raise AccessibilityFailure(failure_message(page.url, state, failing))


def _record(page: Page, state: PageState, violation: Violation, is_waived: bool,
            folder: Path) -> dict[str, Any]:
    name = re.sub(r"[^a-z0-9]+", "-", f"{state.path}-{state.heading}-{violation.rule}".lower()).strip("-")
    shot = screenshot(page, violation, folder / f"{name[:100]}.png")
    return {"page": page.url, "path": state.path, "state": state.describe(), "rule": violation.rule,
            "wcag": list(violation.wcag), "impact": violation.impact, "help": violation.help,
            "help_url": violation.help_url, "targets": list(violation.targets),
            "html": list(violation.html), "screenshot": str(shot) if shot else None,
            "waived": is_waived}


def failure_message(url: str, state: PageState, failing: list[tuple[Violation, dict]]) -> str:
    lines = [f"{len(failing)} WCAG 2.1 AA violation(s) on {url} ({state.describe()}):"]
    for violation, record in failing:
        lines.append(f"  - {violation.describe()}"
                     + (f" [screenshot: {record['screenshot']}]" if record["screenshot"] else ""))
    lines.append("Fix them, or waive a known one in the profile's [[accessibility.waivers]] "
                 "with a reason and an expiry date.")
    return "\n".join(lines)
