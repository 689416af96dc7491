"""Steps about the e-mail a portal sends a resident, read from the test inbox."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytest_bdd import parsers, then, when

from portalcheck.journeys import Journey, Mailbox
from portalcheck.mail import Message
from portalcheck.pages.screen import origin
from portalcheck.residents import Resident


@pytest.fixture
def mail_since() -> datetime | None:
    """E-mail received before this time is ignored; a step that expects a new e-mail sets it."""
    return None


@then(parsers.parse('an e-mail from "{sender}" arrives for the resident'), target_fixture="email")
def email_arrives(mailbox: Mailbox, resident: Resident, sender: str, mail_since: datetime | None) -> Message:
    return mailbox.verification(resident, sender, mail_since)


@then(parsers.parse('the e-mail says "{text}"'))
def email_says(email: Message, mailbox: Mailbox, text: str) -> None:
    expected = mailbox.profile.says(text)
    assert expected in email.text, f'The e-mail "{email.subject}" does not say "{expected}".'


@then(parsers.parse('the e-mail has the link "{text}" to the portal'))
def email_links_to_portal(email: Message, mailbox: Mailbox, portal_url: str, text: str) -> None:
    """The e-mail's link goes to the portal's own origin (scheme, host and port)."""
    link = mailbox.verification_link(email, text)
    assert origin(link) == origin(portal_url), f'The "{text}" link goes to {link}, not to the portal at {portal_url}.'


@when(parsers.re(r'the resident clicks "(?P<text>[^"]+)" in the e-mail from "(?P<sender>[^"]+)"$'))
def click_email_link(journey: Journey, resident: Resident, text: str, sender: str,
                     mail_since: datetime | None) -> None:
    """Verify the address as the e-mail asks: its link, and whatever the portal's flow adds."""
    journey.verify_address(resident, sender=sender, since=mail_since, link_text=text)
