"""Binds the security conformance checks to pytest."""

from pytest_bdd import scenarios

scenarios("security")
