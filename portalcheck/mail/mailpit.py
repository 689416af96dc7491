"""A client for Mailpit's REST API (v1), the shared inbox for CI and docker compose runs."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from portalcheck.errors import MailboxUnreachable, MailError, MailTimeout
from portalcheck.mail.inbox import (
    Seen,
    addressed_to,
    as_utc,
    late_error,
    late_grace,
    near_misses,
    normalise_address,
    subject_matches,
    timeout_error,
)
from portalcheck.mail.message import Address, Message

# Deliberately absent: GET /api/v1/message/{ID}/link-check. It sends HEAD requests to every
# link, which spends one-time verification tokens before the browser can open them.

_SEARCH = "/api/v1/search"
# One recipient rarely has many mails; the margin covers substring hits (joann@ for ann@).
_PAGE = 100


def parse_created(value: str) -> datetime:
    """Parse Mailpit's RFC 3339 `Created` (fractional seconds, Z or offset) into aware UTC."""
    try:
        # Python 3.11's fromisoformat takes "Z" and truncates Go's nanoseconds to micro.
        moment = datetime.fromisoformat(value.strip().upper())
    except ValueError as error:
        raise MailError(f"Mailpit sent an unreadable Created time {value!r}: {error}.") from error
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _quoted(value: str) -> str | None:
    # Mailpit phrases cannot escape a double quote; callers then filter locally only.
    return None if '"' in value else f'"{value}"'


def _addresses(summary: dict[str, Any], *fields: str) -> list[str]:
    return [entry.get("Address", "") for field in fields for entry in (summary.get(field) or [])]


def _to_exactly(summaries: list[dict[str, Any]], recipient: str) -> list[dict[str, Any]]:
    # Mailpit's to: is a substring match (to:ann@x.test also finds joann@x.test), so search
    # results are always narrowed to the exact address here.
    return [s for s in summaries if addressed_to(_addresses(s, "To", "Cc", "Bcc"), recipient)]


class MailpitInbox:
    """Reads the messages a Mailpit instance at `base_url` has received."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        poll_interval: float = 0.25,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.poll_interval = poll_interval
        self._client = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            transport=transport,
            headers={"Accept": "application/json"},
        )
        # Set by close(): lets a poll loop in another thread stop waiting at once.
        self._closed = threading.Event()

    def describe(self) -> str:
        return f"Mailpit at {self.base_url}"

    def close(self) -> None:
        self._closed.set()
        self._client.close()

    def __enter__(self) -> MailpitInbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- HTTP ---------------------------------------------------------------------------

    def _unreachable(self, reason: str) -> MailboxUnreachable:
        return MailboxUnreachable(
            f"Mailpit is not answering at {self.base_url}: {reason}. Start it (docker compose up "
            "mailpit) or fix --mailpit-url / PORTALCHECK_MAILPIT_URL.",
            url=self.base_url,
        )

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Send one request; transport failures and 5xx become MailboxUnreachable, 4xx MailError."""
        try:
            response = self._client.request(method, path, **kwargs)
        except httpx.TimeoutException as error:
            raise self._unreachable(f"{method} {path} timed out ({type(error).__name__})") from None
        except httpx.HTTPError as error:
            reason = str(error) or type(error).__name__
            raise self._unreachable(" ".join(reason.split())) from None
        if response.status_code >= 500:
            raise self._unreachable(f"{method} {path} answered HTTP {response.status_code}")
        if response.status_code >= 400 and response.status_code != 404:
            body = " ".join(response.text.split())[:200]
            raise MailError(
                f"{self.describe()} refused {method} {path} with HTTP {response.status_code}: {body}. "
                "Check that --mailpit-url points at Mailpit's web UI/API port (8025), not SMTP."
            )
        return response

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise MailError(
                f"{self.describe()} answered {response.request.url.path} with something that is not "
                "JSON. Check that --mailpit-url points at Mailpit (port 8025)."
            ) from None

    def check(self) -> None:
        """Raise MailboxUnreachable unless Mailpit reports itself ready."""
        response = self._request("GET", "/readyz")
        if response.status_code != 200:
            raise self._unreachable(f"GET /readyz answered HTTP {response.status_code}")

    # -- Searching ----------------------------------------------------------------------

    def _query(self, recipient: str, subject: str | None = None) -> str:
        address = normalise_address(recipient)
        quoted = _quoted(address)
        if quoted is None:
            raise MailError(f"Cannot search Mailpit for the address {recipient!r}: it contains a double quote.")
        terms = [f"to:{quoted}"]
        if subject is not None and (subject_term := _quoted(subject)) is not None:
            terms.append(f"subject:{subject_term}")
        return " ".join(terms)

    def _summaries(self, recipient: str, subject: str | None = None) -> list[dict[str, Any]]:
        """Search results addressed to exactly `recipient`, newest first."""
        return _to_exactly(self._search(recipient, subject), recipient)

    def _search(self, recipient: str, subject: str | None = None) -> list[dict[str, Any]]:
        params = {"query": self._query(recipient, subject), "start": 0, "limit": _PAGE}
        body = self._json(self._request("GET", _SEARCH, params=params))
        summaries = list(body.get("messages") or []) if isinstance(body, dict) else []
        # Mailpit already returns newest first; sorting keeps that true whatever the version.
        summaries.sort(key=lambda s: parse_created(s.get("Created", "1970-01-01T00:00:00Z")), reverse=True)
        return summaries

    def _fetch(self, summary: dict[str, Any]) -> Message | None:
        """The full message, or None if Mailpit pruned or someone deleted it meanwhile."""
        response = self._request("GET", f"/api/v1/message/{summary['ID']}")
        if response.status_code == 404:
            return None
        return self._to_message(self._json(response), created=summary["Created"])

    @staticmethod
    def _to_message(data: dict[str, Any], *, created: str) -> Message:
        """Build a Message; `created` comes from the summary, since arrival time is what counts."""
        sender = data.get("From") or {}
        return Message(
            id=str(data["ID"]),
            sender=Address(sender.get("Name", ""), sender.get("Address", "")),
            recipients=tuple(a for a in _addresses(data, "To", "Cc", "Bcc") if a),
            subject=data.get("Subject", ""),
            text=data.get("Text") or "",
            html=data.get("HTML") or "",
            received_at=parse_created(created),
        )

    def messages_to(self, recipient: str) -> list[Message]:
        messages = (self._fetch(summary) for summary in self._summaries(recipient))
        return [message for message in messages if message is not None]

    def wait_for(
        self,
        recipient: str,
        *,
        subject: str | None = None,
        timeout: float = 30.0,
        since: datetime | None = None,
    ) -> Message:
        cutoff = as_utc(since) if since is not None else None
        began = time.monotonic()
        deadline = began + timeout
        # Past the deadline the poll goes on a little, so a late message is called late.
        late_until = deadline + late_grace(timeout)
        while True:
            for summary in self._summaries(recipient, subject):
                fresh = cutoff is None or parse_created(summary["Created"]) >= cutoff
                if fresh and subject_matches(summary.get("Subject", ""), subject):
                    message = self._fetch(summary)
                    if message is not None and time.monotonic() > deadline:
                        raise late_error(message, recipient=recipient, timeout=timeout, began=began,
                                         arrived=time.monotonic())
                    if message is not None:
                        return message
            remaining = late_until - time.monotonic()
            if remaining <= 0:
                break
            # Mailpit's REST API has no long-poll and httpx speaks no WebSocket (/api/events),
            # so poll; waiting on the close event lets close() end the wait at once.
            if self._closed.wait(min(self.poll_interval, remaining)):
                raise MailError(f"The inbox ({self.describe()}) was closed while waiting for mail to {recipient}.")
        raise self._timeout(recipient, subject, timeout, since)

    def _timeout(self, recipient: str, subject: str | None, timeout: float, since: datetime | None) -> MailTimeout:
        hits = self._search(recipient)
        exact = _to_exactly(hits, recipient)
        similar = sorted(
            {a for s in hits if s not in exact for a in _addresses(s, "To", "Cc", "Bcc")
             if normalise_address(recipient) in normalise_address(a)}
        )
        elsewhere = (
            f"only mail to similar addresses: {', '.join(similar[:5])}" if similar
            else "Mailpit holds nothing addressed to it"
        )
        cutoff = as_utc(since) if since is not None else None
        # Near misses: messages with the awaited subject (or the to: search's neighbours) for an
        # address a typo or a domain away.
        candidates = self._search_subject(subject) if subject is not None else hits
        seen = [Seen(str(Address(s.get("From", {}).get("Name", ""), s.get("From", {}).get("Address", ""))),
                     tuple(_addresses(s, "To", "Cc", "Bcc")), s.get("Subject", ""), parse_created(s["Created"]))
                for s in candidates]
        before = [parse_created(s["Created"]) for s in exact if cutoff is not None
                  and subject_matches(s.get("Subject", ""), subject) and parse_created(s["Created"]) < cutoff]
        return timeout_error(
            recipient=recipient,
            subject=subject,
            timeout=timeout,
            since=since,
            same_address=[s.get("Subject", "") for s in exact],
            elsewhere=elsewhere,
            where=self.describe(),
            near=near_misses([m for m in seen if cutoff is None or m.received_at >= cutoff], recipient, subject),
            before=before,
        )

    def _search_subject(self, subject: str) -> list[dict[str, Any]]:
        term = _quoted(subject)
        if term is None:
            return []
        body = self._json(self._request("GET", _SEARCH, params={"query": f"subject:{term}", "start": 0,
                                                                 "limit": _PAGE}))
        return list(body.get("messages") or []) if isinstance(body, dict) else []

    # -- Cleaning up --------------------------------------------------------------------

    def delete_to(self, recipient: str) -> int:
        """Delete the messages to exactly `recipient`; returns how many there were.

        Never DELETE /api/v1/messages without IDs: that empties a Mailpit other suites share.
        """
        deleted = 0
        for _ in range(1000):  # bounded in case a Mailpit ignores the deletes
            hits = self._search(recipient)
            exact = _to_exactly(hits, recipient)
            if not exact:
                return deleted
            if len(exact) == len(hits) and len(hits) < _PAGE:
                # Nothing else matches the substring search, so deleting by query is exact.
                self._request("DELETE", _SEARCH, params={"query": self._query(recipient)})
                return deleted + len(exact)
            # The query would also hit joann@ for ann@, or there is more than a page: by ID.
            self._request("DELETE", "/api/v1/messages", json={"IDs": [s["ID"] for s in exact]})
            deleted += len(exact)
        return deleted
