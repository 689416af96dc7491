"""Reading what the portal e-mails a resident: the verification e-mail, its link or its code, and
the other e-mails (reset and unlock links, confirmations, receipts)."""

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
    if show:
        shown(message)
    return message


def shown(message: Message, link_text: str | None = None, description: str = "") -> None:
    """Put the e-mail in the step's evidence, as the resident sees it (its link outlined)."""
    if recorder := evidence.current():
        recorder.show_email(message.html, link_text,
                            description or f'The e-mail "{message.subject}" from {message.sender.name}')


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


class Mailbox:
    """The residents' e-mail from the portal under test, read as the profile says (its subject,
    link pattern, wording and how long to wait)."""

    def __init__(self, inbox: Inbox, profile: Profile):
        self.inbox = inbox
        self.profile = profile

    def verification(self, resident: Resident, sender: str | None = None, since: datetime | None = None,
                     *, show: bool = True) -> Message:
        """The verification e-mail (see verification_email)."""
        return verification_email(self.inbox, self.profile, resident, sender, since, show=show)

    def verification_link(self, message: Message, text: str = "Activate account") -> str:
        return verification_link(message, self.profile, text)

    def verification_code(self, message: Message) -> str:
        return verification_code(message, self.profile)

    def after(self, resident: Resident, since: datetime, *, show: bool = True) -> Message:
        """The first e-mail to the resident after `since`, whatever its subject."""
        message = self.inbox.wait_for(resident.email, timeout=self.profile.email.timeout_seconds, since=since)
        if show:
            shown(message)
        return message

    def link_after(self, resident: Resident, since: datetime, text: str) -> str:
        """The link `text` in the first e-mail to the resident after `since` (a reset or unlock link)."""
        return self.after(resident, since, show=False).link(self.profile.says(text))
