"""Runs axe-core's WCAG 2.0/2.1 A and AA rules on a page and reads its violations.

axe-core comes bundled with axe-playwright-python; nothing is downloaded. It is injected
through Playwright's evaluate, which a strict Content-Security-Policy does not block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# WCAG 2.0 and 2.1, levels A and AA: what the ADA Title II rule (2024) requires.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
_CRITERION_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")

# A high-contrast outline, set through the CSSOM: a strict CSP forbids style attributes, not this.
OUTLINE = """(els, on) => els.forEach(el => {
  if (on) { el.__portalcheckA11y = [el.style.outline, el.style.outlineOffset];
            el.style.outline = '4px solid #d4351c'; el.style.outlineOffset = '2px'; }
  else if (el.__portalcheckA11y) { [el.style.outline, el.style.outlineOffset] = el.__portalcheckA11y; }
})"""


@dataclass(frozen=True)
class Violation:
    """One axe rule a page breaks, with the elements that break it."""

    rule: str
    wcag: tuple[str, ...]  # success criteria, e.g. ("1.4.3",)
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]  # CSS selectors of the offending elements
    html: tuple[str, ...]

    def describe(self) -> str:
        criteria = ", ".join(f"WCAG {c}" for c in self.wcag) or "WCAG"
        return (f"{self.rule} ({criteria}, {self.impact}): {self.help}; "
                f"element {self.targets[0] if self.targets else '?'}"
                + (f" and {len(self.targets) - 1} more" if len(self.targets) > 1 else ""))


def criteria(tags: list[str]) -> tuple[str, ...]:
    """axe's criterion tags as WCAG numbers: wcag143 -> "1.4.3", wcag1410 -> "1.4.10"."""
    found = (_CRITERION_TAG.match(tag) for tag in tags)
    return tuple(".".join(m.groups()) for m in found if m)


def run_axe(page: Page) -> list[Violation]:
    """The WCAG 2.1 A/AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [_violation(v) for v in results["violations"]]


def _violation(raw: dict[str, Any]) -> Violation:
    nodes = raw.get("nodes", [])
    # A target in an iframe or shadow root is several selectors, outermost first.
    targets = tuple(" >> ".join(t if isinstance(t, str) else " ".join(t) for t in node["target"])
                    for node in nodes)
    return Violation(rule=raw["id"], wcag=criteria(raw.get("tags", [])),
                     impact=raw.get("impact") or "unknown", help=raw.get("help", ""),
                     help_url=raw.get("helpUrl", ""), targets=targets,
                     html=tuple(node.get("html", "") for node in nodes))


def screenshot(page: Page, violation: Violation, path: Path) -> Path | None:
    """The whole page with the violation's elements outlined; None if it cannot be taken."""
    selector = ", ".join(t for t in violation.targets if ">>" not in t)
    elements = page.locator(selector) if selector else None
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if elements is not None:
            elements.evaluate_all(OUTLINE, True)
        page.screenshot(path=path, full_page=True)
        return path
    except PlaywrightError:
        return None  # the picture helps the report; it must never hide the violation itself
    finally:
        if elements is not None:
            try:
                elements.evaluate_all(OUTLINE, False)
            except PlaywrightError:
                pass
