"""An in-process SMTP server (aiosmtpd) that keeps what the portal sends, for local runs."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
import uuid
import weakref
from collections import deque
from collections.abc import Awaitable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

from portalcheck.errors import MailError
from portalcheck.mail.inbox import (
    Seen,
    addressed_to,
    as_utc,
    late_error,
    late_grace,
    near_misses,
    subject_matches,
    timeout_error,
)
from portalcheck.mail.message import Address, Message

# A fixed EHLO name: aiosmtpd would otherwise call socket.getfqdn(), which can stall on DNS.
_SERVER_NAME = "portalcheck.inbox"


class _SMTP(SMTP):
    """aiosmtpd's SMTP session, with a future that completes when its connection is gone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lost: asyncio.Future[None] = self.loop.create_future()

    def connection_lost(self, error: Exception | None) -> None:
        super().connection_lost(error)
        if not self.lost.done():
            self.lost.set_result(None)


class _Controller(Controller):
    """aiosmtpd's Controller serving a socket we bound ourselves, and closing cleanly.

    Binding in the caller's thread means a busy port fails at once with a plain OSError
    (Controller would only notice after its ready_timeout), and port 0 works: Controller
    otherwise probes (hostname, 0) to check that the server answers.
    """

    def __init__(self, handler: object, sock: socket.socket, **kwargs: Any) -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(handler, hostname=host, port=port, **kwargs)
        self._sock = sock
        self._sessions: weakref.WeakSet[_SMTP] = weakref.WeakSet()

    def _create_server(self) -> Awaitable[asyncio.AbstractServer]:
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)

    def factory(self) -> _SMTP:
        session = _SMTP(self.handler, **self.SMTP_kwargs)
        self._sessions.add(session)
        return session

    async def _close_sessions(self) -> None:
        """Close the server and every open connection, and wait until they are gone.

        Controller.stop() only cancels tasks and stops the loop, so a connection still open
        (its own start-up probe, a portal's pooled connection) would leak its socket and
        surface later as a ResourceWarning in some unrelated test.
        """
        # asyncio sets an accepted connection up in a task; closing the server before that
        # task runs makes it fail and leak the socket. So close only once none is pending;
        # the check and close() run without yielding in between.
        for _ in range(100):
            accepting = [
                task for task in asyncio.all_tasks()
                if getattr(task.get_coro(), "__name__", "") == "_accept_connection2"
            ]
            if not accepting:
                break
            await asyncio.wait(accepting, timeout=5)
        if self.server is not None:
            self.server.close()
        sessions = list(self._sessions)
        for session in sessions:
            if session.transport is not None:
                session.transport.close()
        handlers = [getattr(session, "_handler_coroutine", None) for session in sessions]
        waiting = [session.lost for session in sessions if not session.lost.done()]
        waiting += [task for task in handlers if task is not None and not task.done()]
        if waiting:
            await asyncio.wait(waiting, timeout=5)

    def stop(self, no_assert: bool = False) -> None:
        if self._thread is not None and self.loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(self._close_sessions(), self.loop).result(timeout=10)
            except Exception:  # noqa: BLE001 - stopping must go on; the base class cleans up
                pass
        super().stop(no_assert)


def _body(parsed: EmailMessage, subtype: str) -> str:
    part = parsed.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AttributeError):
        # Unknown or lying charset: show the bytes rather than lose the message.
        payload = part.get_payload(decode=True)  # bytes for a body part; None only for a multipart
        return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""


def _header_addresses(parsed: EmailMessage, name: str) -> list[Address]:
    try:
        header = parsed[name]
        addresses = getattr(header, "addresses", ()) if header is not None else ()
        return [Address(a.display_name, a.addr_spec) for a in addresses]
    except (ValueError, IndexError, TypeError):
        # A malformed header should not cost us the rest of the message.
        return []


def parse_message(raw: bytes, *, mail_from: str, rcpt_tos: list[str]) -> Message:
    """Decode one SMTP delivery into a Message (envelope recipients first, then To/Cc)."""
    parsed = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(parsed, EmailMessage)
    senders = _header_addresses(parsed, "From")
    sender = senders[0] if senders else Address("", mail_from)
    recipients: list[str] = []
    headers = _header_addresses(parsed, "To") + _header_addresses(parsed, "Cc")
    listed = [*rcpt_tos, *(a.address for a in headers)]
    for address in listed:
        if address and not addressed_to(recipients, address):
            recipients.append(address)
    return Message(
        id=uuid.uuid4().hex,
        sender=sender,
        recipients=tuple(recipients),
        subject=str(parsed.get("Subject", "")),
        text=_body(parsed, "plain"),
        html=_body(parsed, "html"),
        received_at=datetime.now(UTC),
    )


class _Store:
    """Messages newest-last, bounded, with a condition that wakes waiters on each delivery."""

    def __init__(self, max_messages: int) -> None:
        self.condition = threading.Condition()
        self.messages: deque[Message] = deque(maxlen=max_messages)
        self.closed = False

    def add(self, message: Message) -> None:
        with self.condition:
            self.messages.append(message)
            self.condition.notify_all()

    def close(self) -> None:
        with self.condition:
            self.closed = True
            self.condition.notify_all()


class _Handler:
    """aiosmtpd handler: accept every recipient, store every message."""

    def __init__(self, store: _Store) -> None:
        self._store = store

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        raw: bytes | str | None = getattr(envelope, "original_content", None) or getattr(envelope, "content", b"")
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        assert raw is not None  # aiosmtpd sets the envelope's content before it calls handle_DATA
        mail_from = getattr(envelope, "mail_from", "") or ""
        rcpt_tos = list(getattr(envelope, "rcpt_tos", []))
        try:
            message = parse_message(raw, mail_from=mail_from, rcpt_tos=rcpt_tos)
        except Exception as error:  # noqa: BLE001 - keep the mail visible rather than refuse it
            # Refusing would surface as an SMTP error inside the portal, far from the cause;
            # a stored stub shows up in "what did arrive" instead.
            message = Message(
                id=uuid.uuid4().hex,
                sender=Address("", mail_from),
                recipients=tuple(rcpt_tos),
                subject=f"(unparseable message: {error})",
                text=raw.decode("utf-8", errors="replace"),
                html="",
                received_at=datetime.now(UTC),
            )
        self._store.add(message)
        return "250 Message accepted for delivery"


class EmbeddedInbox:
    """An SMTP server on `host:port` (port 0: any free port) holding the last `max_messages`."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, max_messages: int = 1000, hint: str | None = None
    ) -> None:
        self._host = host
        # What a timeout tells the user to do (default: check the portal's SMTP settings point here).
        self.hint = hint
        self._requested_port = port
        self._store = _Store(max_messages)
        self._controller: _Controller | None = None

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        """The port in use once started (the requested one before)."""
        return self._controller.port if self._controller is not None else self._requested_port

    def describe(self) -> str:
        return f"embedded SMTP inbox at {self._host}:{self.port}"

    def start(self) -> EmbeddedInbox:
        """Start listening; returns once the server answers, or raises MailError."""
        if self._controller is not None:
            return self
        try:
            family = socket.AF_INET6 if ":" in self._host else socket.AF_INET
            sock = socket.create_server((self._host, self._requested_port), family=family)
        except OSError as error:
            raise MailError(
                f"Could not start the embedded SMTP inbox on {self._host}:{self._requested_port}: "
                f"{error.strerror or error}. Free that port or choose another (port 0 picks a free one)."
            ) from error
        controller = _Controller(
            _Handler(self._store), sock, server_hostname=_SERVER_NAME, ready_timeout=10.0
        )
        try:
            controller.start()
        except Exception as error:
            sock.close()
            self._abandon(controller)
            raise MailError(
                f"The embedded SMTP inbox on {self._host}:{controller.port} did not start: {error}."
            ) from error
        with self._store.condition:
            self._store.closed = False  # a restarted inbox accepts waiters again
        self._controller = controller
        return self

    @staticmethod
    def _abandon(controller: _Controller) -> None:
        # A failed start can leave aiosmtpd's thread or event loop behind; release both so
        # the failure is reported once, not again later as a ResourceWarning.
        try:
            controller.stop(no_assert=True)
        except Exception:  # noqa: BLE001 - the start failure is the error worth reporting
            pass
        if not controller.loop.is_running() and not controller.loop.is_closed():
            controller.loop.close()

    def stop(self) -> None:
        """Stop the server and wake anyone still waiting. Safe to call twice."""
        # Closed first, so a wait starting while the server stops says "stopped", not "not started".
        self._store.close()
        controller, self._controller = self._controller, None
        if controller is not None:
            self._requested_port = controller.port
            controller.stop()

    close = stop

    def __enter__(self) -> EmbeddedInbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _matching(self, recipient: str, subject: str | None, since: datetime | None) -> list[Message]:
        cutoff = as_utc(since) if since is not None else None
        return [
            message
            for message in reversed(self._store.messages)
            if addressed_to(message.recipients, recipient)
            and subject_matches(message.subject, subject)
            and (cutoff is None or message.received_at >= cutoff)
        ]

    def messages_to(self, recipient: str) -> list[Message]:
        with self._store.condition:
            return self._matching(recipient, None, None)

    def wait_for(
        self,
        recipient: str,
        *,
        subject: str | None = None,
        timeout: float = 30.0,
        since: datetime | None = None,
    ) -> Message:
        store = self._store
        if self._controller is None and not store.closed:
            raise MailError(
                f"The {self.describe()} is not started: call start() or use it in a with-block."
            )
        found: list[Message] = []

        def arrived_or_closed() -> bool:
            found[:] = self._matching(recipient, subject, since)
            return bool(found) or store.closed

        began = time.monotonic()
        with store.condition:
            # Condition.wait_for re-checks only when handle_DATA notifies: no polling.
            store.condition.wait_for(arrived_or_closed, timeout=timeout)
            if not found and not store.closed:  # past the deadline: late, or not at all?
                store.condition.wait_for(arrived_or_closed, timeout=late_grace(timeout))
                if found:
                    raise late_error(found[0], recipient=recipient, timeout=timeout, began=began,
                                     arrived=time.monotonic())
            if found:
                return found[0]
            if store.closed:
                raise MailError(f"The {self.describe()} was stopped while waiting for mail to {recipient}.")
            same = [m.subject for m in self._matching(recipient, None, None)]
            before = [m.received_at for m in self._matching(recipient, subject, None)] if since else []
            seen = [Seen(str(m.sender), m.recipients, m.subject, m.received_at) for m in store.messages
                    if since is None or m.received_at >= as_utc(since)]
            total = len(store.messages)
        noun = "message" if total == 1 else "messages"
        raise timeout_error(
            recipient=recipient,
            subject=subject,
            timeout=timeout,
            since=since,
            same_address=same,
            elsewhere=f"{total} {noun} to other addresses" if total else "no messages arrived at all",
            where=self.describe(),
            near=near_misses(seen, recipient, subject),
            before=before,
            hint=self.hint,
        )
