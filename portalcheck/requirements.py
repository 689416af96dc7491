"""Security checks fail with the requirement they verify, so a report reads as a compliance finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import pytest


class RequirementViolated(AssertionError):
    """A portal broke a public requirement (OWASP ASVS 5.0, NIST SP 800-63B-4, Nacha)."""

    def __init__(self, requirement: str, finding: str):
        super().__init__(f"{requirement}: {finding}")
        self.requirement = requirement
        self.finding = finding


def require(condition: object, requirement: str, finding: str) -> None:
    """Fail the check with `requirement` named first unless `condition` holds.

    E.g. require(status == 403, "ASVS V3.5.1", "a POST without a CSRF token was accepted").
    """
    if not condition:
        fail(requirement, finding)


def fail(requirement: str, finding: str) -> NoReturn:
    """Fail the check with `requirement` named first: for a finding that needs no condition."""
    raise RequirementViolated(requirement, finding)


WARNING = "portalcheck.warning"
# The scenario running now on this process (set by the report's collector), for advise().
current_item: pytest.Item | None = None


def advise(condition: object, requirement: str, finding: str) -> None:
    """A defence in depth beyond what `requirement` demands: when `condition` does not hold the
    scenario is not failed, but reported with the outcome "warning" naming the finding.

    E.g. advise(refused, "ASVS V3.5.1", "a form posted from another site with a valid token was accepted").
    """
    if not condition and current_item is not None:
        current_item.user_properties.append((WARNING, f"{requirement}: {finding}"))
