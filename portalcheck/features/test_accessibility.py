"""Binds the accessibility scenarios (what automated WCAG rules cannot check) to pytest."""

from pytest_bdd import scenarios

scenarios("accessibility")
