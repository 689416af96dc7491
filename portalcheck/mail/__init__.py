"""Test mailboxes: where the portal's e-mails land and how steps read them."""

from portalcheck.mail.embedded import EmbeddedInbox
from portalcheck.mail.imap import ImapInbox
from portalcheck.mail.inbox import Inbox
from portalcheck.mail.mailpit import MailpitInbox
from portalcheck.mail.message import Address, Message

__all__ = ["Address", "EmbeddedInbox", "ImapInbox", "Inbox", "MailpitInbox", "Message"]
