"""Per-step screenshots, with the element the step acted on outlined (`--evidence`).

Page objects report what they are about to act on; the recorder photographs the page with
that element outlined, once per step, and the report and the illustrated guide show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from portalcheck.report.collect import record_evidence

# A high-contrast outline, set through the CSSOM: a strict CSP forbids style attributes, not this.
OUTLINE = """(el, on) => {
  if (on) { el.__portalcheck = [el.style.outline, el.style.outlineOffset];
            el.style.outline = '4px solid #d4351c'; el.style.outlineOffset = '3px'; }
  else if (el.__portalcheck) { [el.style.outline, el.style.outlineOffset] = el.__portalcheck; }
}"""


class Recorder:
    """Screenshots for one scenario, one per step at most."""

    def __init__(self, folder: Path, item: pytest.Item):
        self.folder = folder
        self.item = item
        self.page: Page | None = None
        self.entries: list[dict[str, Any]] = []
        self.step = ""
        self.taken = False
        self.pending: tuple[Locator, str] | None = None

    def begin_step(self, text: str) -> None:
        self.step, self.taken, self.pending = text, False, None

    def acting_on(self, page: Page, locator: Locator, description: str) -> None:
        """Before a click: the page as the resident sees it, with what they click outlined."""
        self.page = page
        if not self.taken:
            self.shoot(locator, description)

    def looked_at(self, page: Page, locator: Locator, description: str) -> None:
        """A checked element: outlined at the end of the step unless an action was shown."""
        self.page = page
        self.pending = (locator, description)

    def end_step(self, *, failed: bool = False) -> None:
        """Photograph what the step checked; a step that touched no element gets no picture,
        unless it failed (then the page shows what went wrong)."""
        if self.taken or self.page is None or self.page.is_closed():
            return
        if self.pending or failed:
            locator, description = self.pending or (None, self.step)
            self.shoot(locator, description)

    def show_email(self, html: str, link_text: str | None, description: str) -> None:
        """The e-mail as the resident sees it, its link outlined, in a tab of its own."""
        if self.page is None or self.taken or not html:
            return
        tab = self.page.context.new_page()
        try:
            tab.set_content(html)
            link = tab.get_by_role("link", name=link_text, exact=True) if link_text else None
            self.shoot(link, description, page=tab)
        finally:
            tab.close()

    def shoot(self, locator: Locator | None, description: str, *, page: Page | None = None) -> None:
        page = page or self.page
        assert page is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"step-{len(self.entries) + 1:02d}-{_slug(self.step)}.png"
        outlined = locator is not None and _outline(locator, True)
        try:
            page.screenshot(path=path, full_page=True)
        except PlaywrightError:
            return  # evidence must never be the reason a scenario fails
        finally:
            if outlined and locator is not None:
                _outline(locator, False)
        self.taken = True
        entry = {"step": self.step, "screenshot": str(path), "description": description,
                 "outlined": bool(outlined)}
        self.entries.append(entry)
        record_evidence(self.item, entry)  # now: the scenario's report is made before teardown


def _outline(locator: Locator, on: bool) -> bool:
    try:
        locator.first.evaluate(OUTLINE, on, timeout=2000)
        return True
    except PlaywrightError:
        return False


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


_current: list[Recorder] = []


def current() -> Recorder | None:
    """The recorder of the scenario running in this process, if evidence is on."""
    return _current[0] if _current else None


@pytest.fixture(autouse=True)
def _portalcheck_evidence(request: pytest.FixtureRequest) -> Iterator[None]:
    if not request.config.option.evidence:
        yield
        return
    recorder = Recorder(Path(request.getfixturevalue("output_path")) / "evidence", request.node)
    _current[:] = [recorder]
    yield
    _current.clear()


def pytest_bdd_before_step(step: Any) -> None:
    if recorder := current():
        recorder.begin_step(f"{step.keyword} {step.name}")


def pytest_bdd_after_step() -> None:
    if recorder := current():
        recorder.end_step()


def pytest_bdd_step_error() -> None:
    if recorder := current():
        recorder.end_step(failed=True)
