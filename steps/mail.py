"""Steps about the e-mail a portal sends a resident, read from the test inbox."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from playwright.sync_api import Page
from pytest_bdd import parsers, then, when

from portalcheck import evidence
from portalcheck.mail import Inbox, Message
from portalcheck.profile import Profile
from portalcheck.residents import Resident


@pytest.fixture
def mail_since() -> datetime | None:
    """E-mail received before this time is ignored; a step that expects a new e-mail sets it."""
    return None


def receive(inbox: Inbox, profile: Profile, resident: Resident, sender: str | None = None,
            since: datetime | None = None, *, show: bool = True) -> Message:
    """The newest verification e-mail to the resident, checked to come from `sender`."""
    message = inbox.wait_for(resident.email, subject=profile.email.subject or None,
                             timeout=profile.email.timeout_seconds, since=since)
    if sender is not None:
        expected = profile.says(sender)
        assert message.sender.name == expected, (
            f'The e-mail to {resident.email} came from "{message.sender}", not "{expected}".'
        )
    if show and (recorder := evidence.current()):
        recorder.show_email(message.html, None, f'The e-mail "{message.subject}" from {message.sender.name}')
    return message


def verification_link(message: Message, profile: Profile, text: str) -> str:
    if profile.email.link_pattern:
        return message.link_matching(profile.email.link_pattern)
    return message.link(profile.says(text))


def open_email_link(page: Page, profile: Profile, inbox: Inbox, resident: Resident,
                    text: str, sender: str | None = None, since: datetime | None = None) -> None:
    """Follow the e-mail's link in the browser, as the resident would (never by HEAD or API)."""
    message = receive(inbox, profile, resident, sender, since, show=False)
    link = verification_link(message, profile, text)
    if recorder := evidence.current():
        recorder.show_email(message.html, profile.says(text), f'Click "{profile.says(text)}" in the e-mail')
    page.goto(link)


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
def click_email_link(page: Page, portal_profile: Profile, inbox: Inbox, resident: Resident,
                     text: str, sender: str, mail_since: datetime | None) -> None:
    open_email_link(page, portal_profile, inbox, resident, text, sender, mail_since)
