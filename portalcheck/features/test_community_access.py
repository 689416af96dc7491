"""Binds the Community Access features (Minot, Pinellas Park) to pytest."""

from pytest_bdd import scenarios

scenarios("community_access")
