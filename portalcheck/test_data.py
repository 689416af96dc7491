"""The test data a portal holds for the scenarios: placeholder until the Utility Billing work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TestData:
    """What the portal under test holds for scenarios to use."""

    __test__ = False  # not a pytest test class
    path: str


def load_test_data(path: str | Path) -> TestData:
    return TestData(path=str(path))
