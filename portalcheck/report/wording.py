"""How the HTML pages name what they show, in one place: the outcomes, the cities' guides and
their steps, the check families, the tags that name a requirement, and the anchors the fleet
dashboard links into a portal's report by.

The guides' steps and the check families themselves are listed once, in `results` (which also
groups scenarios by them); the report and the dashboard read them only through these functions,
so a step's title or a family's name reads the same on both, whichever form of the step number
(an int in a run's results, a string in summary.json) they hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from portalcheck.report.results import (
    CHECK_AREAS,
    FAILED,
    FLAKY,
    GUIDE_STEPS,
    GUIDES,
    NOT_APPLICABLE,
    PASSED,
    WARNING,
)

NOT_RUN = "not run"  # no scenario of the run encodes the step or the family
LABEL = {PASSED: "passed", FAILED: "failed", NOT_APPLICABLE: "not applicable", WARNING: "warning",
         FLAKY: "flaky (failed, then passed)", NOT_RUN: "not run"}
CSS_CLASS = {PASSED: "passed", FAILED: "failed", NOT_APPLICABLE: "na", WARNING: "warning", FLAKY: "failed",
             NOT_RUN: "na"}
# Tags that name the requirement a check verifies (asvs-v6.2.1, nist-63b-3.1.1.2, nacha-2.3,
# pci-dss-3.4.1, rege-1005.10b): the prefixes of portalcheck.markers.REQUIREMENTS, and WCAG's.
REQUIREMENT_TAGS = ("asvs-", "nist-", "wcag", "nacha-", "pci-dss-", "rege-")


def outcome_label(value: str) -> str:
    """An outcome as the reports name it; a value from another version's summary as it is."""
    return LABEL.get(value, value)


def outcome_class(value: str) -> str:
    return CSS_CLASS.get(value, "na")


def guide_name(guide: str) -> str:
    """ "minot" -> "Minot, ND"."""
    return GUIDES.get(guide, guide)


def _number(step: int | str) -> int:
    return step if isinstance(step, int) else int(step) if step.isdigit() else 0


def step_title(guide: str, step: int | str) -> str:
    """What the city's guide says at this step ("" for a step it does not document)."""
    return GUIDE_STEPS.get(guide, {}).get(_number(step), "")


def guide_step_numbers(guide: str, encoded: Iterable[int]) -> list[int]:
    """The steps to list for a guide: those the guide documents and those a scenario encoded."""
    return sorted(set(encoded) | set(GUIDE_STEPS.get(guide, {})))


def guide_order(guide: str, step: str) -> tuple[int, str, int, str]:
    """Sorts (guide, step) columns in the guides' order, then by step number."""
    order = list(GUIDES)
    return (order.index(guide) if guide in order else len(order), guide, _number(step), step)


def area_name(area: str) -> str:
    """ "security" -> "Security"."""
    return CHECK_AREAS.get(area, area)


def area_order(area: str) -> tuple[int, str]:
    order = list(CHECK_AREAS)
    return (order.index(area) if area in order else len(order), area)


def guide_anchor(guide: str) -> str:
    """The report's section for a guide (the dashboard's guide-step cells link to it)."""
    return f"guide-{guide}"


def checks_anchor(area: str) -> str:
    """The report's section for a check family (the dashboard's family cells link to it)."""
    return f"checks-{area}"


def requirements(tags: Iterable[str]) -> str:
    """The requirement tags of a check, e.g. "asvs-v6.3.8, nist-63b-3.2.2"."""
    return ", ".join(sorted(t for t in tags if t.startswith(REQUIREMENT_TAGS)))
