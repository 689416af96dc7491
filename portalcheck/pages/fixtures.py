"""What steps are given to work with, as pytest fixtures: the portal's page objects (`portal`),
the resident's journey, the bill payer, the mailbox, the portal over plain HTTP, and the
portal's clock. Steps take these and never build page objects or reach into the engine.

Loaded as a pytest plugin with the step vocabulary (portalcheck.steps.VOCABULARY).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page

from portalcheck.clock import PortalClock
from portalcheck.journeys import Journey, Mailbox, journey_for
from portalcheck.journeys.payments import BillPayer
from portalcheck.mail import Inbox
from portalcheck.pages.http import PortalHttp
from portalcheck.pages.portal import Portal
from portalcheck.profile import Profile


@pytest.fixture
def portal(page: Page, portal_profile: Profile, portal_url: str) -> Portal:
    """The portal under test in the scenario's browser tab: `portal.sign_in`, `portal.eft`, ..."""
    return Portal(page, portal_profile, portal_url)


@pytest.fixture
def mailbox(inbox: Inbox, portal_profile: Profile) -> Mailbox:
    """The residents' e-mail from the portal, read as its profile says."""
    return Mailbox(inbox, portal_profile)


@pytest.fixture
def journey(portal: Portal, mailbox: Mailbox) -> Journey:
    """The resident's way through the portal under test, for its family and flows."""
    return journey_for(portal, mailbox)


@pytest.fixture
def payer(portal: Portal) -> BillPayer:
    return BillPayer(portal)


@pytest.fixture
def portal_http(portal_url: str, portal_profile: Profile) -> Iterator[PortalHttp]:
    """The portal as an HTTP client without a browser sees it."""
    with PortalHttp(portal_url, portal_profile) as client:
        yield client


@pytest.fixture
def time_passes(portal_clock: PortalClock | None) -> Callable[[float], None]:
    """Move the portal's clock `seconds` on. A portal whose clock cannot be moved (only the bundled
    reference portal's can) makes the check not applicable: no check waits out a lifetime."""
    def passes(seconds: float) -> None:
        if portal_clock is None:
            pytest.skip("not applicable: the portal's clock cannot be moved (only the bundled reference "
                        "portal's can), and no check waits out a link's or a session's whole lifetime")
        portal_clock.advance(seconds)
    return passes
