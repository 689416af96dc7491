"""The Inbox protocol every mailbox implements, and the matching rules they share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from email.utils import parseaddr
from typing import Protocol, runtime_checkable

from portalcheck.errors import MailTimeout
from portalcheck.mail.message import Message


@runtime_checkable
class Inbox(Protocol):
    """Where the portal's e-mails land, as steps see it.

    A mailbox that decides residents' addresses (a real test mailbox: its plus-addresses) also
    has `address_for(local: str) -> str`, the address to sign a resident up with for a unique
    local part; the `new_resident` fixture uses it where present. Others leave it out, and
    residents get local@residents.example.test.
    """

    def wait_for(
        self,
        recipient: str,
        *,
        subject: str | None = None,
        timeout: float = 30.0,
        since: datetime | None = None,
    ) -> Message:
        """The newest message to exactly `recipient` (subject containing `subject`, received at or
        after `since`), waiting up to `timeout` seconds; raises MailTimeout."""
        ...

    def messages_to(self, recipient: str) -> list[Message]:
        """Messages to exactly `recipient` that are there now, newest first."""
        ...

    def close(self) -> None:
        """Release the inbox (stop the server, close the HTTP client)."""
        ...

    def describe(self) -> str:
        """One phrase for the report header and error messages."""
        ...


def normalise_address(recipient: str) -> str:
    """The bare, case-folded address, so "Ann <Ann@X.test>" and "ann@x.test" compare equal."""
    address = parseaddr(recipient)[1] or recipient
    return address.strip().casefold()


def as_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken as local time, as datetime.now() gives it."""
    return moment.astimezone(timezone.utc)


def addressed_to(addresses: Iterable[str], recipient: str) -> bool:
    """Whether `recipient` is exactly one of `addresses`: ann@x.test never matches joann@x.test."""
    wanted = normalise_address(recipient)
    return any(normalise_address(address) == wanted for address in addresses)


def subject_matches(actual: str, wanted: str | None) -> bool:
    # Case-insensitive, like Mailpit's own subject: search, so both inboxes agree.
    return wanted is None or wanted.casefold() in actual.casefold()


def timeout_error(
    *,
    recipient: str,
    subject: str | None,
    timeout: float,
    since: datetime | None,
    same_address: list[str],
    elsewhere: str,
    where: str,
    hint: str | None = None,
) -> MailTimeout:
    """A one-line MailTimeout saying what was awaited, what did arrive, and where to look.

    `same_address` holds the subjects that did reach the recipient; `elsewhere` describes
    what reached anyone else (used only when nothing reached the recipient). `hint` replaces the
    closing advice (by default: check the portal's SMTP settings point at `where`).
    """
    awaited = f'subject containing "{subject}"' if subject is not None else "any message"
    when = f" (counting only messages since {as_utc(since):%H:%M:%S} UTC)" if since else ""
    if same_address:
        count = len(same_address)
        noun = "message" if count == 1 else "messages"
        quoted = ", ".join(f'"{item}"' for item in same_address[:5])
        more = f" and {count - 5} more" if count > 5 else ""
        arrived = f"{count} other {noun} to that address arrived: {quoted}{more}"
    else:
        arrived = f"nothing arrived for that address ({elsewhere})"
    what = f"with {awaited}" if subject is not None else "(any message)"
    return MailTimeout(
        f"No e-mail to {recipient} {what} arrived within {timeout:g}s{when}; {arrived}. "
        + (hint or f"Check the portal's SMTP settings point at {where}."),
        recipient=recipient,
        awaited=awaited,
        arrived=tuple(same_address),
    )
