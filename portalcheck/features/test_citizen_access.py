"""Binds the Citizen Access features (Billings) to pytest."""

from pytest_bdd import scenarios

scenarios("citizen_access")
