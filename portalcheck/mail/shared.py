"""One embedded SMTP inbox for a whole run: the pytest controller owns the port, workers read it.

With `--smtp-listen HOST:PORT` the portal (given by URL, so it cannot learn a random port) sends
to one fixed address. pytest-xdist workers are separate processes, so the controller process
listens there and serves what arrives over a small HTTP/JSON API on a loopback port; each worker
reads through `RemoteInbox`. A wait is a long poll: the controller's request thread sleeps on
the inbox's condition until the message is delivered, so nothing polls.

The API's address holds a random token, so other local users cannot read the portal's mail.
"""

from __future__ import annotations

import json
import secrets
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from portalcheck.errors import MailboxUnreachable, MailError, MailLate, MailMisdirected, MailTimeout
from portalcheck.mail.embedded import EmbeddedInbox
from portalcheck.mail.message import Address, Message

# How long past the wait's own timeout a worker gives the controller to answer.
_MARGIN = 30.0


def parse_listen(value: str) -> tuple[str, int]:
    """Split --smtp-listen "HOST:PORT" (or "[IPv6]:PORT"); ValueError says what is wrong."""
    host, sep, port = value.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--smtp-listen {value!r} is not HOST:PORT; give e.g. --smtp-listen 0.0.0.0:2525 "
                         "(the address the portal's SMTP settings name)")
    return host, int(port)


def portal_hint(host: str, port: int) -> str:
    """What a timeout tells the user to set on the portal."""
    where = ("this machine's address" if host in ("0.0.0.0", "::", "")  # noqa: S104 - naming it, not binding
             else f"host {host}")
    return (f"Set the portal's outgoing mail (SMTP) server to {where}, port {port}: "
            f"--smtp-listen {host}:{port} receives there.")


def message_to_json(message: Message) -> dict[str, Any]:
    return {"id": message.id, "sender": [message.sender.name, message.sender.address],
            "recipients": list(message.recipients), "subject": message.subject, "text": message.text,
            "html": message.html, "received_at": message.received_at.isoformat()}


def message_from_json(data: dict[str, Any]) -> Message:
    return Message(id=data["id"], sender=Address(*data["sender"]), recipients=tuple(data["recipients"]),
                   subject=data["subject"], text=data["text"], html=data["html"],
                   received_at=datetime.fromisoformat(data["received_at"]))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    disable_nagle_algorithm = True  # else each answer's last write waits 40 ms for a delayed ACK

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # a request per wait: not worth a line on the controller's terminal

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        token, _, action = url.path.strip("/").partition("/")
        if not secrets.compare_digest(token, self.server.token):
            self._send(404, {"error": "not found"})
            return
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        inbox = self.server.inbox
        try:
            if action == "wait":
                since = datetime.fromisoformat(query["since"]) if query.get("since") else None
                message = inbox.wait_for(query["recipient"], subject=query.get("subject"),
                                         timeout=float(query["timeout"]), since=since)
                self._send(200, {"message": message_to_json(message)})
            elif action == "messages":
                self._send(200, {"messages": [message_to_json(m) for m in inbox.messages_to(query["recipient"])]})
            else:
                self._send(404, {"error": f"no action {action!r}"})
        except MailTimeout as error:
            self._send(200, {"timeout": {"message": str(error), "recipient": error.recipient,
                                         "awaited": error.awaited, "arrived": list(error.arrived),
                                         "subject": error.subject,
                                         "since": error.since.isoformat() if error.since else None,
                                         "misdirected": isinstance(error, MailMisdirected)}})
        except MailLate as error:
            self._send(200, {"late": {"message": str(error), "recipient": error.recipient, "seconds": error.seconds}})
        except MailError as error:
            self._send(200, {"error": str(error)})
        except (KeyError, ValueError) as error:
            self._send(400, {"error": f"bad request: {error}"})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, inbox: EmbeddedInbox, token: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.inbox = inbox
        self.token = token


class InboxAPI:
    """Serves `inbox` (an EmbeddedInbox) to other processes on a loopback port; `url` is for them."""

    def __init__(self, inbox: EmbeddedInbox) -> None:
        self.inbox = inbox
        self._server = _Server(inbox, secrets.token_urlsafe(16))
        self._thread = threading.Thread(target=self._server.serve_forever, name="portalcheck-inbox-api",
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        assert isinstance(host, str)  # an AF_INET socket's getsockname() names its host as text
        return f"http://{host}:{port}/{self._server.token}"

    def start(self) -> InboxAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


class RemoteInbox:
    """A worker's view of the controller's embedded inbox, read over InboxAPI."""

    def __init__(self, api_url: str, *, listen: tuple[str, int], transport: httpx.BaseTransport | None = None) -> None:
        self.api_url = api_url.rstrip("/")
        self.listen = listen
        self._client = httpx.Client(base_url=self.api_url, transport=transport, timeout=httpx.Timeout(10.0))

    def describe(self) -> str:
        host, port = self.listen
        return f"embedded SMTP inbox at {host}:{port}"

    def _get(self, action: str, params: dict[str, Any], *, timeout: float) -> dict[str, Any]:
        try:
            response = self._client.get(f"/{action}", params=params, timeout=timeout)
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise MailboxUnreachable(
                f"The pytest controller's inbox API at {self.api_url.rsplit('/', 1)[0]} did not answer "
                f"({' '.join(str(error).split()) or type(error).__name__}); the run's main process may have "
                "stopped: see its output.", url=self.api_url) from None
        if "error" in body:
            raise MailError(body["error"])
        return body

    def wait_for(
        self,
        recipient: str,
        *,
        subject: str | None = None,
        timeout: float = 30.0,
        since: datetime | None = None,
    ) -> Message:
        params: dict[str, Any] = {"recipient": recipient, "timeout": timeout}
        if subject is not None:
            params["subject"] = subject
        if since is not None:
            params["since"] = since.isoformat()
        body = self._get("wait", params, timeout=timeout + _MARGIN)
        # The same exception the controller's inbox raised, so a worker tells them apart as it would.
        if "timeout" in body:
            missing = body["timeout"]
            kind = MailMisdirected if missing.get("misdirected") else MailTimeout
            raise kind(missing["message"], recipient=missing["recipient"], awaited=missing["awaited"],
                       arrived=tuple(missing["arrived"]), subject=missing.get("subject"),
                       since=datetime.fromisoformat(missing["since"]) if missing.get("since") else None)
        if "late" in body:
            late = body["late"]
            raise MailLate(late["message"], recipient=late["recipient"], seconds=late["seconds"])
        return message_from_json(body["message"])

    def messages_to(self, recipient: str) -> list[Message]:
        body = self._get("messages", {"recipient": recipient}, timeout=_MARGIN)
        return [message_from_json(item) for item in body["messages"]]

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteInbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
