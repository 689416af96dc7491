"""Playwright page objects: the portal's screens, found by accessible role and visible label."""

from portalcheck.pages.home import HomePage
from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import SignUpPage

__all__ = ["HomePage", "Screen", "SignInPage", "SignUpPage"]
