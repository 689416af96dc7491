"""Steps about the e-mail a portal sends a resident, read from the test inbox."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from pytest_bdd import parsers, then, when

from portalcheck.journeys import Journey
from portalcheck.journeys.mailbox import verification_email, verification_link
from portalcheck.mail import Inbox, Message
from portalcheck.profile import Profile
from portalcheck.residents import Resident


@pytest.fixture
def mail_since() -> datetime | None:
    """E-mail received before this time is ignored; a step that expects a new e-mail sets it."""
    return None


def receive(inbox: Inbox, profile: Profile, resident: Resident, sender: str | None = None,
            since: datetime | None = None, *, show: bool = True) -> Message:
    return verification_email(inbox, profile, resident, sender, since, show=show)


@then(parsers.parse('an e-mail from "{sender}" arrives for the resident'), target_fixture="email")
def email_arrives(inbox: Inbox, portal_profile: Profile, resident: Resident, sender: str,
                  mail_since: datetime | None) -> Message:
    return receive(inbox, portal_profile, resident, sender, mail_since)


@then(parsers.parse('the e-mail says "{text}"'))
def email_says(email: Message, portal_profile: Profile, text: str) -> None:
    expected = portal_profile.says(text)
    assert expected in email.text, f'The e-mail "{email.subject}" does not say "{expected}".'


@then(parsers.parse('the e-mail has the link "{text}" to the portal'))
def email_links_to_portal(email: Message, portal_profile: Profile, portal_url: str, text: str) -> None:
    link = httpx.URL(verification_link(email, portal_profile, text))
    portal = httpx.URL(portal_url)
    assert (link.host, link.port) == (portal.host, portal.port), (
        f'The "{text}" link goes to {link}, not to the portal at {portal_url}.'
    )


@when(parsers.re(r'the resident clicks "(?P<text>[^"]+)" in the e-mail from "(?P<sender>[^"]+)"$'))
def click_email_link(journey: Journey, resident: Resident, text: str, sender: str,
                     mail_since: datetime | None) -> None:
    """Verify the address as the e-mail asks: its link, and whatever the portal's flow adds."""
    journey.verify_address(resident, sender=sender, since=mail_since, link_text=text)
