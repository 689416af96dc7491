"""Reading what the portal e-mails a resident: the verification e-mail, its link or its code."""

from __future__ import annotations

import re
from datetime import datetime

from portalcheck import evidence
from portalcheck.mail import Inbox, Message
from portalcheck.mail.inbox import duplicate_error
from portalcheck.profile import Profile
from portalcheck.residents import Resident


def verification_email(inbox: Inbox, profile: Profile, resident: Resident, sender: str | None = None,
                       since: datetime | None = None, *, show: bool = True) -> Message:
    """The newest verification e-mail to the resident, checked to come from `sender`."""
    message = inbox.wait_for(resident.email, subject=profile.email.subject or None,
                             timeout=profile.email.timeout_seconds, since=since)
    # The same e-mail twice (subject and body alike) is a fault of its own, not the one awaited.
    if twice := duplicate_error(message, inbox.messages_to(resident.email), recipient=resident.email):
        raise twice
    if sender is not None:
        expected = profile.says(sender)
        assert message.sender.name == expected, (
            f'The e-mail to {resident.email} came from "{message.sender}", not "{expected}".'
        )
    if show and (recorder := evidence.current()):
        recorder.show_email(message.html, None, f'The e-mail "{message.subject}" from {message.sender.name}')
    return message


def verification_link(message: Message, profile: Profile, text: str) -> str:
    """The link by its text in the HTML part, or by the profile's pattern in a plain-text e-mail."""
    if profile.email.link_pattern:
        return message.link_matching(profile.email.link_pattern)
    return message.link(profile.says(text))


def verification_code(message: Message, profile: Profile) -> str:
    """The code a portal e-mails instead of a link (`flows.verification = "code"`)."""
    found = re.search(profile.flows.code_pattern, message.text)
    assert found, (f'The e-mail "{message.subject}" holds no verification code matching '
                   f"flows.code_pattern {profile.flows.code_pattern!r}: {message.text[:300]!r}")
    return found.group(1) if found.groups() else found.group(0)
