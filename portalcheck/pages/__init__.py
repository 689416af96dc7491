"""Playwright page objects: the portal's screens, found by accessible role and visible label.

Steps get them from the `portal` fixture (portalcheck/pages/fixtures.py): `portal.sign_in`,
`portal.account_summary`, ... (portalcheck/pages/portal.py), never by building them.
"""

from portalcheck.pages.home import HomePage
from portalcheck.pages.portal import Portal
from portalcheck.pages.screen import Screen
from portalcheck.pages.sign_in import SignInPage
from portalcheck.pages.sign_up import SignUpPage

__all__ = ["HomePage", "Portal", "Screen", "SignInPage", "SignUpPage"]
