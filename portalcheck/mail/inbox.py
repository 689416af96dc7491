"""The Inbox protocol every mailbox implements, and the matching rules they share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from typing import Protocol, runtime_checkable

from portalcheck.errors import MailDuplicated, MailLate, MailMisdirected, MailTimeout
from portalcheck.mail.message import Message

# After the deadline a wait goes on this share of its timeout (at most LATE_MAX seconds), so a
# message the portal sends late is reported as late, with when it came, never as a timeout.
LATE_SHARE, LATE_MAX = 0.5, 10.0


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
    return moment.astimezone(UTC)


def addressed_to(addresses: Iterable[str], recipient: str) -> bool:
    """Whether `recipient` is exactly one of `addresses`: ann@x.test never matches joann@x.test."""
    wanted = normalise_address(recipient)
    return any(normalise_address(address) == wanted for address in addresses)


def subject_matches(actual: str, wanted: str | None) -> bool:
    # Case-insensitive, like Mailpit's own subject: search, so both inboxes agree.
    return wanted is None or wanted.casefold() in actual.casefold()


def late_grace(timeout: float) -> float:
    """How long past its deadline a wait still looks for the message, to call it late."""
    return min(timeout * LATE_SHARE, LATE_MAX)


@dataclass(frozen=True)
class Seen:
    """A message that arrived but was not the awaited one: for saying what did arrive."""

    sender: str
    recipients: tuple[str, ...]
    subject: str
    received_at: datetime


def _one_edit(a: str, b: str) -> bool:
    """Whether one character added, dropped, changed, or two swapped, turns `a` into `b`."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start:start + 2][::-1]
        return a[start + 1:] == b[start + 1:] or swapped
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1:] == shorter[start:]


def near_address(address: str, recipient: str) -> bool:
    """A near miss: the same mailbox at another domain, or at the same domain one typo away
    (other residents' addresses differ by far more: each has a random part)."""
    a, b = normalise_address(address), normalise_address(recipient)
    (local_a, _, domain_a), (local_b, _, domain_b) = a.partition("@"), b.partition("@")
    if a == b:
        return False
    return local_a == local_b or (domain_a == domain_b and len(local_b) >= 4 and _one_edit(local_a, local_b))


def near_misses(seen: Iterable[Seen], recipient: str, subject: str | None) -> list[str]:
    """'a message from S ("subject") arrived for Y, not X', for each near-miss recipient."""
    found = []
    for message in seen:
        others = [a for a in message.recipients if near_address(a, recipient)]
        if others and subject_matches(message.subject, subject) and not addressed_to(message.recipients, recipient):
            found.append(f'a message from {message.sender} ("{message.subject}") arrived for {others[0]}, '
                         f"not {recipient}")
    return found


def late_error(message: Message, *, recipient: str, timeout: float, began: float, arrived: float) -> MailLate:
    """The awaited message came, after the deadline: say how late."""
    return MailLate(
        f'The e-mail "{message.subject}" to {recipient} arrived late: after {arrived - began:.1f}s, past the '
        f"{timeout:g}s the profile allows (email.timeout_seconds); make the portal send it sooner, or raise "
        "email.timeout_seconds.", recipient=recipient, seconds=arrived - began)


def duplicate_error(message: Message, messages: Iterable[Message], *, recipient: str) -> MailDuplicated | None:
    """Two or more copies of `message` (same subject and body) to `recipient`: the portal sent it twice."""
    copies = sorted((m for m in messages if (m.subject, m.text, m.html) == (message.subject, message.text, message.html)),
                    key=lambda m: m.received_at)
    if len(copies) < 2:
        return None
    times = " and ".join(f"{as_utc(m.received_at):%H:%M:%S.%f}"[:-3] for m in copies[:5])
    words = {2: "two", 3: "three"}.get(len(copies), str(len(copies)))
    return MailDuplicated(
        f'{words.capitalize()} messages "{message.subject}" arrived for {recipient} (at {times} UTC): the portal '
        "sent the same e-mail more than once; it should send it once.", recipient=recipient, copies=len(copies))


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
    near: Sequence[str] = (),
    before: Sequence[datetime] = (),
) -> MailTimeout:
    """A one-line MailTimeout saying what was awaited, what did arrive, and where to look.

    `same_address` holds the subjects that did reach the recipient; `elsewhere` describes
    what reached anyone else (used only when nothing reached the recipient). `hint` replaces the
    closing advice (by default: check the portal's SMTP settings point at `where`).
    """
    awaited = f'subject containing "{subject}"' if subject is not None else "any message"
    when = f" (counting only messages since {as_utc(since):%H:%M:%S} UTC)" if since else ""
    if near:
        # A message for someone else that should have been the resident's: the likeliest cause.
        more = f" (and {len(near) - 1} more)" if len(near) > 1 else ""
        return MailMisdirected(
            f"The e-mail for {recipient} went to another address: {near[0]}{more}; nothing "
            f"{'with that subject ' if subject is not None else ''}arrived for {recipient} within {timeout:g}s. "
            "Check the address the portal sends to (a typo, a changed domain or case).",
            recipient=recipient, awaited=awaited, arrived=tuple(same_address), subject=subject, since=since)
    if before:
        noun = "a message" if len(before) == 1 else f"{len(before)} messages"
        arrived = (f"{noun} {'with that subject' if subject is not None else ''} arrived for it only before the "
                   f"step began, at {', '.join(f'{as_utc(m):%H:%M:%S}' for m in before[:3])} UTC").replace("  ", " ")
    elif same_address:
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
        subject=subject,
        since=since,
    )
