"""Playwright page objects: the portal's screens, found by accessible role and visible label."""

from pages.home import HomePage
from pages.screen import Screen
from pages.sign_in import SignInPage
from pages.sign_up import SignUpPage

__all__ = ["HomePage", "Screen", "SignInPage", "SignUpPage"]
