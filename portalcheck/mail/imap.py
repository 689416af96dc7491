"""A real test mailbox read over IMAP: each resident gets a plus-address of it (qa+tag@city.gov).

For portals hosted by their vendor, whose e-mail goes to real addresses. The mailbox is given
as `imaps://user@host[:port]/INBOX` (imap:// without TLS, for local servers); its password comes
only from the environment (PORTALCHECK_IMAP_PASSWORD), never from a flag or the URL.

Waiting uses IMAP IDLE (RFC 2177) where the server offers it, else a search every few seconds.
Python 3.11's imaplib has no IDLE, so the session reads the socket through its own buffer: it
can then wait for the server's next line with a deadline, without a socket timeout (which would
leave imaplib's file object unusable). What this inbox reads it deletes from the server
(\\Deleted, then UID EXPUNGE of just those messages) and keeps, so a step may read it again.
"""

from __future__ import annotations

import email
import imaplib
import os
import re
import select
import socket
import ssl
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.policy import default as default_policy
from email.utils import getaddresses
from typing import Any
from urllib.parse import unquote, urlsplit

from portalcheck.errors import ConfigurationError, MailboxUnreachable, MailError
from portalcheck.mail.embedded import parse_message
from portalcheck.mail.inbox import addressed_to, as_utc, normalise_address, subject_matches, timeout_error
from portalcheck.mail.message import Message

ENV_URL = "PORTALCHECK_IMAP_URL"
ENV_PASSWORD = "PORTALCHECK_IMAP_PASSWORD"
# Headers that name the address a message was delivered to; envelope-only (Bcc) recipients
# appear only in the ones a delivering server adds.
_DELIVERY_HEADERS = ("Delivered-To", "X-Original-To")
# RFC 2177: re-issue IDLE at least every 29 minutes, or the server may log the client out.
_IDLE_MAX = 25 * 60.0
_CHANGE = re.compile(rb"^\* \d+ (EXISTS|RECENT)\b", re.IGNORECASE)
# imaplib's default ports (its IMAP4_PORT and IMAP4_SSL_PORT, which its type stubs leave out).
IMAP4_PORT = 143
IMAP4_SSL_PORT = 993
# Python 3.11's imaplib caps a line at 1 MB as well.
_MAXLINE = getattr(imaplib, "_MAXLINE", 1_000_000)


@dataclass(frozen=True)
class ImapUrl:
    """The parts of `imaps://user@host[:port]/MAILBOX`."""

    tls: bool
    user: str
    host: str
    port: int
    mailbox: str

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'imaps' if self.tls else 'imap'}://{self.user}@{host}:{self.port}/{self.mailbox}"


def parse_imap_url(url: str) -> ImapUrl:
    """Read an imap(s) URL; ConfigurationError says what is wrong and how it should look."""
    example = "give e.g. --imap-url imaps://qa@city.gov@imap.city.gov/INBOX"
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise ConfigurationError(f"--imap-url {url!r} is not a URL ({error}); {example}.") from None
    if parts.scheme not in ("imap", "imaps"):
        raise ConfigurationError(f"--imap-url {url!r} must start with imaps:// (or imap:// without TLS); {example}.")
    if parts.password is not None:
        raise ConfigurationError(
            f"--imap-url must not hold the password: remove it from the URL and set {ENV_PASSWORD} instead.")
    if not parts.username or not parts.hostname:
        raise ConfigurationError(f"--imap-url {url!r} needs the mailbox's user and host; {example}.")
    tls = parts.scheme == "imaps"
    mailbox = unquote(parts.path.strip("/")) or "INBOX"
    return ImapUrl(tls=tls, user=unquote(parts.username), host=parts.hostname,
                   port=port or (IMAP4_SSL_PORT if tls else IMAP4_PORT), mailbox=mailbox)


def _text(value: object) -> str:
    """imaplib's error and response data as one line of text."""
    if isinstance(value, (list, tuple)):
        value = b" ".join(v for v in value if isinstance(v, bytes)) if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return " ".join(str(value).split())


def _quoted(value: str) -> str:
    """An IMAP quoted string (RFC 3501 quoted-specials escaped)."""
    if any(c in value for c in "\r\n") or not value.isascii():
        raise MailError(f"Cannot search the IMAP mailbox for {value!r}: only ASCII addresses on one line.")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Session(imaplib.IMAP4):
    """imaplib's IMAP4 reading through its own buffer, so it can wait for a line with a deadline."""

    def open(self, *args: Any, **kwargs: Any) -> None:
        # Passes its arguments through: IMAP4 and IMAP4_SSL (see _SessionSSL) type `port` differently,
        # and their __init__ always gives the host, port and timeout.
        self._buffer = bytearray()
        super().open(*args, **kwargs)

    def _receive(self, deadline: float | None) -> bool:
        """Add what the server sent to the buffer; False if nothing came before `deadline`."""
        if deadline is not None:
            # TLS may already hold decrypted bytes that select() cannot see.
            pending = self.sock.pending() if isinstance(self.sock, ssl.SSLSocket) else 0
            if not pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                ready, _, _ = select.select([self.sock], [], [], remaining)
                if not ready:
                    return False
        chunk = self.sock.recv(65536)
        if not chunk:
            raise self.abort("socket error: EOF")
        self._buffer += chunk
        return True

    def readline(self) -> bytes:
        line = self.line_before(None)
        assert line is not None
        return line

    def line_before(self, deadline: float | None) -> bytes | None:
        """The server's next line, or None if none is complete by `deadline` (None: wait)."""
        while (end := self._buffer.find(b"\n")) < 0:
            if len(self._buffer) > _MAXLINE:
                raise self.error(f"got more than {_MAXLINE} bytes")
            if not self._receive(deadline):
                return None
        line = bytes(self._buffer[:end + 1])
        del self._buffer[:end + 1]
        return line

    def read(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._receive(None)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def idle(self, deadline: float, entered: threading.Event) -> bool:
        """IDLE until the mailbox grows or `deadline`; True if it grew. Sets `entered` while idling."""
        tag = self._new_tag()
        self.send(tag + b" IDLE\r\n")
        grew = False
        while True:  # untagged updates may come before the server's "+ idling"
            line = self.readline()
            if line.startswith(b"+"):
                break
            if line.startswith(tag + b" "):
                del self.tagged_commands[tag]
                raise self.error(f"IDLE refused: {_text(line)}")
            if line.upper().startswith(b"* BYE"):
                raise self.abort(_text(line))
            grew = grew or bool(_CHANGE.match(line))
        entered.set()
        try:
            while not grew:
                update = self.line_before(deadline)
                if update is None:
                    break
                if update.upper().startswith(b"* BYE"):
                    raise self.abort(_text(update))
                grew = bool(_CHANGE.match(update))  # "* OK Still here", others' EXPUNGEs: keep waiting
        finally:
            entered.clear()
        self.send(b"DONE\r\n")
        self._command_complete("IDLE", tag)
        return grew


class _SessionSSL(_Session, imaplib.IMAP4_SSL):
    """The same over TLS (imaps://)."""


@dataclass(frozen=True)
class _Kept:
    """A message this inbox read (and deleted from the server), with when it first saw it."""

    uid: int
    message: Message
    first_seen: datetime

    def arrived_since(self, cutoff: datetime | None) -> bool:
        if cutoff is None:
            return True
        if self.first_seen < cutoff:
            return False  # already read before `since`: it arrived before then
        # INTERNALDATE counts whole seconds: the message arrived within the second it names.
        return self.message.received_at + timedelta(seconds=1) > cutoff


class ImapInbox:
    """The test mailbox at `url` (imaps://user@host[:port]/MAILBOX); residents get its plus-addresses.

    `address` is the mailbox's e-mail address (qa@city.gov); without it, the URL's user when that
    is an address. The password is `password`, else PORTALCHECK_IMAP_PASSWORD.
    """

    def __init__(
        self,
        url: str,
        *,
        address: str | None = None,
        password: str | None = None,
        poll_interval: float = 2.0,
        use_idle: bool = True,
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        max_messages: int = 1000,
    ) -> None:
        self.url = parse_imap_url(url)
        password = password if password is not None else os.environ.get(ENV_PASSWORD)
        if not password:
            raise ConfigurationError(
                f"{ENV_PASSWORD} is not set: set it to the password of {self.url.user} at {self.url} "
                "(it is read only from this variable).")
        self._password = password
        self.address = self._mailbox_address(address)
        self.poll_interval = poll_interval
        self.use_idle = use_idle
        self.timeout = timeout
        self._ssl_context = ssl_context
        self._session: _Session | None = None
        self._uidplus = False
        self._idle_offered = False
        self._lock = threading.RLock()
        self._closed = threading.Event()
        # Set while the session is in IDLE, waiting for the server to say the mailbox grew.
        self.idling = threading.Event()
        self._kept: deque[_Kept] = deque(maxlen=max_messages)
        # Per recipient: UIDs the server's substring search found that are not to exactly them.
        self._others: dict[str, set[int]] = {}
        self._similar: dict[str, set[str]] = {}

    def _mailbox_address(self, address: str | None) -> str:
        given = (address or (self.url.user if "@" in self.url.user else "")).strip()
        local, at, domain = given.rpartition("@")
        if not at or not local or not domain or " " in given:
            if address:
                raise ConfigurationError(f"--imap-address {address!r} is not an e-mail address; give e.g. qa@city.gov.")
            raise ConfigurationError(
                f"The IMAP user {self.url.user!r} is not an e-mail address: give the mailbox's address with "
                "--imap-address (or PORTALCHECK_IMAP_ADDRESS), e.g. --imap-address qa@city.gov.")
        return given

    # -- What the harness asks of a mailbox -----------------------------------------------

    def describe(self) -> str:
        return f"IMAP mailbox {self.address} at {self.url}"

    def address_for(self, local: str) -> str:
        """The plus-address of this mailbox for one resident: qa+`local`@city.gov.

        The local part is kept within 64 characters (RFC 5321) by keeping the end of `local`,
        where its unique tag is.
        """
        base, _, domain = self.address.rpartition("@")
        separator = "." if "+" in base else "+"  # the mailbox address may itself be a plus-address
        tag = re.sub(r"[^A-Za-z0-9._-]", "", local).strip(".") or "resident"
        room = 64 - len(base) - 1
        return f"{base}{separator}{tag[-room:].lstrip('.')}@{domain}"

    def check(self) -> None:
        """Connect, log in and open the mailbox now, so a wrong URL or password is one line up front."""
        with self._lock:
            self._connected()

    def close(self) -> None:
        self._closed.set()
        if self._lock.acquire(blocking=False):
            try:
                self._drop(logout=True)
            finally:
                self._lock.release()
        elif self._session is not None:
            # A wait is in progress in another thread: wake it; it sees the inbox closed.
            try:
                self._session.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> ImapInbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def messages_to(self, recipient: str) -> list[Message]:
        with self._lock:
            self._retrying(lambda: self._collect(recipient))
            return [kept.message for kept in self._matching(recipient, None, None)]

    def wait_for(
        self,
        recipient: str,
        *,
        subject: str | None = None,
        timeout: float = 30.0,
        since: datetime | None = None,
    ) -> Message:
        cutoff = as_utc(since) if since is not None else None
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                grew = self._retrying(lambda: self._collect(recipient))
                found = self._matching(recipient, subject, cutoff)
                if found:
                    return found[0].message
                if time.monotonic() >= deadline:
                    break
                if not grew:  # nothing arrived while we searched: wait for the server to say so
                    self._retrying(lambda: self._wait(deadline), again=False)
        raise self._timeout(recipient, subject, timeout, since)

    # -- Connection ----------------------------------------------------------------------

    def _unreachable(self, reason: str) -> MailboxUnreachable:
        secure = "imaps:// is TLS, usually port 993; imap:// is plain, port 143"
        return MailboxUnreachable(
            f"The IMAP server at {self.url} is not answering: {reason}. Check the host and port in "
            f"--imap-url / {ENV_URL} ({secure}).", url=str(self.url))

    def _connected(self) -> _Session:
        if self._closed.is_set():
            raise MailError(f"The {self.describe()} is closed.")
        if self._session is not None:
            return self._session
        url = self.url
        try:
            if url.tls:
                context = self._ssl_context or ssl.create_default_context()
                session: _Session = _SessionSSL(url.host, url.port, ssl_context=context, timeout=self.timeout)
            else:
                session = _Session(url.host, url.port, timeout=self.timeout)
        except ssl.SSLError as error:
            raise self._unreachable(f"TLS failed ({error.reason or error})") from None
        except (OSError, imaplib.IMAP4.error) as error:
            raise self._unreachable(_text(getattr(error, "strerror", None) or error) or type(error).__name__) from None
        try:
            try:
                session.login(url.user, self._password)
            except imaplib.IMAP4.abort as error:
                raise self._unreachable(f"the connection broke at login ({_text(error.args[0] if error.args else error)})") from None
            except imaplib.IMAP4.error as error:
                raise MailError(
                    f"The IMAP server at {url} refused the login of {url.user}: "
                    f"{_text(error.args[0] if error.args else error)}. Check the user in --imap-url and the password "
                    f"in {ENV_PASSWORD} (some providers need an app password).") from None
            typ, data = session.select(_quoted(url.mailbox))
            if typ != "OK":
                raise MailError(
                    f"The IMAP server at {url} has no mailbox {url.mailbox!r} for {url.user}: {_text(data)}. "
                    "Fix the folder at the end of --imap-url (usually /INBOX).")
            capabilities = set(_text(session.capability()[1]).upper().split())
        except BaseException:
            try:
                session.shutdown()
            except OSError:
                pass
            raise
        self._uidplus = "UIDPLUS" in capabilities
        self._idle_offered = "IDLE" in capabilities
        self._session = session
        return session

    def _drop(self, *, logout: bool = False) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            if logout:
                session.logout()
            else:
                session.shutdown()
        except (OSError, imaplib.IMAP4.error):
            try:
                session.shutdown()
            except OSError:
                pass

    def _retrying(self, operation, *, again: bool = True):  # noqa: ANN001, ANN202 - a thunk and its result
        """Run `operation`; if the connection broke (servers log idle sessions out), reconnect once.

        With `again=False` a broken connection just ends the operation (a wait: the caller
        searches again anyway, on a new connection).
        """
        for attempt in (1, 2):
            try:
                return operation()
            except (imaplib.IMAP4.abort, OSError) as error:
                self._drop()
                if self._closed.is_set():
                    raise MailError(f"The {self.describe()} was closed while reading it.") from None
                if not again:
                    return None
                if attempt == 2:
                    raise self._unreachable(f"the connection broke ({_text(error) or type(error).__name__})") from None
            except imaplib.IMAP4.error as error:
                self._drop()
                raise MailError(f"The IMAP server at {self.url} answered an error: {_text(error)}.") from None
        raise AssertionError("unreachable")

    # -- Reading -------------------------------------------------------------------------

    def _search(self, session: _Session, recipient: str) -> list[int]:
        wanted = _quoted(normalise_address(recipient))
        # A substring search on the server narrows it down; the match is made exact below.
        criteria = ["UNDELETED", "OR", "OR", "TO", wanted, "CC", wanted,
                    "OR", "HEADER", "Delivered-To", wanted, "HEADER", "X-Original-To", wanted]
        typ, data = session.uid("SEARCH", *criteria)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"SEARCH failed: {_text(data)}")
        return [int(uid) for uid in b" ".join(d for d in data if d).split()]

    def _collect(self, recipient: str) -> bool:
        """Move the messages to exactly `recipient` from the server into the kept ones.

        Returns True if the server announced new mail while we searched (so look again at
        once rather than IDLE: the announcement is spent).
        """
        session = self._connected()
        for key in ("EXISTS", "RECENT"):
            session.untagged_responses.pop(key, None)
        key = normalise_address(recipient)
        known = {kept.uid for kept in self._kept} | self._others.setdefault(key, set())
        new = [uid for uid in self._search(session, recipient) if uid not in known]
        if new:
            now = datetime.now(UTC)
            mine: list[int] = []
            for uid, message in self._fetch(session, new):
                if addressed_to(message.recipients, recipient):
                    self._kept.append(_Kept(uid, message, now))
                    mine.append(uid)
                else:
                    self._others[key].add(uid)
                    self._similar.setdefault(key, set()).update(
                        a for a in message.recipients if key in normalise_address(a))
            self._delete(session, mine)
        return "EXISTS" in session.untagged_responses or "RECENT" in session.untagged_responses

    def _fetch(self, session: _Session, uids: list[int]) -> list[tuple[int, Message]]:
        typ, data = session.uid("FETCH", ",".join(map(str, uids)), "(UID INTERNALDATE BODY.PEEK[])")
        if typ != "OK":
            raise imaplib.IMAP4.error(f"FETCH failed: {_text(data)}")
        fetched = []
        items = list(data or [])
        for index, item in enumerate(items):
            if not isinstance(item, tuple):
                continue
            meta, raw = item[0], item[1]
            following = items[index + 1] if index + 1 < len(items) else b""
            if isinstance(following, bytes) and not re.match(rb"^\d+ \(", following):
                meta += following  # the attributes the server sent after the literal
            uid = re.search(rb"\bUID (\d+)", meta)
            if uid is None:
                continue
            fetched.append((int(uid.group(1)), self._message(int(uid.group(1)), raw, meta)))
        return fetched

    def _message(self, uid: int, raw: bytes, meta: bytes) -> Message:
        parsed = email.message_from_bytes(raw, policy=default_policy)
        delivered = [address for _, address in getaddresses(
            [str(value) for name in _DELIVERY_HEADERS for value in (parsed.get_all(name) or [])]) if address]
        message = parse_message(raw, mail_from=parsed.get("Return-Path", "") or "", rcpt_tos=delivered)
        return replace(message, id=f"{self.url.mailbox}/{uid}", received_at=self._internal_date(meta))

    @staticmethod
    def _internal_date(meta: bytes) -> datetime:
        found = re.search(rb'INTERNALDATE "([^"]+)"', meta)
        if found:
            try:
                return datetime.strptime(found.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z").astimezone(UTC)
            except ValueError:
                pass
        return datetime.now(UTC)

    def _delete(self, session: _Session, uids: list[int]) -> None:
        """Flag `uids` \\Deleted and expunge them (only them, where the server offers UIDPLUS)."""
        if not uids:
            return
        numbers = ",".join(map(str, uids))
        typ, data = session.uid("STORE", numbers, "+FLAGS.SILENT", r"(\Deleted)")
        if typ != "OK":
            raise imaplib.IMAP4.error(f"STORE \\Deleted failed: {_text(data)}")
        typ, data = session.uid("EXPUNGE", numbers) if self._uidplus else session.expunge()
        if typ != "OK":
            raise imaplib.IMAP4.error(f"EXPUNGE failed: {_text(data)}")

    def _matching(self, recipient: str, subject: str | None, cutoff: datetime | None) -> list[_Kept]:
        found = [kept for kept in self._kept
                 if addressed_to(kept.message.recipients, recipient)
                 and subject_matches(kept.message.subject, subject) and kept.arrived_since(cutoff)]
        # Newest first; UIDs break ties within INTERNALDATE's second.
        return sorted(found, key=lambda kept: (kept.message.received_at, kept.uid), reverse=True)

    def _wait(self, deadline: float) -> None:
        """Until the mailbox may hold something new: IDLE where offered, else one poll interval."""
        session = self._connected()
        if self.use_idle and self._idle_offered:
            session.idle(min(deadline, time.monotonic() + _IDLE_MAX), self.idling)
            return
        if self._closed.wait(max(0.0, min(self.poll_interval, deadline - time.monotonic()))):
            raise MailError(f"The {self.describe()} was closed while waiting for mail.")

    def _timeout(self, recipient: str, subject: str | None, timeout: float, since: datetime | None) -> MailError:
        key = normalise_address(recipient)
        similar = sorted(self._similar.get(key, ()))
        elsewhere = (f"only mail to similar addresses: {', '.join(similar[:5])}" if similar
                     else "the mailbox holds nothing addressed to it")
        return timeout_error(
            recipient=recipient,
            subject=subject,
            timeout=timeout,
            since=since,
            same_address=[kept.message.subject for kept in self._matching(recipient, None, None)],
            elsewhere=elsewhere,
            where=self.describe(),
            hint=(f"Check that the portal sends to {recipient} and that mail to plus-addresses of "
                  f"{self.address} reaches {self.url} (not its spam folder)."),
        )
